/**
 * `node --import tsx scripts/train-parser.ts [--max-epochs N] [--patience N]
 *   [--tags gold|predicted|jackknifed|both] [--folds K] [--move-bits N] [--label-bits N] [--seed N] [--subsample N] [--gum-weight N] [--pair-min N] [--out PATH] [--no-clusters]`:
 * train the dependency parser (src/nlp/syntax/parser*.ts) on UD English EWT
 * train + GUM news train, choose the epoch on EWT dev + GUM news dev (LAS
 * over both), and write src/nlp/syntax/model/parser-model.bin.gz.
 *
 * The test files are never read here (scripts/eval-parser.ts measures them).
 * Training tags (`--tags`): `gold` (the default, the shipped model) the
 * treebank's; `jackknifed` tagger tags from taggers that never saw the sentence
 * (scripts/jackknife-tags.ts, 10 folds: run
 * `for f in 0 1 2 3 4 5 6 7 8 9; do node --import tsx scripts/jackknife-tags.ts --fold $f; done` first);
 * `both` every training sentence twice, with each. With `jackknifed` and
 * `both`, dev carries the shipped tagger's tags (what users get), so the epoch
 * is chosen for them. `predicted` tags training and dev with the shipped tagger.
 * Deterministic: same data and options, byte-identical model file.
 * Data folder: NEWSGRAPH_UD_DIR or ../shared/data/ud-english.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { foldFile } from './jackknife-tags.js';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ParserTrainer, seededRandom } from '../src/nlp/syntax/parser-train.js';
import type { TrainSentence } from '../src/nlp/syntax/parser-train.js';
import { makeParser } from '../src/nlp/syntax/parser.js';
import { loadTagger } from '../src/nlp/syntax/tagger.js';
import { PARSER_MODEL_URL, decodeParserModel, encodeParserModel } from '../src/nlp/syntax/parser-model.js';
import { readTreebank, scoreParser } from '../src/nlp/syntax/parser-eval.js';
import type { SentenceTagger } from '../src/nlp/syntax/types.js';
import { loadClusters } from '../src/nlp/ner/clusters.js';
import { WORD_CLUSTERS_URL } from '../src/nlp/ner/features.js';
import { buildWordClassTable } from '../src/nlp/syntax/parser-classes.js';

const repoRoot = new URL('../', import.meta.url);
const udDir = process.env.NEWSGRAPH_UD_DIR ?? fileURLToPath(new URL('../shared/data/ud-english/', repoRoot));

const { values: args } = parseArgs({
  options: {
    tags: { type: 'string', default: 'gold' },
    out: { type: 'string' },
    'no-clusters': { type: 'boolean', default: false },
    ...Object.fromEntries(['max-epochs', 'patience', 'move-bits', 'label-bits', 'seed', 'subsample', 'gum-weight', 'folds', 'pair-min'].map((n) => [n, { type: 'string' as const }])),
  },
});

/** An integer option (`--name N`), else `fallback`. */
function option(name: string, fallback: number): number {
  const text = (args as Record<string, string | boolean | undefined>)[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (typeof text !== 'string' || !Number.isInteger(value)) throw new Error(`--${name} needs an integer, got ${String(text)}`);
  return value;
}

const retag = (sentences: TrainSentence[], tagger: SentenceTagger): TrainSentence[] => sentences.map((s) => ({ ...s, tags: tagger.tag(s.words) }));

async function main(): Promise<void> {
  const maxEpochs = option('max-epochs', 20);
  const patience = option('patience', 4);
  const moveBits = option('move-bits', 21);
  const labelBits = option('label-bits', 21);
  const seed = option('seed', 20260301);
  const subsample = option('subsample', 0);
  const tagsWanted = String(args.tags);
  if (!['gold', 'predicted', 'jackknifed', 'both'].includes(tagsWanted)) throw new Error(`--tags must be gold, predicted, jackknifed or both, got ${tagsWanted}`);
  const out = typeof args.out === 'string' ? args.out : fileURLToPath(PARSER_MODEL_URL);
  const started = Date.now();

  // --gum-weight N: the GUM news sentences appear N times per epoch (news is the product's domain, and GUM news train is small).
  const gumWeight = option('gum-weight', 1);
  const gumTrain = readTreebank(join(udDir, 'gum-news-train.conllu.gz'));
  let train = [...readTreebank(join(udDir, 'en_ewt-ud-train.conllu.gz')), ...Array.from({ length: gumWeight }, () => gumTrain).flat()];
  if (subsample > 0) train = train.filter((_, i) => i % subsample === 0);
  let devEwt = readTreebank(join(udDir, 'en_ewt-ud-dev.conllu.gz'));
  let devGum = readTreebank(join(udDir, 'gum-news-dev.conllu.gz'));
  let tagsUsed = 'gold (treebank UPOS/XPOS/lemma)';
  if (tagsWanted === 'jackknifed' || tagsWanted === 'both') {
    // Training sentences carry tags from taggers that never saw them (scripts/jackknife-tags.ts); dev carries the
    // shipped tagger's tags, as the pipeline gives them.
    const folds = option('folds', 10);
    if (subsample > 0 || gumWeight !== 1) throw new Error('--tags jackknifed needs the whole training set once (no --subsample, --gum-weight 1)');
    const byIndex = new Map<number, TrainSentence['tags']>();
    for (let f = 0; f < folds; f++) {
      const file = foldFile(folds, f);
      if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/jackknife-tags.ts --folds ${folds} --fold ${f}`);
      for (const [i, tags] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, TrainSentence['tags']>)) byIndex.set(Number(i), tags);
    }
    if (byIndex.size !== train.length) throw new Error(`jackknifed tags cover ${byIndex.size} sentences, the training set has ${train.length}`);
    const jackknifed = train.map((s, i) => ({ ...s, tags: byIndex.get(i)! }));
    // --tags both: every training sentence twice, with the treebank's tags and with the jackknifed ones.
    train = tagsWanted === 'both' ? [...train, ...jackknifed] : jackknifed;
    const tagger = loadTagger();
    devEwt = retag(devEwt, tagger);
    devGum = retag(devGum, tagger);
    tagsUsed = `${tagsWanted === 'both' ? 'gold and ' : ''}jackknifed over ${folds} folds for training (scripts/jackknife-tags.ts), the shipped tagger's for dev`;
  }
  if (tagsWanted === 'predicted') {
    const tagger = loadTagger();
    train = retag(train, tagger);
    devEwt = retag(devEwt, tagger);
    devGum = retag(devGum, tagger);
    tagsUsed = 'predicted (the shipped tagger, src/nlp/syntax/tagger.ts)';
  }
  console.log(`tags: ${tagsUsed}`);
  const clusters = args['no-clusters'] === true ? undefined : loadClusters(WORD_CLUSTERS_URL);
  console.log(`word classes: ${clusters ? `${fileURLToPath(WORD_CLUSTERS_URL)} (${clusters.digest})` : 'none'}`);
  const classes = clusters ? buildWordClassTable(clusters) : undefined;
  // --pair-min N: label candidates by tag pair from labels seen N times for the pair (0: by direction and dependent UPOS only).
  const minPairCount = option('pair-min', 2);
  const trainer = new ParserTrainer(train, { moveBits, labelBits, minLiftedCount: 3, minPairCount, classes });
  const words = train.reduce((n, s) => n + s.words.length, 0);
  console.log(`train: ${train.length} sentences, ${words} words, ${trainer.labels.length} labels; 2^${moveBits} move and 2^${labelBits} label buckets (${((Date.now() - started) / 1000).toFixed(1)}s)`);

  const random = seededRandom(seed);
  let best = { las: -1, epoch: 0, model: trainer.averaged(), ewt: 0, gum: 0 };
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    const t0 = Date.now();
    const errors = trainer.epoch(random, epoch === 1 ? 0 : 0.9);
    const model = trainer.averaged();
    const parser = makeParser(model);
    const ewt = scoreParser(parser, devEwt);
    const gum = scoreParser(parser, devGum);
    const las = (ewt.las * ewt.words + gum.las * gum.words) / (ewt.words + gum.words);
    console.log(
      `epoch ${epoch}: move errors ${(errors.moveErrors * 100).toFixed(2)}%, label errors ${(errors.labelErrors * 100).toFixed(2)}%; ` +
        `dev EWT UAS ${ewt.uas.toFixed(2)} LAS ${ewt.las.toFixed(2)}, GUM news UAS ${gum.uas.toFixed(2)} LAS ${gum.las.toFixed(2)} (${((Date.now() - t0) / 1000).toFixed(1)}s)`,
    );
    if (las > best.las) best = { las, epoch, model, ewt: ewt.las, gum: gum.las };
    else if (epoch - best.epoch >= patience) break;
  }
  const trainSeconds = (Date.now() - started) / 1000;
  const bytes = encodeParserModel(best.model, {
    data: `UD English EWT train + GUM news train${gumWeight > 1 ? ` x${gumWeight}` : ''}`,
    dev: 'UD English EWT dev + GUM news dev',
    tags: tagsWanted,
    // (Written only when not the default, so the default model's file stays as it was.)
    ...(minPairCount === 2 ? {} : { labelCandidates: minPairCount > 0 ? `by tag pair (seen ${minPairCount}+ times), else direction and dependent UPOS` : 'by direction and dependent UPOS' }),
    wordClasses: clusters ? 'src/nlp/ner/model/word-clusters.tsv.gz' : 'none',
    epochs: best.epoch,
    seed,
    subsample: subsample || 1,
    devLasFloat: { ewt: Number(best.ewt.toFixed(2)), gumNews: Number(best.gum.toFixed(2)) },
  });
  const quantised = makeParser(decodeParserModel(bytes, 'new model'));
  const q = scoreParser(quantised, devEwt);
  mkdirSync(new URL('.', `file://${out}`), { recursive: true });
  writeFileSync(out, bytes);
  console.log(
    `best epoch ${best.epoch}: dev EWT LAS ${best.ewt.toFixed(2)} float, ${q.las.toFixed(2)} int8 (UAS ${q.uas.toFixed(2)}); tags ${tagsWanted}; ` +
      `model ${(bytes.length / 1e6).toFixed(2)} MB -> ${out}; trained in ${trainSeconds.toFixed(0)}s`,
  );
}

await main();
