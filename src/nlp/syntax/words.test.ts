import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../sentences.js';
import { tokenize } from '../tokens.js';
import { syntacticWords } from './words.js';

const words = (text: string) => syntacticWords(tokenize(text, splitSentences(text)));

test('clitics, hyphens and percent signs split as UD English splits them, with exact spans', () => {
  const text = "They don't know, I'm sure: the well-known al-Assad can't win 40% and won't; cannot.";
  const ws = words(text);
  for (const w of ws) assert.equal(text.slice(w.start, w.end), w.form);
  assert.deepEqual(
    ws.map((w) => w.form),
    ['They', 'do', "n't", 'know', ',', 'I', "'m", 'sure', ':', 'the', 'well', '-', 'known', 'al', '-', 'Assad', 'ca', "n't", 'win', '40', '%', 'and', 'wo', "n't", ';', 'can', 'not', '.'],
  );
  assert.deepEqual(ws.filter((w) => w.multiword).map((w) => w.form), ['do', "n't", 'I', "'m", 'ca', "n't", 'wo', "n't", 'can', 'not']);
  const at = ws.findIndex((w) => w.form === 'well');
  assert.equal(new Set(ws.slice(at, at + 3).map((w) => w.token)).size, 1, 'the parts of one token point to it');
  assert.notEqual(ws[at + 3]!.token, ws[at]!.token);
});

test('possessives (already tokens), abbreviations and plain words stay as they are', () => {
  assert.deepEqual(words("Syria’s army took the U.S. base.").map((w) => w.form), ['Syria', '’s', 'army', 'took', 'the', 'U.S.', 'base', '.']);
});
