import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toRecord } from '../core/record.js';
import { analysedSeeds, HAVE_SEEDS } from '../pipeline/seeds.fixture.js';
import { docFromJson, docToJson } from './doc-json.js';
import type { Doc } from '../core/doc.js';

test('typed arrays come back as the same typed arrays', () => {
  const value = { a: new Int32Array([1, -2, 3]), b: { c: new Uint8Array([255, 0]) }, d: [new Int16Array([-7])], e: 'x' };
  const back = docFromJson<typeof value>(docToJson(value));
  assert.deepStrictEqual(back, value);
  assert.ok(back.a instanceof Int32Array && back.b.c instanceof Uint8Array && back.d[0] instanceof Int16Array);
});

test('what JSON cannot carry is refused, naming where it is', () => {
  assert.throws(() => docToJson({ layers: { seen: new Set(['a']) } }), /Set at \.layers\.seen/);
  assert.throws(() => docToJson({ score: Number.NaN }), /NaN at \.score/);
  assert.throws(() => docToJson({ m: new Map() }), /Map at \.m/);
});

test('a malformed typed array is an error, not a silent object', () => {
  assert.throws(() => docFromJson('{"x": {"$typed": "Array", "data": ""}}'), /not a typed array/);
});

test('an analysed seed round-trips: same JSON, same record', { skip: !HAVE_SEEDS && 'no seeds in ../shared' }, () => {
  for (const doc of analysedSeeds()) {
    const json = docToJson(doc);
    const back = docFromJson<Doc>(json);
    assert.equal(docToJson(back), json);
    assert.deepStrictEqual(toRecord(back), toRecord(doc));
    assert.deepStrictEqual(back.fingerprint, doc.fingerprint);
  }
});
