import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignTexts } from './align.js';

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
