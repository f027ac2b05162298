import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ParserTrainer, seededRandom } from './parser-train.js';
import { loadParser, makeParser } from './parser.js';
import { decodeParserModel, encodeParserModel } from './parser-model.js';
import { fromConllu, scoreParser } from './parser-eval.js';
import { isWellFormedTree } from './transition.js';
import { buildWordClassTable, wordClassSlot } from './parser-classes.js';
import { classesOf, parseClusters } from '../ner/clusters.js';

/** A tiny hand-written treebank; the last sentence is non-projective. */
const TREEBANK = [
  '# text = The cat sat on the mat .',
  '1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_',
  '2\tcat\tcat\tNOUN\tNN\t_\t3\tnsubj\t_\t_',
  '3\tsat\tsit\tVERB\tVBD\t_\t0\troot\t_\t_',
  '4\ton\ton\tADP\tIN\t_\t6\tcase\t_\t_',
  '5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_',
  '6\tmat\tmat\tNOUN\tNN\t_\t3\tobl\t_\t_',
  '7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_',
  '',
  '# text = A dog barked loudly .',
  '1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_',
  '2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t_\t_',
  '3\tbarked\tbark\tVERB\tVBD\t_\t0\troot\t_\t_',
  '4\tloudly\tloudly\tADV\tRB\t_\t3\tadvmod\t_\t_',
  '5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_',
  '',
  '# text = She saw the bird .',
  '1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_',
  '2\tsaw\tsee\tVERB\tVBD\t_\t0\troot\t_\t_',
  '3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_',
  '4\tbird\tbird\tNOUN\tNN\t_\t2\tobj\t_\t_',
  '5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_',
  '',
  '# text = A hearing is scheduled on the issue today .',
  '1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_',
  '2\thearing\thearing\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_',
  '3\tis\tbe\tAUX\tVBZ\t_\t4\taux:pass\t_\t_',
  '4\tscheduled\tschedule\tVERB\tVBN\t_\t0\troot\t_\t_',
  '5\ton\ton\tADP\tIN\t_\t7\tcase\t_\t_',
  '6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_',
  '7\tissue\tissue\tNOUN\tNN\t_\t2\tnmod\t_\t_',
  '8\ttoday\ttoday\tNOUN\tNN\t_\t4\tobl:tmod\t_\t_',
  '9\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_',
  '',
].join('\n');

const sentences = fromConllu(TREEBANK, 'tiny.conllu');

const CLUSTERS = parseClusters(
  '#{"format":"newsgraph-word-clusters","version":1,"levels":[64,256,1024]}\nthe\t1\t2\t3\ncat\t4\t5\t6\nParis\t7\t8\t9\ndog\t4\t5\t7\n',
  'tiny clusters',
);

function train(): Buffer {
  const trainer = new ParserTrainer(sentences, { moveBits: 12, labelBits: 10, minLiftedCount: 1, classes: buildWordClassTable(CLUSTERS) });
  const random = seededRandom(42);
  for (let epoch = 1; epoch <= 8; epoch++) trainer.epoch(random, epoch === 1 ? 0 : 0.9);
  return encodeParserModel(trainer.averaged(), { data: 'tiny' });
}

const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');

test('training is deterministic: two runs give byte-identical model files', () => {
  assert.equal(sha1(train()), sha1(train()));
});

test('a trained model learns the tiny treebank and its parses are well-formed trees', () => {
  const parser = makeParser(decodeParserModel(train(), 'tiny model'));
  const scores = scoreParser(parser, sentences);
  assert.ok(scores.uas >= 90, `UAS ${scores.uas}`);
  assert.ok(scores.las >= 85, `LAS ${scores.las}`);
  // Any input, including unseen words and tags, gives one tree.
  for (const words of [['x'], ['Hello', 'world'], 'what on earth is going on here today , friend ?'.split(' ')]) {
    const tags = { upos: words.map(() => 'X'), xpos: words.map(() => 'FW'), lemma: words };
    const tree = parser.parse(words, tags);
    assert.equal(tree.head.length, words.length);
    assert.equal(tree.deprel.length, words.length);
    assert.ok(isWellFormedTree(tree.head), tree.head.join(','));
    assert.equal(tree.deprel.filter((l) => l === 'root').length, 1);
  }
  assert.deepEqual(parser.parse([], { upos: [], xpos: [], lemma: [] }), { head: [], deprel: [] });
});

test('a corrupted or missing model file gives a clear error naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parser-model-'));
  const garbage = join(dir, 'garbage.bin.gz');
  writeFileSync(garbage, 'not a model');
  assert.throws(() => loadParser(garbage), (e: Error) => e.message.includes(garbage) && /not gzip data/.test(e.message));
  const truncated = join(dir, 'truncated.bin.gz');
  const good = train();
  const raw = gunzipSync(good);
  writeFileSync(truncated, gzipSync(raw.subarray(0, raw.length - 100)));
  assert.throws(() => loadParser(truncated), (e: Error) => e.message.includes(truncated) && /weight bytes, expected/.test(e.message));
  const wrongMagic = join(dir, 'magic.bin.gz');
  writeFileSync(wrongMagic, gzipSync(Buffer.from('NGNER1\nwhatever')));
  assert.throws(() => loadParser(wrongMagic), (e: Error) => e.message.includes(wrongMagic) && /signature/.test(e.message));
  const missing = join(dir, 'absent.bin.gz');
  assert.throws(() => loadParser(missing), (e: Error) => e.message.includes(missing) && /train:parser/.test(e.message));
});

test('the word-class table finds what classesOf finds (as written, lower-cased, capitalised)', () => {
  const table = buildWordClassTable(CLUSTERS);
  for (const word of ['the', 'The', 'THE', 'cat', 'Paris', 'paris', 'PARIS', 'dog', 'zebra', '']) {
    const expected = classesOf(CLUSTERS, word);
    const at = wordClassSlot(table, word);
    if (!expected) assert.equal(at, -1, word);
    else assert.deepEqual([table.medium[at]! - 1, table.fine[at]! - 1], expected.slice(1), word);
  }
});

test('a saved model parses exactly as the trained weights it came from', () => {
  const bytes = train();
  const loaded = decodeParserModel(bytes, 'tiny');
  assert.ok(loaded.classes, 'word classes saved in the model');
  const again = makeParser(decodeParserModel(encodeParserModel(loaded, { data: 'tiny' }), 'again'));
  const first = makeParser(loaded);
  for (const s of sentences) assert.deepEqual(again.parse(s.words, s.tags), first.parse(s.words, s.tags));
});
