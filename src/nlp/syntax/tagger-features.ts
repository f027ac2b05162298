/**
 * Features of the part-of-speech tagger (tagger.ts), in the style of Collins'
 * and Honnibal's averaged-perceptron taggers: the word, its lower-cased form,
 * prefixes and suffixes of 1-4 letters, shape, digit/hyphen/upper flags, the
 * words two either side, suffixes of the neighbours, a tag-dictionary feature
 * for frequent unambiguous words (this word and the next), the word's
 * ambiguity class (the set of labels it had in training), its word classes
 * from unlabelled news (the project's clusters, ner/clusters.ts: they carry
 * unseen words to the tags of the words they resemble), the classes of the
 * words two either side, the word's class with its suffix, word bigrams, and
 * the two previous predicted tags, alone and with the word, its suffix and
 * the next word's ambiguity class.
 *
 * Each feature is a template number and a value hash, mixed into a bucket of
 * a fixed table of 2^hashBits rows, so the model needs no feature dictionary.
 * Value hashes are the project's one string hash (core/hash.ts); what depends
 * on one word alone is hashed once per distinct word and cached. Saved models
 * depend on these definitions: changing a template means retraining.
 */
import { fmix32, hash32 } from '../../core/hash.js';
import { classesOf } from '../ner/clusters.js';
import type { WordClusters } from '../ner/clusters.js';

/** Features that look at the words only, computed once per sentence. */
export const STATIC_FEATURES = 34;
/** Features that look at the previous predicted tags, computed while tagging left to right. */
export const DYNAMIC_FEATURES = 6;
/** Per-word value hashes the dynamic features conjoin with the previous tag: the word, its 3-letter suffix, the next word's ambiguity class. */
export const DYNAMIC_SEEDS = 3;
/** Features of the second pass, on the first pass's tags around the word (tagger.ts). */
export const RIGHT_FEATURES = 5;
export const FEATURE_COUNT = STATIC_FEATURES + DYNAMIC_FEATURES + RIGHT_FEATURES;

const GOLDEN = 0x9e3779b9;
/** Bucket of template `k` with value hash `value`. */
export const bucketOf = (k: number, value: number, mask: number): number => fmix32((value + Math.imul(k + 1, GOLDEN)) >>> 0) & mask;

const DIGITS = /\p{N}/gu;
const HAS_DIGIT = /\p{N}/u;
const UPPER = /\p{Lu}/u;

/** Lower case with digits folded to 0, so "1996" and "2003" share a form. */
export const normalForm = (word: string): string => word.toLowerCase().replace(DIGITS, '0');

/** Character classes (X, x, d, other kept) with runs longer than two collapsed: "Xxxxx" -> "Xxx". */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    let c: string;
    if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else if (code >= 48 && code <= 57) c = 'd';
    else if (code < 0x80) c = ch;
    else if (UPPER.test(ch)) c = 'X';
    else if (/\p{L}/u.test(ch)) c = 'x';
    else if (HAS_DIGIT.test(ch)) c = 'd';
    else c = ch;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 2) out += c;
  }
  return out;
}

/** Bits: has a digit, has a hyphen, has an upper-case letter, starts upper-case, all upper-case. */
function flagsOf(word: string): number {
  let f = 0;
  if (HAS_DIGIT.test(word)) f |= 1;
  if (word.includes('-')) f |= 2;
  if (UPPER.test(word)) f |= 4;
  if (UPPER.test(word[0] ?? '')) f |= 8;
  if (f & 4 && word === word.toUpperCase() && word !== word.toLowerCase()) f |= 16;
  return f;
}

/** Words seen often with one tag: word -> label index. */
export type TagDictionary = ReadonlyMap<string, number>;

/** What the features know about words beyond their spelling. */
export interface TaggerLexicon {
  readonly dictionary: TagDictionary;
  /** Normal form -> the labels it had in training, as "3,17,40". */
  readonly ambiguity: ReadonlyMap<string, string>;
  readonly clusters: WordClusters;
}

