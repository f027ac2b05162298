/**
 * Reading treebanks for the parser's scripts and scoring parses the way the
 * CoNLL 2018 shared task does: over all words, punctuation included. LAS
 * compares full labels (`nsubj:pass`); universal LAS compares the part
 * before ':' (`nsubj`), as the CoNLL 2018 scorer's LAS does.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseConllu } from './conllu.js';
import type { TrainSentence } from './parser-train.js';
import type { SentenceParser, SentenceTagger, Tagged } from './types.js';

/** Sentences of a (gzipped) CoNLL-U file with complete trees, gold tags kept. */
export function readTreebank(path: string): TrainSentence[] {
  const bytes = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return fromConllu(text, path);
}

export function fromConllu(text: string, name: string): TrainSentence[] {
  return parseConllu(text, name)
    .filter((s) => s.words.every((w) => w.head >= 0))
    .map((s) => ({
      words: s.words.map((w) => w.form),
      tags: { upos: s.words.map((w) => w.upos), xpos: s.words.map((w) => w.xpos), lemma: s.words.map((w) => w.lemma) },
      heads: s.words.map((w) => w.head),
      deprels: s.words.map((w) => w.deprel),
    }));
}

export interface AttachmentScores {
  readonly words: number;
  readonly uas: number;
  /** Full labels (with subtypes). */
  readonly las: number;
  /** Universal labels (before ':'), the CoNLL 2018 LAS. */
  readonly ulas: number;
  readonly seconds: number;
}

const universal = (l: string) => l.split(':')[0]!;

/** Parse every sentence (with its gold tags or `tagger`'s) and score it against the gold tree. */
export function scoreParser(parser: SentenceParser, sentences: readonly TrainSentence[], tagger?: SentenceTagger): AttachmentScores {
  let words = 0;
  let heads = 0;
  let labels = 0;
  let ulabels = 0;
  const tags: Tagged[] = sentences.map((s) => (tagger ? tagger.tag(s.words) : s.tags));
  const t0 = performance.now();
  const trees = sentences.map((s, i) => parser.parse(s.words, tags[i]!));
  const seconds = (performance.now() - t0) / 1000;
  sentences.forEach((s, i) => {
    const tree = trees[i]!;
    for (let k = 0; k < s.words.length; k++) {
      words++;
      if (tree.head[k] !== s.heads[k]) continue;
      heads++;
      if (tree.deprel[k] === s.deprels[k]) labels++;
      if (universal(tree.deprel[k]!) === universal(s.deprels[k]!)) ulabels++;
    }
  });
  const pct = (x: number) => (100 * x) / Math.max(1, words);
  return { words, uas: pct(heads), las: pct(labels), ulas: pct(ulabels), seconds };
}
