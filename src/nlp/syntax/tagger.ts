/**
 * Part-of-speech tagger: a greedy left-to-right averaged perceptron
 * (Collins 2002; Honnibal's "A good POS tagger in about 200 lines"), with a
 * second pass that corrects each word's scores by the first pass's tags to
 * its right (tagIndexes), over
 * joint `UPOS|XPOS` labels ("NOUN|NN", "AUX|VBZ", "SCONJ|IN"), so one pass
 * gives both tag sets and they always agree. Joint labels beat tagging XPOS
 * and mapping it to UPOS because the UPOS distinctions that Penn tags do not
 * make (AUX/VERB, SCONJ/ADP, PRON/DET for "that") are decided with the same
 * context features, not by a per-word majority.
 *
 * Features are hashed into a dense table (tagger-features.ts); the saved
 * model keeps the averaged weights as int16 (tagger-model-file.ts). Training
 * is deterministic: integer updates, a seeded shuffle, and averaging through
 * the `w - u / c` identity (Daumé 2006). Tagging caches per word the sums
 * of the weights that every occurrence of it reads (CachedTagScorer), and
 * gives tagIndexes' labels exactly.
 *
 * Loading is explicit: `loadTagger()` reads the model and lemma files; nothing
 * is read at import.
 */
import {
  CONTEXT_SLOTS,
  DYNAMIC_FEATURES,
  DYNAMIC_FORM_SLOT,
  DYNAMIC_SEEDS,
  NEXT_SLOTS,
  OWN_SLOTS,
  RIGHT_FEATURES,
  RIGHT_FORM_SLOT,
  STATIC_FEATURES,
  WORD_VALUES,
  WordHashes,
  contextBuckets,
  contextValues,
  dynamicFeatures,
  nextBuckets,
  normalForm,
  ownBuckets,
  padContext,
  rightFeatures,
  setContext,
  staticFeatures,
  wordSeeds,
  wordValues,
} from './tagger-features.js';
import type { ContextValues, TaggerLexicon } from './tagger-features.js';
import { loadClusters } from '../ner/clusters.js';
import type { WordClusters } from '../ner/clusters.js';
import { WORD_CLUSTERS_URL } from '../ner/features.js';
import { loadTaggerModelFile } from './tagger-model-file.js';
import { loadLemmatizer, LEMMA_LEXICON_URL } from './lemma.js';
import type { Lemmatizer } from './lemma.js';
import type { SentenceTagger, Tagged } from './types.js';

/** The committed model, written by `npm run train:tagger`. */
export const TAGGER_MODEL_URL = new URL('./model/tagger.bin.gz', import.meta.url);

/** What tagging needs besides the weights: the table size, the labels and the word lexicon. */
export interface TaggerShape {
  readonly hashBits: number;
  /** Joint labels "UPOS|XPOS". */
  readonly labels: readonly string[];
  readonly lexicon: TaggerLexicon;
}

/**
 * Weights of a trained model as compressed rows: bucket `b` holds entries
 * `start[b]..start[b+1]`, each a label and an int16 weight. Averaged tables
 * are sparse (a handful of labels per used bucket), so this is ~20x smaller
 * and faster to score than the dense table.
 */
export interface SparseWeights extends TaggerShape {
  readonly start: Uint32Array;
  readonly label: Uint8Array;
  readonly value: Int16Array;
}

/** Compress a dense bucket-major int16 table. */
export function sparseWeights(shape: TaggerShape, dense: Int16Array): SparseWeights {
  const L = shape.labels.length;
  const rows = 2 ** shape.hashBits;
  if (L > 256) throw new Error(`sparseWeights: ${L} labels do not fit a byte`);
  let nnz = 0;
  for (let i = 0; i < dense.length; i++) if (dense[i] !== 0) nnz++;
  const start = new Uint32Array(rows + 1);
  const label = new Uint8Array(nnz);
  const value = new Int16Array(nnz);
  let j = 0;
  for (let b = 0; b < rows; b++) {
    start[b] = j;
    for (let t = 0; t < L; t++) {
      const v = dense[b * L + t]!;
      if (v !== 0) {
        label[j] = t;
        value[j++] = v;
      }
    }
  }
  start[rows] = j;
  return { hashBits: shape.hashBits, labels: shape.labels, lexicon: shape.lexicon, start, label, value };
}