// Value hashes of one word, by slot.
const FORM = 0;
const NORM = 1;
const PRE = 2; // 2..5: prefixes of 1..4
const SUF = 6; // 6..9: suffixes of 1..4
const SHAPE = 10;
const FLAGS = 11;
const DICT = 12;
const CLUSTER = 13; // 13..15: coarse to fine
const AMBIGUITY = 16;
const WORD_SLOTS = 17;

const PAD_START = [hash32('-START-'), hash32('-START2-')];
const PAD_END = [hash32('-END-'), hash32('-END2-')];
const NO_DICT = hash32('-none-');

/** Per-word value hashes, cached per tagger model (the tag dictionary is part of them). */
export class WordHashes {
  private readonly cache = new Map<string, Uint32Array>();
  constructor(private readonly lexicon: TaggerLexicon) {}

  of(word: string): Uint32Array {
    let h = this.cache.get(word);
    if (h) return h;
    h = new Uint32Array(WORD_SLOTS);
    wordValues(this.lexicon, word, h, 0);
    // Bounded: news text brings an open vocabulary.
    if (this.cache.size >= 100_000) this.cache.clear();
    this.cache.set(word, h);
    return h;
  }
}

/** Number of value hashes of one word (wordValues). */
export const WORD_VALUES = WORD_SLOTS;

/** Write the value hashes of `word` into `out[at..at + WORD_VALUES)` (what WordHashes caches). */
export function wordValues(lexicon: TaggerLexicon, word: string, out: Uint32Array, at: number): void {
  const norm = normalForm(word);
  out[at + FORM] = hash32(word);
  out[at + NORM] = hash32(norm);
  const chars = Array.from(norm);
  for (let k = 1; k <= 4; k++) {
    out[at + PRE + k - 1] = hash32(chars.slice(0, k).join(''));
    out[at + SUF + k - 1] = hash32(chars.slice(-k).join(''));
  }
  out[at + SHAPE] = hash32(wordShape(word));
  out[at + FLAGS] = flagsOf(word);
  const tag = lexicon.dictionary.get(word);
  out[at + DICT] = tag === undefined ? NO_DICT : tag + 1;
  const classes = classesOf(lexicon.clusters, word);
  for (let k = 0; k < 3; k++) out[at + CLUSTER + k] = classes?.[k] === undefined ? NO_DICT : classes[k]! + 1;
  out[at + AMBIGUITY] = hash32(lexicon.ambiguity.get(norm) ?? '-');
}

/** Features of a sentence that do not depend on predicted tags. */
export interface SentenceFeatures {
  /** Static buckets: word `i` owns `[i * STATIC_FEATURES, (i + 1) * STATIC_FEATURES)`. */
  readonly buckets: Uint32Array;
  /** Dynamic seeds: word `i` owns `[i * DYNAMIC_SEEDS, (i + 1) * DYNAMIC_SEEDS)` (see dynamicFeatures). */
  readonly seeds: Uint32Array;
}

/**
 * Training-time word dropout: the words marked in `words` are shown as if
 * unseen. Their dictionary and ambiguity features take the values an unseen
 * word has, and every feature built on their spelling as a whole (the form,
 * the normal form, and the neighbours' and bigrams' uses of it) points to
 * `bucket`, a row the trainer never scores or updates: at tagging time an
 * unseen word's form features fall on rows it never trained, which score
 * (nearly) nothing. So the weights learn to tag from suffixes, shapes and
 * classes, which is all an unseen word has.
 */
export interface WordDropout {
  readonly words: Uint8Array;
  readonly bucket: number;
}

const UNSEEN_AMBIGUITY = hash32('-');

/** A word's value hashes as dropout shows it (see WordDropout). */
function asUnseen(h: Uint32Array): Uint32Array {
  const u = h.slice();
  u[DICT] = NO_DICT;
  u[AMBIGUITY] = UNSEEN_AMBIGUITY;
  return u;
}

