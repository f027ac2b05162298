import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ACTOR_FILES,
  buildTable,
  dateNumber,
  displayName,
  isAcronymWord,
  isGenericPhrase,
  latestCode,
  loadPlaces,
  loadWords,
  namesTheCountry,
  parseActorFile,
  parseCodes,
  stripTitles,
  type PlaceNames,
} from './build-actors.js';
import { LETTER_OF_KIND } from '../src/resolve/actor-format.js';

const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const haveData = existsSync(`${shared}petrarch2-cameo-dictionaries/Phoenix.agents.txt`) && existsSync(`${shared}geonames-gazetteer/countryInfo.txt`);
const words = haveData ? loadWords() : undefined;
const skip = !haveData;

test('dictionary names in ordinary case: titles, Arabic articles, acronyms, function words', { skip }, () => {
  const w = words!;
  const name = (raw: string) => displayName(raw, w).name;
  assert.equal(name('HAIDAR_AL_ABADI'), 'Haidar al-Abadi');
  assert.equal(name('HAIDAR_AL-ABADI'), 'Haidar al-Abadi');
  assert.equal(name('ABU_BAKR_AL_BAGHDADI_'), 'Abu Bakr al-Baghdadi');
  assert.equal(name('AL-QAEDA_IN_IRAQ_'), 'al-Qaeda in Iraq');
  assert.equal(name('SYRIAN_OBSERVATORY_FOR_HUMAN_RIGHTS_'), 'Syrian Observatory for Human Rights');
  assert.equal(name('THE_UNITED_NATIONS_'), 'United Nations');
  assert.equal(name("UNITED_NATIONS_CHILDREN'S_FUND_"), "United Nations Children's Fund");
  assert.equal(name('KURDISTAN_REGIONAL_GOVERNMENT'), 'Kurdistan Regional Government');
  assert.equal(name('B._LYNN_PASCOE_'), 'B. Lynn Pascoe');
  assert.equal(name('BRETT_MCGURK'), 'Brett McGurk');
  assert.equal(name("MARTIN_O'NEILL"), "Martin O'Neill");
  assert.equal(name('JOHN_PAUL_II'), 'John Paul II');
  assert.equal(name('1ST_MECHANICAL_KANSAS_MILITIA_'), '1st Mechanical Kansas Militia');
  assert.equal(name('JEAN-MARC_AYRAULT'), 'Jean-Marc Ayrault');
  // Acronyms stay in capitals when the source is one; pronounceable names do not.
  assert.equal(name('UN_'), 'UN');
  assert.equal(name('U.N._'), 'U.N.');
  assert.equal(name('UNDP_'), 'UNDP');
  assert.equal(name('UNHCR_'), 'UNHCR');
  assert.equal(name('DHKP/C_'), 'DHKP/C');
  assert.equal(name('KRG'), 'KRG');
  assert.equal(name('NATO'), 'NATO');
  assert.equal(name('HAMAS'), 'Hamas');
  assert.equal(name('PESHMERGA'), 'Peshmerga');
  assert.equal(name('UN_SECRETARY_GENERAL'), 'UN Secretary General');
  // An acronym in parentheses is an alias; another parenthesised word is a qualifier.
  assert.deepEqual(displayName('ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_', w), { name: 'Aden Abyan Islamic Army', acronyms: ['AAIA'] });
  assert.deepEqual(displayName('DIRECT_ACTION_(GREECE)_', w), { name: 'Direct Action', acronyms: [] });
});

test('acronym words: no vowels, impossible onsets or codas, dotted initials; names are words', { skip }, () => {
  const w = words!;
  for (const a of ['PKK', 'YPG', 'KDPI', 'UNDP', 'OHCHR', 'IAEA', 'U.N.']) assert.equal(isAcronymWord(a, w, false), true, a);
  for (const a of ['ASSAD', 'RIGHTS', 'WATCH', 'MANN', 'BAKR', 'LYNN', 'ANAYA', 'HAMAS', 'MR', 'AL', 'OF', 'II']) assert.equal(isAcronymWord(a, w, false), false, a);
  assert.equal(isAcronymWord('ICJ', w, true), true);
  assert.equal(isAcronymWord('ALI', w, false), false);
});

