import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleRecord } from '../core/record.js';
import type { EntityType, Place, PlaceKind } from '../core/contract.js';
import { applyCorrections, slugOf } from './apply.js';
import type { CorrectedPlace, Correction, CorrectionInput } from './types.js';

// A short report written for these tests; the pipeline kept "ISIS" and "Daesh" apart from "Islamic State" and lumped the YPG in with "Kurdish".
const TEXT =
  'Iraqi forces retook Mosul from Islamic State on Sunday. ' +
  'ISIS fighters fled toward Raqqa, their last stronghold in Syria. ' +
  '"We will pursue Daesh into Raqqa," Haider al-Abadi said. ' +
  'Kurdish commanders of the YPG said 300 militants were killed near Raqqa.';

/** The span of the `nth` occurrence of `phrase` in TEXT. */
function at(phrase: string, nth = 0): { start: number; end: number; text: string } {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = TEXT.indexOf(phrase, start + 1);
  assert.ok(start >= 0, `"${phrase}" #${nth} is in the text`);
  return { start, end: start + phrase.length, text: phrase };
}

const sentence = (first: string) => {
  const { start } = at(first);
  const dot = TEXT.indexOf('.', start);
  return { start, end: dot + 1 };
};

const entity = (id: string, name: string, type: EntityType, mentions: ReturnType<typeof at>[], confidence = 0.9) => ({
  id,
  name,
  type,
  aliases: [...new Set(mentions.map((m) => m.text))],
  mentions,
  roles: [] as string[],
  confidence,
});

const place = (entityId: string, name: string, gazetteerId: string, lat: number, lon: number, country: string, kind: PlaceKind = 'city'): Place => ({
  entity: entityId,
  name,
  gazetteerId,
  gazetteerName: name,
  lat,
  lon,
  country,
  admin1: '',
  kind,
  runnerUp: null,
  evidence: ['name'],
  source: 'geocode-v1',
  confidence: 0.9,
});

const quote0 = at('We will pursue Daesh into Raqqa');
const quote1 = at('300 militants were killed near Raqqa');

