/**
 * `node --import tsx scripts/train-tagger.ts [--bits N] [--max-epochs N] [--patience N] [--seed N] [--dropout PERCENT]`:
 * train the part-of-speech tagger (src/nlp/syntax/tagger.ts) on UD English
 * EWT train + the GUM news train documents, choose the number of epochs on
 * EWT dev + GUM news dev, learn the lemma lexicon from the same training
 * words, and write src/nlp/syntax/model/tagger.bin.gz and lemma.tsv.gz.
 *
 * Deterministic: fixed file order, a seeded shuffle, integer updates; two
 * runs write byte-identical files. The test files are read only after the
 * model is chosen and written, to report figures; nothing is chosen on them.
 * Data folder: NEWSGRAPH_UD_DIR or ../shared/data/ud-english.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { parseConllu } from '../src/nlp/syntax/conllu.js';
import type { ConlluSentence } from '../src/nlp/syntax/conllu.js';
import { PerceptronTagTrainer, TAGGER_MODEL_URL, buildAmbiguityClasses, pruneWeights, wordCounts, buildTagDictionary, loadTagger, quantise, seededRandom, sparseWeights, splitLabel, tagIndexes } from '../src/nlp/syntax/tagger.js';
import type { SparseWeights, TagExample, TaggerShape } from '../src/nlp/syntax/tagger.js';
import { WordHashes } from '../src/nlp/syntax/tagger-features.js';
import { encodeTaggerModel } from '../src/nlp/syntax/tagger-model-file.js';
import { LEMMA_LEXICON_URL, buildLemmatizer, encodeLemmatizer } from '../src/nlp/syntax/lemma.js';
import type { Lemmatizer } from '../src/nlp/syntax/lemma.js';
import type { SentenceTagger } from '../src/nlp/syntax/types.js';
import { loadClusters } from '../src/nlp/ner/clusters.js';
import { WORD_CLUSTERS_URL } from '../src/nlp/ner/features.js';
import { intOption } from './lib/options.js';

const repoRoot = new URL('../', import.meta.url);
const udDir = process.env.NEWSGRAPH_UD_DIR ?? fileURLToPath(new URL('../shared/data/ud-english/', repoRoot));

const option = intOption;

const read = (file: string): ConlluSentence[] => parseConllu(gunzipSync(readFileSync(`${udDir}/${file}`)).toString('utf8'), file);
const jointLabel = (w: { upos: string; xpos: string }) => `${w.upos}|${w.xpos}`;
const pct = (x: number) => (x * 100).toFixed(2);

interface Scores {
  upos: number;
  xpos: number;
  lemma: number;
  tokens: number;
}

/** Token accuracy of tags from a weight table (training-time evaluation, tags only). */
function tagAccuracy(model: SparseWeights, sentences: readonly ConlluSentence[]): { upos: number; xpos: number } {
  const hashes = new WordHashes(model.lexicon);
  const split = model.labels.map(splitLabel);
  let upos = 0;
  let xpos = 0;
  let n = 0;
  for (const s of sentences) {
    const tags = tagIndexes(
      model,
      hashes,
      s.words.map((w) => w.form),
    );
    s.words.forEach((w, i) => {
      const p = split[tags[i]!]!;
      if (p.upos === w.upos) upos++;
      if (p.xpos === w.xpos) xpos++;
      n++;
    });
  }
  return { upos: upos / n, xpos: xpos / n };
}

/** Accuracy of the whole tagger (tags and lemmas) as the pipeline calls it. */
function evaluate(tagger: SentenceTagger, sentences: readonly ConlluSentence[]): Scores {
  const c = { upos: 0, xpos: 0, lemma: 0, tokens: 0 };
  for (const s of sentences) {
    const t = tagger.tag(s.words.map((w) => w.form));
    s.words.forEach((w, i) => {
      if (t.upos[i] === w.upos) c.upos++;
      if (t.xpos[i] === w.xpos) c.xpos++;
      if (t.lemma[i] === w.lemma) c.lemma++;
      c.tokens++;
    });
  }
  return { upos: c.upos / c.tokens, xpos: c.xpos / c.tokens, lemma: c.lemma / c.tokens, tokens: c.tokens };
}

