/**
 * Tokens in one sticky-regex pass per sentence. The alternatives are tried in
 * order at each position, so the first that matches decides:
 *   URLs, e-mail addresses and @handles stay whole (later stages must not
 *   find names inside them); numbers keep their separators and decimals
 *   ("3,000", "2.5", "10:30", "40%", "1990s", "21st"); dotted abbreviations
 *   stay whole ("U.S."); words keep inner hyphens and apostrophes
 *   ("al-Abadi", "ez-Zor", "don't", "16-year-old"), with a possessive 's or ’s
 *   split off ("Assad" + "’s"); an ellipsis is one token; every other
 *   non-space character is a token of its own (curly quotes included).
 */
import type { Sentence, Token } from '../core/doc.js';
import type { Stage } from '../core/stage.js';

const WORD = String.raw`[\p{L}\p{M}\p{N}]+(?:[-'’‐][\p{L}\p{M}\p{N}]+)*`;
const POSSESSIVE = String.raw`['’][sS](?![\p{L}\p{N}])`;
const TOKEN = new RegExp(
  [
    String.raw`(?:https?://|www\.)[^\s<>"“”]*[^\s<>"“”.,;:!?)\]'’]`, // URL, without trailing punctuation
    String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`, // e-mail address
    String.raw`[@#]\p{L}[\p{L}\p{N}_]*`, // social handle or hashtag
    // A grouped or decimal number before a hyphenated word stays whole ("£100,000-a-year": 100,000 - a-year),
    // rather than the rule below backing off to its first digits.
    String.raw`\p{N}+(?:[.,:]\p{N}+)+(?=[-‐]\p{L})`,
    // A number; "16-year-old" is left to the word rule.
    String.raw`\p{N}+(?:[.,:]\p{N}+)*(?:%|(?:st|nd|rd|th|s)(?![\p{L}\p{N}]))?(?![-‐]\p{L}|\p{N})`,
    String.raw`(?:\p{L}\.){2,}`, // U.S., a.m., e.g.
    // A middle initial ("Daniel L. Byman") is one token, as in CoNLL-2003, which the NER model learned from.
    String.raw`\p{Lu}\.(?=\s\p{Lu}\p{Ll})`,
    `${WORD}(?=${POSSESSIVE})`, // a word before a possessive
    POSSESSIVE,
    // A word stops before a hyphen and a grouped number: "near-400,000" is near - 400,000.
    String.raw`[\p{L}\p{M}\p{N}]+(?:[-'’‐][\p{L}\p{M}\p{N}]+)*?(?=[-‐]\p{N}+[.,:]\p{N})`,
    WORD,
    String.raw`\.{2,}|-{2,}`, // ellipsis written with periods, double dash
    String.raw`\S`,
  ].join('|'),
  'uy',
);

/** Splits each sentence into tokens; spans are exact and carry the sentence index. */
export function tokenize(text: string, sentences: readonly Sentence[]): Token[] {
  const tokens: Token[] = [];
  for (const sentence of sentences) {
    let i = sentence.start;
    while (i < sentence.end) {
      TOKEN.lastIndex = i;
      const m = TOKEN.exec(text);
      if (!m) {
        i++; // whitespace of any kind
        continue;
      }
      const end = Math.min(i + m[0].length, sentence.end);
      tokens.push({ start: i, end, text: text.slice(i, end), sentence: sentence.index });
      i = end;
    }
  }
  return tokens;
}

export const tokensStage: Stage = {
  name: 'tokens',
  requires: ['text', 'sentences'],
  assigns: ['tokens'],
  uses: [],
  run: (doc) => ({ ...doc, tokens: tokenize(doc.text, doc.sentences) }),
};
