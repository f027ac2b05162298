import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entity, Place } from '../core/doc.js';
import { placedWithin, retypeByTypeWord } from './within.js';

// Sentences written for these tests; places as the geocoder would give them.
const entity = (text: string, name: string, type: Entity['type']): Entity => {
  const mentions = [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({ start: m.index, end: m.index + name.length, text: name }));
  return { id: name.toLowerCase().replace(/\s+/g, '-'), name, type, aliases: [name], mentions, roles: [], source: 'test', confidence: 0.8 };
};
const place = (e: Entity, kind: Place['kind'], country: string, lat: number, lon: number): Place => ({
  entity: e.id, name: e.name, gazetteerId: `geonames:${e.id}`, gazetteerName: e.name, lat, lon, country, admin1: '', kind, runnerUp: null, evidence: ['name'], source: 'geocode-v1', confidence: 0.8,
});

test('a neighbourhood or village the gazetteer lacks is placed at the city or region the text puts it in', () => {
  const text = 'Rockets hit the Bab Tuma neighbourhood in Aleppo city and Aleppo\'s Jdeideh district. Nothing is known of Sarba.';
  const aleppo = entity(text, 'Aleppo', 'GPE');
  const entities = [aleppo, entity(text, 'Bab Tuma', 'FAC'), entity(text, 'Jdeideh', 'GPE'), entity(text, 'Sarba', 'GPE')];
  const got = placedWithin(text, entities, [place(aleppo, 'city', 'SY', 36.2, 37.16)], 'SY');
  const by = new Map(got.map((p) => [p.entity, p]));
  assert.deepEqual([by.get('bab-tuma')?.lat, by.get('bab-tuma')?.kind, by.get('bab-tuma')?.evidence], [36.2, 'site', ['within']]);
  assert.equal(by.get('jdeideh')?.lon, 37.16);
  assert.equal(by.get('sarba'), undefined, 'no container named: not placed');
  assert.ok(by.get('bab-tuma')!.confidence < 0.8);
});

test('a foreign namesake is replaced only when the text puts the name inside a place of the article\'s country', () => {
  const text = 'Air raids hit Milis in Idlib province. Milis is quiet.';
  const idlib = entity(text, 'Idlib', 'GPE');
  const milis = entity(text, 'Milis', 'GPE');
  const places = [place(idlib, 'admin1', 'SY', 35.8, 36.6), place(milis, 'city', 'IT', 40.05, 8.64)];
  assert.equal(placedWithin(text, [idlib, milis], places, 'SY').find((p) => p.entity === 'milis')?.country, 'SY');
  // A country is no container: "in Syria" does not place a village.
  const broad = 'Air raids hit Milis in Syria.';
  const syria = entity(broad, 'Syria', 'GPE');
  const m2 = entity(broad, 'Milis', 'GPE');
  assert.equal(placedWithin(broad, [syria, m2], [place(syria, 'country', 'SY', 35, 38), place(m2, 'city', 'IT', 40.05, 8.64)], 'SY').find((p) => p.entity === 'milis')?.country, 'IT');
});

test('a name misread as a person that the text calls a village or neighbourhood is a place; a nationality before "town" is not', () => {
  const text = 'Shelling hit the village of Kafr Nabl and the Salah al-Din neighbourhood. The Syrian town was empty.';
  const got = retypeByTypeWord(text, [entity(text, 'Kafr Nabl', 'PERSON'), entity(text, 'Salah al-Din', 'PERSON'), entity(text, 'Syrian', 'NORP')]);
  assert.deepEqual(got.map((e) => e.type), ['GPE', 'FAC', 'NORP']);
});
