import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseConllu } from './conllu.js';
import { CachedTagScorer, PerceptronTagTrainer, buildTagDictionary, loadTagger, pruneWeights, quantise, seededRandom, sparseWeights, splitLabel, tagIndexes, TAGGER_MODEL_URL } from './tagger.js';
import type { TagExample } from './tagger.js';
import { RIGHT_FEATURES, STATIC_FEATURES, WordHashes, rightFeatures, staticFeatures } from './tagger-features.js';
import { decodeTaggerModel, encodeTaggerModel } from './tagger-model-file.js';
import { buildAmbiguityClasses, wordCounts } from './tagger.js';
import { parseClusters } from '../ner/clusters.js';

// Word classes for the tiny test: two classes, and a digest of their own.
const CLUSTERS = parseClusters('#{"format":"newsgraph-word-clusters","version":1,"levels":[2,4,8]}\nthe\t0\t0\t0\ntown\t1\t2\t5\ncity\t1\t2\t5\n', 'tiny clusters');

// A tiny hand-written treebank (lemma, UPOS and XPOS columns only matter here).
const TINY = `
1	The	the	DET	DT	_	_	_	_	_
2	army	army	NOUN	NN	_	_	_	_	_
3	retook	retake	VERB	VBD	_	_	_	_	_
4	the	the	DET	DT	_	_	_	_	_
5	town	town	NOUN	NN	_	_	_	_	_
6	.	.	PUNCT	.	_	_	_	_	_

1	Rebels	rebel	NOUN	NNS	_	_	_	_	_
2	have	have	AUX	VBP	_	_	_	_	_
3	left	leave	VERB	VBN	_	_	_	_	_
4	the	the	DET	DT	_	_	_	_	_
5	city	city	NOUN	NN	_	_	_	_	_
6	.	.	PUNCT	.	_	_	_	_	_

1	They	they	PRON	PRP	_	_	_	_	_
2	have	have	VERB	VBP	_	_	_	_	_
3	guns	gun	NOUN	NNS	_	_	_	_	_
4	.	.	PUNCT	.	_	_	_	_	_
`.trim().replace(/ +/g, '\t');

function trainTiny(seed: number, dropout = false) {
  const sentences = parseConllu(TINY, 'tiny');
  const labels = [...new Set(sentences.flatMap((s) => s.words.map((w) => `${w.upos}|${w.xpos}`)))].sort();
  const examples: TagExample[] = sentences.map((s) => ({ words: s.words.map((w) => w.form), gold: Uint16Array.from(s.words, (w) => labels.indexOf(`${w.upos}|${w.xpos}`)) }));
  const lexicon = { dictionary: buildTagDictionary(examples, 2, 0.9), ambiguity: buildAmbiguityClasses(examples), clusters: CLUSTERS };
  const trainer = new PerceptronTagTrainer(12, labels, lexicon, dropout ? { counts: wordCounts(examples), alpha: 0.25, random: seededRandom(seed + 1) } : undefined);
  const random = seededRandom(seed);
  for (let e = 0; e < 8; e++) trainer.epoch(examples, random);
  const q = quantise(trainer.averaged());
  const model = sparseWeights({ hashBits: 12, labels, lexicon }, q.weights);
  return { model, scale: q.scale, examples };
}

test('training on a tiny treebank is deterministic and learns it', () => {
  const a = trainTiny(7);
  const b = trainTiny(7);
  const bytes = encodeTaggerModel(a.model, a.scale, {});
  assert.deepEqual(bytes, encodeTaggerModel(b.model, b.scale, {}));
  const loaded = decodeTaggerModel(bytes, 'tiny', CLUSTERS);
  const hashes = new WordHashes(loaded.lexicon);
  for (const e of a.examples) assert.deepEqual(Array.from(tagIndexes(loaded, hashes, e.words)), Array.from(e.gold), e.words.join(' '));
  assert.deepEqual(splitLabel('AUX|VBP'), { upos: 'AUX', xpos: 'VBP' });
});

