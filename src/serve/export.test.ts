import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleRecord } from '../core/record.js';
import type { EntityType, NewsEvent, Place, PlaceKind } from '../core/contract.js';
import { parse } from 'csv-parse/sync';
import { articlesJsonl, EVENT_COLUMNS, eventsCsv } from './export.js';

// Two short reports written for these tests.
const TEXT_A = 'Iraqi forces retook Mosul on Sunday, killing 12 militants, the army said. Islamic State fighters fled to Raqqa.';
const TEXT_B = 'Residents of Raqqa said "the bombing, again" had not stopped. Jets struck near Raqqa.';

const mentionsOf = (text: string, phrase: string) =>
  [...text.matchAll(new RegExp(phrase, 'g'))].map((m) => ({ start: m.index, end: m.index + phrase.length, text: phrase }));

const entity = (text: string, id: string, name: string, type: EntityType, phrase = name) => ({
  id,
  name,
  type,
  aliases: [phrase],
  mentions: mentionsOf(text, phrase),
  roles: [],
  confidence: 0.9,
});

const place = (entityId: string, name: string, gazetteerId: string, lat: number, lon: number, country: string, kind: PlaceKind = 'city'): Place => ({
  entity: entityId,
  name,
  gazetteerId,
  gazetteerName: name === 'Raqqa' ? 'Ar Raqqah' : name,
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

const event = (over: Partial<NewsEvent> & Pick<NewsEvent, 'type' | 'sentence'>): NewsEvent => ({
  date: null,
  place: null,
  actors: [],
  targets: [],
  casualties: null,
  source: 'events-v1',
  confidence: 0.75,
  ...over,
});

const base = (id: string, text: string): ArticleRecord => ({
  id,
  input: `${id}.txt`,
  url: `https://news.example/${id}`,
  outlet: 'Example News',
  domain: 'news.example',
  title: null,
  byline: [],
  publishedAt: '2017-07-10T08:00:00Z',
  language: 'en',
  text,
  removed: [],
  entities: [],
  places: [],
  geoFocus: null,
  dates: [],
  quotes: [],
  claims: [],
  events: [],
});

const A: ArticleRecord = {
  ...base('a1', TEXT_A),
  entities: [
    entity(TEXT_A, 'iraqi-forces', 'Iraqi forces', 'ORG'),
    entity(TEXT_A, 'mosul', 'Mosul', 'GPE'),
    entity(TEXT_A, 'islamic-state', 'Islamic State', 'ORG'),
    entity(TEXT_A, 'raqqa', 'Raqqa', 'GPE'),
  ],
  places: [place('mosul', 'Mosul', 'geonames:99072', 36.335, 43.1189, 'IQ'), place('raqqa', 'Raqqa', 'geonames:172955', 35.9528, 39.0079, 'SY')],
  events: [
    event({
      type: 'territory-captured',
      date: '2017-07-09',
      place: 'mosul',
      actors: ['iraqi-forces', 'peshmerga'],
      targets: ['islamic-state'],
      casualties: { killed: { min: 12, max: 12 }, wounded: { min: 3, max: null } },
      sentence: { start: 0, end: 73 },
    }),
    event({ type: 'withdrawal', place: 'raqqa', actors: ['islamic-state'], sentence: { start: 74, end: 111 } }),
  ],
};

const B: ArticleRecord = {
  ...base('b2', TEXT_B),
  url: null,
  domain: null,
  outlet: null,
  publishedAt: null,
  entities: [entity(TEXT_B, 'raqqah', 'Raqqah', 'GPE', 'Raqqa')],
  places: [place('raqqah', 'Raqqah', 'geonames:172955', 35.9528, 39.0079, 'SY')],
  events: [
    event({ type: 'statement', sentence: { start: 0, end: 61 } }),
    event({ type: 'airstrike', place: 'far-away', actors: ['=HYPERLINK("http://evil.example")'], sentence: { start: 62, end: 85 } }),
  ],
};

/** Read back with an independent RFC 4180 parser, CRLF rows only. */
const parseCsv = (csv: string): string[][] => parse(csv, { record_delimiter: '\r\n', relax_column_count: false });

const asObjects = (csv: string) => {
  const [header, ...rows] = parseCsv(csv);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
};

test('a record without events gives the header only', () => {
  assert.equal(eventsCsv([base('empty', 'Nothing happened.')]), EVENT_COLUMNS.join(',') + '\r\n');
  assert.equal(eventsCsv([]), EVENT_COLUMNS.join(',') + '\r\n');
});

test('one ACLED-like row per event, actors and places resolved through the record', () => {
  const rows = asObjects(eventsCsv([A, B]));
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[0], {
    event_id_cnty: 'a1-0',
    event_date: '2017-07-09',
    year: '2017',
    event_type: 'territory-captured',
    actor1: 'Iraqi forces',
    assoc_actor_1: 'peshmerga',
    actor2: 'Islamic State',
    assoc_actor_2: '',
    country: 'IQ',
    location: 'Mosul',
    latitude: '36.335',
    longitude: '43.1189',
    geo_precision: '1',
    source: 'news.example',
    notes: 'Iraqi forces retook Mosul on Sunday, killing 12 militants, the army said.',
    fatalities: '12',
    article_id: 'a1',
    url: 'https://news.example/a1',
    confidence: '0.75',
  });
  // No stated date: the article's publication day.
  assert.equal(rows[1]!.event_date, '2017-07-10');
  assert.equal(rows[1]!.fatalities, '');
  // No date at all, no url, no domain or outlet: empty cells and the input as the source.
  assert.deepEqual([rows[2]!.event_date, rows[2]!.year, rows[2]!.url, rows[2]!.source, rows[2]!.country], ['', '', '', 'b2.txt', '']);
  // A place id the record does not resolve: no coordinates, the id as written.
  assert.deepEqual([rows[3]!.location, rows[3]!.latitude, rows[3]!.geo_precision], ['far-away', '', '']);
});

test('fields with commas, quotes and line breaks are quoted; rows end in CRLF', () => {
  const csv = eventsCsv([B, { ...A, url: 'https://news.example/a1?x=1,2', text: A.text.replace('Sunday, ', 'Sunday,\n') }]);
  assert.ok(csv.includes('"Residents of Raqqa said ""the bombing, again"" had not stopped."'));
  assert.ok(csv.includes(',"https://news.example/a1?x=1,2",'));
  assert.ok(csv.includes('"Iraqi forces retook Mosul on Sunday,\n'));
  const rows = parseCsv(csv);
  assert.equal(rows.length, 5);
  assert.ok(rows.every((r) => r.length === EVENT_COLUMNS.length));
  assert.equal(rows[1]![EVENT_COLUMNS.indexOf('notes')], 'Residents of Raqqa said "the bombing, again" had not stopped.');
});

test('text that a spreadsheet would run as a formula is defused; negative numbers are not', () => {
  const west: ArticleRecord = {
    ...B,
    places: [place('raqqah', 'Raqqah', 'geonames:1', 40.7, -74.0, 'US')],
    events: [event({ type: '-attack', place: 'raqqah', actors: ['@group', '+group'], targets: ['\tvictim'], sentence: { start: 0, end: 5 } })],
  };
  const rows = asObjects(eventsCsv([B, west]));
  assert.equal(rows[1]!.actor1, `'=HYPERLINK("http://evil.example")`);
  const [row] = rows.slice(2);
  assert.deepEqual([row!.event_type, row!.actor1, row!.assoc_actor_1, row!.actor2], [`'-attack`, `'@group`, `'+group`, `'\tvictim`]);
  assert.equal(row!.longitude, '-74');
});

test('JSON Lines: one parsable line per record', () => {
  const lines = [...articlesJsonl([A, B])];
  assert.equal(lines.length, 2);
  assert.ok(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n')));
  assert.deepEqual(lines.map((l) => JSON.parse(l)), [A, B]);
});
