import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGazetteer, formatGazetteer, GAZETTEER_URL, loadGazetteer, parseGazetteer, stripAdminWords } from './gazetteer.js';
import type { GazetteerEntry } from './gazetteer.js';

const raqqa: GazetteerEntry = {
  gazetteerId: 'geonames:172955',
  name: 'Ar Raqqah',
  names: ['Ar Raqqah', 'Raqqa', 'Rakka'],
  lat: 35.9528,
  lon: 39.0079,
  kind: 'city',
  featureCode: 'PPLA',
  country: 'SY',
  admin1: 'SY.04',
  admin2: '',
  population: 177636,
  approximate: false,
};
const raqqaRegion: GazetteerEntry = { ...raqqa, gazetteerId: 'geonames:172957', name: 'Ar-Raqqah', names: ['Ar-Raqqah', 'Raqqa Governorate'], kind: 'admin1', featureCode: 'ADM1', population: 177636, approximate: true };
const euphrates: GazetteerEntry = { ...raqqa, gazetteerId: 'newsgraph:euphrates', name: 'Euphrates', names: ['Euphrates', 'al-Furat'], lat: 35, lon: 40.45, kind: 'river', featureCode: '', country: '', admin1: '', population: 0 };

test('the gazetteer file round-trips, and a broken file names itself and what is wrong', () => {
  const text = formatGazetteer([raqqa, raqqaRegion, euphrates], 'fixture');
  const { records, keys } = parseGazetteer(Buffer.from(text), 'g.tsv');
  assert.equal(records.length, 3);
  assert.deepEqual(JSON.parse(JSON.stringify(records[0])), { index: 0, ...raqqa }, 'every field comes back');
  assert.equal(records[2]!.gazetteerId, 'newsgraph:euphrates');
  assert.equal(records[2]!.name, 'Euphrates');
  assert.deepEqual(records[2]!.names, ['Euphrates', 'al-Furat']);
  assert.equal(keys.split('\n')[0], 'raka', 'keys are stored, one line per record, each key once');
  assert.equal(keys.split('\n').length, 4);

  const g = buildGazetteer(records, keys);
  assert.deepEqual(g.candidates('al-Raqqah').map((r) => r.kind), ['admin1', 'city'], 'equally populous: the region first');
  assert.deepEqual(g.candidates('Raqqa'), buildGazetteer(records).candidates('Raqqa'), 'keys are computed when not given');
  assert.equal(g.candidates('Furat')[0]?.kind, 'river');
  assert.equal(g.admin1('SY.04')?.name, 'Ar-Raqqah');

  assert.throws(() => parseGazetteer(Buffer.from('x\n'), 'g.tsv'), /g\.tsv: not a newsgraph-gazetteer version 2 file/);
  assert.throws(() => parseGazetteer(Buffer.from(text.slice(0, -5)), 'g.tsv'), /g\.tsv: the blocks do not add up/);
  assert.throws(() => parseGazetteer(Buffer.from(text.replace('\tPPLA\t', '\tPPLA\tX\t').replace(/"places":(\d+)/, (_, n: string) => `"places":${Number(n) + 2}`)), 'g.tsv'), /g\.tsv: place 1 has 11 columns/);
  assert.throws(() => formatGazetteer([{ ...raqqa, name: 'Raqqa' }], 'fixture'), /its name must come first/);
});

test('admin type words come off region names', () => {
  assert.equal(stripAdminWords('Muhafazat Hamah'), 'Hamah');
  assert.equal(stripAdminWords('Rapides Parish'), 'Rapides');
  assert.equal(stripAdminWords('Nineveh Governorate'), 'Nineveh');
  assert.equal(stripAdminWords('Texas'), 'Texas');
});

test('the committed gazetteer finds the places of the Syria and Iraq war under their many spellings', () => {
  const g = loadGazetteer(GAZETTEER_URL);
  const has = (name: string, expect: (r: { name: string; country: string; kind: string }) => boolean) =>
    assert.ok(g.candidates(name).some(expect), `${name}: ${g.candidates(name).slice(0, 5).map((r) => `${r.name}/${r.country}/${r.kind}`).join(', ')}`);
  for (const name of ['Raqqa', 'Raqqah', 'Ar Raqqah', 'al-Raqqa']) has(name, (r) => r.name === 'Ar Raqqah' && r.kind === 'city');
  for (const name of ['Deir ez-Zor', 'Deir al-Zour', 'Deir el-Zour', 'Deir al-Zor', 'Dayr az Zawr', 'Deir Ezzor']) has(name, (r) => r.country === 'SY' && r.kind === 'city' && /Deir/.test(r.name));
  for (const name of ['Abu Kamal', 'al-Bu Kamal', 'Boukamal', 'Al Bukamal']) has(name, (r) => r.country === 'SY' && r.kind === 'city');
  for (const name of ['Mayadeen', 'al-Mayadeen', 'Al Mayadin']) has(name, (r) => r.country === 'SY' && r.kind === 'city');
  for (const name of ['Al-Qaim', 'Al-Qaem']) has(name, (r) => r.country === 'IQ' && r.kind === 'city');
  for (const name of ['Hasaka', 'Hasakah', 'al-Hasakah']) has(name, (r) => r.country === 'SY' && r.kind === 'city');
  for (const name of ['Palmyra', 'Tadmur']) has(name, (r) => r.name === 'Tadmur' && r.country === 'SY');
  for (const name of ['Manbij', 'Menbij', 'Jarablus', 'Jerablus', 'Tal Abyad', 'Tell Abyad']) has(name, (r) => r.country === 'SY' && r.kind === 'city');
  has('Sanliurfa', (r) => r.country === 'TR' && r.kind === 'city');
  for (const name of ['Mosul', 'Aleppo', 'Fallujah', 'Maskana', 'Beirut']) has(name, (r) => r.kind === 'city' && (r.country === 'SY' || r.country === 'IQ' || r.country === 'LB'));
  has('Dabiq', (r) => r.kind === 'site');
  has('Al-Tanf', (r) => r.kind === 'crossing');
  has('al-Tanaf', (r) => r.kind === 'crossing');
  has('Euphrates', (r) => r.kind === 'river');
  has('U.S.', (r) => r.kind === 'country' && r.country === 'US');
  has('La.', (r) => r.kind === 'admin1' && r.name === 'Louisiana');
  assert.equal(g.candidates('Paris')[0]?.country, 'FR', 'the most populous first');
  assert.equal(g.candidates('Peru')[0]?.kind, 'country');
  assert.equal(g.country('SY')?.kind, 'country');
  assert.equal(g.country('SY')?.gazetteerId, 'geonames:163843');
  assert.equal(g.admin1('SY.04')?.country, 'SY');
  assert.equal(g.demonymCountry('Syrian'), 'SY');
  assert.equal(g.demonymCountry('Kurdish'), undefined, 'a people without one country names none');
  assert.equal(g.fuzzyCandidates('Aleppoo')[0]?.record.name, 'Aleppo', 'an unseen spelling lands by the fuzzy fallback');
  assert.equal(g.fuzzyCandidates('Qwrtplkjh').length, 0);
});
