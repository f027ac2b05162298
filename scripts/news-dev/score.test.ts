import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc } from '../../src/core/doc.js';
import { alignTexts } from '../lib/align.js';
import { parseOptions } from '../eval-news.js';
import { contentStart, figures, haversineKm, maxMatching, normName, sameAtGrain, sameContentStart, scoreArticle, type Side, type SideQuote } from './score.js';
import { sideOfAnnotation, sideOfDoc } from './sides.js';

const empty: Side = { publishedAt: null, entities: [], places: [], quotes: [], dates: [], events: [] };
const side = (s: Partial<Side>): Side => ({ ...empty, ...s });
const quote = (start: number | null, speaker: string | null, more: Partial<SideQuote> = {}): SideQuote => ({ start, speaker, speakerNames: speaker ? [speaker] : [], speakerIsPerson: false, anonymous: false, ...more });
const body = 'The monitor said that "the raids targeted the town" on Saturday. Activists said five people died in July 2016.';

test('normName: case, leading "the", possessives, punctuation and diacritics fold; other words do not', () => {
  assert.equal(normName("The Kremlin's"), 'kremlin');
  assert.equal(normName('Al-Qaeda'), normName('al Qaeda'));
  assert.equal(normName('Ḥamā'), 'hama');
  assert.equal(normName('the rebels’'), 'rebels');
  assert.equal(normName('Theresa May'), 'theresa may');
  assert.notEqual(normName('Syrias'), normName('Syria'));
});

test('entities: a match through an alias with a compatible type, a miss, and an extra', () => {
  const gold = side({ entities: [{ name: 'Islamic State', type: 'ORG', aliases: ['ISIS'] }, { name: 'Idlib', type: 'GPE', aliases: [] }, { name: 'Reuters', type: 'ORG', aliases: [] }] });
  const predicted = side({ entities: [{ name: 'isis', type: 'ORG', aliases: [] }, { name: 'Idlib', type: 'LOC', aliases: [] }, { name: 'Monday', type: 'PERSON', aliases: [] }] });
  const { counts, misses } = scoreArticle(gold, predicted, body);
  assert.deepEqual(counts.entities, { gold: 3, found: 2, predicted: 3, right: 2, split: 0 });
  assert.deepEqual(misses.filter((m) => m.layer === 'entities').map((m) => m.kind), ['not found (ORG)', 'extra (PERSON)']);
  const f = figures(counts).entities;
  assert.ok(Math.abs(f.f1! - 2 / 3) < 1e-9);
});

test('entities: a type outside GPE/LOC/FAC must be equal', () => {
  const { counts } = scoreArticle(side({ entities: [{ name: 'Syrian', type: 'NORP', aliases: [] }] }), side({ entities: [{ name: 'Syrian', type: 'GPE', aliases: [] }] }), body);
  assert.equal(counts.entities.found, 0);
  assert.equal(counts.entities.right, 0);
});

test('places: 60 km off is a miss for a city and a hit for a region; countries by code', () => {
  const lat = 36;
  const lon = 37;
  const off = lat + 60 / 111.195;
  assert.ok(Math.abs(haversineKm(lat, lon, off, lon) - 60) < 0.5);
  const predictedAt = (name: string, country = 'SY') => ({ name, names: [name], lat: off, lon, country, kind: 'city' });
  const goldCity = side({ places: [{ name: 'Aleppo', names: ['Aleppo'], lat, lon, country: 'SY', kind: 'city' }] });
  const goldRegion = side({ places: [{ name: 'Aleppo', names: ['Aleppo', 'Aleppo province'], lat, lon, country: 'SY', kind: 'region' }] });
  const predicted = side({ places: [predictedAt('Aleppo province')] });
  const city = scoreArticle(goldCity, side({ places: [predictedAt('Aleppo')] }), body).counts.places;
  assert.deepEqual([city.named, city.right, city.within161], [1, 0, 1]);
  const region = scoreArticle(goldRegion, predicted, body).counts.places;
  assert.deepEqual([region.named, region.right], [1, 1]);
  const goldCountry = side({ places: [{ name: 'Syria', names: ['Syria'], lat: 35, lon: 38.5, country: 'SY', kind: 'country' }] });
  assert.equal(scoreArticle(goldCountry, side({ places: [{ ...predictedAt('Syria'), lat: 10, lon: 10 }] }), body).counts.places.right, 1);
  assert.equal(scoreArticle(goldCountry, side({ places: [{ ...predictedAt('Syria', 'IQ'), lat: 35, lon: 38.5 }] }), body).counts.places.right, 0);
  const unnamed = scoreArticle(goldCity, side({ places: [predictedAt('Halab')] }), body);
  assert.equal(unnamed.counts.places.named, 0);
  assert.equal(unnamed.misses[0]?.kind, 'no entity of that name');
});