/** Frozen all the way down, so that any mutation by the code under test throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const RECORD: ArticleRecord = deepFreeze({
  id: 'a1',
  input: 'report.txt',
  url: 'https://news.example/iraq/mosul',
  outlet: 'Example News',
  domain: 'news.example',
  title: 'Iraqi forces retake Mosul',
  byline: [],
  publishedAt: '2017-07-10T08:00:00Z',
  language: 'en',
  text: TEXT,
  removed: [],
  entities: [
    entity('iraqi-forces', 'Iraqi forces', 'ORG', [at('Iraqi forces')]),
    entity('mosul', 'Mosul', 'GPE', [at('Mosul')]),
    entity('islamic-state', 'Islamic State', 'ORG', [at('Islamic State')], 0.8),
    entity('isis', 'ISIS', 'ORG', [at('ISIS')], 0.7),
    entity('raqqa', 'Raqqa', 'GPE', [at('Raqqa', 0), at('Raqqa', 1), at('Raqqa', 2)]),
    entity('syria', 'Syria', 'GPE', [at('Syria')]),
    entity('daesh', 'Daesh', 'ORG', [at('Daesh')], 0.95),
    entity('haider-al-abadi', 'Haider al-Abadi', 'PERSON', [at('Haider al-Abadi')]),
    entity('kurdish', 'Kurdish', 'NORP', [at('Kurdish'), at('YPG')]),
  ],
  places: [
    place('mosul', 'Mosul', 'geonames:99072', 36.335, 43.1189, 'IQ'),
    place('raqqa', 'Raqqa', 'geonames:172955', 35.9528, 39.0079, 'SY'),
    place('syria', 'Syria', 'geonames:163843', 35, 38, 'SY', 'country'),
  ],
  geoFocus: { country: 'IQ', admin1: null, confidence: 0.8 },
  dates: [{ ...at('on Sunday'), value: '2017-07-09', grain: 'day', confidence: 0.8 }],
  quotes: [
    {
      ...quote0,
      direct: true,
      speaker: 'Haider al-Abadi',
      speakerEntity: 'haider-al-abadi',
      speakerMention: at('Haider al-Abadi'),
      role: null,
      anonymous: false,
      cue: 'said',
      cueSpan: at('said', 0),
      via: [],
      source: 'quotes-v1',
      confidence: 0.8,
    },
    {
      ...quote1,
      direct: false,
      speaker: 'Kurdish',
      speakerEntity: 'kurdish',
      speakerMention: at('Kurdish commanders of the YPG'),
      role: null,
      anonymous: false,
      cue: 'said',
      cueSpan: at('said', 1),
      via: [],
      source: 'quotes-v1',
      confidence: 0.7,
    },
  ],
  claims: [
    { text: quote0.text, speaker: 'Haider al-Abadi', anonymous: false, quote: 0, quantities: [], source: 'claims-v1', confidence: 0.8 },
    {
      text: quote1.text,
      speaker: 'Kurdish',
      anonymous: false,
      quote: 1,
      quantities: [{ ...at('300 militants'), min: 300, max: 300, unit: 'militants', of: 'isis' }],
      source: 'claims-v1',
      confidence: 0.7,
    },
  ],
  events: [
    { type: 'territory-captured', date: '2017-07-09', place: 'mosul', actors: ['iraqi-forces'], targets: ['islamic-state'], casualties: null, sentence: sentence('Iraqi forces'), trigger: at('retook'), source: 'events-v1', confidence: 0.8 },
    { type: 'withdrawal', date: null, place: 'raqqa', actors: ['isis'], targets: [], casualties: null, sentence: sentence('ISIS fighters'), trigger: at('fled'), source: 'events-v1', confidence: 0.7 },
    { type: 'killing', date: null, place: 'raqqa', actors: ['kurdish'], targets: ['daesh'], casualties: { killed: { min: 300, max: 300 } }, sentence: sentence('Kurdish'), trigger: at('killed'), source: 'events-v1', confidence: 0.6 },
  ],
});

let nextId = 1;
/** A stored correction, ids in the order made. */
const made = (input: CorrectionInput, extra: Partial<Correction> = {}): Correction => ({ ...input, id: nextId++, createdAt: '2024-05-01T00:00:00Z', note: null, ...extra }) as Correction;

const ids = (r: ArticleRecord) => r.entities.map((e) => e.id);
const byId = (r: ArticleRecord, id: string) => r.entities.find((e) => e.id === id);

function assertSpansValid(r: ArticleRecord): void {
  for (const e of r.entities) {
    assert.ok(e.mentions.length > 0, `${e.id} has mentions`);
    for (const m of e.mentions) assert.equal(r.text.slice(m.start, m.end), m.text, `${e.id} mention at ${m.start}`);
  }
  for (const d of r.dates) assert.equal(r.text.slice(d.start, d.end), d.text);
  for (const q of r.quotes) assert.equal(r.text.slice(q.start, q.end), q.text);
  for (const c of r.claims) if (c.quote !== null) assert.equal(r.quotes[c.quote]?.text, c.text, 'a claim points at its own quote');
}

test('no corrections: the record comes back as it was', () => {
  const { record, applied } = applyCorrections(RECORD, []);
  assert.deepEqual(record, RECORD);
  assert.deepEqual(applied, []);
});

test('merging into an entity the article also names pools the two entries and moves every reference', () => {
  const merge = made({ kind: 'merge-entities', from: 'daesh', into: 'islamic-state' });
  const { record, applied } = applyCorrections(RECORD, [merge]);
  assert.deepEqual(applied, [merge]);
  assert.ok(!ids(record).includes('daesh'));
  const merged = byId(record, 'islamic-state')!;
  assert.equal(merged.name, 'Islamic State');
  assert.deepEqual(merged.mentions.map((m) => m.text), ['Islamic State', 'Daesh']);
  assert.deepEqual(merged.aliases, ['Islamic State', 'Daesh']);
  assert.equal(merged.confidence, 0.95);
  assert.deepEqual(record.events[2]!.targets, ['islamic-state']);
  assertSpansValid(record);
});

