import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOrder, runStages, PipelineOrderError, type Stage } from './stage.js';
import { newDoc } from './doc.js';

const stage = (name: string, requires: Stage['requires'], assigns: Stage['assigns']): Stage => ({
  name,
  requires,
  assigns,
  uses: [],
  run: (doc) => ({ ...doc, notes: [...doc.notes, name] }),
});

test('checkOrder accepts stages whose requirements are met earlier', () => {
  assert.doesNotThrow(() => checkOrder([stage('a', [], ['text']), stage('b', ['text'], ['sentences'])]));
});

test('checkOrder names the stage and the missing layer', () => {
  assert.throws(
    () => checkOrder([stage('b', ['text'], ['sentences']), stage('a', [], ['text'])]),
    (err: unknown) => err instanceof PipelineOrderError && /"b" requires text/.test(err.message),
  );
});

test('checkOrder refuses duplicate stage names', () => {
  assert.throws(() => checkOrder([stage('a', [], ['text']), stage('a', [], ['text'])]), /appears twice/);
});

test('runStages runs in order and records timings', () => {
  const timings = new Map<string, number>();
  const doc = runStages(
    newDoc({ input: 'x', kind: 'text', content: 'x', meta: {} }),
    [stage('a', [], ['text']), stage('b', ['text'], [])],
    { resources: {} },
    timings,
  );
  assert.deepEqual(doc.notes, ['a', 'b']);
  assert.deepEqual([...timings.keys()], ['a', 'b']);
});

test('runStages refuses a stage that returns a non-document', () => {
  const bad: Stage = { name: 'bad', requires: [], assigns: [], uses: [], run: () => null as never };
  assert.throws(
    () => runStages(newDoc({ input: 'x', kind: 'text', content: 'x', meta: {} }), [bad], { resources: {} }),
    /"bad" returned/,
  );
});
