/**
 * The project's tokens as the syntactic words of Universal Dependencies,
 * which the tagger and parser were trained on. The project's tokenizer keeps
 * "don't", "I'm", "well-known" and "40%" whole (the recognizer learned from
 * CoNLL-2003, which does too); UD English splits them:
 *   - negation and verb clitics: do|n't, ca|n't, wo|n't, can|not, I|'m,
 *     they|'re, we|'ve, he|'ll, she|'d, it|'s  (one token, several words:
 *     written back as a CoNLL-U multi-word token);
 *   - inner hyphens: well|-|known, al|-|Assad  (separate tokens in UD);
 *   - a percent sign after a number: 40|%.
 * Possessive 's is already its own token. Each word keeps its exact span in
 * the text and the index of the token it comes from.
 */
import type { Token } from '../../core/doc.js';

export interface SyntacticWord {
  readonly form: string;
  readonly start: number;
  readonly end: number;
  /** Index of the token (in the list given) the word was cut from. */
  readonly token: number;
  /** The token was split into several words by a clitic rule: UD writes it as a multi-word token. */
  readonly multiword: boolean;
}

const NEGATION = /^(.*?)(n['’]t)$/i;
const CLITIC = /^(.+?)(['’](?:s|re|ve|ll|d|m))$/i;
const HYPHENATED = /^[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)+$/u;
const PERCENT = /^(\p{N}[\p{N}.,]*)(%)$/u;

/** The parts of one token: [offset within the token, length, multiword?]. */
function split(text: string): [number, number][] | null {
  const lower = text.toLowerCase();
  if (lower === 'cannot') return [[0, 3], [3, 3]];
  const neg = NEGATION.exec(text);
  if (neg && neg[1]!.length > 0) {
    // "can't" -> ca + n't, "won't" -> wo + n't, "don't" -> do + n't: the stem is what precedes n't.
    return [[0, neg[1]!.length], [neg[1]!.length, neg[2]!.length]];
  }
  const clitic = CLITIC.exec(text);
  if (clitic && /^\p{L}+$/u.test(clitic[1]!)) return [[0, clitic[1]!.length], [clitic[1]!.length, clitic[2]!.length]];
  return null;
}

/** The syntactic words of `tokens` (usually one sentence's), in order. */
export function syntacticWords(tokens: readonly Token[], offset = 0): SyntacticWord[] {
  const out: SyntacticWord[] = [];
  tokens.forEach((t, i) => {
    const token = offset + i;
    const clitic = split(t.text);
    if (clitic) {
      for (const [at, length] of clitic) out.push({ form: t.text.slice(at, at + length), start: t.start + at, end: t.start + at + length, token, multiword: true });
      return;
    }
    const percent = PERCENT.exec(t.text);
    if (percent) {
      const n = percent[1]!.length;
      out.push({ form: percent[1]!, start: t.start, end: t.start + n, token, multiword: false });
      out.push({ form: '%', start: t.start + n, end: t.end, token, multiword: false });
      return;
    }
    if (HYPHENATED.test(t.text)) {
      for (const m of t.text.matchAll(/[\p{L}\p{N}]+|[-‐]/gu)) out.push({ form: m[0], start: t.start + m.index, end: t.start + m.index + m[0].length, token, multiword: false });
      return;
    }
    out.push({ form: t.text, start: t.start, end: t.end, token, multiword: false });
  });
  return out;
}

/** The form the models read: typographic quotes and apostrophes as the treebanks mostly write them. */
export const modelForm = (form: string): string => form.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