/** Point the form-based features that involve a dropped word at the null bucket. */
function dropForms(out: Uint32Array, n: number, drop: WordDropout): void {
  const at = (i: number, slot: number) => {
    if (i >= 0 && i < n) out[i * STATIC_FEATURES + slot] = drop.bucket;
  };
  for (let j = 0; j < n; j++) {
    if (!drop.words[j]) continue;
    for (const slot of [1, 2, 29, 30]) at(j, slot);
    at(j + 1, 14);
    at(j + 1, 29);
    at(j + 2, 15);
    at(j - 1, 16);
    at(j - 1, 30);
    at(j - 2, 17);
  }
}

/**
 * The static slots split by what they read, so tagging can sum the weights of
 * a word's own slots once per distinct word (tagger.ts CachedTagScorer):
 * OWN_SLOTS read word i's values alone (and the bias), NEXT_SLOTS the next
 * word's values alone (or the end padding), the rest (contextBuckets) other
 * neighbours and word pairs. Slot k is template k.
 */
export const OWN_SLOTS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 21, 22, 23, 27, 33];
export const NEXT_SLOTS: readonly number[] = [16, 19, 20, 25, 26, 28];
export const CONTEXT_SLOTS: readonly number[] = [14, 15, 17, 18, 24, 29, 30, 31, 32];

/** The OWN_SLOTS buckets of a word with values `h[at..]` into `out[o + slot]`. */
export function ownBuckets(h: Uint32Array, at: number, mask: number, out: Uint32Array, o: number): void {
  out[o] = bucketOf(0, 0, mask);
  out[o + 1] = bucketOf(1, h[at + FORM]!, mask);
  out[o + 2] = bucketOf(2, h[at + NORM]!, mask);
  for (let k = 0; k < 4; k++) {
    out[o + 3 + k] = bucketOf(3 + k, h[at + PRE + k]!, mask);
    out[o + 7 + k] = bucketOf(7 + k, h[at + SUF + k]!, mask);
  }
  out[o + 11] = bucketOf(11, h[at + SHAPE]!, mask);
  out[o + 12] = bucketOf(12, h[at + FLAGS]!, mask);
  out[o + 13] = bucketOf(13, h[at + DICT]!, mask);
  out[o + 21] = bucketOf(21, h[at + CLUSTER]!, mask);
  out[o + 22] = bucketOf(22, h[at + CLUSTER + 1]!, mask);
  out[o + 23] = bucketOf(23, h[at + CLUSTER + 2]!, mask);
  out[o + 27] = bucketOf(27, h[at + AMBIGUITY]!, mask);
  // Class with suffix: for words unseen in the treebank, "-ed" in a verb-like class is a past verb.
  out[o + 33] = bucketOf(33, fmix32((h[at + CLUSTER + 1]! + Math.imul(h[at + SUF + 2]!, 31)) >>> 0), mask);
}

/** The NEXT_SLOTS buckets of the word before one with values `next[at..]`, or (`next` undefined) of the last word. */
export function nextBuckets(next: Uint32Array | undefined, at: number, mask: number, out: Uint32Array, o: number): void {
  const end = PAD_END[0]!;
  out[o + 16] = bucketOf(16, next ? next[at + NORM]! : end, mask);
  out[o + 19] = bucketOf(19, next ? next[at + SUF + 2]! : end, mask);
  out[o + 20] = bucketOf(20, next ? next[at + DICT]! : end, mask);
  out[o + 25] = bucketOf(25, next ? next[at + CLUSTER + 1]! : end, mask);
  out[o + 26] = bucketOf(26, next ? next[at + CLUSTER + 2]! : end, mask);
  out[o + 28] = bucketOf(28, next ? next[at + AMBIGUITY]! : end, mask);
}

