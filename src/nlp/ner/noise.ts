/**
 * The noise news text has and CoNLL-2003 lacks, written onto CoNLL sentences
 * so the recognizer can be trained (scripts/train-ner.ts, training split only)
 * and measured (scripts/eval-ner.ts, noised copies of dev) on it:
 *  - case lost or shouted: a sentence lower-cased, upper-cased, or title-cased
 *    as a headline ("Assad Forces Retake Town Near Homs", no final stop);
 *  - punctuation lost: commas dropped; apostrophes dropped, as FA-KES lost
 *    them, so a possessive joins its name ("Syria 's" -> "Syrias", which stays
 *    inside the entity) and "O'Neill" becomes "ONeill".
 * Gold spans move with the tokens. Everything is a pure function of the input
 * and the seeded random source, so a noised training set is the same on every run.
 */
import type { ConllDocument, ConllSentence } from './conll.js';
import type { TagSpan } from './perceptron.js';

export const NOISE_KINDS = ['lower', 'upper', 'title', 'headline', 'no-commas', 'no-apostrophes'] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];
/**
 * What training writes: every kind but 'title'. A whole sentence title-cased ("Said" for "said") taught the model
 * that a capitalised word before a name is no part of it: "Said Mamuzini" lost "Said". Headlines, which keep
 * small words lower-cased, and dev measurement still have it.
 */
const TRAINING_KINDS: readonly NoiseKind[] = NOISE_KINDS.filter((k) => k !== 'title');

/** Small words a headline leaves lower-cased. */
const HEADLINE_LOWER = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'by', 'as', 'with', 'from']);

const capitalise = (w: string) => (w.length === 0 ? w : w[0]!.toUpperCase() + w.slice(1).toLowerCase());

/** Same tokens, new spellings: spans stay where they are. */
const respelled = (s: ConllSentence, spell: (word: string, i: number) => string): ConllSentence => ({ words: s.words.map(spell), spans: s.spans });

/**
 * Tokens kept (`keep[i]`) or joined onto the previous token (`join[i]`), with the
 * spans moved accordingly. A joined token belongs to the span of the token it joins.
 */
function rebuilt(s: ConllSentence, words: readonly string[], keep: readonly boolean[], join: readonly boolean[]): ConllSentence {
  const out: string[] = [];
  const newIndex: number[] = [];
  words.forEach((w, i) => {
    if (!keep[i]) {
      newIndex.push(out.length);
      return;
    }
    if (join[i] && out.length > 0) {
      out[out.length - 1] += w;
      newIndex.push(out.length - 1);
      return;
    }
    newIndex.push(out.length);
    out.push(w);
  });
  const spans: TagSpan[] = [];
  for (const span of s.spans) {
    const kept = [];
    for (let i = span.start; i < span.end; i++) if (keep[i]) kept.push(i);
    if (kept.length === 0) continue;
    const start = newIndex[kept[0]!]!;
    const end = newIndex[kept[kept.length - 1]!]! + 1;
    if (spans.length > 0 && spans[spans.length - 1]!.end > start) continue;
    spans.push({ start, end, type: span.type });
  }
  return { words: out, spans };
}

/** One noised copy of a sentence. */
export function noiseSentence(s: ConllSentence, kind: NoiseKind): ConllSentence {
  switch (kind) {
    case 'lower':
      return respelled(s, (w) => w.toLowerCase());
    case 'upper':
      return respelled(s, (w) => w.toUpperCase());
    case 'title':
      return respelled(s, capitalise);
    case 'headline': {
      const last = s.words.length - 1;
      const titled = respelled(s, (w, i) => (i > 0 && HEADLINE_LOWER.has(w.toLowerCase()) ? w.toLowerCase() : capitalise(w)));
      const dropStop = s.words.length > 1 && s.words[last] === '.';
      return dropStop ? rebuilt(titled, titled.words, titled.words.map((_, i) => i !== last), titled.words.map(() => false)) : titled;
    }
    case 'no-commas': {
      // A comma inside a name ("Washington , D.C.") stays: the name would change.
      const inside = (i: number) => s.spans.some((sp) => i > sp.start && i < sp.end - 1);
      const keep = s.words.map((w, i) => w !== ',' || inside(i));
      return rebuilt(s, s.words, keep, keep.map(() => false));
    }
    case 'no-apostrophes': {
      const words = s.words.map((w) => (/^['’]$/.test(w) ? w : w.replace(/['’]/g, '')));
      // "'s" becomes "s" joined to the word before; a bare possessive "'" after "players" goes.
      const join = s.words.map((w, i) => i > 0 && /^['’][sS]$/.test(w));
      const keep = s.words.map((w) => !/^['’]$/.test(w) && w.replace(/['’]/g, '').length > 0);
      return rebuilt(s, words, keep, join);
    }
  }
}

/**
 * Noised copies of a share of the training documents, chosen and noised with
 * `random` (seeded by the caller). A case kind noises each sentence of a copy
 * with probability one half, as news mixes headlines and body text; a
 * punctuation kind noises every sentence, as a feed that lost its apostrophes
 * lost them throughout.
 */
export function noisedCopies(docs: readonly ConllDocument[], share: number, random: () => number): ConllDocument[] {
  const out: ConllDocument[] = [];
  for (const doc of docs) {
    if (random() >= share) continue;
    const kind = TRAINING_KINDS[Math.floor(random() * TRAINING_KINDS.length)]!;
    const caseKind = kind === 'lower' || kind === 'upper' || kind === 'title' || kind === 'headline';
    out.push(doc.map((s) => (!caseKind || random() < 0.5 ? noiseSentence(s, kind) : s)));
  }
  return out;
}

/** A copy of every document with `kind` written onto every sentence: how dev is measured under noise. */
export const noisedSplit = (docs: readonly ConllDocument[], kind: NoiseKind): ConllDocument[] => docs.map((doc) => doc.map((s) => noiseSentence(s, kind)));
