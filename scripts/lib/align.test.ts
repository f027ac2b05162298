import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignTexts, keptByCleaning, removedByCleaning, spanToInput } from './align.js';

test('offsets map through removed lines and changed spacing, and not into removed text', () => {
  const input = 'Listen Live\nShare this\n\nThe river  port reopened on Monday.\nPhoto: Harbour News\nOfficials said trade resumed.';
  const cleaned = 'The river port reopened on Monday.\n\nOfficials said trade resumed.';
  const al = alignTexts(input, cleaned);
  for (const word of ['river', 'Monday', 'Officials', 'resumed']) {
    const c = cleaned.indexOf(word);
    const i = al.toInput(c)!;
    assert.equal(input.slice(i, i + word.length), word);
    assert.equal(al.toCleaned(i), c);
  }
  assert.equal(al.toCleaned(input.indexOf('Harbour')), null, 'a removed caption has no cleaned offset');
  assert.equal(al.toCleaned(input.indexOf('Listen')), null);
  const mid = cleaned.indexOf('eopened');
  assert.equal(input.slice(al.toInput(mid)!, al.toInput(mid)! + 7), 'eopened', 'an offset inside a word maps inside it');
});

test('spans map back to the input; what cleaning removed is reported as such', () => {
  const input = 'Listen Live\nThe river port reopened on Monday, officials said.\nPhoto: Harbour News';
  const cleaned = 'The river port reopened on Monday, officials said.';
  const al = alignTexts(input, cleaned);
  const at = (text: string, word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });
  for (const phrase of ['river port', 'Monday', 'officials said.']) {
    const span = spanToInput(al, at(cleaned, phrase))!;
    assert.equal(input.slice(span.start, span.end), phrase);
  }
  assert.ok(keptByCleaning(al, at(input, 'river port')));
  assert.ok(!keptByCleaning(al, at(input, 'Harbour')));
  assert.ok(removedByCleaning(al, input, at(input, 'Photo: Harbour News')));
  assert.ok(!removedByCleaning(al, input, at(input, 'The river port')));
  assert.equal(spanToInput(alignTexts('a b', 'x y'), { start: 0, end: 3 }), null, 'a span with no counterpart');
});