/**
 * Drop the weights of magnitude below `below` (in the table's int16 units).
 * The long rows (the bias, the previous tags, frequent shapes and classes)
 * hold a weight for nearly every label, most of them the trace of one or two
 * late updates; they cost every word a sum and barely move an argmax.
 */
export function pruneWeights(model: SparseWeights, below: number): SparseWeights {
  const rows = 2 ** model.hashBits;
  let kept = 0;
  for (let j = 0; j < model.value.length; j++) if (Math.abs(model.value[j]!) >= below) kept++;
  const start = new Uint32Array(rows + 1);
  const label = new Uint8Array(kept);
  const value = new Int16Array(kept);
  let k = 0;
  for (let b = 0; b < rows; b++) {
    start[b] = k;
    for (let j = model.start[b]!; j < model.start[b + 1]!; j++)
      if (Math.abs(model.value[j]!) >= below) {
        label[k] = model.label[j]!;
        value[k++] = model.value[j]!;
      }
  }
  start[rows] = k;
  return { hashBits: model.hashBits, labels: model.labels, lexicon: model.lexicon, start, label, value };
}

/** Split a joint label "UPOS|XPOS". */
export function splitLabel(label: string): { upos: string; xpos: string } {
  const bar = label.indexOf('|');
  return { upos: label.slice(0, bar), xpos: label.slice(bar + 1) };
}

/** Scratch buffers reused by every call (tagging is synchronous, so calls never overlap). */
const dynamicBuckets = new Uint32Array(DYNAMIC_FEATURES);
const rightBuckets = new Uint32Array(RIGHT_FEATURES);
/** The first pass's scores of every word of the sentence, word-major; the second pass adds to them. */
let scores = new Int32Array(0);

/** Index of the best of `s[from..from+L)`, relative to `from` (ties go to the lower label index). */
const argmax = (s: Int32Array, L: number, from: number) => {
  let best = from;
  for (let t = from + 1; t < from + L; t++) if (s[t]! > s[best]!) best = t;
  return best - from;
};

/** The score buffer, with room for `n` words. */
function scoresFor(n: number, L: number): Int32Array {
  if (scores.length < n * L) scores = new Int32Array(Math.max(n * L, 2 * scores.length));
  return scores;
}

/** Sum the rows of `buckets[from..to)` into `s[o..o+L)`. */
function addRows(model: SparseWeights, buckets: Uint32Array, from: number, to: number, s: Int32Array, o: number): void {
  const { start, label, value } = model;
  for (let k = from; k < to; k++) {
    const b = buckets[k]!;
    for (let j = start[b]!, end = start[b + 1]!; j < end; j++) s[o + label[j]!]! += value[j]!;
  }
}

/** The same over the trainer's dense table. */
function addRowsDense(weights: Int32Array, L: number, buckets: Uint32Array, from: number, to: number, s: Int32Array, o: number): void {
  for (let k = from; k < to; k++) {
    const row = buckets[k]! * L;
    for (let t = 0; t < L; t++) s[o + t]! += weights[row + t]!;
  }
}

/**
 * Label indexes of a sentence: tagged left to right, then a second pass that
 * adds to each word's first-pass scores the weights of the first pass's tags
 * to its right (rightFeatures). The second pass only adds a few rows to
 * scores already summed, so it costs far less than a second tagger would.
 */
