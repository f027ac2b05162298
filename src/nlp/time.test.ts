import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeExpressions } from './time.js';

const values = (text: string, ref: string | null) =>
  timeExpressions(text, ref).map((t) => {
    assert.equal(text.slice(t.start, t.end), t.text);
    return [t.text, t.value, t.grain];
  });

test('a weekday is the most recent such day on or before the publication day', () => {
  // 2017-10-14 is a Saturday.
  assert.deepEqual(values('The council met on Tuesday.', '2017-10-14'), [['on Tuesday', '2017-10-10', 'day']]);
  assert.deepEqual(values('The deal was struck Saturday.', '2017-10-14T21:41:42Z'), [['Saturday', '2017-10-14', 'day']]);
});

test('a month without a year takes the publication year; years and year ranges are found', () => {
  assert.deepEqual(values('The offensive began in June.', '2017-10-14'), [['June', '2017-06', 'month']]);
  assert.deepEqual(values('The group seized the city in 2014 and held it in 2014-2015.', '2017-10-14'), [
    ['2014', '2014', 'year'],
    ['2014-2015', '2014/2015', 'range'],
  ]);
});

test('last week is a range; absolute dates resolve without a publication date, relative ones do not', () => {
  assert.deepEqual(values('Fighting eased last week.', '2017-10-14'), [['last week', '2017-10-02/2017-10-08', 'range']]);
  assert.deepEqual(values('It was posted on June 30, 2014, and again on Tuesday.', null), [
    ['June 30, 2014', '2014-06-30', 'day'],
    ['on Tuesday', null, 'day'],
  ]);
});

test('false friends are not dates', () => {
  assert.deepEqual(values('Troops may march on the city; more than 9,000 fighters and 4,500 civilians were there.', '2017-10-14'), []);
});
