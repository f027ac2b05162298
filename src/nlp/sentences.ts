/**
 * Sentence boundaries. Paragraph breaks are hard boundaries; inside a
 * paragraph a sentence ends at . ! ? or … followed by space and something
 * that can start a sentence, unless the period belongs to an abbreviation,
 * an initial or a number.
 */
import type { Sentence } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import abbreviations from './data/abbreviations.json' with { type: 'json' };

const TITLES = new Set(abbreviations.titles);
const NON_FINAL = new Set([...abbreviations.titles, ...abbreviations.other]);

// A terminator, then any closing quotes or brackets, then whitespace.
const BOUNDARY = /([.!?…]+)(["'”’»)\]]*)(\s+)/g;
const SENTENCE_START = /^["'“‘«([]*[\p{Lu}\p{N}]/u;

/** The word just before a period, e.g. "Gen" in "Maj. Gen." or "U.S" in "U.S.". */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1] ?? '')) i--;
  return text.slice(i, end).replace(/^\.+/, '');
}

function isBoundary(text: string, termStart: number, terminator: string, next: string): boolean {
  if (!SENTENCE_START.test(next)) {
    // "…" or "?" inside a quote followed by lower case continues the sentence.
    return false;
  }
  if (terminator !== '.') return true;
  const word = wordBefore(text, termStart);
  const lower = word.toLowerCase();
  // Single-letter initials ("Elijah J. Magnier") and dotted acronyms ("U.S.") do
  // not end a sentence before a capitalised word, except a dotted acronym
  // followed by a common sentence opener, which we cannot tell apart cheaply.
  if (/^\p{Lu}$/u.test(word)) return false;
  if (TITLES.has(lower)) return false;
  if (NON_FINAL.has(lower)) {
    // "Inc." or "U.S." can end a sentence; treat them as final only before a
    // clear sentence opener (a quote or a common function word).
    return /^["“‘(]|^(The|A|An|He|She|It|They|We|I|But|And|In|On|At|This|That|These|Those|His|Her|Its|Their)\b/.test(next);
  }
  return true;
}

/** Splits `text` into sentence spans with no surrounding whitespace. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (end > start) sentences.push({ start, end, text: text.slice(start, end), index: sentences.length });
  };
  const paragraphs = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const para of text.matchAll(paragraphs)) {
    const base = para.index;
    const body = para[0];
    let start = 0;
    BOUNDARY.lastIndex = 0;
    for (const m of body.matchAll(BOUNDARY)) {
      const termStart = m.index;
      const afterWs = termStart + m[0].length;
      const next = body.slice(afterWs, afterWs + 40);
      if (!isBoundary(body, termStart, m[1] ?? '', next)) continue;
      const end = termStart + (m[1]?.length ?? 0) + (m[2]?.length ?? 0);
      push(base + start, base + end);
      start = afterWs;
    }
    push(base + start, base + body.length);
  }
  return sentences;
}

export const sentencesStage: Stage = {
  name: 'sentences',
  requires: ['text'],
  assigns: ['sentences'],
  run: (doc) => ({ ...doc, sentences: splitSentences(doc.text) }),
};
