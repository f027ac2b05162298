/**
 * Layout of a dependency parse as an arc diagram: words on a baseline, each
 * dependency an arc from its head to its dependent drawn above them, longer
 * arcs higher so that nested ones stay inside. Pure geometry: the page draws
 * it with SVG elements, never with markup strings.
 */

export interface ParsedWord {
  readonly form: string;
  /** Index of the head word, -1 for the root. */
  readonly head: number;
  readonly deprel: string;
  readonly upos: string;
}

export interface ArcLayout {
  readonly width: number;
  readonly height: number;
  /** Centre of each word on the baseline. */
  readonly x: readonly number[];
  readonly baseline: number;
  readonly arcs: readonly { readonly head: number; readonly dependent: number; readonly level: number; readonly label: string }[];
  readonly root: number;
}

const CHAR = 7.5;
const GAP = 18;
const LEVEL = 22;

/** Positions for `words`; the level of an arc is one more than the highest arc it covers (1 for neighbours). */
export function arcLayout(words: readonly ParsedWord[]): ArcLayout {
  const widths = words.map((w) => Math.max(w.form.length, w.upos.length, 3) * CHAR);
  const x: number[] = [];
  let at = GAP;
  for (const w of widths) {
    x.push(at + w / 2);
    at += w + GAP;
  }
  const deps = words.map((w, i) => ({ head: w.head, dependent: i })).filter((a) => a.head >= 0);
  deps.sort((a, b) => Math.abs(a.head - a.dependent) - Math.abs(b.head - b.dependent) || Math.min(a.head, a.dependent) - Math.min(b.head, b.dependent));
  const levelOf = new Map<number, number>();
  const arcs = deps.map((a) => {
    const lo = Math.min(a.head, a.dependent);
    const hi = Math.max(a.head, a.dependent);
    let level = 1;
    for (const b of deps) {
      const l = levelOf.get(b.dependent);
      if (l === undefined || b === a) continue;
      if (Math.min(b.head, b.dependent) >= lo && Math.max(b.head, b.dependent) <= hi) level = Math.max(level, l + 1);
    }
    levelOf.set(a.dependent, level);
    return { head: a.head, dependent: a.dependent, level, label: words[a.dependent]!.deprel };
  });
  const top = arcs.reduce((m, a) => Math.max(m, a.level), 0);
  const baseline = (top + 1) * LEVEL + 16;
  return { width: at, height: baseline + 40, x, baseline, arcs, root: words.findIndex((w) => w.head < 0) };
}