test('leading titles are dropped from person names, not from organisation names', { skip }, () => {
  const w = words!;
  assert.equal(stripTitles('Prime Minister Haidar al-Abadi', w), 'Haidar al-Abadi');
  assert.equal(stripTitles('Prime Minister al-Abadi', w), 'al-Abadi');
  assert.equal(stripTitles('Russian President Yeltsin', w), 'Yeltsin');
  assert.equal(stripTitles('UN Secretary-General Ban Ki-Moon', w), 'Ban Ki-Moon');
  assert.equal(stripTitles('Mr. Assad', w), 'Assad');
  // "State" only modifies a title; "Islamic" is no title.
  assert.equal(stripTitles('Islamic State of Iraq and the Levant', w), null);
  assert.equal(stripTitles('Haidar al-Abadi', w), null);
});

test('roles and generic phrases are no actors; organisations and named bodies are', { skip }, () => {
  const w = words!;
  for (const g of ['Prime Minister', 'UN Secretary General', 'Secretary of State', 'Iraqi Soldiers', 'Kosovar Prime Minister', 'Muslim']) {
    assert.equal(isGenericPhrase(g, w), true, g);
  }
  for (const n of ['Iraqi Army', 'Islamic State', 'Haidar al-Abadi', 'International Association of Judges', 'Peshmerga']) {
    assert.equal(isGenericPhrase(n, w), false, n);
  }
  assert.equal(isGenericPhrase('Doctors Without Borders', w), true);
  assert.equal(isGenericPhrase('Doctors Without Borders', w, true), false);
});

test('dates and codes: YYMMDD with 00-30 as 20YY, the code in force last', () => {
  assert.equal(dateNumber('090120'), 20090120);
  assert.equal(dateNumber('510724'), 19510724);
  assert.equal(dateNumber('19411207'), 19411207);
  assert.equal(dateNumber('12'), null);
  const maliki = parseCodes('[IRQELI 680101-000101] [IRQGOV 20060520-20140908] [IRQELI]');
  assert.equal(maliki.length, 3);
  assert.equal(latestCode(maliki), 'IRQELI');
  assert.equal(latestCode(parseCodes('[SYRELI 830101-000101] [SYRGOV >000717] [SYRELI]')), 'SYRGOV');
  assert.equal(latestCode(parseCodes('[AFGELI 320101-331108] [AFGGOV 331108-730717] [AFGELI 730717-070723]')), 'AFGELI');
  assert.equal(latestCode(parseCodes('[IGOUNO 000101-080801] [---]')), 'IGOUNO');
  assert.equal(latestCode([]), null);
});

test('dictionary records: synonyms, codes on the name line or below, code-less names share the next codes', () => {
  const text = [
    '# a comment line',
    'UN_ [IGOUNO]',
    'U.N._',
    'UN_SECRETARY_GENERAL',
    '+UNSG',
    '\t[IGOUNO]',
    '',
    'NURI_AL_MALIKI_  # CountryInfo.txt',
    '+NOURI_AL_MALIKI',
    '+MALIKI +AL-MALIKI',
    '\t[IRQELI 680101-000101]',
    '\t[IRQGOV 20060520-20140908]',
    ' [IRQELI]',
    'KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]# IGOrulers.txt',
  ].join('\n');
  const records = parseActorFile(text, 'Phoenix.Countries.actors.txt');
  assert.deepEqual(records.map((r) => r.primary), ['UN_', 'U.N._', 'UN_SECRETARY_GENERAL', 'NURI_AL_MALIKI_', 'KOFI_ANNAN_']);
  assert.deepEqual(records[1]?.codes, records[2]?.codes);
  assert.deepEqual(records[2]?.aliases, ['UNSG']);
  assert.deepEqual(records[3]?.aliases, ['NOURI_AL_MALIKI', 'MALIKI', 'AL-MALIKI']);
  assert.equal(records[3]?.comment, 'CountryInfo.txt');
  assert.equal(latestCode(records[3]?.codes ?? []), 'IRQELI');
  assert.equal(latestCode(records[4]?.codes ?? []), 'ELI');
});