test('chained merges follow each other: ISIS into Daesh, then Daesh into Islamic State', () => {
  const first = made({ kind: 'merge-entities', from: 'isis', into: 'daesh' });
  const second = made({ kind: 'merge-entities', from: 'daesh', into: 'islamic-state' });
  // Given out of order: they are applied by id.
  const { record, applied } = applyCorrections(RECORD, [second, first]);
  assert.deepEqual(applied.map((c) => c.id), [first.id, second.id]);
  assert.ok(!ids(record).includes('isis') && !ids(record).includes('daesh'));
  assert.deepEqual(byId(record, 'islamic-state')!.mentions.map((m) => m.text), ['Islamic State', 'ISIS', 'Daesh']);
  assert.deepEqual(record.events[1]!.actors, ['islamic-state']);
  assert.equal(record.claims[1]!.quantities[0]!.of, 'islamic-state');
  assertSpansValid(record);
});

test('merging an entity the article lacks renames it; merging into a place keeps one place entry', () => {
  const rename = applyCorrections(RECORD, [made({ kind: 'merge-entities', from: 'haider-al-abadi', into: 'haider-al-abadi-pm' })]).record;
  assert.equal(byId(rename, 'haider-al-abadi-pm')?.name, 'Haider al-Abadi');
  assert.equal(rename.quotes[0]!.speakerEntity, 'haider-al-abadi-pm');

  const places = applyCorrections(RECORD, [made({ kind: 'merge-entities', from: 'syria', into: 'raqqa' })]).record;
  assert.deepEqual(places.places.map((p) => p.entity), ['mosul', 'raqqa']);
  assert.equal(byId(places, 'raqqa')!.mentions.length, 4);
});

test('a merge of ids the article never names does nothing and is not applied', () => {
  const { record, applied } = applyCorrections(RECORD, [made({ kind: 'merge-entities', from: 'hezbollah', into: 'islamic-state' })]);
  assert.deepEqual(record, RECORD);
  assert.deepEqual(applied, []);
});

test('a split moves the mentions written as the given names to a new entity', () => {
  // Names match whatever the case and spacing: " ypg " finds "YPG".
  const split = made({ kind: 'split-entity', entity: 'kurdish', names: ["People's  Protection Units", ' ypg '], newType: 'ORG' });
  const { record, applied } = applyCorrections(RECORD, [split]);
  assert.deepEqual(applied, [split]);
  assert.equal(slugOf("People's Protection Units"), 'peoples-protection-units');
  const ypg = byId(record, 'peoples-protection-units')!;
  assert.equal(ypg.name, "People's Protection Units");
  assert.equal(ypg.type, 'ORG');
  assert.deepEqual(ypg.aliases, ['YPG']);
  const kurdish = byId(record, 'kurdish')!;
  assert.deepEqual(kurdish.mentions.map((m) => m.text), ['Kurdish']);
  assert.deepEqual(kurdish.aliases, ['Kurdish']);
  // The old entity still has mentions: what named it keeps naming it.
  assert.equal(record.quotes[1]!.speakerEntity, 'kurdish');
  assertSpansValid(record);
});

test('a split that takes every mention re-points the references to the new entity', () => {
  const split = made({ kind: 'split-entity', entity: 'isis', names: ['Isis'], newId: 'isis-fighters' });
  const { record } = applyCorrections(RECORD, [split]);
  assert.ok(!ids(record).includes('isis'));
  assert.equal(byId(record, 'isis-fighters')?.type, 'ORG');
  assert.deepEqual(record.events[1]!.actors, ['isis-fighters']);
  assert.equal(record.claims[1]!.quantities[0]!.of, 'isis-fighters');
  assertSpansValid(record);
});

