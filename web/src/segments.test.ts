import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segment } from './segments.js';

const text = 'Abadi said the army seized Raqqa on Tuesday.';

test('a text without marks is one segment', () => {
  assert.deepEqual(segment(text, []), [{ start: 0, end: text.length, text, marks: [] }]);
});

test('overlapping marks split the text at every boundary, each part carrying all that cover it', () => {
  const quote = { start: 11, end: 43, value: 'quote' };
  const place = { start: 27, end: 32, value: 'place' };
  const person = { start: 0, end: 5, value: 'person' };
  const parts = segment(text, [quote, place, person]);
  assert.deepEqual(
    parts.map((p) => [p.text, p.marks]),
    [
      ['Abadi', ['person']],
      [' said ', []],
      ['the army seized ', ['quote']],
      ['Raqqa', ['quote', 'place']],
      [' on Tuesday', ['quote']],
      ['.', []],
    ],
  );
  assert.equal(parts.map((p) => p.text).join(''), text);
});

test('marks outside the text are clipped, empty and inverted ones dropped', () => {
  const parts = segment('Mosul', [
    { start: -3, end: 2, value: 'a' },
    { start: 4, end: 99, value: 'b' },
    { start: 3, end: 3, value: 'empty' },
    { start: 4, end: 1, value: 'inverted' },
  ]);
  assert.deepEqual(
    parts.map((p) => [p.text, p.marks]),
    [
      ['Mo', ['a']],
      ['su', []],
      ['l', ['b']],
    ],
  );
});

test('an empty text has no segments', () => {
  assert.deepEqual(segment('', [{ start: 0, end: 4, value: 'x' }]), []);
});
