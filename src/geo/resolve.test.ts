import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Gazetteer, GazetteerRecord, PlaceKind } from './gazetteer.js';
import { distanceKm, resolvePlaces, splitTypeWord } from './resolve.js';
import type { ToponymInput } from './resolve.js';

// A small gazetteer of real GeoNames records (coordinates, codes and populations as GeoNames gives them),
// enough to exercise each kind of evidence without loading the full table.
type Row = [id: string, name: string, names: string[], lat: number, lon: number, kind: PlaceKind, code: string, country: string, admin1: string, population: number];
const ROWS: Row[] = [
  ['geonames:163345', 'Syria', ['Syria', 'Syrian Arab Republic'], 35, 38, 'country', 'PCLI', 'SY', '', 22933531],
  ['geonames:6252001', 'United States', ['United States', 'U.S.', 'US'], 39.76, -98.5, 'country', 'PCLI', 'US', '', 327167434],
  ['geonames:163808', 'Tadmur', ['Tadmur', 'Palmyra', 'Tadmor'], 34.56, 38.28, 'city', 'PPL', 'SY', 'SY.05', 51323],
  ['geonames:5130661', 'Palmyra', ['Palmyra'], 43.06, -77.23, 'city', 'PPL', 'US', 'US.NY', 3500],
  ['geonames:4314550', 'Alexandria', ['Alexandria'], 31.31, -92.45, 'city', 'PPLA2', 'US', 'US.LA', 47723],
  ['geonames:361058', 'Alexandria', ['Alexandria', 'Al Iskandariyah'], 31.2, 29.92, 'city', 'PPLA', 'EG', 'EG.06', 3811516],
  ['geonames:4331987', 'Louisiana', ['Louisiana'], 31, -92, 'admin1', 'ADM1', 'US', 'US.LA', 4533372],
  ['geonames:170016', 'Homs', ['Homs', 'Hims'], 34.73, 36.71, 'city', 'PPLA', 'SY', 'SY.11', 775404],
  ['geonames:170063', 'Aleppo', ['Aleppo', 'Halab'], 36.2, 37.16, 'city', 'PPLA', 'SY', 'SY.09', 1602264],
  ['geonames:173576', 'Hama', ['Hama', 'Hamah'], 35.13, 36.76, 'city', 'PPLA', 'SY', 'SY.06', 696863],
  ['geonames:173577', 'Hama', ['Hama', 'Muhafazat Hamah'], 35.17, 36.83, 'admin1', 'ADM1', 'SY', 'SY.06', 1628000],
  ['newsgraph:euphrates', 'Euphrates', ['Euphrates', 'Euphrates River'], 35.0, 40.0, 'river', '', '', '', 0],
  ['geonames:99999', 'Euphrates', ['Euphrates'], 10.0, -70.0, 'city', 'PPL', 'VE', 'VE.01', 2000],
];
const records: GazetteerRecord[] = ROWS.map(([gazetteerId, name, names, lat, lon, kind, featureCode, country, admin1, population], index) => ({
  index,
  gazetteerId,
  name,
  names,
  lat,
  lon,
  kind,
  featureCode,
  country,
  admin1,
  admin2: '',
  population,
  approximate: false,
}));
const key = (s: string) => s.toLowerCase().replace(/^the\s+/, '');
const fixture: Gazetteer = {
  records,
  candidates: (name) => records.filter((r) => r.names.some((n) => key(n) === key(name))).sort((a, b) => b.population - a.population),
  fuzzyCandidates: (name) => (key(name) === 'aleppoo' ? [{ record: records[8]!, cost: 0.5 }] : []),
  country: (iso2) => records.find((r) => r.kind === 'country' && r.country === iso2),
  admin1: (code) => records.find((r) => r.kind === 'admin1' && r.admin1 === code),
  demonymCountry: (word) => ({ Syrian: 'SY', American: 'US' })[word],
};

/** Toponyms for every occurrence of each name in the text. */
function toponyms(text: string, names: string[]): ToponymInput[] {
  return names.map((name) => ({
    id: name,
    names: [name],
    mentions: [...text.matchAll(new RegExp(name.replace(/[.]/g, '\\.'), 'g'))].map((m) => ({ start: m.index, end: m.index + name.length })),
  }));
}

