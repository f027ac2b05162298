/**
 * Scoring a parse made on the project's own tokens against a treebank, as
 * the CoNLL 2018 shared task's scorer does: the gold sentence's text (its
 * `# text` comment) is tokenized and parsed end to end, system and gold words
 * are aligned by character span (words inside one multi-word token, which
 * have no spans of their own, by their order and form within it), and
 * UPOS/LAS/UAS are F1 scores over aligned words: precision over system words,
 * recall over gold words. LAS compares the universal relation (the part
 * before ':'), as that scorer does.
 */
import type { ConlluSentence } from '../../src/nlp/syntax/conllu.js';
import type { SentenceParser, SentenceTagger } from '../../src/nlp/syntax/types.js';
import { modelForm, syntacticWords } from '../../src/nlp/syntax/words.js';
import { tokenize } from '../../src/nlp/tokens.js';

export interface SpannedWord {
  readonly start: number;
  readonly end: number;
  readonly form: string;
  /** Index of the multi-word token (in its sentence) the word belongs to, or -1. */
  readonly group: number;
  readonly upos: string;
  /** 0-based index of the head word, -1 for the root. */
  readonly head: number;
  readonly deprel: string;
}

/** Character spans of a gold sentence's words within its `# text`, or null when its forms cannot be found there. */
export function goldSpans(sentence: ConlluSentence): { text: string; words: SpannedWord[] } | null {
  const textLine = sentence.comments.find((c) => c.startsWith('text = '));
  if (!textLine) return null;
  const text = textLine.slice(7);
  const mwtAt = new Map(sentence.multiword.map((m, k) => [m.first, { ...m, k }]));
  const words: SpannedWord[] = [];
  let at = 0;
  const find = (form: string): [number, number] | null => {
    const i = text.indexOf(form, at);
    if (i < 0 || text.slice(at, i).trim() !== '') return null;
    at = i + form.length;
    return [i, at];
  };
  for (let i = 0; i < sentence.words.length; i++) {
    const mwt = mwtAt.get(i + 1);
    if (mwt) {
      const span = find(mwt.form);
      if (!span) return null;
      for (let j = mwt.first; j <= mwt.last; j++) {
        const w = sentence.words[j - 1]!;
        words.push({ start: span[0], end: span[1], form: w.form, group: mwt.k, upos: w.upos, head: w.head - 1, deprel: w.deprel });
      }
      i = mwt.last - 1;
      continue;
    }
    const w = sentence.words[i]!;
    const span = find(w.form);
    if (!span) return null;
    words.push({ start: span[0], end: span[1], form: w.form, group: -1, upos: w.upos, head: w.head - 1, deprel: w.deprel });
  }
  return { text, words };
}

export interface AlignedCounts {
  gold: number;
  system: number;
  words: number;
  upos: number;
  uas: number;
  las: number;
}

export const emptyAligned = (): AlignedCounts => ({ gold: 0, system: 0, words: 0, upos: 0, uas: 0, las: 0 });

const universal = (deprel: string) => deprel.split(':')[0]!;

/** Adds one sentence's alignment of system words to gold words into `counts`. */
export function alignAndCount(gold: readonly SpannedWord[], system: readonly SpannedWord[], counts: AlignedCounts): void {
  counts.gold += gold.length;
  counts.system += system.length;
  // system index -> gold index
  const toGold = new Int32Array(system.length).fill(-1);
  const bySpan = new Map<string, number[]>();
  gold.forEach((g, i) => {
    const key = `${g.start}:${g.end}`;
    bySpan.set(key, [...(bySpan.get(key) ?? []), i]);
  });
  const used = new Set<number>();
  system.forEach((s, i) => {
    const candidates = (bySpan.get(`${s.start}:${s.end}`) ?? []).filter((g) => !used.has(g));
    // Inside a multi-word token all words share the span: take the first unused one with the same form, else the first unused.
    const pick = candidates.find((g) => gold[g]!.form.toLowerCase() === s.form.toLowerCase()) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (pick === undefined) return;
    used.add(pick);
    toGold[i] = pick;
  });
  system.forEach((s, i) => {
    const g = toGold[i]!;
    if (g < 0) return;
    counts.words++;
    const gw = gold[g]!;
    if (s.upos === gw.upos) counts.upos++;
    const headOk = s.head < 0 ? gw.head < 0 : toGold[s.head] === gw.head;
    if (headOk) {
      counts.uas++;
      if (universal(s.deprel) === universal(gw.deprel)) counts.las++;
    }
  });
}

/** F1 of `correct` over system and gold counts. */
export function alignedF1(correct: number, c: AlignedCounts): number {
  const p = c.system ? correct / c.system : 0;
  const r = c.gold ? correct / c.gold : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

/**
 * UPOS / UAS / LAS F1 and word F1 of tagger + parser run end to end on each
 * sentence's raw text (its `# text`), tokenized by the project's tokenizer and
 * cut into UD words as the syntax stage does. Sentences without a usable
 * `# text` are counted in `skipped`.
 */
export function scoreOwnTokens(sentences: readonly ConlluSentence[], tagger: SentenceTagger, parser: SentenceParser): { counts: AlignedCounts; skipped: number } {
  const counts = emptyAligned();
  let skipped = 0;
  for (const sentence of sentences) {
    const gold = goldSpans(sentence);
    if (!gold) {
      skipped++;
      continue;
    }
    const tokens = tokenize(gold.text, [{ index: 0, start: 0, end: gold.text.length, text: gold.text }]);
    const words = syntacticWords(tokens);
    const forms = words.map((w) => modelForm(w.form));
    const tags = tagger.tag(forms);
    const tree = parser.parse(forms, tags);
    const system: SpannedWord[] = words.map((w, i) => ({ start: w.start, end: w.end, form: w.form, group: -1, upos: tags.upos[i] ?? '', head: (tree.head[i] ?? 0) - 1, deprel: tree.deprel[i] ?? '' }));
    alignAndCount(gold.words, system, counts);
  }
  return { counts, skipped };
}
