import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitSentences } from '../sentences.js';
import { tokenize } from '../tokens.js';
import { modelWords, projectType, recognizeStatistical, SOURCE } from './index.js';
import { EntityScorer, iobToSpans, parseConll } from './conll.js';
import { labelDocument } from './label.js';
import { loadModelFile } from './model-file.js';
import { loadClusters } from './clusters.js';
import { WORD_CLUSTERS_URL } from './features.js';
import { projectResources } from '../../pipeline/resources.js';
import { tagsToSpans } from './perceptron.js';

const model = projectResources().get('nerModel');
const run = (text: string) => recognizeStatistical(text, tokenize(text, splitSentences(text)), model);
const found = (text: string) => run(text).map((m) => `${m.type}:${m.text}`);

test('the saved model loads with its tag set, word lists and margin scale', () => {
  const model = loadModelFile(new URL('./model/ner-model.bin.gz', import.meta.url), loadClusters(WORD_CLUSTERS_URL));
  assert.equal(model.header.tags.length, 17);
  assert.ok(model.header.gazetteer.place!.length > 1000, 'gazetteer snapshot travels with the model');
  assert.ok(model.header.marginScale > 0);
});

test('finds obvious people, organisations and places with exact offsets', () => {
  const text =
    'The mayor of Lisbon, Carlos Moedas, opened the conference on Monday.\n\n' +
    'Shares in Siemens rose 3 percent after the company said it would cut 2,000 jobs. Later, Moedas told the European Commission that the port of Rotterdam was a model for the city.';
  const mentions = run(text);
  for (const m of mentions) {
    assert.equal(text.slice(m.start, m.end), m.text);
    assert.equal(m.source, SOURCE);
    assert.ok(m.confidence > 0 && m.confidence <= 1, `confidence ${m.confidence}`);
  }
  const got = mentions.map((m) => `${m.type}:${m.text}`);
  for (const want of ['GPE:Lisbon', 'PERSON:Carlos Moedas', 'ORG:Siemens', 'PERSON:Moedas', 'ORG:European Commission', 'GPE:Rotterdam']) {
    assert.ok(got.includes(want), `${want} missing from ${got.join(', ')}`);
  }
  assert.ok(!got.some((g) => g.endsWith(':Monday')), 'weekdays are not entities');
});

test('demonyms become NORP; non-gazetteer locations stay LOC', () => {
  const got = found('Kenyan runners dominated the race along the banks of the Danube, police in Vienna said.');
  assert.ok(got.includes('NORP:Kenyan'), got.join(', '));
  assert.ok(got.includes('GPE:Vienna'), got.join(', '));
});

test('is deterministic and handles empty input', () => {
  const text = 'Ursula von der Leyen spoke to reporters in Brussels after talks with NATO officials.';
  assert.deepEqual(run(text), run(text));
  assert.deepEqual(recognizeStatistical('', [], model), []);
});

test('rejects tokens that do not point into the text', () => {
  assert.throws(() => recognizeStatistical('short', [{ start: 2, end: 40, text: 'x', sentence: 0 }], model), /outside the text/);
});

test('maps model classes to project types', () => {
  assert.equal(projectType('PER', ['Jane', 'Doe']), 'PERSON');
  assert.equal(projectType('LOC', ['Nairobi']), 'GPE');
  assert.equal(projectType('LOC', ['NAIROBI']), 'GPE');
  assert.equal(projectType('LOC', ['Mediterranean']), 'LOC');
  assert.equal(projectType('MISC', ['Iraqi']), 'NORP');
  assert.equal(projectType('MISC', ['Germans']), 'NORP');
  assert.equal(projectType('MISC', ['World', 'Cup']), 'EVENT');
  assert.equal(projectType('MISC', ['Windows', '95']), null);
});

test('reads IOB1 like conlleval and scores exact spans', () => {
  assert.deepEqual(iobToSpans(['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC', 'I-ORG']), [
    { start: 0, end: 2, type: 'PER' },
    { start: 2, end: 3, type: 'PER' },
    { start: 4, end: 5, type: 'LOC' },
    { start: 5, end: 6, type: 'ORG' },
  ]);
  assert.throws(() => iobToSpans(['I-FOO'], 'sample'), /sample: unknown NER tag "I-FOO" at token 0/);
  const docs = parseConll('-DOCSTART- -X- -X- O\n\nAnna NNP I-NP I-PER\nsings VBZ I-VP O\n\nOslo NNP I-NP I-LOC\n', 'mini');
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.length, 2);
  const scorer = new EntityScorer();
  scorer.add(docs[0]![0]!.spans, [{ start: 0, end: 2, type: 'PER' }]);
  scorer.add(docs[0]![1]!.spans, [{ start: 0, end: 1, type: 'LOC' }]);
  const scores = scorer.scores();
  assert.equal(scores.overall.precision, 0.5);
  assert.equal(scores.overall.recall, 0.5);
  assert.equal(scores.LOC.f1, 1);
});

const devFile = fileURLToPath(new URL('../../../../shared/data/conll2003-en/eng.testa', import.meta.url));
test('keeps its accuracy on the CoNLL-2003 dev split', { skip: existsSync(devFile) ? false : `CoNLL-2003 dev split not found at ${devFile}` }, () => {
  const model = loadModelFile(new URL('./model/ner-model.bin.gz', import.meta.url), loadClusters(WORD_CLUSTERS_URL));
  const scorer = new EntityScorer();
  for (const doc of parseConll(readFileSync(devFile, 'utf8'), devFile)) {
    const decoded = labelDocument(
      model,
      model.gazetteer,
      doc.map((s) => s.words),
    );
    doc.forEach((s, i) => scorer.add(s.spans, tagsToSpans(decoded[i]!.tags)));
  }
  assert.ok(scorer.scores().overall.f1 > 0.9, `dev F1 ${scorer.scores().overall.f1}`);
});

test('the model reads CoNLL-style words: dates, scores and abbreviations whole', () => {
  const words = (text: string) => {
    const tokens = tokenize(text, [{ start: 0, end: text.length, text, index: 0 }]);
    return modelWords(tokens).map(([a, b]) => text.slice(tokens[a]!.start, tokens[b - 1]!.end));
  };
  assert.deepEqual(words('MOSCOW 1996-08-30'), ['MOSCOW', '1996-08-30']);
  assert.deepEqual(words('Daniels Inc of St. Petersburg, Fla., won 7-0-29-0 .'), ['Daniels', 'Inc', 'of', 'St.', 'Petersburg', ',', 'Fla.', ',', 'won', '7-0-29-0', '.']);
  assert.deepEqual(words('a Mo.-based bank in the U.S'), ['a', 'Mo.-based', 'bank', 'in', 'the', 'U.S']);
  // A sentence-final period, a possessive and a spaced dash stay apart.
  assert.deepEqual(words("Syria's army left Homs - again."), ['Syria', "'s", 'army', 'left', 'Homs', '-', 'again', '.']);
  // A dateline with its date split by the tokenizer is still a place, and the mention keeps exact offsets.
  const text = 'MOSCOW 1996-08-30\nRotor Volgograd must play behind closed doors.';
  const mentions = run(text);
  for (const m of mentions) assert.equal(text.slice(m.start, m.end), m.text);
  assert.ok(mentions.some((m) => m.text === 'MOSCOW' && m.type === 'GPE'), mentions.map((m) => `${m.type}:${m.text}`).join(', '));
});
