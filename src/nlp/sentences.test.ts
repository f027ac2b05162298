import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from './sentences.js';

const texts = (t: string) => splitSentences(t).map((s) => s.text);

test('splits at sentence punctuation and keeps closing quotes with the sentence', () => {
  assert.deepEqual(texts('The bridge reopened. "It is a good day," she said. Traffic resumed!'), [
    'The bridge reopened.',
    '"It is a good day," she said.',
    'Traffic resumed!',
  ]);
  assert.deepEqual(texts('He asked: "Who pays?" Nobody answered.'), ['He asked: "Who pays?"', 'Nobody answered.']);
});

test('does not split after titles, initials, acronyms or inside numbers', () => {
  assert.deepEqual(texts('Maj. Gen. Ann Lee spoke. The U.S. Navy said 3.5 million people left.'), [
    'Maj. Gen. Ann Lee spoke.',
    'The U.S. Navy said 3.5 million people left.',
  ]);
  assert.deepEqual(texts('Writer Omar J. Saleh filed at 9 a.m. on Monday.'), ['Writer Omar J. Saleh filed at 9 a.m. on Monday.']);
});

test('paragraph breaks are hard boundaries and spans are exact', () => {
  const text = 'A heading without a stop\n\nThe body starts here. It goes on.';
  const sentences = splitSentences(text);
  assert.deepEqual(sentences.map((s) => s.text), ['A heading without a stop', 'The body starts here.', 'It goes on.']);
  for (const s of sentences) assert.equal(text.slice(s.start, s.end), s.text);
  assert.deepEqual(sentences.map((s) => s.index), [0, 1, 2]);
});

test('an ellipsis inside a quote followed by lower case continues the sentence', () => {
  assert.deepEqual(texts('"We will rebuild… and we will return," he said.'), ['"We will rebuild… and we will return," he said.']);
});
