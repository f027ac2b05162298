/**
 * An averaged structured perceptron over BILOU tags with first-order Viterbi
 * decoding (Collins 2002).
 *
 * Emission scores are sums of per-tag weights of the token's hashed feature
 * buckets (see features.ts); a tag-transition matrix carries the sequence
 * structure, and transitions BILOU forbids (I after O, B-PER then L-ORG, ...)
 * are never taken. The entity types inside the model are the four CoNLL-2003
 * classes; index.ts maps them to the project's entity types.
 *
 * Training is deterministic: integer weight updates, a seeded shuffle, and
 * averaging through the `w - u / c` identity (Daumé 2006), which needs no
 * per-weight timestamps.
 */
import type { SentenceFeatures } from './features.js';

/** Entity classes inside the model, in tag-index order. */
export const MODEL_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

const PARTS = ['B', 'I', 'L', 'U'] as const;
/** O, then B/I/L/U for each type: tag = 1 + type * 4 + part. */
export const TAGS: readonly string[] = ['O', ...MODEL_TYPES.flatMap((t) => PARTS.map((p) => `${p}-${t}`))];
export const TAG_COUNT = TAGS.length;
const START = TAG_COUNT; // row of the transition matrix for "before the first token"

const partOf = (tag: number) => (tag === 0 ? 'O' : PARTS[(tag - 1) % 4]!);
const typeOf = (tag: number) => (tag === 0 ? -1 : Math.floor((tag - 1) / 4));

/** Whether BILOU allows `next` after `prev` (`prev` may be START). */
export function allowed(prev: number, next: number): boolean {
  const open = prev !== START && (partOf(prev) === 'B' || partOf(prev) === 'I');
  const p = partOf(next);
  if (open) return (p === 'I' || p === 'L') && typeOf(next) === typeOf(prev);
  return p === 'O' || p === 'B' || p === 'U';
}
const mayEnd = (tag: number) => {
  const p = partOf(tag);
  return p === 'O' || p === 'L' || p === 'U';
};

const ALLOWED = new Uint8Array((TAG_COUNT + 1) * TAG_COUNT);
for (let s = 0; s <= TAG_COUNT; s++) for (let t = 0; t < TAG_COUNT; t++) ALLOWED[s * TAG_COUNT + t] = allowed(s, t) ? 1 : 0;

/** A labelled span of tokens, `end` exclusive. */
export interface TagSpan {
  readonly start: number;
  readonly end: number;
  readonly type: ModelType;
}

/** BILOU tag indexes for spans over `length` tokens. */
export function spansToTags(spans: readonly TagSpan[], length: number): Uint8Array {
  const tags = new Uint8Array(length);
  for (const s of spans) {
    const base = 1 + MODEL_TYPES.indexOf(s.type) * 4;
    if (s.end - s.start === 1) tags[s.start] = base + 3;
    else {
      tags[s.start] = base;
      for (let i = s.start + 1; i < s.end - 1; i++) tags[i] = base + 1;
      tags[s.end - 1] = base + 2;
    }
  }
  return tags;
}

