/**
 * `node --import tsx scripts/jackknife-tags.ts --folds K --fold F`: the
 * tagger's tags for the parser's training sentences, jackknifed. The training
 * sentences (EWT train + GUM news train, as train-parser reads them) are cut
 * into K folds (sentence i in fold i mod K); fold F is tagged by a tagger
 * trained on the other folds for the passes the shipped tagger was trained
 * for, so the parser learns from tags as wrong as the ones it will get.
 * Writes .cache/jackknife/K-F.json (ignored by git); run every F, then
 * `npm run train:parser -- --tags jackknifed --folds K`. Deterministic.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ConlluSentence } from '../src/nlp/syntax/conllu.js';
import { readTreebank } from '../src/nlp/syntax/parser-eval.js';
import type { TrainSentence } from '../src/nlp/syntax/parser-train.js';
import { PerceptronTagger } from '../src/nlp/syntax/tagger.js';
import { LEMMA_LEXICON_URL, loadLemmatizer } from '../src/nlp/syntax/lemma.js';
import { trainTaggerFor } from './train-tagger.js';

export const JACKKNIFE_DIR = fileURLToPath(new URL('../.cache/jackknife/', import.meta.url));
const udDir = process.env.NEWSGRAPH_UD_DIR ?? fileURLToPath(new URL('../../shared/data/ud-english/', import.meta.url));
/** The passes the shipped tagger chose on dev (scripts/train-tagger.ts). */
const TAGGER_EPOCHS = 12;

/** The parser's training sentences, in the order train-parser reads them. */
export const parserTrainSentences = (): TrainSentence[] => [...readTreebank(join(udDir, 'en_ewt-ud-train.conllu.gz')), ...readTreebank(join(udDir, 'gum-news-train.conllu.gz'))];

const asConllu = (s: TrainSentence): ConlluSentence => ({
  comments: [],
  multiword: [],
  words: s.words.map((form, i) => ({ form, lemma: s.tags.lemma[i] ?? '', upos: s.tags.upos[i] ?? '', xpos: s.tags.xpos[i] ?? '', feats: '', head: s.heads[i] ?? 0, deprel: s.deprels[i] ?? '', misc: '' })),
});

export const foldFile = (folds: number, fold: number) => join(JACKKNIFE_DIR, `${folds}-${fold}.blocks.json`);

/** The fold of sentence `i` of `count`: K blocks of consecutive sentences. */
export const foldOf = (i: number, count: number, folds: number): number => Math.floor((i * folds) / count);

function main(): void {
  const { values } = parseArgs({ options: { folds: { type: 'string', default: '10' }, fold: { type: 'string' } } });
  const folds = Number(values.folds);
  const fold = Number(values.fold);
  if (!(folds >= 2) || !(fold >= 0 && fold < folds)) throw new Error('usage: --folds K --fold F with 0 <= F < K');
  const t0 = performance.now();
  const all = parserTrainSentences();
  const train = all.filter((_, i) => foldOf(i, all.length, folds) !== fold).map(asConllu);
  const tagger = new PerceptronTagger(trainTaggerFor(train, TAGGER_EPOCHS), loadLemmatizer(LEMMA_LEXICON_URL));
  const tagged: Record<number, { upos: readonly string[]; xpos: readonly string[]; lemma: readonly string[] }> = {};
  let words = 0;
  let right = 0;
  all.forEach((s, i) => {
    if (foldOf(i, all.length, folds) !== fold) return;
    const t = tagger.tag(s.words);
    tagged[i] = t;
    s.words.forEach((_, k) => {
      words++;
      if (t.upos[k] === s.tags.upos[k]) right++;
    });
  });
  mkdirSync(JACKKNIFE_DIR, { recursive: true });
  writeFileSync(foldFile(folds, fold), JSON.stringify(tagged));
  console.log(`fold ${fold} of ${folds}: ${Object.keys(tagged).length} sentences, UPOS ${((100 * right) / words).toFixed(2)}% (held out), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