test('a country keeps spellings of its name and its initials, not places or nicknames', { skip }, () => {
  const w = words!;
  const names = ['United States', 'United States of America'];
  for (const a of ['USA', 'U.S.', 'US', 'United Sates']) assert.equal(namesTheCountry(a, names, w), true, a);
  for (const a of ['D.C.', 'Bay State', 'Empire State']) assert.equal(namesTheCountry(a, names, w), false, a);
  for (const a of ['Irak', "Al 'Iraq", 'Komara Iraqe']) assert.equal(namesTheCountry(a, ['Iraq'], w), true, a);
  assert.equal(namesTheCountry('Mesopotamia', ['Iraq'], w), false);
});

test('the table: kinds, merged duplicates, GeoNames country names, ambiguous and short aliases dropped', { skip }, () => {
  const w = words!;
  const places: PlaceNames = { countries: new Map([['IRQ', 'Iraq']]), places: new Set(['mosul', 'baghdad']) };
  const text = [
    'IRAQ_ [IRQ]',
    '+IRAK_',
    '+MOSUL_',
    '+BAGHDAD_',
    '+MESOPOTAMIA_',
    'HAIDAR_AL_ABADI',
    '+HAIDER_AL_ABADI',
    '+PRIME_MINISTER_HAIDAR_AL-ABADI',
    '+PRIME_MINISTER_AL_ABADI',
    '\t[IRQGOV >20140908]',
    'HAIDAR_AL-ABADI_  # CountryInfo.txt',
    '\t[IRQGOV 20140901-20140908]',
    'PRIME_MINISTER',
    '\t[IRQGOV]',
    'PESHMERGA',
    '+PM',
    '+KRD',
    '+SHARED_FORCE',
    '\t[IRQMIL]',
    'ASSAD_FORCES_',
    '+SHARED_FORCE',
    '\t[SYRMIL]',
  ].join('\n');
  const { actors, stats } = buildTable(parseActorFile(text, 'Phoenix.Countries.actors.txt'), w, places);
  const rows = actors.map((a) => [a.name, LETTER_OF_KIND[a.kind], a.code ?? '', ...a.aliases]);
  assert.deepEqual(rows, [
    ['Assad Forces', 'g', 'SYRMIL'],
    ['Haidar al-Abadi', 'p', 'IRQGOV', 'Haider al-Abadi', 'al-Abadi'],
    ['Iraq', 'c', 'IRQ', 'Irak'],
    ['Peshmerga', 'g', 'IRQMIL', 'KRD'],
  ]);
  assert.equal(stats.generic, 1);
  assert.equal(stats.merged, 1);
  assert.equal(stats.placeAliases, 3);
  assert.equal(stats.ambiguousAliases, 2);
});

test('the committed table is what the builder makes from the dictionaries', { skip }, () => {
  const w = words!;
  const records = ACTOR_FILES.flatMap((f) => parseActorFile(readFileSync(`${shared}petrarch2-cameo-dictionaries/${f}`, 'utf8'), f));
  const { actors } = buildTable(records, w, loadPlaces());
  const committed = (JSON.parse(readFileSync(fileURLToPath(new URL('../src/resolve/data/actors.json', import.meta.url)), 'utf8')) as { actors: string[][] }).actors;
  assert.equal(committed.length, actors.length);
  assert.deepEqual(
    committed,
    actors.map((a) => [a.name, LETTER_OF_KIND[a.kind], a.code ?? '', ...a.aliases]),
  );
});
