import assert from 'node:assert/strict';
import { test } from 'node:test';
import { casualtiesIn, numberOf } from './casualties.js';
import { splitSentences } from '../nlp/sentences.js';
import { tokenize } from '../nlp/tokens.js';

const of = (text: string) => casualtiesIn(tokenize(text, splitSentences(text)));

test('counts before the word, with bounds', () => {
  assert.deepEqual(of('At least 16 people were killed and 30 wounded in the blast.'), { killed: { min: 16, max: null }, wounded: { min: 30, max: 30 } });
  assert.deepEqual(of('Up to twelve civilians died.'), { killed: { min: null, max: 12 } });
  assert.deepEqual(of('Dozens were injured.'), { wounded: { min: 24, max: null } });
  assert.deepEqual(of('A soldier was killed.'), { killed: { min: 1, max: 1 } });
});

test('counts after an active verb', () => {
  assert.deepEqual(of('The strike killed 1,200 fighters.'), { killed: { min: 1200, max: 1200 } });
  assert.deepEqual(of('A car bomb exploded, killing five and wounding more than 20.'), { killed: { min: 5, max: 5 }, wounded: { min: 20, max: null } });
});

test('no count: years, numbers of other things, no casualty word', () => {
  assert.equal(of('Several people were killed in 2014.'), null);
  assert.equal(of('Troops seized 3 villages.'), null);
  assert.equal(numberOf('2014'), null);
  assert.equal(numberOf('a'), null);
  assert.equal(numberOf('a', true), 1);
});