test('word dropout shows a word as unseen: its form features go to the null row, its spelling features stay', () => {
  const { model } = trainTiny(7);
  const hashes = new WordHashes(model.lexicon);
  const words = ['The', 'army', 'retook', 'the', 'town', '.'];
  const plain = staticFeatures(words, 12, hashes).buckets;
  const nullRow = 2 ** 12;
  // "the" (seen twice, so in the tiny tag dictionary and with an ambiguity class) is dropped.
  const dropped = staticFeatures(words, 12, hashes, { words: Uint8Array.from([0, 0, 0, 1, 0, 0]), bucket: nullRow }).buckets;
  const slots = (i: number, b: Uint32Array) => Array.from(b.subarray(i * STATIC_FEATURES, (i + 1) * STATIC_FEATURES));
  const changed = (i: number) => slots(i, plain).flatMap((b, k) => (b === slots(i, dropped)[k] ? [] : [k]));
  // The word itself: form, normal form and the two bigrams (null), dictionary and ambiguity class (an unseen word's).
  assert.deepEqual(changed(3), [1, 2, 13, 27, 29, 30]);
  assert.deepEqual([1, 2, 29, 30].map((k) => slots(3, dropped)[k]), [nullRow, nullRow, nullRow, nullRow]);
  // The neighbours lose only what they read of its form and its lexicon entries; suffixes and classes stay.
  assert.deepEqual(changed(2), [16, 20, 28, 30]);
  assert.deepEqual(changed(4), [14, 29]);
  assert.deepEqual(changed(1), [17]);
  assert.deepEqual(changed(5), [15]);
  assert.deepEqual(changed(0), []);
  // Training with dropout still repeats exactly.
  const a = trainTiny(7, true);
  const b = trainTiny(7, true);
  assert.deepEqual(encodeTaggerModel(a.model, a.scale, {}), encodeTaggerModel(b.model, b.scale, {}));
});

test('the second pass reads the first pass\'s tags to the right of each word', () => {
  const { model } = trainTiny(7);
  const { seeds } = staticFeatures(['They', 'have', 'guns', '.'], 12, new WordHashes(model.lexicon));
  const L = model.labels.length;
  const features = (tags: number[], i: number) => {
    const out = new Uint32Array(RIGHT_FEATURES);
    rightFeatures(seeds, i, Uint16Array.from(tags), L, 2 ** 12 - 1, out);
    return Array.from(out);
  };
  const base = features([0, 1, 2, 3], 1);
  // Another tag for the next word changes every feature; one two words on, only the pair of the next two.
  assert.ok(features([0, 1, 5, 3], 1).every((b, k) => b !== base[k]));
  assert.deepEqual(features([0, 1, 2, 5], 1).flatMap((b, k) => (b === base[k] ? [] : [k])), [1]);
  // The word's own first-pass tag is not a feature (its first-pass scores already carry it).
  assert.deepEqual(features([0, 4, 2, 3], 1), base);
  // The last word sees the end of the sentence, not a stray tag.
  assert.deepEqual(features([0, 1, 2, 3], 3), features([0, 1, 2, 0], 3));
});

test('pruning drops the small weights and keeps the rows in step', () => {
  const shape = { hashBits: 2, labels: ['A|a', 'B|b'], lexicon: { dictionary: new Map(), ambiguity: new Map(), clusters: CLUSTERS } };
  const dense = Int16Array.from([5, -1, 0, 0, 2, 7, -9, 1]);
  const pruned = pruneWeights(sparseWeights(shape, dense), 3);
  assert.deepEqual(Array.from(pruned.start), [0, 1, 1, 2, 3]);
  assert.deepEqual(Array.from(pruned.label), [0, 1, 0]);
  assert.deepEqual(Array.from(pruned.value), [5, 7, -9]);
  assert.deepEqual(Array.from(pruneWeights(sparseWeights(shape, dense), 0).value), [5, -1, 2, 7, -9, 1]);
});

