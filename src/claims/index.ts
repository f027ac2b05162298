/**
 * Claims: every quote and attributed statement, with the quantities stated
 * in it, plus the figures the outlet states in its own voice (sentences with
 * a quantity outside any quote), so stories can line up conflicting numbers
 * and who carries them.
 */
import type { Claim, Doc, Quote } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import { extractQuantities } from './quantities.js';

export function claimsOf(doc: Pick<Doc, 'text' | 'sentences' | 'tokens' | 'entities' | 'quotes' | 'meta'>): Claim[] {
  const claims: Claim[] = doc.quotes.map((q: Quote, i) => ({
    text: q.text,
    speaker: q.speaker,
    anonymous: q.anonymous,
    quote: i,
    quantities: extractQuantities(doc.text, q.start, q.end, doc.entities, doc.tokens),
    source: 'claims-v1',
    confidence: q.confidence,
  }));
  const inQuote = (start: number, end: number) => doc.quotes.some((q) => start < q.end && q.start < end);
  for (const s of doc.sentences) {
    if (inQuote(s.start, s.end)) continue;
    const quantities = extractQuantities(doc.text, s.start, s.end, doc.entities, doc.tokens);
    if (quantities.length === 0) continue;
    claims.push({
      text: s.text,
      // The outlet's own statement: its name when known.
      speaker: doc.meta.outlet,
      anonymous: false,
      quote: null,
      quantities,
      source: 'claims-v1:outlet',
      confidence: 0.8,
    });
  }
  return claims;
}

export const claimsStage: Stage = {
  name: 'claims',
  requires: ['text', 'sentences', 'tokens', 'entities', 'quotes', 'meta'],
  assigns: ['claims'],
  uses: [],
  run: (doc) => ({ ...doc, claims: claimsOf(doc) }),
};