/** Spans of a well-formed BILOU sequence (as Viterbi produces). */
export function tagsToSpans(tags: ArrayLike<number>): TagSpan[] {
  const spans: TagSpan[] = [];
  let start = -1;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const p = partOf(tag);
    const type = MODEL_TYPES[typeOf(tag)]!;
    if (p === 'U') spans.push({ start: i, end: i + 1, type });
    else if (p === 'B') start = i;
    else if (p === 'L' && start >= 0) {
      spans.push({ start, end: i + 1, type });
      start = -1;
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------
// Scoring and decoding

/**
 * What decoding needs from a model: per-tag emission scores of a token's
 * buckets, and transition scores ((TAG_COUNT + 1) x TAG_COUNT, last row START).
 */
export interface Scorer {
  readonly hashBits: number;
  readonly transitions: Float64Array;
  /**
   * Write the emission scores of `buckets[from..to)` into `out[at..at + TAG_COUNT)`.
   * Implementations loop tag-major: one tag's sum stays in a register while
   * the few rows of the feature table it reads stay in L1 cache, and the sum
   * is still taken in feature order, so it matches a feature-major loop bit
   * for bit.
   */
  emit(buckets: Uint32Array, from: number, to: number, out: Float64Array, at: number): void;
}

export interface Decoded {
  readonly tags: Uint8Array;
  /**
   * Per token, how much the best path's score drops if this token is forced
   * to take its second-best tag (from max-marginals): a confidence margin.
   */
  readonly margins: Float64Array;
}

/**
 * Allowed predecessors of each tag and allowed successors of each tag, in
 * ascending order, so Viterbi visits only the ~40% of transition cells BILOU
 * permits, and breaks ties exactly as a full scan in index order would.
 */
const PREDECESSORS: readonly Uint8Array[] = Array.from({ length: TAG_COUNT }, (_, t) =>
  Uint8Array.from({ length: TAG_COUNT }, (_, s) => s).filter((s) => ALLOWED[s * TAG_COUNT + t]),
);
const SUCCESSORS: readonly Uint8Array[] = Array.from({ length: TAG_COUNT }, (_, s) =>
  Uint8Array.from({ length: TAG_COUNT }, (_, t) => t).filter((t) => ALLOWED[s * TAG_COUNT + t]),
);

/**
 * Work buffers shared by every call to `decode`, grown to the longest
 * sentence seen: decoding allocates only its results. (Decoding is
 * synchronous, so calls never overlap.)
 */
let scratchTokens = 0;
let emitBuffer = new Float64Array(0);
let alphaBuffer = new Float64Array(0);
let betaBuffer = new Float64Array(0);
let backBuffer = new Uint8Array(0);
function reserve(n: number): void {
  if (n <= scratchTokens) return;
  scratchTokens = Math.max(n, scratchTokens * 2, 64);
  emitBuffer = new Float64Array(scratchTokens * TAG_COUNT);
  alphaBuffer = new Float64Array(scratchTokens * TAG_COUNT);
  betaBuffer = new Float64Array(scratchTokens * TAG_COUNT);
  backBuffer = new Uint8Array(scratchTokens * TAG_COUNT);
}

/**
 * Best BILOU path; with `withMargins`, also the max-marginal margin of each
 * token. The emission scores are computed once and serve the forward
 * (Viterbi) pass, the backward pass and the margins.
 */
export function decode(scorer: Scorer, f: SentenceFeatures, withMargins = false): Decoded {
  const n = f.offsets.length - 1;
  const T = TAG_COUNT;
  const tags = new Uint8Array(n);
  const margins = new Float64Array(n);
  if (n === 0) return { tags, margins };
  reserve(n);
  const emit = emitBuffer;
  const alpha = alphaBuffer;
  const back = backBuffer;
  for (let i = 0; i < n; i++) scorer.emit(f.buckets, f.offsets[i]!, f.offsets[i + 1]!, emit, i * T);
  const trans = scorer.transitions;
  for (let t = 0; t < T; t++) alpha[t] = ALLOWED[START * T + t] ? emit[t]! + trans[START * T + t]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const row = (i - 1) * T;
    for (let t = 0; t < T; t++) {
      const from = PREDECESSORS[t]!;
      let best = -Infinity;
      let arg = 0;
      for (let k = 0; k < from.length; k++) {
        const s = from[k]!;
        const v = alpha[row + s]! + trans[s * T + t]!;
        if (v > best) {
          best = v;
          arg = s;
        }
      }
      alpha[i * T + t] = best + emit[i * T + t]!;
      back[i * T + t] = arg;
    }
  }
  let bestEnd = -Infinity;
  let last = 0;
  for (let t = 0; t < T; t++) {
    const v = alpha[(n - 1) * T + t]!;
    if (mayEnd(t) && v > bestEnd) {
      bestEnd = v;
      last = t;
    }
  }
  tags[n - 1] = last;
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * T + tags[i]!]!;
  if (!withMargins) return { tags, margins };

  // Backward max scores: beta[i][t] = best score of tokens i+1.. given tag t at i.
  const beta = betaBuffer;
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = mayEnd(t) ? 0 : -Infinity;
  for (let i = n - 2; i >= 0; i--) {
    const row = (i + 1) * T;
    for (let t = 0; t < T; t++) {
      const to = SUCCESSORS[t]!;
      let best = -Infinity;
      for (let k = 0; k < to.length; k++) {
        const u = to[k]!;
        const v = trans[t * T + u]! + emit[row + u]! + beta[row + u]!;
        if (v > best) best = v;
      }
      beta[i * T + t] = best;
    }
  }
  for (let i = 0; i < n; i++) {
    let second = -Infinity;
    for (let t = 0; t < T; t++) {
      if (t === tags[i]) continue;
      const v = alpha[i * T + t]! + beta[i * T + t]!;
      if (v > second) second = v;
    }
    margins[i] = bestEnd - second;
  }
  return { tags, margins };
}