/** Lemma accuracy given gold tags: the lexicon and rules alone. */
function lemmaAccuracy(lemmatizer: Lemmatizer, sentences: readonly ConlluSentence[]): number {
  let ok = 0;
  let n = 0;
  for (const s of sentences)
    for (const w of s.words) {
      if (lemmatizer.lemma(w.form, w.xpos) === w.lemma) ok++;
      n++;
    }
  return ok / n;
}

/** Tokens per second over `sentences`, best of 3 runs (one core). */
function throughput(tagger: SentenceTagger, sentences: readonly ConlluSentence[]): number {
  const words = sentences.map((s) => s.words.map((w) => w.form));
  const tokens = words.reduce((n, w) => n + w.length, 0);
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    for (const w of words) tagger.tag(w);
    best = Math.min(best, performance.now() - t0);
  }
  return tokens / (best / 1000);
}

/**
 * A tagger model trained on `train` for a fixed number of passes, in memory
 * (for jackknifed tags: each fold tagged by a model that never saw it).
 */
/** Word dropout's alpha (tagger.ts, DropoutOptions) in hundredths, chosen on dev. */
const DROPOUT_PERCENT = 100;
/** The dropout draws get their own generator, seeded apart from the shuffle. */
const dropoutOptions = (examples: readonly TagExample[], percent: number, seed: number) =>
  percent > 0 ? { counts: wordCounts(examples), alpha: percent / 100, random: seededRandom(seed ^ 0x5bd1e995) } : undefined;

/**
 * Weights below this many perceptron updates are dropped from the saved
 * model (pruneWeights): on dev, pruning below 0.94 updates halves the weights
 * and speeds tagging by about a third for at most 0.01-0.1 points of UPOS.
 */
const PRUNE_UPDATES = 0.94;
/** A quantised table as the saved model keeps it: sparse, pruned. */
const savedWeights = (shape: TaggerShape, q: { scale: number; weights: Int16Array }) =>
  pruneWeights(sparseWeights(shape, q.weights), Math.round(PRUNE_UPDATES / q.scale));

