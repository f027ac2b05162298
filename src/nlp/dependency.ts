/**
 * A read-only view of one sentence's dependency parse (SentenceSyntax) for the
 * stages that read it: relation, tag, form and lemma by word, the children of
 * each word, and subtrees. Pure: the parse and the document text in.
 */
import type { SentenceSyntax } from '../core/doc.js';

export interface DependencyView {
  /** Number of words. */
  readonly n: number;
  readonly rel: (i: number) => string;
  readonly upos: (i: number) => string;
  readonly xpos: (i: number) => string;
  readonly form: (i: number) => string;
  readonly lemma: (i: number) => string;
  /** The head of word `i`, -1 for the root. */
  readonly head: (i: number) => number;
  /** Children of each word, in word order. */
  readonly children: readonly number[][];
  readonly syntax: SentenceSyntax;
}

export function dependencyView(text: string, s: SentenceSyntax): DependencyView {
  const n = s.head.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) if (s.head[i]! >= 0) children[s.head[i]!]!.push(i);
  return {
    n,
    rel: (i) => s.tables.deprel[s.deprel[i]!] ?? 'dep',
    upos: (i) => s.tables.upos[s.upos[i]!] ?? 'X',
    xpos: (i) => s.tables.xpos[s.xpos[i]!] ?? '_',
    form: (i) => text.slice(s.start[i]!, s.end[i]!),
    lemma: (i) => s.lemma[i] ?? '',
    head: (i) => s.head[i]!,
    children,
    syntax: s,
  };
}

/** Word indexes of the subtree of `i`, leaving out the subtrees of `skip`, in word order. */
export function subtree(v: DependencyView, i: number, skip: (j: number) => boolean = () => false): number[] {
  const out: number[] = [];
  const stack = [i];
  while (stack.length) {
    const j = stack.pop()!;
    out.push(j);
    for (const c of v.children[j]!) if (!skip(c)) stack.push(c);
  }
  return out.sort((a, b) => a - b);
}

/** The word whose first character is at or after text offset `at`, -1 when none. */
export function wordAt(s: SentenceSyntax, at: number): number {
  for (let w = 0; w < s.start.length; w++) if (s.start[w]! >= at) return w;
  return -1;
}
