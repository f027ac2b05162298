import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, tokensStage } from './tokens.js';
import { splitSentences } from './sentences.js';
import { newDoc } from '../core/doc.js';

function toks(text: string): string[] {
  const tokens = tokenize(text, splitSentences(text));
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  return tokens.map((t) => t.text);
}

test('keeps hyphenated names and numbers with separators; splits possessives', () => {
  assert.deepEqual(toks("Haider al-Abadi's forces found 3,000 mines in Deir ez-Zor."), [
    'Haider', 'al-Abadi', "'s", 'forces', 'found', '3,000', 'mines', 'in', 'Deir', 'ez-Zor', '.',
  ]);
  assert.deepEqual(toks('Assad’s army and the rebels’ positions; O’Brien’s view.'), [
    'Assad', '’s', 'army', 'and', 'the', 'rebels', '’', 'positions', ';', 'O’Brien', '’s', 'view', '.',
  ]);
});

test('numbers: decimals, thousands, percentages, ordinals, decades, times and units', () => {
  assert.deepEqual(toks('Prices rose 2.5% to $1.13bn — “sharply”, don’t you think?'), [
    'Prices', 'rose', '2.5%', 'to', '$', '1.13', 'bn', '—', '“', 'sharply', '”', ',', 'don’t', 'you', 'think', '?',
  ]);
  assert.deepEqual(toks('In the 1990s a 16-year-old ran 4,500 m at 10:30 on the 21st, 2014-2015.'), [
    'In', 'the', '1990s', 'a', '16-year-old', 'ran', '4,500', 'm', 'at', '10:30', 'on', 'the', '21st', ',', '2014', '-', '2015', '.',
  ]);
  assert.deepEqual(toks('F-16 jets and 5km of road'), ['F-16', 'jets', 'and', '5', 'km', 'of', 'road']);
  // A grouped number before a hyphenated word is not cut down to its first digits.
  assert.deepEqual(toks('a £100,000-a-year post and a 3,000-strong force'), ['a', '£', '100,000', '-', 'a-year', 'post', 'and', 'a', '3,000', '-', 'strong', 'force']);
  assert.deepEqual(toks('the near-400,000 complaints'), ['the', 'near', '-', '400,000', 'complaints']);
  assert.deepEqual(toks('Natalie Appleton,31, left'), ['Natalie', 'Appleton', ',', '31', ',', 'left']);
});

test('URLs, e-mail addresses, handles, dotted abbreviations and ellipses stay whole', () => {
  assert.deepEqual(toks('Write to press@example.org or see https://example.com/a-b?c=1. The U.S. said... @NewsDesk #Raqqa'), [
    'Write', 'to', 'press@example.org', 'or', 'see', 'https://example.com/a-b?c=1', '.',
    'The', 'U.S.', 'said', '...', '@NewsDesk', '#Raqqa',
  ]);
});

test('token spans point into the text, skip any whitespace and carry their sentence', () => {
  const text = 'One\u2009two.\n\nThree\u00a0four.';
  const tokens = tokenize(text, splitSentences(text));
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.deepEqual(tokens.map((t) => t.text), ['One', 'two', '.', 'Three', 'four', '.']);
  assert.deepEqual(tokens.map((t) => t.sentence), [0, 0, 0, 1, 1, 1]);
});

test('the stage reads sentences and assigns tokens', () => {
  const text = 'Mosul fell.';
  const doc = { ...newDoc({ input: 'fixture', kind: 'text', content: '', meta: {} }), text, sentences: splitSentences(text) };
  assert.deepEqual(tokensStage.run(doc, { resources: {} }).tokens.map((t) => t.text), ['Mosul', 'fell', '.']);
});

test('a middle initial stays one token with its period', () => {
  const text = 'Analyst Daniel L. Byman wrote it.';
  assert.deepEqual(tokenize(text, splitSentences(text)).map((t) => t.text), ['Analyst', 'Daniel', 'L.', 'Byman', 'wrote', 'it', '.']);
});
