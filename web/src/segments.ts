/**
 * Splits a text into segments at every annotation boundary, so overlapping
 * annotations (a quote that names a person, a date inside an event) render
 * as flat runs of text, each carrying every annotation that covers it.
 */

export interface Mark<T> {
  readonly start: number;
  readonly end: number;
  readonly value: T;
}

export interface Segment<T> {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The annotations covering the whole segment, in the order given. */
  readonly marks: readonly T[];
}

/** Marks clipped to the text; empty or inverted ones dropped. */
function clipped<T>(text: string, marks: readonly Mark<T>[]): Mark<T>[] {
  return marks
    .map((m) => ({ ...m, start: Math.max(0, Math.floor(m.start)), end: Math.min(text.length, Math.floor(m.end)) }))
    .filter((m) => m.start < m.end);
}

export function segment<T>(text: string, marks: readonly Mark<T>[]): Segment<T>[] {
  const valid = clipped(text, marks);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const out: Segment<T>[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const covering = valid.filter((m) => m.start <= start && m.end >= end).map((m) => m.value);
    out.push({ start, end, text: text.slice(start, end), marks: covering });
  }
  return out;
}
