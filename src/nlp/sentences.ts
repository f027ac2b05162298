/**
 * Rule-based sentence boundaries for news text.
 *
 * Blank lines (paragraph breaks) are hard boundaries, and so is a single line
 * break unless the next line plainly continues the sentence (starts in lower
 * case after a line without final punctuation: hard-wrapped text). Inside a
 * line a sentence ends at . ! ? or … (with any closing quotes or brackets
 * kept on the sentence) followed by whitespace and something that can start a
 * sentence: a capital, a digit, or an opening quote or bracket before one.
 * A period does not end a sentence after a title ("Gen.", "Mr."), an initial
 * ("Elijah J. Magnier") or an abbreviation ("U.S.", "Inc.", "Jan."), except
 * that the last two may close a sentence when a clear sentence opener follows.
 * Decimals and thousands ("3.5", "9,000") never qualify because no whitespace
 * follows their period or comma. Word lists live in data/abbreviations.json.
 */
import type { Sentence } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import abbreviations from './data/abbreviations.json' with { type: 'json' };

const TITLES = new Set(abbreviations.titles);
const ABBREVIATIONS = new Set(abbreviations.other);
const OPENERS = new Set(abbreviations.sentenceOpeners);

/** A terminator run, then closing quotes or brackets, then the whitespace before the next sentence. */
const TERMINATOR = /([.!?…]+)(["'”’»)\]]*)(\s+)/g;
/** What may begin a sentence: optional opening quotes or brackets, then a capital or a digit. */
const SENTENCE_START = /^["'“‘«([]*[\p{Lu}\p{N}]/u;
const FIRST_WORD = /^["'“‘«([]*([\p{L}]+)/u;
const LETTER_OR_PERIOD = /[\p{L}.]/u;

/** The word before a period, dots inside kept: "Gen" in "Maj. Gen.", "U.S" in "the U.S.". */
function wordBefore(line: string, periodAt: number): string {
  let i = periodAt;
  while (i > 0 && LETTER_OR_PERIOD.test(line[i - 1] ?? '')) i--;
  return line.slice(i, periodAt).replace(/^\.+/, '');
}

/** Whether the candidate boundary after `terminator` (starting at `at`) really ends a sentence. */
function endsSentence(line: string, at: number, terminator: string, following: string): boolean {
  // Lower case after "…", "?" or "." continues the sentence: '"We will rebuild… and return," he said.'
  if (!SENTENCE_START.test(following)) return false;
  if (terminator !== '.') return true;
  const word = wordBefore(line, at);
  const lower = word.toLowerCase();
  if (TITLES.has(lower)) return false;
  const opensSentence = /^["“‘(]/.test(following) || OPENERS.has(FIRST_WORD.exec(following)?.[1] ?? '');
  // An initial ("J.") is followed by a surname; an abbreviation ("Inc.", "U.S.")
  // by a name or a number. Either can still close a sentence, which shows
  // only when a sentence opener comes next.
  if (/^\p{Lu}$/u.test(word) || ABBREVIATIONS.has(lower)) return opensSentence;
  return true;
}

/** Splits one line (no line breaks inside) into sentence-sized pieces; offsets relative to the line. */
function splitLine(line: string): [number, number][] {
  const pieces: [number, number][] = [];
  let start = 0;
  for (const m of line.matchAll(TERMINATOR)) {
    const terminator = m[1] ?? '';
    const closers = m[2] ?? '';
    const next = m.index + m[0].length;
    if (!endsSentence(line, m.index, terminator, line.slice(next, next + 40))) continue;
    pieces.push([start, m.index + terminator.length + closers.length]);
    start = next;
  }
  pieces.push([start, line.length]);
  return pieces;
}

/** A line break inside a paragraph is a boundary unless the text is hard-wrapped mid-sentence. */
function continuesLine(previous: string, next: string): boolean {
  return /[\p{Ll},;\-–]\s*$/u.test(previous) && /^\s*\p{Ll}/u.test(next);
}

/** Splits `text` into sentences whose spans exclude surrounding whitespace. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (from: number, to: number) => {
    let start = from;
    let end = to;
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (end > start) sentences.push({ start, end, text: text.slice(start, end), index: sentences.length });
  };
  // Logical lines: physical lines, re-joined where a hard wrap split a sentence.
  const lines: [number, number][] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    const last = lines[lines.length - 1];
    const gap = last ? text.slice(last[1], m.index) : '';
    if (last && gap === '\n' && continuesLine(text.slice(last[0], last[1]), m[0])) last[1] = m.index + m[0].length;
    else lines.push([m.index, m.index + m[0].length]);
  }
  for (const [lineStart, lineEnd] of lines) {
    // A re-joined line holds "\n"; the terminator pattern treats it as ordinary whitespace.
    const line = text.slice(lineStart, lineEnd).replace(/\n/g, ' ');
    for (const [a, b] of splitLine(line)) push(lineStart + a, lineStart + b);
  }
  return sentences;
}

export const sentencesStage: Stage = {
  name: 'sentences',
  requires: ['text'],
  assigns: ['sentences'],
  uses: [],
  run: (doc) => ({ ...doc, sentences: splitSentences(doc.text) }),
};
