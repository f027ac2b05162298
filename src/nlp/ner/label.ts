/**
 * Label a tokenised document with a scorer: features for the whole document
 * (so document-level evidence is shared), then Viterbi per sentence.
 */
import { documentFeatures } from './features.js';
import type { Gazetteer, TokenDoc } from './features.js';
import { decode, tagsToSpans } from './perceptron.js';
import type { Decoded, Scorer, TagSpan } from './perceptron.js';

export function labelDocument(scorer: Scorer, gazetteer: Gazetteer, doc: TokenDoc, withMargins = false): Decoded[] {
  return documentFeatures(doc, scorer.hashBits, gazetteer).map((f) => decode(scorer, f, withMargins));
}

/** A decoded entity span with its weakest token margin. */
export interface ScoredSpan extends TagSpan {
  readonly margin: number;
}

/**
 * Spans of a decoded sentence, each with the smallest max-marginal margin of
 * its tokens: how close the decoder came to labelling any part of it otherwise.
 */
export function scoredSpans(decoded: Decoded): ScoredSpan[] {
  return tagsToSpans(decoded.tags).map((s) => {
    let margin = Infinity;
    for (let i = s.start; i < s.end; i++) margin = Math.min(margin, decoded.margins[i]!);
    return { ...s, margin };
  });
}

/** Confidence from a margin: 0.5 at a tie, 0.9 at `marginScale * ln 5`, approaching 1. */
export function marginConfidence(margin: number, marginScale: number): number {
  return 1 - 0.5 * Math.exp(-Math.max(0, margin) / marginScale);
}
