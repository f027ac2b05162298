/**
 * `node --import tsx scripts/train-ner.ts [--bits N] [--max-epochs N] [--seed N] [--noise PERCENT]`:
 * train the statistical recognizer on CoNLL-2003 eng.train, choose the
 * number of epochs on eng.testa (dev), and write src/nlp/ner/model/ner-model.bin.gz.
 *
 * The training split is augmented with noised copies of PERCENT of its
 * documents (src/nlp/ner/noise.ts: lost or shouted case, headlines, dropped
 * commas and apostrophes), chosen with a random source seeded from --seed, so
 * the run stays deterministic. Dev stays clean: epochs are chosen on testa as it is.
 *
 * eng.testb (the test split) is never read here: it is only for
 * scripts/eval-ner.ts. Data folder: NEWSGRAPH_CONLL_DIR or ../shared/data/conll2003-en.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildGazetteer, documentFeatures, WORD_CLUSTERS_URL } from '../src/nlp/ner/features.js';
import { projectGazetteerLists } from '../src/nlp/ner/project-lists.js';
import { loadClusters } from '../src/nlp/ner/clusters.js';
import type { Gazetteer } from '../src/nlp/ner/features.js';
import { EntityScorer, readConllSplit } from '../src/nlp/ner/conll.js';
import type { ConllDocument } from '../src/nlp/ner/conll.js';
import { PerceptronTrainer, seededRandom, spansToTags, tagsToSpans } from '../src/nlp/ner/perceptron.js';
import type { Example, Scorer } from '../src/nlp/ner/perceptron.js';
import { decodeModel, encodeModel } from '../src/nlp/ner/model-file.js';
import { noisedCopies } from '../src/nlp/ner/noise.js';
import { labelDocument, scoredSpans } from '../src/nlp/ner/label.js';
import { intOption } from './lib/options.js';

const repoRoot = new URL('../', import.meta.url);
const conllDir = process.env.NEWSGRAPH_CONLL_DIR ?? fileURLToPath(new URL('../shared/data/conll2003-en/', repoRoot));
const modelPath = new URL('src/nlp/ner/model/ner-model.bin.gz', repoRoot);

const option = intOption;
/** Share of training documents that get a noised copy; chosen on testa and the news dev set. */
const NOISE_PERCENT = 20;

const readSplit = (file: string): ConllDocument[] => readConllSplit(conllDir, file);

function evaluate(scorer: Scorer, gazetteer: Gazetteer, docs: readonly ConllDocument[]) {
  const scorerOut = new EntityScorer();
  for (const doc of docs) {
    const decoded = labelDocument(
      scorer,
      gazetteer,
      doc.map((s) => s.words),
    );
    doc.forEach((s, i) => scorerOut.add(s.spans, tagsToSpans(decoded[i]!.tags)));
  }
  return scorerOut.scores();
}

/** Median entity margin on dev, over ln 5: the typical entity then gets confidence 0.9. */
function marginScale(scorer: Scorer, gazetteer: Gazetteer, docs: readonly ConllDocument[]): number {
  const margins: number[] = [];
  for (const doc of docs) {
    for (const decoded of labelDocument(
      scorer,
      gazetteer,
      doc.map((s) => s.words),
      true,
    ))
      for (const span of scoredSpans(decoded)) margins.push(span.margin);
  }
  margins.sort((a, b) => a - b);
  const median = margins[Math.floor(margins.length / 2)] ?? 1;
  return median / Math.log(5);
}

function main(): void {
  const hashBits = option('bits', 20);
  const maxEpochs = option('max-epochs', 25);
  const patience = option('patience', 5);
  const seed = option('seed', 20030601);
  const noisePercent = option('noise', NOISE_PERCENT);
  const started = Date.now();
  const clean = readSplit('eng.train');
  // Its own random source, so the epochs' shuffling is the same with or without noise.
  const noised = noisedCopies(clean, noisePercent / 100, seededRandom(seed ^ 0x6e6f6973));
  const train = [...clean, ...noised];
  const dev = readSplit('eng.testa');
  // One snapshot of the word lists for training and the saved model, so later edits cannot shift features.
  const gazetteerLists = projectGazetteerLists();
  const clusters = loadClusters(WORD_CLUSTERS_URL);
  const gazetteer = buildGazetteer(gazetteerLists, clusters);

  const examples: Example[] = [];
  for (const doc of train) {
    const features = documentFeatures(
      doc.map((s) => s.words),
      hashBits,
      gazetteer,
    );
    doc.forEach((s, i) => examples.push({ features: features[i]!, gold: spansToTags(s.spans, s.words.length) }));
  }
  const tokens = examples.reduce((n, e) => n + e.gold.length, 0);
  console.log(`noise: ${noised.length} noised copies of ${clean.length} training documents (${noisePercent}%)`);
  console.log(`features: ${examples.length} sentences, ${tokens} tokens in ${((Date.now() - started) / 1000).toFixed(1)}s (2^${hashBits} buckets)`);

  const trainer = new PerceptronTrainer(hashBits);
  const random = seededRandom(seed);
  let best = { f1: -1, epoch: 0, scorer: trainer.averaged() };
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    const t0 = Date.now();
    const wrong = trainer.epoch(examples, random);
    const averaged = trainer.averaged();
    const f1 = evaluate(averaged, gazetteer, dev).overall.f1;
    console.log(`epoch ${epoch}: ${wrong} sentences wrong, dev F1 ${(f1 * 100).toFixed(2)} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    if (f1 > best.f1) best = { f1, epoch, scorer: averaged };
    else if (epoch - best.epoch >= patience) break;
  }

  const trainSeconds = (Date.now() - started) / 1000;
  const bytes = encodeModel(best.scorer, gazetteerLists, marginScale(best.scorer, gazetteer, dev), {
    data: 'CoNLL-2003 eng.train',
    dev: 'CoNLL-2003 eng.testa',
    epochs: best.epoch,
    seed,
    noisePercent,
    devF1Float: Number(best.f1.toFixed(4)),
  }, clusters);
  const quantised = decodeModel(bytes, 'new model', clusters);
  const devQuantised = evaluate(quantised, gazetteer, dev).overall.f1;
  mkdirSync(new URL('.', modelPath), { recursive: true });
  writeFileSync(modelPath, bytes);
  console.log(
    `best epoch ${best.epoch}: dev F1 ${(best.f1 * 100).toFixed(2)} float, ${(devQuantised * 100).toFixed(2)} int16; ` +
      `model ${(bytes.length / 1e6).toFixed(2)} MB -> ${fileURLToPath(modelPath)}; trained in ${trainSeconds.toFixed(0)}s`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