test('places: of several predicted places of the name, a right one counts', () => {
  const gold = side({ places: [{ name: 'Homs', names: ['Homs'], lat: 34.73, lon: 36.71, country: 'SY', kind: 'city' }] });
  const predicted = side({ places: [{ name: 'Homs', names: ['Homs'], lat: 32.6, lon: 14.26, country: 'LY', kind: 'city' }, { name: 'Homs', names: ['Homs'], lat: 34.72, lon: 36.72, country: 'SY', kind: 'city' }] });
  assert.equal(scoreArticle(gold, predicted, body).counts.places.right, 1);
});

test('quotes: content starts match past quote marks and "that", within 2 chars or the same word; not further', () => {
  const said = body.indexOf('said that') + 5;
  const the = body.indexOf('the raids');
  assert.equal(contentStart(body, said), the);
  assert.ok(sameContentStart(body, said, the));
  assert.ok(sameContentStart(body, the + 2, the));
  assert.ok(sameContentStart(body, the + 1, the));
  assert.ok(!sameContentStart(body, body.indexOf('raids'), the));
  const five = body.indexOf('five');
  assert.ok(sameContentStart(body, five + 3, five), 'same word');
  assert.ok(!sameContentStart(body, five + 5, five));
});

test('quotes: a match, a miss and a wrong speaker; speaker accuracy is over all gold quotes', () => {
  const the = body.indexOf('the raids');
  const five = body.indexOf('five');
  const gold = side({ quotes: [quote(the, 'Syrian Observatory for Human Rights', { speakerNames: ['Syrian Observatory for Human Rights', 'monitor'] }), quote(five, 'activists', { anonymous: true }), quote(0, 'SANA')] });
  const predicted = side({ quotes: [quote(the - 1, 'The monitor'), quote(five, 'Reuters'), quote(40, 'SANA')] });
  const { counts, misses } = scoreArticle(gold, predicted, body);
  assert.equal(counts.quotes.found, 2);
  assert.equal(counts.quotes.predictedMatched, 2);
  assert.equal(counts.quotes.speakerRight, 1, 'the monitor is an alias of the gold speaker; Reuters is not anonymous');
  assert.deepEqual(counts.quotes.anonymous, { gold: 1, found: 1, speakerRight: 0 });
  assert.deepEqual(counts.quotes.named, { gold: 2, found: 1, speakerRight: 1 });
  assert.deepEqual(misses.filter((m) => m.layer === 'quotes').map((m) => m.kind), ['speaker: named, gold anonymous', 'other start (named)', 'extra']);
  const f = figures(counts).quotes;
  assert.ok(Math.abs(f.speaker! - 1 / 3) < 1e-9);
});

test('quotes: anonymous agrees with anonymous whatever the description; a person by last name; named gold needs a named prediction', () => {
  const gold = side({ quotes: [quote(0, 'a military source', { anonymous: true }), quote(20, 'Bashar al-Assad', { speakerIsPerson: true }), quote(40, 'SOHR', { speakerNames: ['SOHR', 'monitor'] })] });
  const predicted = side({ quotes: [quote(0, 'sources', { anonymous: true }), quote(20, 'Assad'), quote(40, 'the monitor', { anonymous: true })] });
  assert.equal(scoreArticle(gold, predicted, body).counts.quotes.speakerRight, 2);
  const notPerson = side({ quotes: [quote(20, 'Human Rights Watch')] });
  assert.equal(scoreArticle(notPerson, side({ quotes: [quote(20, 'Watch')] }), body).counts.quotes.speakerRight, 0);
});

test('dates: the value at the gold grain: month gold takes a day, not a year; precision over predicted dates', () => {
  assert.ok(sameAtGrain('2016-07-14', '2016-07'));
  assert.ok(sameAtGrain('2016-07-01/2016-07-31', '2016-07'));
  assert.ok(sameAtGrain('2016-07-14T10:00', '2016-07-14'));
  assert.ok(!sameAtGrain('2016', '2016-07'));
  assert.ok(!sameAtGrain('2016-08', '2016-07'));
  assert.ok(!sameAtGrain(null, '2016'));
  const july = body.indexOf('July 2016');
  const gold = side({ dates: [{ start: july, end: july + 9, value: '2016-07' }, { start: 55, end: 63, value: '2016-08-06' }] });
  const predicted = side({ dates: [{ start: july, end: july + 4, value: '2016-07' }, { start: 55, end: 63, value: '2016' }, { start: 0, end: 3, value: '2016-01-01' }] });
  const { counts } = scoreArticle(gold, predicted, body);
  assert.deepEqual(counts.dates, { gold: 2, found: 2, right: 1, predicted: 3 });
});

