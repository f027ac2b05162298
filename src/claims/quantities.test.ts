import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity, EntityType } from '../core/doc.js';
import { extractQuantities, readerUnits, type StatedQuantity } from './quantities.js';
import { splitSentences } from '../nlp/sentences.js';
import { tokenize } from '../nlp/tokens.js';

/** The document's tokens, as the claims stage receives them. */
const tokensOf = (text: string) => tokenize(text, splitSentences(text));

// Sentences written for these tests.

/** An entity whose mentions are every occurrence of the given names in `text`. */
function entity(text: string, id: string, type: EntityType, ...names: string[]): Entity {
  const mentions = names.flatMap((name) => [...text.matchAll(new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => ({ start: m.index, end: m.index + name.length, text: name })));
  return { id, name: names[0]!, type, aliases: [], mentions, roles: [], source: 'test', confidence: 1 };
}

const all = (text: string, entities: readonly Entity[] = []) => extractQuantities(text, 0, text.length, entities, tokensOf(text));
/** The quantities without their offsets, which are checked separately. */
const q = (text: string, entities: readonly Entity[] = []) => all(text, entities).map(({ start: _s, end: _e, ...rest }) => rest);
const values = (text: string) => all(text).map((x) => [x.text, x.min, x.max, x.unit]);

test('spans index the text exactly, inside the given range only', () => {
  const text = 'Officials said 300 people fled. More than 9,000 fighters were moved, the ministry said.';
  const from = text.indexOf('More');
  const found = extractQuantities(text, from, text.length, [], tokensOf(text));
  assert.equal(found.length, 1, 'the figure before the range is not read');
  for (const x of found) assert.equal(text.slice(x.start, x.end), x.text);
  assert.equal(found[0]!.text, 'More than 9,000 fighters');
});

test('the contract example: an organisation named between the number and the noun owns the count', () => {
  const text = 'More than 9,000 Daesh fighters from Mosul will be moved east, a source said.';
  const daesh = entity(text, 'islamic-state', 'ORG', 'Daesh');
  const mosul = entity(text, 'mosul', 'GPE', 'Mosul');
  assert.deepEqual(q(text, [daesh, mosul]), [{ text: 'More than 9,000 Daesh fighters', min: 9000, max: null, unit: 'fighters', of: 'islamic-state', qualifier: 'gt' }]);
});

test('"of"/"from" after the noun: organisations and peoples own, places do not', () => {
  const text = 'About 2,000 fighters of the Islamic State and 500 fighters from Raqqa surrendered.';
  const is = entity(text, 'islamic-state', 'ORG', 'Islamic State');
  const raqqa = entity(text, 'raqqa', 'GPE', 'Raqqa');
  const found = q(text, [is, raqqa]);
  assert.equal(found[0]?.of, 'islamic-state');
  assert.equal(found[0]?.unit, 'fighters');
  assert.equal(found[1]?.of, null, 'a place after "from" is where they come from');
  const norp = 'Nearly 300 Syrians were killed in the shelling.';
  assert.deepEqual(q(norp, [entity(norp, 'syrians', 'NORP', 'Syrians')]), [
    { text: 'Nearly 300 Syrians were killed', min: 300, max: 300, unit: 'killed', of: 'syrians', qualifier: 'approx', approximate: true, noun: 'people' },
  ]);
});

test('digits: thousands separators, decimals, percentages, scale words and abbreviations', () => {
  assert.deepEqual(values('The camp holds 9,000 refugees and 3.5 tonnes of flour; 40% of tents leak.'), [
    ['9,000 refugees', 9000, 9000, 'refugees'],
    ['3.5 tonnes', 3.5, 3.5, 'tonnes'],
    ['40%', 40, 40, 'percent'],
  ]);
  assert.deepEqual(values('Turnout was 62 per cent and 1.2 million voters and 2m people took part.'), [
    ['62 per cent', 62, 62, 'percent'],
    ['1.2 million voters', 1200000, 1200000, 'voters'],
    ['2m people', 2000000, 2000000, 'people'],
  ]);
  assert.deepEqual(values('The road is 12 km long and the river 40 kilometres away.'), [
    ['12 km', 12, 12, 'kilometres'],
    ['40 kilometres', 40, 40, 'kilometres'],
  ]);
});

test('numbers in words, dozens and vague plurals with their lower bounds', () => {
  assert.deepEqual(values('Nine soldiers, twenty-five medics, a dozen trucks and three hundred and fifty workers arrived.'), [
    ['Nine soldiers', 9, 9, 'soldiers'],
    ['twenty-five medics', 25, 25, 'medics'],
    ['a dozen trucks', 12, 12, 'trucks'],
    ['three hundred and fifty workers', 350, 350, 'workers'],
  ]);
  assert.deepEqual(values('Dozens of families, hundreds of students and thousands of residents left.'), [
    ['Dozens of families', 24, null, 'families'],
    ['hundreds of students', 200, null, 'students'],
    ['thousands of residents', 2000, null, 'residents'],
  ]);
  assert.deepEqual(values('Tens of thousands of people marched while a million viewers and half a million listeners followed.'), [
    ['Tens of thousands of people', 20000, null, 'people'],
    ['a million viewers', 1000000, 1000000, 'viewers'],
    ['half a million listeners', 500000, 500000, 'listeners'],
  ]);
  assert.deepEqual(values('Several hundred protesters gathered.'), [['Several hundred protesters', 200, null, 'protesters']]);
  assert.equal(all('Dozens of families left.')[0]?.approximate, true);
  assert.deepEqual(values('One soldier and one child were hurt.'), [
    ['One soldier', 1, 1, 'soldiers'],
    ['one child were hurt', 1, 1, 'wounded'],
  ]);
});

test('qualifiers set the bounds: lower, upper, approximate, exclusive', () => {
  const bounds = (text: string) => all(text).map((x) => [x.min, x.max, x.qualifier ?? null, x.approximate ?? false]);
  assert.deepEqual(bounds('more than 400 buses'), [[400, null, 'gt', false]]);
  assert.deepEqual(bounds('over 400 buses'), [[400, null, 'gt', false]]);
  assert.deepEqual(bounds('at least 400 buses'), [[400, null, 'gte', false]]);
  assert.deepEqual(bounds('upwards of 400 buses'), [[400, null, 'gt', false]]);
  assert.deepEqual(bounds('up to 400 buses'), [[null, 400, 'lte', false]]);
  assert.deepEqual(bounds('as many as 400 buses'), [[null, 400, 'lte', false]]);
  assert.deepEqual(bounds('at most 400 buses'), [[null, 400, 'lte', false]]);
  assert.deepEqual(bounds('fewer than 400 buses'), [[null, 400, 'lt', false]]);
  assert.deepEqual(bounds('less than 40 percent'), [[null, 40, 'lt', false]]);
  for (const word of ['about', 'around', 'nearly', 'almost', 'some', 'roughly', 'approximately']) {
    assert.deepEqual(bounds(`${word} 400 buses`), [[400, 400, 'approx', true]], word);
  }
  assert.equal(all('They counted more than 400 buses.')[0]?.text, 'more than 400 buses');
});

test('ranges: "between X and Y", "X to Y", "X-Y", "two or three", with a scale written once', () => {
  assert.deepEqual(values('Between 1,500 and 2,000 families fled.'), [['Between 1,500 and 2,000 families', 1500, 2000, 'families']]);
  assert.deepEqual(values('Officials counted 1,500-2,000 families.'), [['1,500-2,000 families', 1500, 2000, 'families']]);
  assert.deepEqual(values('Officials counted 1,500–2,000 families.'), [['1,500–2,000 families', 1500, 2000, 'families']]);
  assert.deepEqual(values('They expect 20 to 30 lorries a day.'), [['20 to 30 lorries', 20, 30, 'lorries']]);
  assert.deepEqual(values('Between 1.5 and 2 million people need food.'), [['Between 1.5 and 2 million people', 1500000, 2000000, 'people']]);
  assert.deepEqual(values('two to three hundred militants'), [['two to three hundred militants', 200, 300, 'militants']]);
  assert.deepEqual(values('Two or three guards stood outside.'), [['Two or three guards', 2, 3, 'guards']]);
  assert.equal(all('Two or three guards stood outside.')[0]?.approximate, true);
});

test('casualties: the state is the unit and the noun is kept', () => {
  assert.deepEqual(q('At least 16 people were killed and 30 injured in the blast.'), [
    { text: 'At least 16 people were killed', min: 16, max: null, unit: 'killed', of: null, qualifier: 'gte', noun: 'people' },
    { text: '30 injured', min: 30, max: 30, unit: 'wounded', of: null },
  ]);
  assert.deepEqual(q('The strike killed 16 civilians, wounding dozens.'), [
    { text: '16 civilians', min: 16, max: 16, unit: 'killed', of: null, noun: 'civilians' },
    { text: 'dozens', min: 24, max: null, unit: 'wounded', of: null, approximate: true },
  ]);
  assert.deepEqual(values('Police said 16 dead and 40 arrested.'), [
    ['16 dead', 16, 16, 'killed'],
    ['40 arrested', 40, 40, 'arrested'],
  ]);
  assert.deepEqual(values('Officials said 2 million people have been displaced.'), [['2 million people have been displaced', 2000000, 2000000, 'displaced']]);
  assert.deepEqual(values('The death toll rose to 16 on Tuesday.'), [['16', 16, 16, 'killed']]);
  assert.deepEqual(values('There were 12 deaths at the crossing.'), [['12 deaths', 12, 12, 'killed']]);
  assert.deepEqual(values('There were 400 wounded civilians.'), [['400 wounded civilians', 400, 400, 'wounded']]);
});

test('money is multiplied out in its currency', () => {
  assert.deepEqual(values('The fund pledged $5 million, £30bn, €2.5 billion, US$2m and 3 million euros.'), [
    ['$5 million', 5000000, 5000000, 'USD'],
    ['£30bn', 30000000000, 30000000000, 'GBP'],
    ['€2.5 billion', 2500000000, 2500000000, 'EUR'],
    ['US$2m', 2000000, 2000000, 'USD'],
    ['3 million euros', 3000000, 3000000, 'EUR'],
  ]);
  assert.deepEqual(values('It cost more than $40m.'), [['more than $40m', 40000000, null, 'USD']]);
});

test('modifiers and adverbs between the number and the noun are skipped', () => {
  assert.deepEqual(values('The army sent 9,000 heavily armed fighters and 400 more troops.'), [
    ['9,000 heavily armed fighters', 9000, 9000, 'fighters'],
    ['400 more troops', 400, 400, 'troops'],
  ]);
  assert.deepEqual(values('About 300 Kurdish fighters arrived.'), [['About 300 Kurdish fighters', 300, 300, 'fighters']]);
});

test('not quantities: years, dates, times, ordinals, phone numbers, ages, references, names, durations', () => {
  const none = [
    'The town fell in 2017 and was retaken in 2019.',
    'In 2016 fighters retook the town.',
    'The talks began on June 12 and ended on 14 July.',
    'The curfew starts at 10:30 and ends at 6 am or 0800 GMT.',
    'The 5th Corps and the 101st Airborne moved north.',
    'Call +44 20 7946 0958 or (555) 123 4567 for details.',
    'A 16-year-old boy and a man aged 40 were questioned; she is 30 years old.',
    'See page 3, section 4 and paragraph 12 of the report.',
    'Resolution 2254 was cited, and Route 66 and Area 51 were closed.',
    'F-16 jets and S-400 systems were deployed by the G20.',
    'The siege lasted three days and the war six years.',
    'He was one of the men who left.',
    'The 2016-2017 season ended with a 3-1 win.',
    'The wall is 2m high.',
  ];
  for (const text of none) assert.deepEqual(values(text), [], text);
});

test('numbers inside entity names are not amounts', () => {
  const text = 'The Group of 77 met in Geneva while 300 delegates waited.';
  const g77 = entity(text, 'group-of-77', 'ORG', 'Group of 77');
  assert.deepEqual(q(text, [g77]).map((x) => x.text), ['300 delegates']);
});

test('a number that counts nothing named is left out', () => {
  assert.deepEqual(values('The vote passed 52 to 48 after 16 of them abstained.'), []);
  assert.deepEqual(values('Hundreds fled the town.'), []);
});

test('a bounded year-like number counting a plural noun is a count', () => {
  assert.deepEqual(values('More than 2000 troops crossed.'), [['More than 2000 troops', 2000, null, 'troops']]);
});

test('the quantities of one sentence keep their order and do not overlap', () => {
  const found: StatedQuantity[] = all('Some 400 civilians remain, up to 1.2 million people are hungry and 40% lack water.');
  assert.deepEqual(found.map((x) => x.unit), ['civilians', 'people', 'percent']);
  for (let k = 1; k < found.length; k++) assert.ok(found[k]!.start >= found[k - 1]!.end);
});

test('compound nouns count their last noun; plurals without s; fractions of a whole are left out', () => {
  assert.deepEqual(values('Jets carried out at least 60 air raids and dropped 21 barrel bombs on 500 residential buildings.'), [
    ['at least 60 air raids', 60, null, 'raids'],
    ['21 barrel bombs', 21, 21, 'bombs'],
    ['500 residential buildings', 500, 500, 'buildings'],
  ]);
  assert.deepEqual(values('Some 160 gunmen stayed behind.'), [['Some 160 gunmen', 160, 160, 'gunmen']]);
  assert.deepEqual(values('More than a quarter of a million people have fled.'), []);
  assert.deepEqual(values('The agency said six regional state broadcasters closed.'), [['six regional state broadcasters', 6, 6, 'broadcasters']]);
  assert.deepEqual(values('Medics worked 20 hour shifts.'), []);
  assert.deepEqual(values('The strike was seen from 12 gas stations.').map((x) => x[3]), ['stations']);
});

test('a passive state verb before a number does not give it a state', () => {
  assert.deepEqual(values('Thirty people were killed, 6 of them children.'), [['Thirty people were killed', 30, 30, 'killed']]);
  assert.deepEqual(values('The war has killed more than 200,000 people and displaced millions.'), [
    ['more than 200,000 people', 200000, null, 'killed'],
    ['millions', 2000000, null, 'displaced'],
  ]);
});

test('a bracketed insert between the owner and the noun is skipped; a lone "one" is not a quantity', () => {
  const text = 'Officials estimate that there are between 3,000 and 4,500 Harbour Guard [HG] fighters in the port.';
  const guard: Entity = { id: 'harbour-guard', name: 'Harbour Guard', type: 'ORG', aliases: ['Harbour Guard'], mentions: [{ start: text.indexOf('Harbour'), end: text.indexOf('Harbour') + 13, text: 'Harbour Guard' }], roles: [], source: 'test', confidence: 1 };
  const q = extractQuantities(text, 0, text.length, [guard], tokensOf(text));
  assert.deepEqual(q.map((x) => [x.min, x.max, x.unit, x.of]), [[3000, 4500, 'fighters', 'harbour-guard']]);
  assert.deepEqual(extractQuantities('The group made one last attempt.', 0, 32, [], tokensOf('The group made one last attempt.')), []);
});

test("the reader's units come from the document's tokens: numbers cut from their signs, possessives joined to their word", () => {
  const text = "Syria’s 40% share of 3,000 16-year-old recruits.";
  assert.deepEqual(readerUnits(tokensOf(text), 0, text.length).map((u) => `${u.kind}:${u.text}`), [
    'word:Syria’s', 'num:40', 'sym:%', 'word:share', 'word:of', 'num:3,000', 'num:16', 'sym:-', 'word:year-old', 'word:recruits', 'sym:.',
  ]);
  const from = text.indexOf('share');
  assert.equal(readerUnits(tokensOf(text), from, from + 5).map((u) => u.text).join(' '), 'share', 'units stay inside the range');
});
