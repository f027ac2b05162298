/**
 * Casualty counts stated in a sentence: "killed at least 12 civilians",
 * "16 people were killed", "dozens wounded". A count word (killed, dead,
 * wounded, injured...) takes the nearest number before it in its clause, or
 * for an active verb ("killing 12") the number right after it. Bounds come
 * from the words before the number ("at least" -> min, "up to" -> max);
 * "dozens" is a lower bound. Word lists: data/cues.json.
 */
import type { Token } from '../core/doc.js';
import cues from './data/cues.json' with { type: 'json' };

export type Range = { min: number | null; max: number | null };
export type Casualties = Record<string, Range>;

const KEYS = new Map(Object.entries(cues.casualties));
const NUMBER_WORDS = new Map(Object.entries(cues.numbers));
const VAGUE = new Set(cues.vagueNumbers);
const BREAKS = new Set([',', ';', ':', '(', ')', 'and', 'but', 'after', 'while', 'since', 'when', 'in', 'on', 'by']);
const AT_LEAST = cues.atLeast.map((p) => p.split(' '));
const AT_MOST = cues.atMost.map((p) => p.split(' '));
/** Active forms take the number after them ("killing 12", "killed at least 3 soldiers"). */
const ACTIVE = new Set(['killed', 'killing', 'wounding', 'injuring', 'wounded', 'injured']);
const YEAR = /^(?:1[89]|20)\d\d$/;

/** The value of a number token, or null; `a`/`an` count only when `article` is allowed. */
export function numberOf(word: string, article = false): number | null {
  const w = word.toLowerCase();
  if (/^\d{1,3}(?:,\d{3})+$|^\d+$/.test(w)) return YEAR.test(w) ? null : Number(w.replace(/,/g, ''));
  if ((w === 'a' || w === 'an') && !article) return null;
  return NUMBER_WORDS.get(w) ?? null;
}

const endsWith = (words: readonly string[], i: number, phrase: readonly string[]) =>
  phrase.every((p, k) => words[i - phrase.length + k] === p);

/** The range of the number at `i`, with the bound words before it. */
function rangeAt(words: readonly string[], i: number, value: number): Range {
  if (VAGUE.has(words[i]!)) return { min: value, max: null };
  if (AT_LEAST.some((p) => endsWith(words, i, p))) return { min: value, max: null };
  if (AT_MOST.some((p) => endsWith(words, i, p))) return { min: null, max: value };
  return { min: value, max: value };
}

/** Casualty counts by key (killed, wounded); null when the tokens state none. */
export function casualtiesIn(tokens: readonly Token[]): Casualties | null {
  const words = tokens.map((t) => t.text.toLowerCase());
  const found: Casualties = {};
  for (let i = 0; i < words.length; i++) {
    const key = KEYS.get(words[i]!);
    if (!key || found[key]) continue;
    let hit: Range | null = null;
    for (let k = i - 1; k >= Math.max(0, i - 6) && !hit; k--) {
      if (BREAKS.has(words[k]!)) break;
      const n = numberOf(words[k]!, i - k <= 3);
      if (n !== null) hit = rangeAt(words, k, n);
    }
    if (!hit && ACTIVE.has(words[i]!)) {
      for (let k = i + 1; k <= Math.min(words.length - 1, i + 4) && !hit; k++) {
        if (BREAKS.has(words[k]!)) break;
        const n = numberOf(words[k]!);
        if (n !== null) hit = rangeAt(words, k, n);
      }
    }
    if (hit) found[key] = hit;
  }
  return Object.keys(found).length > 0 ? found : null;
}