test('events: one to one on type + day at the gold grain; no gold date matches on type alone', () => {
  const gold = side({ events: [{ type: 'airstrike', date: '2016-08-06', place: null }, { type: 'airstrike', date: '2016-07', place: null }, { type: 'shelling', date: null, place: null }, { type: 'arrest', date: '2016', place: null }] });
  const predicted = side({ events: [{ type: 'airstrike', date: '2016-07-20', place: null }, { type: 'airstrike', date: '2016-08-06', place: null }, { type: 'shelling', date: '2015-01-01', place: null }, { type: 'arrest', date: null, place: null }, { type: 'airstrike', date: '2016-08-06', place: null }] });
  const { counts } = scoreArticle(gold, predicted, body);
  assert.deepEqual(counts.events, { gold: 4, predicted: 5, matched: 3, typeMatched: 4 });
  const f = figures(counts).events;
  assert.ok(Math.abs(f.f1! - (2 * (3 / 5) * (3 / 4)) / (3 / 5 + 3 / 4)) < 1e-9);
});

test('maxMatching finds the largest one-to-one matching, not the greedy one', () => {
  // gold 0 may take 0 or 1, gold 1 only 0: greedy would give gold 0 predicted 0 and leave gold 1 alone.
  const m = maxMatching(2, 2, (i, j) => (i === 0 ? true : j === 0));
  assert.deepEqual(m, [1, 0]);
});

test('publishedAt: the same day, or none on both sides; a refused article is wrong', () => {
  assert.equal(scoreArticle(side({ publishedAt: '2017-04-27' }), side({ publishedAt: '2017-04-27T08:00:00Z' }), body).counts.published.right, 1);
  assert.equal(scoreArticle(side({ publishedAt: null }), side({ publishedAt: null }), body).counts.published.right, 1);
  assert.equal(scoreArticle(side({ publishedAt: '2017-04-27' }), side({ publishedAt: '2017-04-26' }), body).counts.published.right, 0);
  const refused = scoreArticle(side({ publishedAt: null }), side({ failed: 'no article text' }), body);
  assert.deepEqual([refused.counts.published.right, refused.counts.failed], [0, 1]);
});

test('sideOfAnnotation: places and speakers also go by their entity aliases', () => {
  const s = sideOfAnnotation({
    source: 's', row: 'r', bodySha1: '', publishedAt: null, dates: [], events: [],
    entities: [{ name: 'Idlib', type: 'GPE', aliases: ['Idlib province'] }, { name: 'Rami Abdel Rahman', type: 'PERSON', aliases: ['Abdel Rahman'] }],
    places: [{ name: 'Idlib', aliases: [], lat: 35.9, lon: 36.6, kind: 'region', country: 'SY' }],
    quotes: [{ contentStart: 3, speaker: 'Rami Abdel Rahman', anonymous: false }],
  });
  assert.deepEqual(s.places[0]!.names, ['Idlib', 'Idlib province']);
  assert.deepEqual(s.quotes[0]!.speakerNames, ['Rami Abdel Rahman', 'Abdel Rahman']);
  assert.equal(s.quotes[0]!.speakerIsPerson, true);
});

test('sideOfDoc: offsets in the cleaned text come back as body offsets; what cleaning dropped has none', () => {
  const input = 'Photo: AFP\n\nThe monitor said the raids hit Milis on Saturday.';
  const text = 'The monitor said the raids hit Milis on Saturday.';
  const at = (s: string) => text.indexOf(s);
  const doc = {
    text,
    meta: { publishedAt: '2016-08-06' },
    entities: [{ id: 'sohr', name: 'Syrian Observatory for Human Rights', type: 'ORG', aliases: ['monitor'] }, { id: 'milis', name: 'Milis', type: 'GPE', aliases: [] }],
    places: [{ entity: 'milis', name: 'Milis', lat: 36.1, lon: 36.56, country: 'SY', kind: 'city' }],
    quotes: [{ start: at('the raids') - 1, speaker: 'The monitor', speakerEntity: 'sohr', anonymous: false }],
    dates: [{ start: at('Saturday'), end: at('Saturday') + 8, value: '2016-08-06' }],
    events: [{ type: 'airstrike', date: '2016-08-06', place: 'milis' }],
  } as unknown as Doc;
  const s = sideOfDoc(doc, alignTexts(input, text));
  assert.equal(s.quotes[0]!.start, input.indexOf('the raids'), 'a start on a space moves to the next word');
  assert.deepEqual(s.quotes[0]!.speakerNames, ['The monitor', 'Syrian Observatory for Human Rights', 'monitor']);
  assert.deepEqual([s.dates[0]!.start, s.dates[0]!.end], [input.indexOf('Saturday'), input.indexOf('Saturday') + 8]);
  assert.equal(s.events[0]!.place, 'Milis');
  assert.deepEqual(s.places[0]!.names, ['Milis', 'Milis']);
  assert.equal(alignTexts('Photo: AFP\n\nThe', 'The').toInput(0), 12);
});

test('eval:news options', () => {
  assert.deepEqual(parseOptions(['--misses', '--article', '12', '--json', 'out.json']), { misses: true, json: 'out.json', article: 12, agreement: false });
  assert.deepEqual(parseOptions(['--agreement']), { misses: false, json: null, article: null, agreement: true });
  assert.throws(() => parseOptions(['--article', 'x']));
  assert.throws(() => parseOptions(['--json']));
  assert.throws(() => parseOptions(['--frobnicate']));
});