export function tagIndexes(model: SparseWeights, hashes: WordHashes, words: readonly string[]): Uint16Array {
  const n = words.length;
  const first = new Uint16Array(n);
  if (n === 0) return first;
  const mask = 2 ** model.hashBits - 1;
  const { buckets, seeds } = staticFeatures(words, model.hashBits, hashes);
  const L = model.labels.length;
  const s = scoresFor(n, L);
  s.fill(0, 0, n * L);
  for (let i = 0; i < n; i++) {
    const p1 = i > 0 ? first[i - 1]! : L;
    const p2 = i > 1 ? first[i - 2]! : i > 0 ? L : L + 1;
    dynamicFeatures(seeds, i, p1, p2, mask, dynamicBuckets);
    addRows(model, buckets, i * STATIC_FEATURES, (i + 1) * STATIC_FEATURES, s, i * L);
    addRows(model, dynamicBuckets, 0, DYNAMIC_FEATURES, s, i * L);
    first[i] = argmax(s, L, i * L);
  }
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    rightFeatures(seeds, i, first, L, mask, rightBuckets);
    addRows(model, rightBuckets, 0, RIGHT_FEATURES, s, i * L);
    out[i] = argmax(s, L, i * L);
  }
  return out;
}

/** Sum the rows of the buckets at `slots` of `buckets` (offset `o`) into `s[to..to+L)`. */
function addSlotRows(model: SparseWeights, buckets: Uint32Array, o: number, slots: readonly number[], s: Int32Array, to: number): void {
  const { start, label, value } = model;
  for (let k = 0; k < slots.length; k++) {
    const b = buckets[o + slots[k]!]!;
    for (let j = start[b]!, end = start[b + 1]!; j < end; j++) s[to + label[j]!]! += value[j]!;
  }
}

/**
 * tagIndexes with a cache of what every occurrence of a word shares: its
 * value hashes, the summed scores of its OWN_SLOTS rows (the bias, its
 * spelling, lexicon entries and classes: about half the weights a word
 * reads) and of the NEXT_SLOTS rows it gives the word before it, and its
 * last lemma. A word's first-pass scores then start from two cached
 * vectors instead of 25 sparse rows. The scores are integer sums, so the
 * order they are added in changes nothing: the labels are tagIndexes'
 * exactly (tagger.test.ts checks it).
 *
 * The cache is bounded (news text brings an open vocabulary): when full it
 * is emptied before the next sentence, never during one.
 */
export class CachedTagScorer {
  readonly capacity: number;
  private readonly L: number;
  private readonly mask: number;
  private readonly slots = new Map<string, number>();
  private size = 0;
  /** Slot-major: value hashes (WORD_VALUES), own scores and next scores (L each). */
  private values = new Uint32Array(0);
  private own = new Int32Array(0);
  private next = new Int32Array(0);
  /** Per slot, the last lemma asked for and its label (-1: none yet). */
  private lemmaLabel = new Int16Array(0);
  private lemmas: string[] = [];
  /** The NEXT_SLOTS scores of the last word of a sentence (the end padding's). */
  private readonly lastNext: Int32Array;
  private readonly buckets = new Uint32Array(STATIC_FEATURES);
  private sentence = new Int32Array(64);
  private ctx: ContextValues = contextValues(64);
  private seeds = new Uint32Array(64 * DYNAMIC_SEEDS);
  private first = new Uint16Array(64);

  constructor(
    readonly model: SparseWeights,
    capacity = 1 << 15,
  ) {
    this.capacity = capacity;
    this.L = model.labels.length;
    this.mask = 2 ** model.hashBits - 1;
    this.lastNext = new Int32Array(this.L);
    nextBuckets(undefined, 0, this.mask, this.buckets, 0);
    addSlotRows(model, this.buckets, 0, NEXT_SLOTS, this.lastNext, 0);
    this.grow(Math.min(capacity, 4096));
  }

