/**
 * Tokens in one sticky-regex pass per sentence: words with inner hyphens and
 * apostrophes (al-Abadi, Deir ez-Zor, don't), numbers with separators
 * (3,000 and 2.5), possessive 's split off, every other symbol alone.
 */
import type { Sentence, Token } from '../core/doc.js';
import type { Stage } from '../core/stage.js';

const TOKEN =
  /\p{N}+(?:[.,:]\p{N}+)*(?:%)?|(?:\p{L}\.){2,}|[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*(?=['’][sS]\b)|['’][sS]\b|[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*|\S/uy;

export function tokenize(text: string, sentences: readonly Sentence[]): Token[] {
  const tokens: Token[] = [];
  for (const s of sentences) {
    let i = s.start;
    while (i < s.end) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 9 || c === 13 || c === 160) {
        i++;
        continue;
      }
      TOKEN.lastIndex = i;
      const m = TOKEN.exec(text);
      const len = m ? Math.min(m[0].length, s.end - i) : 1;
      tokens.push({ start: i, end: i + len, text: text.slice(i, i + len), sentence: s.index });
      i += len;
    }
  }
  return tokens;
}

export const tokensStage: Stage = {
  name: 'tokens',
  requires: ['sentences'],
  assigns: ['tokens'],
  run: (doc) => ({ ...doc, tokens: tokenize(doc.text, doc.sentences) }),
};
