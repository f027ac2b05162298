/**
 * CoNLL-2003 scored two ways: the recognizer alone on the gold tokens (what
 * the model was trained and tuned for), and the product path, where each
 * document is a plain text that goes through every stage of `analyze` and
 * the entity mentions it ends with are scored against the gold spans.
 *
 * Product path, in words:
 * - Input: one CoNLL document (the sentences between two `-DOCSTART-` lines)
 *   is one text file: the tokens of a sentence joined by single spaces, one
 *   sentence per line, analysed on its own as `newsgraph analyze FILE` would.
 *   Sentences are lines, not paragraphs, because the headline and dateline
 *   lines that open each document look like a page's head and cleaning
 *   should be judged on that, as on any scraped text.
 * - Gold: each CoNLL entity becomes the character range of its tokens in that
 *   text; a gold entity whose first or last character cleaning dropped or
 *   changed is counted as lost (it stays in the gold, so it is a miss).
 * - Predicted: the mentions of `doc.entities` (after entity resolution, with
 *   the entity's type), mapped back to the input through the alignment and
 *   converted to the CoNLL classes: PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC,
 *   NORP/EVENT→MISC. The same span and class twice counts once.
 * - Score: exact character span and class, conlleval-style P/R/F1.
 */
import { fileURLToPath } from 'node:url';
import type { EntityType } from '../../src/core/doc.js';
import { EntityScorer } from '../../src/nlp/ner/conll.js';
import type { ConllDocument, Scores } from '../../src/nlp/ner/conll.js';
import { labelDocument } from '../../src/nlp/ner/label.js';
import type { QuantizedScorer } from '../../src/nlp/ner/model-file.js';
import { tagsToSpans } from '../../src/nlp/ner/perceptron.js';
import type { ModelType, TagSpan } from '../../src/nlp/ner/perceptron.js';
import { keptByCleaning, removedByCleaning, spanToInput } from './align.js';
import { defaultProductPath, type ProductPath } from './product.js';

/** The CoNLL-2003 folder: NEWSGRAPH_CONLL_DIR or ../shared/data/conll2003-en beside the repository. */
export const CONLL_DIR = process.env.NEWSGRAPH_CONLL_DIR ?? fileURLToPath(new URL('../../../shared/data/conll2003-en/', import.meta.url));

/** The CoNLL class of each pipeline entity type. */
export const CONLL_CLASS: Readonly<Record<EntityType, ModelType>> = {
  PERSON: 'PER',
  ORG: 'ORG',
  GPE: 'LOC',
  LOC: 'LOC',
  FAC: 'LOC',
  NORP: 'MISC',
  EVENT: 'MISC',
};

export interface ConllText {
  readonly text: string;
  /** Gold entities as character ranges of `text`. */
  readonly gold: readonly TagSpan[];
}

/** A CoNLL document as the text file the product path reads, with its gold entities as character ranges. */
export function conllText(doc: ConllDocument): ConllText {
  const lines: string[] = [];
  const gold: TagSpan[] = [];
  let offset = 0;
  for (const sentence of doc) {
    const starts: number[] = [];
    let at = offset;
    for (const word of sentence.words) {
      starts.push(at);
      at += word.length + 1;
    }
    for (const s of sentence.spans) {
      const last = s.end - 1;
      gold.push({ start: starts[s.start]!, end: starts[last]! + sentence.words[last]!.length, type: s.type });
    }
    const line = sentence.words.join(' ');
    lines.push(line);
    offset += line.length + 1;
  }
  return { text: lines.join('\n'), gold };
}

/** The recognizer alone on the gold tokens, scored per sentence. */
export function scoreModelAlone(model: QuantizedScorer, docs: readonly ConllDocument[]): Scores {
  const scorer = new EntityScorer();
  for (const doc of docs) {
    const decoded = labelDocument(
      model,
      model.gazetteer,
      doc.map((s) => s.words),
    );
    doc.forEach((s, i) => scorer.add(s.spans, tagsToSpans(decoded[i]!.tags)));
  }
  return scorer.scores();
}

export interface ProductNerResult {
  readonly scores: Scores;
  readonly documents: number;
  /** Documents the pipeline refused (nothing left after cleaning, or an error): all their gold is missed. */
  readonly failed: number;
  readonly gold: number;
  /** Gold entities whose text cleaning dropped or changed. */
  readonly goldLost: number;
  /** Input lines cleaning removed whole (no word of them is left), and those among them that held a gold entity. */
  readonly linesRemoved: number;
  readonly linesRemovedWithGold: number;
  /** Predicted mentions with no counterpart in the input (not scored: they cannot match). */
  readonly predictedUnmapped: number;
  readonly ms: number;
}

/** The CoNLL documents through the product path, scored as described at the top of this file. */
export function scoreProductPath(docs: readonly ConllDocument[], path: ProductPath = defaultProductPath()): ProductNerResult {
  const scorer = new EntityScorer();
  let failed = 0;
  let goldLost = 0;
  let gold = 0;
  let linesRemoved = 0;
  let linesRemovedWithGold = 0;
  let predictedUnmapped = 0;
  const t0 = performance.now();
  docs.forEach((conll, n) => {
    const { text, gold: goldSpans } = conllText(conll);
    gold += goldSpans.length;
    const result = path.analyze(`conll-doc-${n + 1}`, text);
    if (result instanceof Error) {
      failed++;
      goldLost += goldSpans.length;
      scorer.add(goldSpans, []);
      return;
    }
    const { doc, align } = result;
    goldLost += goldSpans.filter((g) => !keptByCleaning(align, g)).length;
    let lineStart = 0;
    for (const line of text.split('\n')) {
      const range = { start: lineStart, end: lineStart + line.length };
      if (removedByCleaning(align, text, range)) {
        linesRemoved++;
        if (goldSpans.some((g) => g.start < range.end && range.start < g.end)) linesRemovedWithGold++;
      }
      lineStart = range.end + 1;
    }
    const predicted = new Map<string, TagSpan>();
    for (const entity of doc.entities) {
      for (const m of entity.mentions) {
        const span = spanToInput(align, m);
        if (!span) {
          predictedUnmapped++;
          continue;
        }
        const type = CONLL_CLASS[entity.type];
        predicted.set(`${span.start}:${span.end}:${type}`, { ...span, type });
      }
    }
    scorer.add(goldSpans, [...predicted.values()]);
  });
  return { scores: scorer.scores(), documents: docs.length, failed, gold, goldLost, linesRemoved, linesRemovedWithGold, predictedUnmapped, ms: performance.now() - t0 };
}