/**
 * Per-sentence values the context slots read, padded: word j's at index
 * j + 2, the start padding at 0 and 1, the end padding at n + 2 and n + 3.
 * Arrays may be longer than n + 4 (reused buffers).
 */
export interface ContextValues {
  readonly norm: Uint32Array;
  readonly suf3: Uint32Array;
  readonly cluster1: Uint32Array;
}

/** A ContextValues with room for `n` words. */
export function contextValues(n: number): ContextValues {
  return { norm: new Uint32Array(n + 4), suf3: new Uint32Array(n + 4), cluster1: new Uint32Array(n + 4) };
}

/** Write word j's values (`h[at..]`) into `ctx`. */
export function setContext(ctx: ContextValues, j: number, h: Uint32Array, at: number): void {
  ctx.norm[j + 2] = h[at + NORM]!;
  ctx.suf3[j + 2] = h[at + SUF + 2]!;
  ctx.cluster1[j + 2] = h[at + CLUSTER + 1]!;
}

/** Write the padding around a sentence of `n` words into `ctx`. */
export function padContext(ctx: ContextValues, n: number): void {
  ctx.norm[0] = PAD_START[1]!;
  ctx.norm[1] = PAD_START[0]!;
  ctx.norm[n + 2] = PAD_END[0]!;
  ctx.norm[n + 3] = PAD_END[1]!;
  ctx.suf3[0] = ctx.suf3[1] = ctx.cluster1[0] = ctx.cluster1[1] = PAD_START[0]!;
  ctx.suf3[n + 2] = ctx.suf3[n + 3] = ctx.cluster1[n + 2] = ctx.cluster1[n + 3] = PAD_END[0]!;
}

/** The CONTEXT_SLOTS buckets of word i into `out[o + slot]`. */
export function contextBuckets(ctx: ContextValues, i: number, mask: number, out: Uint32Array, o: number): void {
  const { norm, suf3, cluster1 } = ctx;
  const j = i + 2;
  const self = norm[j]!;
  out[o + 14] = bucketOf(14, norm[j - 1]!, mask);
  out[o + 15] = bucketOf(15, norm[j - 2]!, mask);
  out[o + 17] = bucketOf(17, norm[j + 2]!, mask);
  out[o + 18] = bucketOf(18, suf3[j - 1]!, mask);
  out[o + 24] = bucketOf(24, cluster1[j - 1]!, mask);
  out[o + 29] = bucketOf(29, fmix32((norm[j - 1]! + Math.imul(self, 31)) >>> 0), mask);
  out[o + 30] = bucketOf(30, fmix32((self + Math.imul(norm[j + 1]!, 31)) >>> 0), mask);
  // Two words out, by class: "the army ... VERB" patterns that the words themselves are too sparse for.
  out[o + 31] = bucketOf(31, cluster1[j - 2]!, mask);
  out[o + 32] = bucketOf(32, cluster1[j + 2]!, mask);
}

/** The dynamic seeds of word i (values `h[at..]`) before a word with values `next[nextAt..]` (undefined: the last word). */
export function wordSeeds(h: Uint32Array, at: number, next: Uint32Array | undefined, nextAt: number, seeds: Uint32Array, d: number): void {
  seeds[d] = h[at + NORM]!;
  seeds[d + 1] = h[at + SUF + 2]!;
  seeds[d + 2] = next ? next[nextAt + AMBIGUITY]! : PAD_END[0]!;
}

