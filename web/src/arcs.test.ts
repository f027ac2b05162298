import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arcLayout } from './arcs.js';

// "The army retook the town": det(army, The), nsubj(retook, army), root retook, det(town, the), obj(retook, town).
const words = [
  { form: 'The', head: 1, deprel: 'det', upos: 'DET' },
  { form: 'army', head: 2, deprel: 'nsubj', upos: 'NOUN' },
  { form: 'retook', head: -1, deprel: 'root', upos: 'VERB' },
  { form: 'the', head: 4, deprel: 'det', upos: 'DET' },
  { form: 'town', head: 2, deprel: 'obj', upos: 'NOUN' },
];

test('one arc per dependent, the root has none; an arc over another sits higher', () => {
  const l = arcLayout(words);
  assert.equal(l.arcs.length, 4);
  assert.equal(l.root, 2);
  const level = (d: number) => l.arcs.find((a) => a.dependent === d)!.level;
  assert.equal(level(0), 1);
  assert.equal(level(3), 1);
  assert.equal(level(4), 2, 'retook -> town covers the -> town');
  for (let i = 1; i < l.x.length; i++) assert.ok(l.x[i]! > l.x[i - 1]!, 'words left to right');
  assert.ok(l.baseline > 2 * 22 && l.height > l.baseline && l.width > l.x[l.x.length - 1]!);
});
