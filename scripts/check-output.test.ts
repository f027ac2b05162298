import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { compareDigests, digestOutputs, readDigests, SEED_INPUTS } from './check-output.js';

test('analyze output on the seeds is exactly what eval/output-digests.json records (npm run check:output -- --write after an intended change)', { skip: existsSync(SEED_INPUTS[0]!) ? false : 'no ../shared/seeds' }, async () => {
  const want = readDigests();
  const got = await digestOutputs(SEED_INPUTS);
  assert.deepEqual(compareDigests({ records: want.records.seeds ?? {}, fields: want.fields.seeds ?? {} }, got), []);
});

test('a changed record and field are named', () => {
  const want = { records: { '0 a': 'aaa', '1 b': 'bbb' }, fields: { text: 'x', dates: 'y' } };
  const got = { records: { '0 a': 'aaa', '1 b': 'ccc', '2 c': 'ddd' }, fields: { text: 'x', dates: 'z' } };
  assert.deepEqual(compareDigests(want, got), ['fields that changed: dates', 'record 1 b: changed', 'record 2 c: new']);
  assert.deepEqual(compareDigests(want, want), []);
});
