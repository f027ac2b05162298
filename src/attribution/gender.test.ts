import { test } from 'node:test';
import assert from 'node:assert/strict';
import { personGenders, pronounGender, type GenderMention } from './gender.js';

// Sentences written for these tests.
const mentionsOf = (text: string, names: Record<string, string>): GenderMention[] =>
  Object.entries(names).flatMap(([name, id]) => [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({ start: m.index, end: m.index + name.length, entity: { id, type: 'PERSON' } })));

test('titles, role nouns and the first pronoun after a mention give a person a gender', () => {
  const text = 'Mrs Lind met Mr. Berg in Oslo. The spokeswoman Kari Moe declined to comment. Ola Dahl left early; he was tired.';
  const g = personGenders(text, mentionsOf(text, { Lind: 'lind', Berg: 'berg', 'Kari Moe': 'moe', 'Ola Dahl': 'dahl' }));
  assert.deepEqual([g.get('lind'), g.get('berg'), g.get('moe'), g.get('dahl')], ['f', 'm', 'f', 'm']);
});

test('no evidence, or a pronoun after another person or inside a quotation: no gender', () => {
  const text = 'Ola Dahl met Kari Moe. She smiled. Per Vik said: "he is wrong."';
  const g = personGenders(text, mentionsOf(text, { 'Ola Dahl': 'dahl', 'Kari Moe': 'moe', 'Per Vik': 'vik' }));
  assert.equal(g.get('dahl'), undefined, 'the pronoun follows another person');
  assert.equal(g.get('moe'), 'f');
  assert.equal(g.get('vik'), undefined, 'a quotation speaks in another voice');
  assert.equal(pronounGender('She'), 'f');
  assert.equal(pronounGender('they'), null);
});
