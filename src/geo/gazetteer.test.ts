import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGazetteer, loadGazetteer, parseGazetteer, stripAdminWords } from './gazetteer.js';

const header = '#{"format":"newsgraph-gazetteer","version":1}';

test('the gazetteer file parses, and a broken line names the file and the line', () => {
  const text = `${header}\ngeonames:1\tAr Raqqah\t35.95\t39.01\tcity\tPPLA\tSY\tSY.04\t\t531952\t0\tAr Raqqah|Raqqa\traka\n`;
  const { records, keys } = parseGazetteer(text, 'g.tsv');
  assert.equal(records[0]!.name, 'Ar Raqqah');
  assert.deepEqual(records[0]!.names, ['Ar Raqqah', 'Raqqa']);
  assert.equal(records[0]!.population, 531952);
  assert.deepEqual(keys, [['raka']]);
  assert.equal(buildGazetteer(records, keys).candidates('al-Raqqah')[0]?.name, 'Ar Raqqah');
  assert.equal(buildGazetteer(records).candidates('Raqqa')[0]?.name, 'Ar Raqqah', 'keys are computed when not given');
  assert.throws(() => parseGazetteer(`${header}\ngeonames:1\tAr Raqqah\t35.95\n`, 'g.tsv'), /g\.tsv: line 2 has 3 columns/);
  assert.throws(() => parseGazetteer('x\n', 'g.tsv'), /missing the header/);
});

test('admin type words come off region names', () => {
  assert.equal(stripAdminWords('Muhafazat Hamah'), 'Hamah');
  assert.equal(stripAdminWords('Rapides Parish'), 'Rapides');
  assert.equal(stripAdminWords('Nineveh Governorate'), 'Nineveh');
  assert.equal(stripAdminWords('Texas'), 'Texas');
});

test('the committed gazetteer finds the places of the Syria and Iraq war under their many spellings', () => {
  const g = loadGazetteer();
  const has = (name: string, expect: (r: { name: string; country: string; kind: string }) => boolean) =>
    assert.ok(g.candidates(name).some(expect), `${name}: ${g.candidates(name).slice(0, 5).map((r) => `${r.name}/${r.country}/${r.kind}`).join(', ')}`);
  for (const name of ['Raqqa', 'Raqqah', 'Ar Raqqah', 'al-Raqqa']) has(name, (r) => r.name === 'Ar Raqqah' && r.kind === 'city');
  for (const name of ['Deir ez-Zor', 'Deir al-Zour', 'Deir el-Zour', 'Deir al-Zor', 'Dayr az Zawr', 'Deir Ezzor']) has(name, (r) => r.country === 'SY' && r.kind === 'city' && /Deir/.test(r.name));
  for (const name of ['Abu Kamal', 'al-Bu Kamal', 'Boukamal', 'Al Bukamal']) has(name, (r) => r.country === 'SY' && r.kind === 'city');
  for (const name of ['Mayadeen', 'al-Mayadeen', 'Al Mayadin']) has(name, (r) => r.country === 'SY' && r.kind === 'city');
  for (const name of ['Al-Qaim', 'Al-Qaem']) has(name, (r) => r.country === 'IQ' && r.kind === 'city');
  for (const name of ['Hasaka', 'Hasakah', 'al-Hasakah']) has(name, (r) => r.country === 'SY' && r.kind === 'city');
  for (const name of ['Palmyra', 'Tadmur']) has(name, (r) => r.name === 'Tadmur');
  for (const name of ['Mosul', 'Aleppo', 'Fallujah', 'Maskana', 'Beirut']) has(name, (r) => r.kind === 'city' && (r.country === 'SY' || r.country === 'IQ' || r.country === 'LB'));
  has('Dabiq', (r) => r.kind === 'site');
  has('Al-Tanf', (r) => r.kind === 'crossing');
  has('al-Tanaf', (r) => r.kind === 'crossing');
  has('Euphrates', (r) => r.kind === 'river');
  has('U.S.', (r) => r.kind === 'country' && r.country === 'US');
  has('La.', (r) => r.kind === 'admin1' && r.name === 'Louisiana');
  assert.equal(g.country('SY')?.kind, 'country');
  assert.equal(g.admin1('SY.04')?.country, 'SY');
  assert.equal(g.demonymCountry('Syrian'), 'SY');
  assert.equal(g.demonymCountry('Kurdish'), undefined, 'a people without one country names none');
  assert.equal(g.fuzzyCandidates('Aleppoo')[0]?.record.name, 'Aleppo', 'an unseen spelling lands by the fuzzy fallback');
  assert.equal(g.fuzzyCandidates('Qwrtplkjh').length, 0);
});