test('a split into an id the article already has joins that entity', () => {
  const { record } = applyCorrections(RECORD, [made({ kind: 'split-entity', entity: 'isis', names: ['ISIS'], newId: 'daesh' })]);
  assert.deepEqual(ids(record), ['iraqi-forces', 'mosul', 'islamic-state', 'raqqa', 'syria', 'daesh', 'haider-al-abadi', 'kurdish']);
  const daesh = byId(record, 'daesh')!;
  assert.equal(daesh.name, 'Daesh');
  assert.deepEqual(daesh.mentions.map((m) => m.text), ['ISIS', 'Daesh']);
  assert.deepEqual(record.events[1]!.actors, ['daesh']);
  assertSpansValid(record);
});

test('a split naming no mention does nothing', () => {
  const { record, applied } = applyCorrections(RECORD, [made({ kind: 'split-entity', entity: 'kurdish', names: ['Peshmerga'] })]);
  assert.deepEqual(record, RECORD);
  assert.deepEqual(applied, []);
});

const raqqaRecord: CorrectedPlace = { name: 'Ar Raqqah', lat: 35.95, lon: 39.01, country: 'SY', admin1: 'SY.04', kind: 'city' };

test('fixing a place replaces its gazetteer record, in the named article only', () => {
  const fix = made({ kind: 'fix-place', entity: 'mosul', gazetteerId: 'geonames:172955', article: 'a1' }, { place: raqqaRecord });
  const { record, applied } = applyCorrections(RECORD, [fix]);
  assert.deepEqual(applied, [fix]);
  const mosul = record.places.find((p) => p.entity === 'mosul')!;
  assert.equal(mosul.name, 'Mosul');
  assert.equal(mosul.gazetteerId, 'geonames:172955');
  assert.equal(mosul.gazetteerName, 'Ar Raqqah');
  assert.equal(mosul.country, 'SY');
  assert.deepEqual([mosul.lat, mosul.lon, mosul.confidence, mosul.source, mosul.runnerUp], [35.95, 39.01, 1, 'user-correction', null]);
  assert.deepEqual(mosul.evidence, ['user-correction']);

  const elsewhere = applyCorrections(RECORD, [made({ kind: 'fix-place', entity: 'mosul', gazetteerId: 'geonames:172955', article: 'b2' }, { place: raqqaRecord })]);
  assert.deepEqual(elsewhere.record, RECORD);
  assert.deepEqual(elsewhere.applied, []);
});

test('fixing a place the gazetteer missed adds it; without a resolved record nothing changes', () => {
  const missed: ArticleRecord = { ...RECORD, places: RECORD.places.filter((p) => p.entity !== 'raqqa') };
  const fix = made({ kind: 'fix-place', entity: 'raqqa', gazetteerId: 'geonames:172955' }, { place: raqqaRecord });
  const { record } = applyCorrections(missed, [fix]);
  assert.deepEqual(record.places.map((p) => [p.entity, p.name, p.gazetteerName]), [
    ['mosul', 'Mosul', 'Mosul'],
    ['syria', 'Syria', 'Syria'],
    ['raqqa', 'Raqqa', 'Ar Raqqah'],
  ]);
  assert.deepEqual(applyCorrections(missed, [made({ kind: 'fix-place', entity: 'aleppo', gazetteerId: 'geonames:170063' }, { place: raqqaRecord })]).applied, []);

  const unresolved = made({ kind: 'fix-place', entity: 'mosul', gazetteerId: 'geonames:1' });
  assert.deepEqual(applyCorrections(RECORD, [unresolved]).applied, []);
});

test('rejecting one mention of an entity keeps the entity', () => {
  const raqqa = at('Raqqa', 1);
  const { record, applied } = applyCorrections(RECORD, [made({ kind: 'reject', article: 'a1', target: 'entity', text: raqqa.text, start: raqqa.start })]);
  assert.equal(applied.length, 1);
  assert.deepEqual(byId(record, 'raqqa')!.mentions.map((m) => m.start), [at('Raqqa', 0).start, at('Raqqa', 2).start]);
  assertSpansValid(record);
});

