import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './tokens.js';
import { splitSentences } from './sentences.js';

const toks = (t: string) => tokenize(t, splitSentences(t)).map((x) => x.text);

test('keeps hyphenated names, numbers with separators and splits possessives', () => {
  assert.deepEqual(toks("Haider al-Abadi's forces found 3,000 mines in Deir ez-Zor."), [
    'Haider', 'al-Abadi', "'s", 'forces', 'found', '3,000', 'mines', 'in', 'Deir', 'ez-Zor', '.',
  ]);
  assert.deepEqual(toks('Prices rose 2.5% — “sharply”, don’t you think?'), [
    'Prices', 'rose', '2.5%', '—', '“', 'sharply', '”', ',', 'don’t', 'you', 'think', '?',
  ]);
});

test('token spans point into the text and carry their sentence', () => {
  const text = 'One two.\n\nThree four.';
  const tokens = tokenize(text, splitSentences(text));
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.deepEqual(tokens.map((t) => t.sentence), [0, 0, 0, 1, 1, 1]);
});
