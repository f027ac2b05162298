import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPairs, embedRows, orthonormalise, ppmi, sphericalKMeans, symmetricEigen } from './word-vectors.js';

test('pair counting builds compressed rows with counts', () => {
  const m = countPairs(Uint32Array.from([1 * 3 + 2, 0 * 3 + 1, 1 * 3 + 2, 1 * 3 + 0]), 2, 3);
  assert.deepEqual([...m.rowStart], [0, 1, 3]);
  assert.deepEqual([...m.col], [1, 0, 2]);
  assert.deepEqual([...m.value], [1, 1, 2]);
});

test('PPMI keeps only associations stronger than chance', () => {
  // Word 0 always with context 0, word 1 spread over both: (0,0) is positive, (1,0) below chance.
  const m = ppmi(countPairs(Uint32Array.from([0, 0, 0, 2, 2, 3]), 2, 2), 1);
  assert.ok(m.value[0]! > 0);
  assert.equal(m.value[1], 0, 'word 1 with context 0 is below chance');
  assert.ok(m.value[2]! > 0);
});

test('Jacobi eigen-decomposition recovers a known spectrum', () => {
  const a = Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]);
  const { values, vectors } = symmetricEigen(a, 3);
  assert.deepEqual([...values].map((v) => Number(v.toFixed(9))), [5, 3, 1]);
  // A v = lambda v for each column.
  for (let j = 0; j < 3; j++) {
    for (let r = 0; r < 3; r++) {
      let av = 0;
      for (let c = 0; c < 3; c++) av += a[r * 3 + c]! * vectors[c * 3 + j]!;
      assert.ok(Math.abs(av - values[j]! * vectors[r * 3 + j]!) < 1e-9);
    }
  }
});

test('orthonormalised columns have unit length and are orthogonal', () => {
  const a = Float64Array.from([1, 1, 0, 1, 1, 0]);
  orthonormalise(a, 3, 2);
  const dot = (i: number, j: number) => a[i]! * a[j]! + a[2 + i]! * a[2 + j]! + a[4 + i]! * a[4 + j]!;
  assert.ok(Math.abs(dot(0, 0) - 1) < 1e-12 && Math.abs(dot(1, 1) - 1) < 1e-12 && Math.abs(dot(0, 1)) < 1e-12);
});

test('words with the same contexts share a cluster; different contexts do not', () => {
  // Rows 0-2 occur with contexts 0-3, rows 3-5 with contexts 4-7, with small variations.
  const pairs: number[] = [];
  const cols = 8;
  for (let r = 0; r < 6; r++) {
    const base = r < 3 ? 0 : 4;
    for (let c = 0; c < 4; c++) for (let n = 0; n < 3 + ((r + c) % 3); n++) pairs.push(r * cols + base + c);
  }
  const vectors = embedRows(ppmi(countPairs(Uint32Array.from(pairs), 6, cols)), 2, 7);
  const clusters = sphericalKMeans(vectors, 2, 2, 11, 10);
  assert.equal(clusters[0], clusters[1]);
  assert.equal(clusters[1], clusters[2]);
  assert.equal(clusters[3], clusters[4]);
  assert.equal(clusters[4], clusters[5]);
  assert.notEqual(clusters[0], clusters[3]);
  assert.deepEqual(sphericalKMeans(vectors, 2, 2, 11, 10), clusters, 'deterministic for a seed');
});