  private grow(slots: number): void {
    const L = this.L;
    const values = new Uint32Array(slots * WORD_VALUES);
    const own = new Int32Array(slots * L);
    const next = new Int32Array(slots * L);
    values.set(this.values.subarray(0, this.size * WORD_VALUES));
    own.set(this.own.subarray(0, this.size * L));
    next.set(this.next.subarray(0, this.size * L));
    const lemmaLabel = new Int16Array(slots).fill(-1);
    lemmaLabel.set(this.lemmaLabel.subarray(0, this.size));
    this.values = values;
    this.own = own;
    this.next = next;
    this.lemmaLabel = lemmaLabel;
  }

  /** Empty the cache. */
  clear(): void {
    this.slots.clear();
    this.size = 0;
    this.lemmaLabel.fill(-1);
    this.lemmas = [];
  }

  /** The slot of `word`, computing its entry if new (room must have been made). */
  private slotOf(word: string): number {
    const known = this.slots.get(word);
    if (known !== undefined) return known;
    const slot = this.size++;
    if (slot * WORD_VALUES >= this.values.length) this.grow(Math.min(this.capacity, 2 * (this.values.length / WORD_VALUES)));
    const { model, L, mask, buckets, values } = this;
    const at = slot * WORD_VALUES;
    wordValues(model.lexicon, word, values, at);
    ownBuckets(values, at, mask, buckets, 0);
    this.own.fill(0, slot * L, (slot + 1) * L);
    addSlotRows(model, buckets, 0, OWN_SLOTS, this.own, slot * L);
    nextBuckets(values, at, mask, buckets, 0);
    this.next.fill(0, slot * L, (slot + 1) * L);
    addSlotRows(model, buckets, 0, NEXT_SLOTS, this.next, slot * L);
    this.slots.set(word, slot);
    return slot;
  }

  /** Room for the words of a sentence of `n` words. */
  private reserve(n: number): void {
    if (this.size + n > this.capacity) this.clear();
    if (this.sentence.length < n) {
      const size = Math.max(n, 2 * this.sentence.length);
      this.sentence = new Int32Array(size);
      this.ctx = contextValues(size);
      this.seeds = new Uint32Array(size * DYNAMIC_SEEDS);
      this.first = new Uint16Array(size);
    }
  }

  /** Label indexes of a sentence, as tagIndexes(model, ..., words). */
  indexes(words: readonly string[]): Uint16Array {
    const n = words.length;
    const out = new Uint16Array(n);
    if (n === 0) return out;
    // A sentence longer than the whole cache (never in text) goes the plain way.
    if (n > this.capacity) return tagIndexes(this.model, new WordHashes(this.model.lexicon), words);
    this.reserve(n);
    const { model, L, mask, sentence, ctx, seeds, first, buckets, lastNext } = this;
    for (let i = 0; i < n; i++) sentence[i] = this.slotOf(words[i]!);
    // Read after slotOf, which may have grown the tables.
    const { values, own: ownScores, next: nextScores } = this;
    for (let i = 0; i < n; i++) setContext(ctx, i, values, sentence[i]! * WORD_VALUES);
    padContext(ctx, n);
    for (let i = 0; i < n; i++) wordSeeds(values, sentence[i]! * WORD_VALUES, i + 1 < n ? values : undefined, i + 1 < n ? sentence[i + 1]! * WORD_VALUES : 0, seeds, i * DYNAMIC_SEEDS);
    const s = scoresFor(n, L);
    for (let i = 0; i < n; i++) {
      const o = i * L;
      const a = sentence[i]! * L;
      if (i + 1 < n) {
        const b = sentence[i + 1]! * L;
        for (let t = 0; t < L; t++) s[o + t] = ownScores[a + t]! + nextScores[b + t]!;
      } else for (let t = 0; t < L; t++) s[o + t] = ownScores[a + t]! + lastNext[t]!;
      contextBuckets(ctx, i, mask, buckets, 0);
      addSlotRows(model, buckets, 0, CONTEXT_SLOTS, s, o);
      const p1 = i > 0 ? first[i - 1]! : L;
      const p2 = i > 1 ? first[i - 2]! : i > 0 ? L : L + 1;
      dynamicFeatures(seeds, i, p1, p2, mask, dynamicBuckets);
      addRows(model, dynamicBuckets, 0, DYNAMIC_FEATURES, s, o);
      first[i] = argmax(s, L, o);
    }
    const firstTags = first.length === n ? first : first.subarray(0, n);
    for (let i = 0; i < n; i++) {
      rightFeatures(seeds, i, firstTags, L, mask, rightBuckets);
      addRows(model, rightBuckets, 0, RIGHT_FEATURES, s, i * L);
      out[i] = argmax(s, L, i * L);
    }
    return out;
  }