const resolve = (text: string, names: string[]) => {
  const result = resolvePlaces({ text, toponyms: toponyms(text, names) }, fixture);
  return { ...result, of: (name: string) => result.resolutions.find((r) => r.toponym.id === name) };
};

test('an ambiguous name follows the country the article is about', () => {
  const syria = resolve('Government forces retook Palmyra from militants, the Syrian army said, after fighting near Homs in Syria.', ['Palmyra', 'Homs', 'Syria']);
  assert.equal(syria.of('Palmyra')?.record.gazetteerId, 'geonames:163808');
  assert.ok(syria.of('Palmyra')!.evidence.includes('country'));
  assert.equal(syria.focus?.country, 'SY');
  const us = resolve('The village board of Palmyra in the United States met on Monday; American officials attended.', ['Palmyra', 'United States']);
  assert.equal(us.of('Palmyra')?.record.gazetteerId, 'geonames:5130661');
  assert.equal(us.focus?.country, 'US');
});

test('"Alexandria, Louisiana" is contained in the region written after it', () => {
  const r = resolve('Alexandria, Louisiana - A woman was charged with arson on Friday.', ['Alexandria', 'Louisiana']);
  assert.equal(r.of('Alexandria')?.record.gazetteerId, 'geonames:4314550');
  assert.ok(r.of('Alexandria')!.evidence.includes('containment'));
  // Without context the large Egyptian city wins, and the Louisiana one is the runner-up.
  const bare = resolve('Alexandria was quiet on Friday.', ['Alexandria']);
  assert.equal(bare.of('Alexandria')?.record.gazetteerId, 'geonames:361058');
  assert.equal(bare.of('Alexandria')?.runnerUp?.record.gazetteerId, 'geonames:4314550');
});

test('a type word picks the kind of place: "Hama province" is the region, "Hama" alone the city', () => {
  assert.equal(resolve('Fighting spread across Hama province on Sunday.', ['Hama']).of('Hama')?.record.kind, 'admin1');
  assert.equal(resolve('Clashes in Hama province', ['Hama province']).of('Hama province')?.record.kind, 'admin1');
  assert.equal(resolve('Protesters gathered in Hama on Sunday.', ['Hama']).of('Hama')?.record.kind, 'city');
  assert.deepEqual(splitTypeWord('the city of Aleppo'), { base: 'Aleppo', kinds: ['city'] });
  assert.deepEqual(splitTypeWord('Raqqa governorate').base, 'Raqqa');
});

test('a curated river outranks a village of the same name; an unknown spelling lands by the fuzzy fallback', () => {
  assert.equal(resolve('Forces crossed the Euphrates near the dam.', ['Euphrates']).of('Euphrates')?.record.kind, 'river');
  const fuzzy = resolve('Shelling hit Aleppoo overnight.', ['Aleppoo']).of('Aleppoo');
  assert.equal(fuzzy?.record.gazetteerId, 'geonames:170063');
  assert.ok(fuzzy!.evidence.includes('fuzzy-name'));
  assert.ok(fuzzy!.confidence > 0 && fuzzy!.confidence <= 1);
});

test('a dateline weighs on the focus; unknown names give no place and no crash', () => {
  const r = resolve('ALEPPO (Reuters) - Talks were held in Alexandria and Aleppo.', ['ALEPPO', 'Alexandria', 'Aleppo', 'Atlantis']);
  assert.equal(r.of('Atlantis'), undefined);
  assert.equal(r.focus?.country, 'SY');
  assert.deepEqual(resolvePlaces({ text: '', toponyms: [] }, fixture), { resolutions: [], focus: null });
});

test('great-circle distances', () => {
  assert.ok(Math.abs(distanceKm({ lat: 36.2, lon: 37.16 }, { lat: 33.51, lon: 36.29 }) - 310) < 10, 'Aleppo-Damascus is about 310 km');
  assert.equal(distanceKm({ lat: 1, lon: 2 }, { lat: 1, lon: 2 }), 0);
});