test('the committed model tags news sentences', () => {
  const tagger = loadTagger();
  const cases: [string, string, string][] = [
    // ("retook", unseen in training, is still tagged ADP by this model: its coarse word class is the one of "into", and
    // "NOUN _ DET NOUN" is a preposition's context to the right-context pass; see the report of issue 15.)
    ['The army recaptured the town on Sunday .', 'DET NOUN VERB DET NOUN ADP PROPN PUNCT', 'DT NN VBD DT NN IN NNP .'],
    ['The army took the town on Sunday .', 'DET NOUN VERB DET NOUN ADP PROPN PUNCT', 'DT NN VBD DT NN IN NNP .'],
    ['She said that the talks had failed .', 'PRON VERB SCONJ DET NOUN AUX VERB PUNCT', 'PRP VBD IN DT NNS VBD VBN .'],
    ['Two people were killed in Mosul .', 'NUM NOUN AUX VERB ADP PROPN PUNCT', 'CD NNS VBD VBN IN NNP .'],
  ];
  for (const [text, upos, xpos] of cases) {
    const t = tagger.tag(text.split(' '));
    assert.equal(t.upos.join(' '), upos, text);
    assert.equal(t.xpos.join(' '), xpos, text);
  }
  const t = tagger.tag('The army recaptured the town on Sunday .'.split(' '));
  assert.equal(t.lemma.join(' '), 'the army recapture the town on Sunday .');
  assert.deepEqual(tagger.tag([]), { upos: [], xpos: [], lemma: [] });
});

test('the cached scorer tags exactly as tagIndexes, across cache clears and sentences longer than the cache', () => {
  const model = loadTagger().model;
  const hashes = new WordHashes(model.lexicon);
  const sentences = [
    'The army recaptured the town on Sunday .',
    'She said that the talks had failed , and the army said so too .',
    'Two people were killed in Mosul on Sunday .',
    'The',
    'UNSEEN-WORD 1996 e-mail www.example.com :-) Mr. O\'Neill ca n\'t',
    'The army recaptured the town on Sunday .',
  ].map((t) => t.split(' '));
  for (const capacity of [1 << 15, 12, 5]) {
    const scorer = new CachedTagScorer(model, capacity);
    for (let pass = 0; pass < 2; pass++)
      for (const words of sentences) assert.deepEqual(Array.from(scorer.indexes(words)), Array.from(tagIndexes(model, hashes, words)), `${capacity}: ${words.join(' ')}`);
  }
  // Lemmas through the cache are the lemmatiser's.
  const tagger = loadTagger();
  for (const words of sentences) {
    const t = tagger.tag(words);
    assert.deepEqual(t.lemma, words.map((w, i) => tagger.lemmatizer.lemma(w, t.xpos[i]!)));
  }
});

test('a corrupted or misread model file fails with an error naming the file', () => {
  const bytes = readFileSync(TAGGER_MODEL_URL);
  const clusters = loadTagger().model.lexicon.clusters;
  assert.throws(() => decodeTaggerModel(bytes.subarray(0, bytes.length - 20), 'cut.bin.gz', clusters), /tagger model cut\.bin\.gz/);
  assert.throws(() => decodeTaggerModel(Buffer.from('not a model'), 'junk.bin.gz', clusters), /tagger model junk\.bin\.gz: not gzip/);
  assert.throws(() => decodeTaggerModel(gzipSync(Buffer.from('NGNER1\nxxxx')), 'other.bin.gz', clusters), /other\.bin\.gz: missing the "NGTAG1" signature/);
  // A body of the wrong length (a weight lost) is caught, not read as shifted weights.
  const good = decodeTaggerModel(bytes, 'ok', clusters);
  const short = { ...good, value: good.value.subarray(0, good.value.length - 1), label: good.label.subarray(0, good.label.length - 1) };
  assert.throws(() => decodeTaggerModel(encodeTaggerModel(short, good.header.scale, {}), 'short.bin.gz', clusters), /short\.bin\.gz: row lengths add up/);
  assert.throws(() => loadTagger(new URL('./model/missing.bin.gz', import.meta.url), { clusters }), /missing\.bin\.gz: cannot read/);
  assert.throws(() => decodeTaggerModel(bytes, 'model.bin.gz', CLUSTERS), /model\.bin\.gz: trained with word clusters .* but the ones given are/);
});