  /** The lemma of the sentence's word i (as last given to `indexes`) with label `t`; remembered per word, for the last label asked. */
  lemma(words: readonly string[], i: number, t: number, compute: (word: string, t: number) => string): string {
    const slot = this.sentence[i]!;
    if (this.lemmaLabel[slot] === t) return this.lemmas[slot]!;
    const lemma = compute(words[i]!, t);
    this.lemmaLabel[slot] = t;
    this.lemmas[slot] = lemma;
    return lemma;
  }
}

// ---------------------------------------------------------------------------
// Training

/** One training sentence. */
export interface TagExample {
  readonly words: readonly string[];
  readonly gold: Uint16Array;
}

/** The recognizer's seeded generator (Mulberry32), so shuffles repeat exactly. */
export { seededRandom } from '../ner/perceptron.js';
import { averageWeights } from '../ner/perceptron.js';

/**
 * Word dropout in training (Kiperwasser & Goldberg 2016): each occurrence of
 * a word seen `c` times in training is shown as unseen with probability
 * `alpha / (alpha + c)`, drawn from `random` (its own seeded generator, so the
 * shuffle is the same with or without it). Without it the weights of a
 * word's own form explain nearly every training word, and the spelling and
 * class features that unseen words depend on learn little.
 */
export interface DropoutOptions {
  readonly counts: ReadonlyMap<string, number>;
  readonly alpha: number;
  readonly random: () => number;
}