/** Static feature buckets and dynamic seeds of a sentence; `drop` only in training. */
export function staticFeatures(words: readonly string[], hashBits: number, hashes: WordHashes, drop?: WordDropout): SentenceFeatures {
  const n = words.length;
  const mask = 2 ** hashBits - 1;
  const out = new Uint32Array(n * STATIC_FEATURES);
  const seeds = new Uint32Array(n * DYNAMIC_SEEDS);
  const info = words.map((w) => hashes.of(w));
  if (drop) for (let j = 0; j < n; j++) if (drop.words[j]) info[j] = asUnseen(info[j]!);
  const ctx = contextValues(n);
  for (let j = 0; j < n; j++) setContext(ctx, j, info[j]!, 0);
  padContext(ctx, n);
  for (let i = 0; i < n; i++) {
    const h = info[i]!;
    const next = i + 1 < n ? info[i + 1]! : undefined;
    const o = i * STATIC_FEATURES;
    ownBuckets(h, 0, mask, out, o);
    nextBuckets(next, 0, mask, out, o);
    contextBuckets(ctx, i, mask, out, o);
    wordSeeds(h, 0, next, 0, seeds, i * DYNAMIC_SEEDS);
  }
  if (drop) dropForms(out, n, drop);
  return { buckets: out, seeds };
}

/**
 * Write the tag-dependent buckets of word `i` into `out[0..DYNAMIC_FEATURES)`.
 * `seeds` are the sentence's dynamic seeds (staticFeatures); `prev1`/`prev2`
 * are label indexes, or `labels` / `labels + 1` for "before the sentence".
 */
export function dynamicFeatures(seeds: Uint32Array, i: number, prev1: number, prev2: number, mask: number, out: Uint32Array): void {
  const s = STATIC_FEATURES;
  const d = i * DYNAMIC_SEEDS;
  const tag1 = Math.imul(prev1 + 1, 0x01000193);
  out[0] = bucketOf(s, prev1 + 1, mask);
  out[1] = bucketOf(s + 1, prev2 + 1, mask);
  out[2] = bucketOf(s + 2, Math.imul(prev1 + 1, 1031) + prev2 + 1, mask);
  out[3] = bucketOf(s + 3, fmix32((seeds[d]! ^ tag1) >>> 0), mask);
  // Previous tag with this suffix ("NOUN" then "-ook": retook) and with the next word's possible tags (right context the greedy pass lacks).
  out[4] = bucketOf(s + 4, fmix32((seeds[d + 1]! ^ tag1) >>> 0), mask);
  out[5] = bucketOf(s + 5, fmix32((seeds[d + 2]! ^ tag1) >>> 0), mask);
}

/** The dynamic feature built on word `i`'s form (tag + word), for WordDropout. */
export const DYNAMIC_FORM_SLOT = 3;

/** The second-pass feature built on word `i`'s form (word + next tag), for WordDropout. */
export const RIGHT_FORM_SLOT = 3;

/**
 * Write the second pass's buckets of word `i` into `out[0..RIGHT_FEATURES)`:
 * the first pass's tags of the next two words, alone, together, around the
 * word, and with the word and its suffix (Toutanova et al. 2003's right
 * context, which a left-to-right pass cannot see). `tags` are the first
 * pass's label indexes; `labels` (the label count) stands for "before the
 * sentence" and `labels + 2` for "after it".
 */
export function rightFeatures(seeds: Uint32Array, i: number, tags: Uint16Array, labels: number, mask: number, out: Uint32Array): void {
  const n = tags.length;
  const s = STATIC_FEATURES + DYNAMIC_FEATURES;
  const d = i * DYNAMIC_SEEDS;
  const next1 = (i + 1 < n ? tags[i + 1]! : labels + 2) + 1;
  const next2 = (i + 2 < n ? tags[i + 2]! : labels + 2) + 1;
  const prev1 = (i > 0 ? tags[i - 1]! : labels) + 1;
  const tag1 = Math.imul(next1, 0x01000193);
  out[0] = bucketOf(s, next1, mask);
  out[1] = bucketOf(s + 1, Math.imul(next1, 1031) + next2, mask);
  out[2] = bucketOf(s + 2, Math.imul(prev1, 1031) + next1, mask);
  out[3] = bucketOf(s + 3, fmix32((seeds[d]! ^ tag1) >>> 0), mask);
  out[4] = bucketOf(s + 4, fmix32((seeds[d + 1]! ^ tag1) >>> 0), mask);
}