test('rejecting the only mention of a place removes the entity, its place and references to it', () => {
  const mosul = at('Mosul');
  const { record } = applyCorrections(RECORD, [made({ kind: 'reject', article: 'a1', target: 'entity', text: 'Mosul', start: mosul.start })]);
  assert.ok(!ids(record).includes('mosul'));
  assert.ok(!record.places.some((p) => p.entity === 'mosul'));
  assert.equal(record.events[0]!.place, null);
  assertSpansValid(record);
});

test('rejecting a place keeps the entity but drops its gazetteer record', () => {
  const syria = at('Syria');
  const { record } = applyCorrections(RECORD, [made({ kind: 'reject', article: 'a1', target: 'place', text: 'Syria', start: syria.start })]);
  assert.ok(ids(record).includes('syria'));
  assert.deepEqual(record.places.map((p) => p.entity), ['mosul', 'raqqa']);
  // With no mention at the offset, the place is found by its name; events lose it as their place.
  const byName = applyCorrections(RECORD, [made({ kind: 'reject', article: 'a1', target: 'place', text: 'Raqqa', start: 0 })]).record;
  assert.deepEqual(byName.places.map((p) => p.entity), ['mosul', 'syria']);
  assert.deepEqual(byName.events.map((e) => e.place), ['mosul', null, null]);
});

test('rejecting a date, a claim or an event removes just that item', () => {
  const sunday = at('on Sunday');
  const dates = applyCorrections(RECORD, [made({ kind: 'reject', article: 'a1', target: 'date', text: sunday.text, start: sunday.start })]).record;
  assert.deepEqual(dates.dates, []);

  // Claims have no offsets: matched by text, whatever the start.
  const claims = applyCorrections(RECORD, [made({ kind: 'reject', article: 'a1', target: 'claim', text: quote1.text, start: 9999 })]).record;
  assert.deepEqual(claims.claims.map((c) => c.quote), [0]);

  const fled = at('fled');
  const byTrigger = applyCorrections(RECORD, [made({ kind: 'reject', article: 'a1', target: 'event', text: 'fled', start: fled.start })]).record;
  assert.deepEqual(byTrigger.events.map((e) => e.type), ['territory-captured', 'killing']);
  const bySentence = applyCorrections(RECORD, [made({ kind: 'reject', article: 'a1', target: 'event', text: 'killing', start: sentence('Kurdish').start })]).record;
  assert.deepEqual(bySentence.events.map((e) => e.type), ['territory-captured', 'withdrawal']);
});

test('rejecting a quote drops its claims and re-indexes the others', () => {
  const { record } = applyCorrections(RECORD, [made({ kind: 'reject', article: 'a1', target: 'quote', text: quote0.text, start: quote0.start })]);
  assert.equal(record.quotes.length, 1);
  assert.deepEqual(record.claims.map((c) => [c.text, c.quote]), [[quote1.text, 0]]);
  assertSpansValid(record);
});

test('a reject that matches nothing, or is for another article, leaves the record unchanged', () => {
  const sunday = at('on Sunday');
  const misses = [
    made({ kind: 'reject', article: 'a1', target: 'entity', text: 'Mosul', start: sunday.start }),
    made({ kind: 'reject', article: 'a1', target: 'quote', text: 'nothing like this was said', start: 3 }),
    made({ kind: 'reject', article: 'a1', target: 'event', text: 'struck', start: 5 }),
    made({ kind: 'reject', article: 'b2', target: 'date', text: sunday.text, start: sunday.start }),
  ];
  const { record, applied } = applyCorrections(RECORD, misses);
  assert.deepEqual(record, RECORD);
  assert.deepEqual(applied, []);
});

test('only the corrections that changed the record are reported', () => {
  const merge = made({ kind: 'merge-entities', from: 'isis', into: 'islamic-state' });
  const other = made({ kind: 'reject', article: 'b2', target: 'claim', text: quote0.text, start: 0 });
  const sunday = at('on Sunday');
  const date = made({ kind: 'reject', article: 'a1', target: 'date', text: sunday.text, start: sunday.start });
  assert.deepEqual(applyCorrections(RECORD, [date, other, merge]).applied, [merge, date]);
});