/** How often each word form occurs in the examples. */
export function wordCounts(examples: readonly TagExample[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { words } of examples) for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Averaged perceptron over the hashed table; updates after each word, with the previous tags as predicted (as at tagging time). */
export class PerceptronTagTrainer implements TaggerShape {
  /** 2^hashBits rows, plus one last row that dropout points at and that is never updated (so it stays zero). */
  readonly weights: Int32Array;
  /** Sum of update * time, for averaging. */
  private readonly timed: Float64Array;
  private time = 1;
  private readonly hashes: WordHashes;
  private readonly nullBucket: number;

  constructor(
    readonly hashBits: number,
    readonly labels: readonly string[],
    readonly lexicon: TaggerLexicon,
    private readonly dropout?: DropoutOptions,
  ) {
    this.nullBucket = 2 ** hashBits;
    this.weights = new Int32Array((this.nullBucket + 1) * labels.length);
    this.timed = new Float64Array(this.weights.length);
    this.hashes = new WordHashes(lexicon);
  }

  /** Which words of a sentence dropout shows as unseen this time. */
  private dropped(words: readonly string[]): Uint8Array | undefined {
    const d = this.dropout;
    if (!d) return undefined;
    return Uint8Array.from(words, (w) => (d.random() < d.alpha / (d.alpha + (d.counts.get(w) ?? 0)) ? 1 : 0));
  }

  /** Move weight from the guessed label to the true one in `bucket` (the null row stays zero). */
  private update(bucket: number, truth: number, guess: number): void {
    if (bucket === this.nullBucket) return;
    const L = this.labels.length;
    const base = bucket * L;
    const c = this.time;
    this.weights[base + truth]! += 1;
    this.timed[base + truth]! += c;
    this.weights[base + guess]! -= 1;
    this.timed[base + guess]! -= c;
  }

  /**
   * One pass in a seeded order. Each sentence is tagged left to right, each
   * word's features updated when it is wrong; then the second pass (see
   * tagIndexes) runs over that first pass's tags and scores, and its
   * right-context features are updated where it is still wrong, so they learn
   * to correct the first pass. Returns the number of words the second pass
   * tagged wrongly before their update.
   */
  epoch(examples: readonly TagExample[], random: () => number): number {
    const order = examples.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let wrong = 0;
    const mask = 2 ** this.hashBits - 1;
    const L = this.labels.length;
    const start = L;
    for (const index of order) {
      const { words, gold } = examples[index]!;
      const dropped = this.dropped(words);
      const { buckets, seeds } = staticFeatures(words, this.hashBits, this.hashes, dropped && { words: dropped, bucket: this.nullBucket });
      const predicted = new Uint16Array(words.length);
      const s = scoresFor(words.length, L);
      s.fill(0, 0, words.length * L);
      for (let i = 0; i < words.length; i++) {
        const p1 = i > 0 ? predicted[i - 1]! : start;
        const p2 = i > 1 ? predicted[i - 2]! : i > 0 ? start : start + 1;
        dynamicFeatures(seeds, i, p1, p2, mask, dynamicBuckets);
        if (dropped?.[i]) dynamicBuckets[DYNAMIC_FORM_SLOT] = this.nullBucket;
        addRowsDense(this.weights, L, buckets, i * STATIC_FEATURES, (i + 1) * STATIC_FEATURES, s, i * L);
        addRowsDense(this.weights, L, dynamicBuckets, 0, DYNAMIC_FEATURES, s, i * L);
        const guess = argmax(s, L, i * L);
        predicted[i] = guess;
        const truth = gold[i]!;
        if (guess !== truth) {
          for (let k = i * STATIC_FEATURES; k < (i + 1) * STATIC_FEATURES; k++) this.update(buckets[k]!, truth, guess);
          for (let k = 0; k < DYNAMIC_FEATURES; k++) this.update(dynamicBuckets[k]!, truth, guess);
        }
        this.time++;
      }
      for (let i = 0; i < words.length; i++) {
        rightFeatures(seeds, i, predicted, L, mask, rightBuckets);
        if (dropped?.[i]) rightBuckets[RIGHT_FORM_SLOT] = this.nullBucket;
        addRowsDense(this.weights, L, rightBuckets, 0, RIGHT_FEATURES, s, i * L);
        const guess = argmax(s, L, i * L);
        const truth = gold[i]!;
        if (guess !== truth) {
          wrong++;
          for (let k = 0; k < RIGHT_FEATURES; k++) this.update(rightBuckets[k]!, truth, guess);
        }
      }
    }
    return wrong;
  }

  /** The averaged weights so far. */
  averaged(): Float32Array {
    return averageWeights(this.weights, this.timed, this.time).subarray(0, this.nullBucket * this.labels.length);
  }
}

/** Quantise float weights to int16, the largest magnitude mapping to 32767. */
export function quantise(weights: Float32Array): { scale: number; weights: Int16Array } {
  let top = 0;
  for (const w of weights) top = Math.max(top, Math.abs(w));
  const scale = top === 0 ? 1 : top / 32767;
  const out = new Int16Array(weights.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(weights[i]! / scale);
  return { scale, weights: out };
}

/** How often each key (a word, or its normal form) had each label in training. */
function labelCounts(examples: readonly TagExample[], keyOf: (word: string) => string): Map<string, Map<number, number>> {
  const counts = new Map<string, Map<number, number>>();
  for (const { words, gold } of examples)
    words.forEach((w, i) => {
      const key = keyOf(w);
      let m = counts.get(key);
      if (!m) counts.set(key, (m = new Map()));
      m.set(gold[i]!, (m.get(gold[i]!) ?? 0) + 1);
    });
  return counts;
}

/**
 * The tag dictionary: words seen at least `minCount` times with one label at
 * least `minShare` of the time (Honnibal's thresholds). It is a feature, not
 * a shortcut, so context can still overrule it.
 */
export function buildTagDictionary(examples: readonly TagExample[], minCount = 20, minShare = 0.97): Map<string, number> {
  const counts = labelCounts(examples, (w) => w);
  const out = new Map<string, number>();
  for (const w of [...counts.keys()].sort()) {
    const m = counts.get(w)!;
    let total = 0;
    let best = -1;
    let bestCount = 0;
    for (const [t, c] of [...m].sort((a, b) => a[0] - b[0])) {
      total += c;
      if (c > bestCount) [best, bestCount] = [t, c];
    }
    if (total >= minCount && bestCount / total >= minShare) out.set(w, best);
  }
  return out;
}

/**
 * Ambiguity classes: for each normal form seen at least `minCount` times,
 * the labels it had at least `minShare` of the time, as "3,17" (Brill's
 * ambiguity classes; annotation slips below the share are left out).
 */
export function buildAmbiguityClasses(examples: readonly TagExample[], minCount = 2, minShare = 0.02): Map<string, string> {
  const counts = labelCounts(examples, normalForm);
  const out = new Map<string, string>();
  for (const w of [...counts.keys()].sort()) {
    const m = counts.get(w)!;
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    if (total < minCount) continue;
    out.set(
      w,
      [...m]
        .filter(([, c]) => c / total >= minShare)
        .map(([t]) => t)
        .sort((a, b) => a - b)
        .join(','),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------
// The tagger the pipeline uses

/** Tags and lemmas from word forms alone. */
export class PerceptronTagger implements SentenceTagger {
  private readonly scorer: CachedTagScorer;
  private readonly upos: readonly string[];
  private readonly xpos: readonly string[];
  private readonly lemmaOf: (word: string, label: number) => string;

  constructor(
    readonly model: SparseWeights,
    readonly lemmatizer: Lemmatizer,
  ) {
    this.scorer = new CachedTagScorer(model);
    this.lemmaOf = (word, label) => this.lemmatizer.lemma(word, this.xpos[label]!);
    const split = model.labels.map(splitLabel);
    this.upos = split.map((s) => s.upos);
    this.xpos = split.map((s) => s.xpos);
  }

  tag(words: readonly string[]): Tagged {
    const n = words.length;
    const labels = this.scorer.indexes(words);
    const upos = new Array<string>(n);
    const xpos = new Array<string>(n);
    const lemma = new Array<string>(n);
    const long = n > this.scorer.capacity;
    for (let i = 0; i < n; i++) {
      const t = labels[i]!;
      upos[i] = this.upos[t]!;
      xpos[i] = this.xpos[t]!;
      lemma[i] = long ? this.lemmaOf(words[i]!, t) : this.scorer.lemma(words, i, t, this.lemmaOf);
    }
    return { upos, xpos, lemma };
  }
}

export interface TaggerFiles {
  readonly lemmaUrl?: string | URL;
  /** The word classes the model was trained with (checked by digest); read from the project's file when not given, e.g. when the NER has not loaded them already. */
  readonly clusters?: WordClusters;
}

/** Read the tagger model, the lemma lexicon and (unless given) the word classes: the only I/O of the tagger. */
export function loadTagger(modelUrl: string | URL = TAGGER_MODEL_URL, files: TaggerFiles = {}): PerceptronTagger {
  const clusters = files.clusters ?? loadClusters(WORD_CLUSTERS_URL);
  return new PerceptronTagger(loadTaggerModelFile(modelUrl, clusters), loadLemmatizer(files.lemmaUrl ?? LEMMA_LEXICON_URL));
}
