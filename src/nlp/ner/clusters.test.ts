import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLUSTER_LEVELS, classesOf, formatClusters, loadClusters, parseClusters } from './clusters.js';

test('cluster files round-trip and reject malformed lines', () => {
  const text = formatClusters(
    [
      { word: 'Mosul', classes: [3, 40, 500] },
      { word: 'monday', classes: [1, 2, 3] },
      { word: 'bad\tword', classes: [1, 2, 3] },
    ],
    { tokens: 10 },
  );
  const parsed = parseClusters(text, 'test');
  assert.deepEqual(parsed.levels, [...CLUSTER_LEVELS]);
  assert.equal(parsed.classes.size, 2, 'a word holding a tab is left out, not written as a broken line');
  assert.deepEqual(classesOf(parsed, 'Mosul'), [3, 40, 500]);
  assert.deepEqual(classesOf(parsed, 'MOSUL'), [3, 40, 500], 'a shouted headline word falls back to its capitalised form');
  assert.deepEqual(classesOf(parsed, 'Monday'), [1, 2, 3], 'a sentence-initial word falls back to its lower-case form');
  assert.equal(classesOf(parsed, 'Raqqa'), undefined);
  assert.match(parsed.digest, /^[0-9a-f]{16}$/);
  assert.notEqual(parseClusters(text.replace('500', '501'), 'test').digest, parsed.digest);
  assert.throws(() => parseClusters(text.replace('\t500', ''), 'x.tsv'), /x\.tsv: line 2 has 2 classes, expected 3/);
  assert.throws(() => parseClusters('Mosul\t1\t2\t3\n', 'x.tsv'), /missing the header line/);
});

test('the committed word classes group words that fill the same slots in news', () => {
  const clusters = loadClusters(new URL('./model/word-clusters.tsv.gz', import.meta.url));
  const fine = (w: string) => classesOf(clusters, w)?.[2];
  const middle = (w: string) => classesOf(clusters, w)?.[1];
  assert.ok(clusters.classes.size > 30000, `${clusters.classes.size} words`);
  assert.equal(fine('Tuesday'), fine('Thursday'));
  assert.equal(middle('Aleppo'), middle('Damascus'));
  assert.notEqual(middle('Aleppo'), middle('Tuesday'));
  assert.equal(fine('Obama'), fine('Clinton'));
  assert.notEqual(fine('Obama'), fine('Reuters'));
});
