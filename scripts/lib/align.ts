/**
 * Offsets between an evaluation's input text and the cleaned text that the
 * pipeline analysed. Gold spans point into the input; predictions into the
 * cleaned `text`. Cleaning drops lines and debris and may change spacing, so
 * the two are aligned word by word (jsdiff's Myers diff over whitespace-
 * separated words); an offset inside a word that both sides share maps
 * exactly, anything else has no counterpart (null) and is counted as such.
 */
import { diffArrays } from 'diff';

interface Word {
  readonly text: string;
  readonly start: number;
}

const wordsOf = (text: string): Word[] => [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index }));

export interface TextAlignment {
  /** The input offset of a cleaned-text offset, or null when that text is not in the input. */
  toInput(cleanedOffset: number): number | null;
  /** The cleaned-text offset of an input offset, or null when cleaning removed or changed that text. */
  toCleaned(inputOffset: number): number | null;
}

export function alignTexts(input: string, cleaned: string): TextAlignment {
  const a = wordsOf(input);
  const b = wordsOf(cleaned);
  // Pairs of shared words, in order: aStart[k] in input corresponds to bStart[k] in cleaned, each of length len[k].
  const aStart: number[] = [];
  const bStart: number[] = [];
  const len: number[] = [];
  let i = 0;
  let j = 0;
  for (const part of diffArrays(a.map((w) => w.text), b.map((w) => w.text))) {
    const n = part.count ?? part.value.length;
    if (part.added) j += n;
    else if (part.removed) i += n;
    else {
      for (let k = 0; k < n; k++, i++, j++) {
        aStart.push(a[i]!.start);
        bStart.push(b[j]!.start);
        len.push(a[i]!.text.length);
      }
    }
  }
  /** The pair whose word contains `offset` on side `from`, by binary search. */
  const find = (starts: readonly number[], offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi;
  };
  const map = (from: readonly number[], to: readonly number[], offset: number): number | null => {
    const k = find(from, offset);
    if (k < 0) return null;
    const inside = offset - from[k]!;
    return inside <= len[k]! ? to[k]! + inside : null;
  };
  return { toInput: (o) => map(bStart, aStart, o), toCleaned: (o) => map(aStart, bStart, o) };
}

export interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * The input range of a cleaned-text span: from its first to its last
 * character that has a counterpart in the input; null when none has. A span
 * whose ends were changed by cleaning comes back shorter, so an exact-match
 * metric counts it wrong, as it should.
 */
export function spanToInput(align: TextAlignment, span: Range): Range | null {
  let start: number | null = null;
  for (let i = span.start; i < span.end && start === null; i++) start = align.toInput(i);
  let last: number | null = null;
  for (let i = span.end - 1; i >= span.start && last === null; i--) last = align.toInput(i);
  return start === null || last === null || last < start ? null : { start, end: last + 1 };
}

/** Whether cleaning kept an input span: its first and last characters both have a counterpart in the cleaned text. */
export function keptByCleaning(align: TextAlignment, span: Range): boolean {
  return span.end > span.start && align.toCleaned(span.start) !== null && align.toCleaned(span.end - 1) !== null;
}

/** Whether cleaning removed every word of an input range. */
export function removedByCleaning(align: TextAlignment, input: string, span: Range): boolean {
  for (const m of input.slice(span.start, span.end).matchAll(/\S+/g)) if (align.toCleaned(span.start + m.index) !== null) return false;
  return true;
}