export function trainTaggerFor(train: readonly ConlluSentence[], epochs: number, seed = 20240615, hashBits = 18): SparseWeights {
  const labels = [...new Set(train.flatMap((s) => s.words.map(jointLabel)))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const examples: TagExample[] = train.map((s) => ({ words: s.words.map((w) => w.form), gold: Uint16Array.from(s.words, (w) => index.get(jointLabel(w))!) }));
  const lexicon = { dictionary: buildTagDictionary(examples), ambiguity: buildAmbiguityClasses(examples), clusters: loadClusters(WORD_CLUSTERS_URL) };
  const trainer = new PerceptronTagTrainer(hashBits, labels, lexicon, dropoutOptions(examples, DROPOUT_PERCENT, seed));
  const random = seededRandom(seed);
  for (let epoch = 1; epoch <= epochs; epoch++) trainer.epoch(examples, random);
  return savedWeights({ hashBits, labels, lexicon }, quantise(trainer.averaged()));
}

/** The files the tagger is trained on, read as CoNLL-U. */
export const TAGGER_TRAIN_FILES = ['en_ewt-ud-train.conllu.gz', 'gum-news-train.conllu.gz'];
export const readTagged = read;

function main(): void {
  const hashBits = option('bits', 18);
  const maxEpochs = option('max-epochs', 12);
  const patience = option('patience', 3);
  const seed = option('seed', 20240615);
  const dropout = option('dropout', DROPOUT_PERCENT);
  const started = performance.now();
  const trainFiles = ['en_ewt-ud-train.conllu.gz', 'gum-news-train.conllu.gz'];
  const train = trainFiles.flatMap(read);
  const devEwt = read('en_ewt-ud-dev.conllu.gz');
  const devGum = read('gum-news-dev.conllu.gz');
  const dev = [...devEwt, ...devGum];

  const labels = [...new Set(train.flatMap((s) => s.words.map(jointLabel)))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const examples: TagExample[] = train.map((s) => ({ words: s.words.map((w) => w.form), gold: Uint16Array.from(s.words, (w) => index.get(jointLabel(w))!) }));
  const clusters = loadClusters(WORD_CLUSTERS_URL);
  const lexicon = { dictionary: buildTagDictionary(examples), ambiguity: buildAmbiguityClasses(examples), clusters };
  const dictionary = lexicon.dictionary;
  const tokens = examples.reduce((n, e) => n + e.words.length, 0);
  console.log(`train: ${examples.length} sentences, ${tokens} words, ${labels.length} UPOS|XPOS labels, ${dictionary.size} dictionary words, ${lexicon.ambiguity.size} ambiguity classes, 2^${hashBits} buckets, word dropout ${dropout / 100}`);

  const trainer = new PerceptronTagTrainer(hashBits, labels, lexicon, dropoutOptions(examples, dropout, seed));
  const random = seededRandom(seed);
  let best: { score: number; epoch: number; scale: number; model: SparseWeights | null } = { score: -1, epoch: 0, scale: 1, model: null };
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    const t0 = performance.now();
    const wrong = trainer.epoch(examples, random);
    const quantised = quantise(trainer.averaged());
    const model = savedWeights({ hashBits, labels, lexicon }, quantised);
    const ewt = tagAccuracy(model, devEwt);
    const gum = tagAccuracy(model, devGum);
    // Chosen on EWT dev UPOS + XPOS (the larger dev set); GUM news dev is shown alongside.
    const score = ewt.upos + ewt.xpos;
    console.log(
      `epoch ${epoch}: ${wrong} train words wrong; dev EWT UPOS ${pct(ewt.upos)} XPOS ${pct(ewt.xpos)}, GUM news UPOS ${pct(gum.upos)} XPOS ${pct(gum.xpos)} ` +
        `(${((performance.now() - t0) / 1000).toFixed(1)}s)`,
    );
    if (score > best.score) best = { score, epoch, scale: quantised.scale, model };
    else if (epoch - best.epoch >= patience) break;
  }
  console.log(`chosen epoch: ${best.epoch}`);

  const lemmatizer = buildLemmatizer(train.flatMap((s) => s.words));
  const trainSeconds = (performance.now() - started) / 1000;
  const modelBytes = encodeTaggerModel(best.model!, best.scale, {
    data: trainFiles,
    dev: ['en_ewt-ud-dev.conllu.gz', 'gum-news-dev.conllu.gz'],
    epochs: best.epoch,
    seed,
    dropout: dropout / 100,
  });
  const lemmaBytes = encodeLemmatizer(lemmatizer);
  mkdirSync(new URL('.', TAGGER_MODEL_URL), { recursive: true });
  writeFileSync(TAGGER_MODEL_URL, modelBytes);
  writeFileSync(LEMMA_LEXICON_URL, lemmaBytes);
  console.log(
    `wrote ${fileURLToPath(TAGGER_MODEL_URL)} (${(modelBytes.length / 1e6).toFixed(2)} MB) and ${fileURLToPath(LEMMA_LEXICON_URL)} ` +
      `(${(lemmaBytes.length / 1e3).toFixed(0)} kB: ${lemmatizer.exceptions.size} exceptions, ${lemmatizer.known.size} known lemmas); trained in ${trainSeconds.toFixed(0)}s`,
  );

  // Figures of the files as written, read back the way the pipeline reads them.
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  const tagger = loadTagger(TAGGER_MODEL_URL, { clusters });
  const loadMs = performance.now() - t0;
  const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  console.log(`load: ${loadMs.toFixed(0)} ms, about ${((heapAfter - heapBefore) / 1e6).toFixed(0)} MB`);
  const report = (name: string, sentences: readonly ConlluSentence[]) => {
    const s = evaluate(tagger, sentences);
    console.log(
      `${name}: UPOS ${pct(s.upos)} XPOS ${pct(s.xpos)} lemma ${pct(s.lemma)} (predicted tags), lemma ${pct(lemmaAccuracy(lemmatizer, sentences))} (gold tags); ${s.tokens} words`,
    );
  };
  report('dev EWT', devEwt);
  report('dev GUM news', devGum);
  report('dev both', dev);
  console.log(`speed: ${Math.round(throughput(tagger, devEwt))} tokens/s (EWT dev, best of 3, tags and lemmas)`);
  if (!process.argv.includes('--no-test')) {
    report('test EWT', read('en_ewt-ud-test.conllu.gz'));
    report('test GUM news', read('gum-news-test.conllu.gz'));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
