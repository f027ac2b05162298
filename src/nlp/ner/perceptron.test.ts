import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGazetteer, documentFeatures, shortShape, wordShape } from './features.js';
import { allowed, decode, PerceptronTrainer, seededRandom, spansToTags, TAGS, tagsToSpans } from './perceptron.js';
import type { Example, TagSpan } from './perceptron.js';
import { decodeModel, encodeModel } from './model-file.js';
import type { WordClusters } from './clusters.js';

const tag = (name: string) => TAGS.indexOf(name);

test('BILOU spans round-trip and illegal transitions are ruled out', () => {
  const spans: TagSpan[] = [
    { start: 0, end: 2, type: 'PER' },
    { start: 3, end: 4, type: 'LOC' },
    { start: 4, end: 7, type: 'ORG' },
  ];
  const tags = spansToTags(spans, 8);
  assert.deepEqual([...tags].map((t) => TAGS[t]), ['B-PER', 'L-PER', 'O', 'U-LOC', 'B-ORG', 'I-ORG', 'L-ORG', 'O']);
  assert.deepEqual(tagsToSpans(tags), spans);
  assert.equal(allowed(tag('B-PER'), tag('L-PER')), true);
  assert.equal(allowed(tag('B-PER'), tag('L-ORG')), false);
  assert.equal(allowed(tag('O'), tag('I-LOC')), false);
  assert.equal(allowed(tag('U-LOC'), tag('B-LOC')), true);
});

test('word shapes', () => {
  assert.equal(wordShape('McDonald'), 'XxXxxxxx');
  assert.equal(shortShape('McDonald'), 'XxXx');
  assert.equal(shortShape('1996-08-22'), 'd-d-d');
  assert.equal(shortShape('U.S.'), 'X.X.');
});

// A toy language: capitalised words after "visited" are places, after "met" people.
// Toy word classes: none known, so every word with letters has class "none".
const clusters: WordClusters = { digest: 'toy', levels: [64, 256, 1024], classes: new Map() };
const gazetteer = buildGazetteer({}, clusters);
const toy: [string[], TagSpan[]][] = [
  [['Ana', 'visited', 'Tromso', '.'], [{ start: 0, end: 1, type: 'PER' }, { start: 2, end: 3, type: 'LOC' }]],
  [['Bo', 'met', 'Cy', 'Dee', 'twice', '.'], [{ start: 0, end: 1, type: 'PER' }, { start: 2, end: 4, type: 'PER' }]],
  [['the', 'Elk', 'Club', 'visited', 'Bergen', '.'], [{ start: 1, end: 3, type: 'ORG' }, { start: 4, end: 5, type: 'LOC' }]],
];
const examples = (bits: number): Example[] =>
  toy.map(([words, spans]) => ({ features: documentFeatures([words], bits, gazetteer)[0]!, gold: spansToTags(spans, words.length) }));

function train(bits: number) {
  const trainer = new PerceptronTrainer(bits);
  const random = seededRandom(7);
  for (let epoch = 0; epoch < 10; epoch++) trainer.epoch(examples(bits), random);
  return trainer.averaged();
}

test('the perceptron fits a small training set, deterministically', () => {
  const a = train(12);
  for (const [i, ex] of examples(12).entries()) assert.deepEqual(tagsToSpans(decode(a, ex.features).tags), toy[i]![1]);
  const b = train(12);
  assert.deepEqual(a.weights, b.weights);
  assert.deepEqual(a.transitions, b.transitions);
});

test('a saved model decodes the same after int16 quantisation, and corrupt files fail clearly', () => {
  const scorer = train(12);
  const model = decodeModel(encodeModel(scorer, { place: ['Bergen'] }, 1.5, { note: 'toy' }, clusters), 'toy', clusters);
  assert.deepEqual(model.header.gazetteer, { place: ['Bergen'] });
  for (const [i, ex] of examples(12).entries()) {
    const { tags, margins } = decode(model, ex.features, true);
    assert.deepEqual(tagsToSpans(tags), toy[i]![1]);
    for (const m of margins) assert.ok(m >= 0);
  }
  assert.throws(() => decodeModel(Buffer.from('not a model'), 'junk.bin.gz', clusters), /junk\.bin\.gz: not gzip data/);
});
