/**
 * The attribution stage: quotes and reported statements with their speakers
 * (quotes.ts), and a plain-text entry point for evaluation.
 */
import type { Quote } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import { extractQuotes } from './quotes.js';
import { entitiesOfText } from '../resolve/text.js';

export const quotesStage: Stage = {
  name: 'quotes',
  requires: ['sentences', 'entities'],
  assigns: ['quotes'],
  run: (doc) => ({ ...doc, quotes: extractQuotes({ text: doc.text, sentences: doc.sentences, entities: doc.entities }) }),
};

/** Quotes of a plain text, offsets into it (no cleaning): sentences, entities, then attribution. */
export function analyzeQuotes(text: string): Quote[] {
  const { sentences, entities } = entitiesOfText(text);
  return extractQuotes({ text, sentences, entities });
}
