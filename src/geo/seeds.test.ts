/**
 * Geocoding acceptance on the five seed articles (read from ../shared/seeds):
 * every place of the Mosul and Raqqa campaigns named there lands within 20 km
 * of the right place, whatever spelling the outlet used, and "Palmyra" in a
 * Syria article is the Syrian city. Reference points are the places'
 * well-known coordinates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAVE_SEEDS as have, analysedSeeds } from '../pipeline/seeds.fixture.js';
import { distanceKm } from './resolve.js';

const docs = analysedSeeds();

const REFERENCE: Record<string, { lat: number; lon: number; spellings: RegExp }> = {
  Raqqa: { lat: 35.95, lon: 39.01, spellings: /^(?:al-)?Raqqah?$/i },
  'Deir ez-Zor': { lat: 35.34, lon: 40.14, spellings: /^Deir/ },
  'Abu Kamal': { lat: 34.45, lon: 40.92, spellings: /^(?:Boukamal|Abu Kamal|al-Bu ?Kamal|Albu Kamal)$/i },
  Mayadin: { lat: 35.02, lon: 40.45, spellings: /^(?:al-)?Mayade?en$|Mayadin/i },
  'Al-Tanf': { lat: 33.51, lon: 38.66, spellings: /Tanf/i },
  'Al-Qaim': { lat: 34.39, lon: 40.99, spellings: /Qa[ie]m/i },
  Palmyra: { lat: 34.56, lon: 38.28, spellings: /^(?:Palmyra|Tadmur)$/ },
  Mosul: { lat: 36.34, lon: 43.12, spellings: /^Mosul$/ },
  Aleppo: { lat: 36.2, lon: 37.16, spellings: /^Aleppo$/ },
  Fallujah: { lat: 33.35, lon: 43.78, spellings: /^Fallujah$/ },
  Dabiq: { lat: 36.54, lon: 37.27, spellings: /^Dabiq$/ },
  Maskana: { lat: 35.97, lon: 38.04, spellings: /^Maskana$/ },
  Beirut: { lat: 33.89, lon: 35.5, spellings: /^Beirut$/i },
};

test('the seeds\' places land within 20 km of the right place, under every spelling', { skip: !have }, () => {
  const seen = new Set<string>();
  for (const doc of docs) {
    for (const entity of doc.entities) {
      for (const [place, ref] of Object.entries(REFERENCE)) {
        if (!entity.aliases.some((a) => ref.spellings.test(a.replace(/^the\s+/i, '')))) continue;
        if (!['GPE', 'LOC', 'FAC'].includes(entity.type)) continue;
        const resolved = doc.places.find((p) => p.entity === entity.id);
        assert.ok(resolved, `${doc.raw.input}: ${entity.name} (${entity.aliases.join(', ')}) has no place`);
        const km = distanceKm(resolved, ref);
        assert.ok(km <= 20, `${doc.raw.input}: ${entity.name} -> ${resolved.gazetteerName} ${resolved.country} is ${Math.round(km)} km from ${place}`);
        assert.ok(resolved.confidence > 0 && resolved.confidence <= 1);
        seen.add(place);
      }
    }
  }
  // Every reference place the seeds name was found and checked (Deir ez-Zor, Palmyra... in several spellings).
  assert.deepEqual([...seen].sort(), Object.keys(REFERENCE).sort());
});

test('each seed article is about Syria or Iraq', { skip: !have }, () => {
  for (const doc of docs) assert.ok(doc.geoFocus && ['SY', 'IQ'].includes(doc.geoFocus.country), `${doc.raw.input}: ${JSON.stringify(doc.geoFocus)}`);
});
