/**
 * The attribution stage: quotes and reported statements with their speakers
 * (quotes.ts).
 */
import type { Stage } from '../core/stage.js';
import { extractQuotes } from './quotes.js';

export const quotesStage: Stage = {
  name: 'quotes',
  requires: ['text', 'sentences', 'syntax', 'entities'],
  assigns: ['quotes'],
  uses: [],
  run: (doc) => ({ ...doc, quotes: extractQuotes({ text: doc.text, sentences: doc.sentences, entities: doc.entities, syntax: doc.syntax }) }),
};
