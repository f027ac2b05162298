import { readFileSync } from 'node:fs';
/**
 * CoNLL-2003 data and scoring: the column format (`WORD POS CHUNK NER`, blank
 * line between sentences, `-DOCSTART-` between documents, IOB1 tags) and
 * entity-level precision/recall/F1 with conlleval semantics: an entity counts
 * only when its span and type both match exactly.
 */
import { MODEL_TYPES } from './perceptron.js';
import type { ModelType, TagSpan } from './perceptron.js';

export interface ConllSentence {
  readonly words: readonly string[];
  readonly spans: readonly TagSpan[];
}

export type ConllDocument = readonly ConllSentence[];

const TYPE_BY_CONLL: Readonly<Record<string, ModelType>> = { PER: 'PER', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };

/**
 * Entity spans of an IOB1/IOB2 tag column, as conlleval reads it: an entity
 * starts at B-X, or at I-X after O or after a different type.
 */
export function iobToSpans(tags: readonly string[], name = 'tags'): TagSpan[] {
  const spans: TagSpan[] = [];
  let start = -1;
  let type: ModelType | null = null;
  const close = (end: number) => {
    if (type !== null) spans.push({ start, end, type });
    type = null;
  };
  tags.forEach((tag, i) => {
    if (tag === 'O') return close(i);
    const m = /^([BI])-(\w+)$/.exec(tag);
    const t = m ? TYPE_BY_CONLL[m[2]!] : undefined;
    if (!m || !t) throw new Error(`${name}: unknown NER tag ${JSON.stringify(tag)} at token ${i}`);
    if (m[1] === 'B' || type !== t) {
      close(i);
      start = i;
      type = t;
    }
  });
  close(tags.length);
  return spans;
}

/** Parse a CoNLL-2003 file's text into documents of sentences. */
export function parseConll(text: string, name: string): ConllDocument[] {
  const documents: ConllSentence[][] = [];
  let current: ConllSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  let lineNumber = 0;
  const endSentence = () => {
    if (words.length > 0) current.push({ words, spans: iobToSpans(tags, `${name} line ${lineNumber}`) });
    words = [];
    tags = [];
  };
  for (const line of text.split(/\r?\n/)) {
    lineNumber++;
    if (line.trim() === '') {
      endSentence();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      endSentence();
      if (current.length > 0) documents.push(current);
      current = [];
      continue;
    }
    if (cols.length < 2) throw new Error(`${name} line ${lineNumber}: expected "WORD ... TAG", got ${JSON.stringify(line)}`);
    words.push(cols[0]!);
    tags.push(cols[cols.length - 1]!);
  }
  endSentence();
  if (current.length > 0) documents.push(current);
  return documents;
}

// ---------------------------------------------------------------------------
// Scoring

export interface Counts {
  correct: number;
  predicted: number;
  gold: number;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly gold: number;
  readonly predicted: number;
}

export type Scores = Readonly<Record<ModelType | 'overall', Prf>>;

export class EntityScorer {
  private readonly counts = new Map<string, Counts>();

  /** Add one sentence's gold and predicted spans. */
  add(gold: readonly TagSpan[], predicted: readonly TagSpan[]): void {
    const key = (s: TagSpan) => `${s.start}:${s.end}:${s.type}`;
    const goldKeys = new Set(gold.map(key));
    for (const s of gold) this.count(s.type).gold++;
    for (const s of predicted) {
      const c = this.count(s.type);
      c.predicted++;
      if (goldKeys.has(key(s))) c.correct++;
    }
  }

  private count(type: string): Counts {
    let c = this.counts.get(type);
    if (!c) this.counts.set(type, (c = { correct: 0, predicted: 0, gold: 0 }));
    return c;
  }

  scores(): Scores {
    const prf = (c: Counts): Prf => {
      const precision = c.predicted === 0 ? 0 : c.correct / c.predicted;
      const recall = c.gold === 0 ? 0 : c.correct / c.gold;
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return { precision, recall, f1, gold: c.gold, predicted: c.predicted };
    };
    const total: Counts = { correct: 0, predicted: 0, gold: 0 };
    const out: Partial<Record<ModelType | 'overall', Prf>> = {};
    for (const type of MODEL_TYPES) {
      const c = this.count(type);
      total.correct += c.correct;
      total.predicted += c.predicted;
      total.gold += c.gold;
      out[type] = prf(c);
    }
    out.overall = prf(total);
    return out as Scores;
  }
}

/**
 * Reads one CoNLL-2003 split file from a folder (an edge helper for the
 * training and evaluation scripts), with an error that says how to point at it.
 */
export function readConllSplit(dir: string, file: string): ConllDocument[] {
  const path = `${dir.replace(/\/?$/, '/')}${file}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`CoNLL-2003 split ${path}: cannot read (${(e as Error).message}); set NEWSGRAPH_CONLL_DIR`, { cause: e });
  }
  return parseConll(text, path);
}