// ---------------------------------------------------------------------------
// Training

/** One training sentence: its features and gold BILOU tags. */
export interface Example {
  readonly features: SentenceFeatures;
  readonly gold: Uint8Array;
}

/**
 * Averaged-perceptron weights from the running sums: each weight minus its
 * time-weighted updates over the number of steps (Daumé's trick), so the
 * average costs one pass, not one per step. Shared by every trainer here.
 */
export function averageWeights(weights: Int32Array, timed: Float64Array, steps: number): Float32Array {
  const out = new Float32Array(weights.length);
  for (let i = 0; i < out.length; i++) {
    const w = weights[i]!;
    if (w !== 0 || timed[i] !== 0) out[i] = w - timed[i]! / steps;
  }
  return out;
}

/** Mulberry32: a small seeded generator, so shuffles repeat exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Float weights of a scorer, e.g. the averaged weights of a trainer. */
export class FloatScorer implements Scorer {
  constructor(
    readonly hashBits: number,
    readonly weights: Float32Array,
    readonly transitions: Float64Array,
  ) {}

  emit(buckets: Uint32Array, from: number, to: number, out: Float64Array, at: number): void {
    const w = this.weights;
    for (let t = 0; t < TAG_COUNT; t++) {
      let sum = 0;
      for (let k = from; k < to; k++) sum += w[buckets[k]! * TAG_COUNT + t]!;
      out[at + t] = sum;
    }
  }
}

/** Averaged perceptron trainer over a fixed hashed feature table. */
export class PerceptronTrainer implements Scorer {
  readonly transitions: Float64Array;
  private readonly weights: Int32Array;
  /** Sum of update * time, for averaging. */
  private readonly timed: Float64Array;
  private readonly timedTransitions: Float64Array;
  private time = 1;

  constructor(readonly hashBits: number) {
    const size = 2 ** hashBits * TAG_COUNT;
    this.weights = new Int32Array(size);
    this.timed = new Float64Array(size);
    this.transitions = new Float64Array((TAG_COUNT + 1) * TAG_COUNT);
    this.timedTransitions = new Float64Array((TAG_COUNT + 1) * TAG_COUNT);
  }

  emit(buckets: Uint32Array, from: number, to: number, out: Float64Array, at: number): void {
    const w = this.weights;
    for (let t = 0; t < TAG_COUNT; t++) {
      let sum = 0;
      for (let k = from; k < to; k++) sum += w[buckets[k]! * TAG_COUNT + t]!;
      out[at + t] = sum;
    }
  }

  /** One pass over `examples` in a seeded order; returns the number of sentences decoded wrongly. */
  epoch(examples: readonly Example[], random: () => number): number {
    const order = examples.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let wrong = 0;
    for (const index of order) {
      const { features, gold } = examples[index]!;
      const predicted = decode(this, features).tags;
      if (this.update(features, gold, predicted)) wrong++;
      this.time++;
    }
    return wrong;
  }

  private update(f: SentenceFeatures, gold: Uint8Array, predicted: Uint8Array): boolean {
    let changed = false;
    const c = this.time;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i]!;
      const p = predicted[i]!;
      if (g !== p) {
        changed = true;
        for (let k = f.offsets[i]!; k < f.offsets[i + 1]!; k++) {
          const base = f.buckets[k]! * TAG_COUNT;
          this.weights[base + g]! += 1;
          this.timed[base + g]! += c;
          this.weights[base + p]! -= 1;
          this.timed[base + p]! -= c;
        }
      }
      const gPrev = i === 0 ? START : gold[i - 1]!;
      const pPrev = i === 0 ? START : predicted[i - 1]!;
      if (gPrev !== pPrev || g !== p) {
        this.transitions[gPrev * TAG_COUNT + g]! += 1;
        this.timedTransitions[gPrev * TAG_COUNT + g]! += c;
        this.transitions[pPrev * TAG_COUNT + p]! -= 1;
        this.timedTransitions[pPrev * TAG_COUNT + p]! -= c;
      }
    }
    return changed;
  }

  /** The averaged weights so far, as an independent scorer. */
  averaged(): FloatScorer {
    const c = this.time;
    const weights = averageWeights(this.weights, this.timed, c);
    const transitions = new Float64Array(this.transitions.length);
    for (let i = 0; i < transitions.length; i++) transitions[i] = this.transitions[i]! - this.timedTransitions[i]! / c;
    return new FloatScorer(this.hashBits, weights, transitions);
  }
}
