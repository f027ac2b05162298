import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeExpressions, datesStage } from './time.js';
import { splitSentences } from './sentences.js';
import { EMPTY_META, newDoc } from '../core/doc.js';

// 2017-10-14 is a Saturday; 2017-10-10 a Tuesday.
const SATURDAY = '2017-10-14T21:41:42Z';

function values(text: string, ref: string | null): [string, string | null, string][] {
  return timeExpressions(text, splitSentences(text), ref).map((t) => {
    assert.equal(text.slice(t.start, t.end), t.text);
    assert.ok(t.confidence > 0 && t.confidence <= 1);
    return [t.text, t.value, t.grain];
  });
}

test('a weekday is the most recent such day on or before the publication day', () => {
  assert.deepEqual(values('The council met on Tuesday.', SATURDAY), [['Tuesday', '2017-10-10', 'day']]);
  assert.deepEqual(values('The deal was struck Saturday.', SATURDAY), [['Saturday', '2017-10-14', 'day']]);
  assert.deepEqual(values('Talks ended last Saturday and resume next Monday.', SATURDAY), [
    ['last Saturday', '2017-10-07', 'day'],
    ['next Monday', '2017-10-16', 'day'],
  ]);
});

test('a month without a year is placed near the publication date; years and year ranges are found', () => {
  assert.deepEqual(values('The offensive began in June.', SATURDAY), [['June', '2017-06', 'month']]);
  assert.deepEqual(values('The group seized the city in 2014 and held it in 2014-2015.', SATURDAY), [
    ['2014', '2014', 'year'],
    ['2014-2015', '2014/2015', 'range'],
  ]);
  assert.deepEqual(values('The 2016 election was close.', SATURDAY), [['2016', '2016', 'year']]);
});

test('days, instants and relative days resolve with their grain', () => {
  assert.deepEqual(values('On October 13 the envoy left at 9 a.m. on Monday; he had arrived yesterday.', SATURDAY), [
    ['October 13', '2017-10-13', 'day'],
    ['9 a.m. on Monday', '2017-10-09T09:00', 'instant'],
    ['yesterday', '2017-10-13', 'day'],
  ]);
  assert.deepEqual(values('Three days ago the road was cut.', SATURDAY), [['Three days ago', '2017-10-11', 'day']]);
});

test('ranges: last week, between June and August, from 2014 to 2016', () => {
  assert.deepEqual(values('Fighting eased last week.', SATURDAY), [['last week', '2017-10-02/2017-10-08', 'range']]);
  assert.deepEqual(values('Prices fell between June and August, and from 2014 to 2016 wages rose.', SATURDAY), [
    ['between June and August', '2017-06/2017-08', 'range'],
    ['from 2014 to 2016', '2014/2016', 'range'],
  ]);
  assert.deepEqual(values('Output rose last month and will fall next year.', SATURDAY), [
    ['last month', '2017-09', 'month'],
    ['next year', '2018', 'year'],
  ]);
});

test('without a publication date relative expressions stay null and absolute ones resolve', () => {
  assert.deepEqual(values('It was posted on June 30, 2014, and again on Tuesday and last week, and in June.', null), [
    ['June 30, 2014', '2014-06-30', 'day'],
    ['Tuesday', null, 'day'],
    ['last week', null, 'range'],
    ['June', null, 'month'],
  ]);
  const [absolute, relative] = timeExpressions('On June 30, 2014 and on Tuesday.', splitSentences('On June 30, 2014 and on Tuesday.'), null);
  assert.ok((absolute?.confidence ?? 0) > (relative?.confidence ?? 1), 'fully specified dates are more certain');
});

test('false friends are not dates', () => {
  assert.deepEqual(values('Troops may march on the city; they march at dawn.', SATURDAY), []);
  assert.deepEqual(values('More than 9,000 fighters and 4,500 civilians were counted, about 2000 troops and 1500 people.', SATURDAY), []);
  assert.deepEqual(values('For now, the present plan holds; a second convoy left.', SATURDAY), []);
  assert.deepEqual(values('Theresa May and Prime Minister May spoke in May.', SATURDAY), [['May', '2017-05', 'month']]);
  assert.deepEqual(values('Aid groups warned in recent weeks and over the past months.', SATURDAY), []);
});

test('the stage reads sentences and meta and assigns dates', () => {
  const text = 'The vote was on Tuesday.';
  const base = newDoc({ input: 'fixture', kind: 'text', content: '', meta: {} });
  const doc = { ...base, text, sentences: splitSentences(text), meta: { ...EMPTY_META, publishedAt: SATURDAY } };
  assert.deepEqual(datesStage.run(doc, { resources: {} }).dates.map((d) => d.value), ['2017-10-10']);
  assert.deepEqual(datesStage.requires, ['text', 'sentences', 'meta']);
});

test('a stretch up to the publication date, and numbers or titles that only look like times', () => {
  assert.deepEqual(values('Sales grew over the last three months and in the past 25 years; the plan covers the next five years.', SATURDAY), [
    ['last three months', '2017-07/2017-10', 'range'],
    ['past 25 years', '1992/2017', 'range'],
    ['next five years', '2017/2022', 'range'],
  ]);
  assert.deepEqual(values('The siege lasted for 10 years; the loan runs 12 months.', SATURDAY), []);
  assert.deepEqual(values('She earns £30,000 a year and writes for the Evening Standard. Night fell.', SATURDAY), []);
});

test('without a publication date nothing takes its value from the clock', () => {
  // chrono reads "2002 S&N" as the time 20:02 and would fill in the day it runs on; the text states no day.
  const text = 'In 2002 S&N and United agreed to form a strategic partnership.';
  const got = values(text, null).filter(([surface]) => surface.startsWith('2002 S'));
  for (const [, value] of got) assert.equal(value, null);
  assert.deepEqual(values('The merger closed on 4 April 2002.', null), [['4 April 2002', '2002-04-04', 'day']]);
});

test('a count right after a day is not a two-digit year', () => {
  const text = 'On October 13th 30 people were killed near the village.';
  const [d] = timeExpressions(text, [{ index: 0, start: 0, end: text.length, text }], '2016-10-23T00:00:00Z');
  assert.ok(d, 'a date');
  assert.equal(d.text, 'October 13th');
  assert.equal(d.value, '2016-10-13');
});

test('a weekday possessive that lost its apostrophe is that day; a habit and a stretch of time are not dates', () => {
  assert.deepEqual(values('Tuesdays executions took place in the village.', SATURDAY), [['Tuesdays', '2017-10-10', 'day']]);
  assert.deepEqual(values('The market opens on Tuesdays and closes early.', SATURDAY), []);
  assert.deepEqual(values('The town fell after 27 days of heavy shelling.', SATURDAY), []);
});

test('"last September" is the latest September before the publication month; a year after "in", "since early", "mid-" is a year whatever follows', () => {
  assert.deepEqual(values('The town fell last September after a long siege.', SATURDAY), [['last September', '2017-09', 'month']]);
  assert.deepEqual(values('They met last March.', SATURDAY), [['last March', '2017-03', 'month']]);
  assert.deepEqual(values('The town fell last October.', SATURDAY), [['last October', '2016-10', 'month']]);
  assert.deepEqual(values('The war began in mid-2012 after protests.', SATURDAY), [['2012', '2012', 'year']]);
  assert.deepEqual(values('The groups had in 2013 declared autonomy.', SATURDAY), [['2013', '2013', 'year']]);
  assert.deepEqual(values('A crowd of 2000 people gathered in the square.', SATURDAY), []);
});
