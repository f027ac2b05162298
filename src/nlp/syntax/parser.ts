/**
 * A greedy arc-hybrid dependency parser (transition.ts) scored by two
 * averaged perceptrons over hashed features in the style of Zhang & Nivre
 * 2011 (words, UPOS, XPOS and lemmas of s0..s2 and b0..b2, leftmost and
 * rightmost children and their labels, distance, valency, label sets).
 *
 * The model is split so it stays small: one table scores the three
 * unlabelled moves (2^moveBits x 3), a second labels each new arc from
 * head/dependent features (2^labelBits x labels), choosing only among labels
 * seen in training for the arc's direction and the dependent's UPOS. An arc
 * into the root is always `root`, and no other arc is.
 *
 * Features are integers mixed by a murmur-style finaliser, never strings:
 * each word's form (lower-cased), UPOS, XPOS and lemma are hashed once per
 * sentence (core/hash.ts), and templates combine those values.
 */
import { hash32 } from '../../core/hash.js';
import { Configuration, MOVE_COUNT, SHIFT, deprojectivize } from './transition.js';
import { PARSER_MODEL_URL, loadParserModel } from './parser-model.js';
import type { SentenceParser, Tagged, Tree } from './types.js';

export { PARSER_MODEL_URL };

/** What the parser needs from a model, trained or loaded. */
export interface ParserWeights {
  readonly moveBits: number;
  readonly labelBits: number;
  /** Label names (with lift annotations); index = label id. */
  readonly labels: readonly string[];
  /** 2^moveBits x MOVE_COUNT, bucket-major. */
  readonly moves: ArrayLike<number>;
  /** 2^labelBits x labels.length, bucket-major. */
  readonly labelWeights: ArrayLike<number>;
  readonly candidates: LabelCandidates;
}

/**
 * Label ids allowed for an arc, by direction and the dependent's UPOS; UPOS
 * values not seen in training may take any non-root label of that direction.
 */
export interface LabelCandidates {
  readonly upos: readonly string[];
  /** [direction][upos index] -> label ids; direction 0 = dependent left of head, 1 = right. */
  readonly byDirection: readonly (readonly (readonly number[])[])[];
  readonly anyByDirection: readonly (readonly number[])[];
  readonly root: number;
}

// ---------------------------------------------------------------------------
// Sentence encoding

/** Per-word hashed values; index 0 is the root, n + 1 stands for "no word". */
export interface EncodedSentence {
  readonly n: number;
  readonly w: Int32Array;
  readonly p: Int32Array;
  readonly x: Int32Array;
  readonly l: Int32Array;
  /** Form and XPOS combined. */
  readonly wx: Int32Array;
  /** UPOS index into the model's candidate table, -1 when unseen. */
  readonly uposId: Int32Array;
}

const ROOT_VALUE = hash32('<root>');
const NONE_VALUE = hash32('<none>');

export function encodeSentence(words: readonly string[], tags: Tagged, uposIndex: ReadonlyMap<string, number>): EncodedSentence {
  const n = words.length;
  const size = n + 2;
  const w = new Int32Array(size);
  const p = new Int32Array(size);
  const x = new Int32Array(size);
  const l = new Int32Array(size);
  const wx = new Int32Array(size);
  const uposId = new Int32Array(size).fill(-1);
  w[0] = p[0] = x[0] = l[0] = ROOT_VALUE;
  w[n + 1] = p[n + 1] = x[n + 1] = l[n + 1] = NONE_VALUE;
  for (let i = 0; i < n; i++) {
    w[i + 1] = hash32(words[i]!.toLowerCase());
    const upos = tags.upos[i] ?? '';
    p[i + 1] = hash32(upos, 0x2545f491);
    x[i + 1] = hash32(tags.xpos[i] ?? '', 0x9e3779b9);
    l[i + 1] = hash32((tags.lemma[i] ?? '').toLowerCase(), 0x68e31da4);
    uposId[i + 1] = uposIndex.get(upos) ?? -1;
  }
  for (let i = 0; i < size; i++) wx[i] = mix(0, w[i]!, x[i]!, 0);
  return { n, w, p, x, l, wx, uposId };
}

/** Combine a template id and up to three values into a 32-bit hash. */
function mix(t: number, a: number, b: number, c: number): number {
  let h = Math.imul(t ^ 0x9e3779b9, 0x85ebca6b) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f) ^ c;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

const distanceBucket = (d: number) => (d <= 4 ? d : d <= 6 ? 5 : d <= 9 ? 6 : 7);
const capped = (v: number) => (v < 4 ? v : 4);

/** Largest number of move features (the template count). */
export const MOVE_FEATURES = 90;
export const LABEL_FEATURES = 40;

/**
 * Move features of configuration `c` into `out` (bucket indexes), returning
 * how many. The numbered templates are the readable specification.
 */
export function moveFeatures(c: Configuration, s: EncodedSentence, mask: number, out: Uint32Array): number {
  const none = s.n + 1;
  const depth = c.depth;
  const S0 = depth >= 1 ? c.stack[depth - 1]! : none;
  const S1 = depth >= 2 ? c.stack[depth - 2]! : none;
  const S2 = depth >= 3 ? c.stack[depth - 3]! : none;
  const B0 = c.b0 <= s.n ? c.b0 : none;
  const B1 = c.b0 + 1 <= s.n ? c.b0 + 1 : none;
  const B2 = c.b0 + 2 <= s.n ? c.b0 + 2 : none;
  const kid = (k: number) => (k === 0 ? none : k);
  const S0L = kid(c.lc1[S0]!);
  const S0L2 = kid(c.lc2[S0]!);
  const S0R = kid(c.rc1[S0]!);
  const S0R2 = kid(c.rc2[S0]!);
  const B0L = kid(c.lc1[B0]!);
  const B0L2 = kid(c.lc2[B0]!);
  const S1L = kid(c.lc1[S1]!);
  const S1R = kid(c.rc1[S1]!);
  const { w, p, x, l, wx } = s;
  const lab = c.label;
  const d = S0 !== none && B0 !== none ? distanceBucket(B0 - S0) : 0;
  let k = 0;
  const f = (t: number, a: number, b = 0, cc = 0) => {
    out[k++] = mix(t, a, b, cc) & mask;
  };
  f(1, w[S0]!);
  f(2, x[S0]!);
  f(3, wx[S0]!);
  f(4, p[S0]!);
  f(5, l[S0]!);
  f(6, w[B0]!);
  f(7, x[B0]!);
  f(8, wx[B0]!);
  f(9, p[B0]!);
  f(10, l[B0]!);
  f(11, w[B1]!);
  f(12, x[B1]!);
  f(13, wx[B1]!);
  f(14, p[B1]!);
  f(15, w[B2]!);
  f(16, x[B2]!);
  f(17, w[S1]!);
  f(18, x[S1]!);
  f(19, wx[S1]!);
  f(20, p[S1]!);
  f(21, l[S1]!);
  f(22, x[S2]!);
  f(23, w[S2]!);
  // Pairs of s0 and b0.
  f(24, wx[S0]!, wx[B0]!);
  f(25, wx[S0]!, w[B0]!);
  f(26, w[S0]!, wx[B0]!);
  f(27, wx[S0]!, x[B0]!);
  f(28, x[S0]!, wx[B0]!);
  f(29, w[S0]!, w[B0]!);
  f(30, x[S0]!, x[B0]!);
  f(31, x[B0]!, x[B1]!);
  f(32, l[S0]!, l[B0]!);
  f(33, x[S1]!, x[S0]!);
  f(34, w[S1]!, w[S0]!);
  f(35, wx[S1]!, x[S0]!);
  // Triples.
  f(36, x[B0]!, x[B1]!, x[B2]!);
  f(37, x[S0]!, x[B0]!, x[B1]!);
  f(38, x[S1]!, x[S0]!, x[B0]!);
  f(39, x[S0]!, x[S0L]!, x[B0]!);
  f(40, x[S0]!, x[S0R]!, x[B0]!);
  f(41, x[S0]!, x[B0]!, x[B0L]!);
  f(42, x[S2]!, x[S1]!, x[S0]!);
  f(43, x[S1]!, x[S0]!, x[S0R]!);
  f(44, x[S1]!, x[S1R]!, x[S0]!);
  // Distance.
  f(45, w[S0]!, d);
  f(46, x[S0]!, d);
  f(47, w[B0]!, d);
  f(48, x[B0]!, d);
  f(49, w[S0]!, w[B0]!, d);
  f(50, x[S0]!, x[B0]!, d);
  // Valency.
  f(51, w[S0]!, capped(c.nRight[S0]!));
  f(52, x[S0]!, capped(c.nRight[S0]!));
  f(53, w[S0]!, capped(c.nLeft[S0]!));
  f(54, x[S0]!, capped(c.nLeft[S0]!));
  f(55, w[B0]!, capped(c.nLeft[B0]!));
  f(56, x[B0]!, capped(c.nLeft[B0]!));
  // Children and their labels.
  f(57, w[S0L]!);
  f(58, x[S0L]!);
  f(59, lab[S0L]!);
  f(60, w[S0R]!);
  f(61, x[S0R]!);
  f(62, lab[S0R]!);
  f(63, w[B0L]!);
  f(64, x[B0L]!);
  f(65, lab[B0L]!);
  f(66, x[S0L2]!);
  f(67, lab[S0L2]!);
  f(68, x[S0R2]!);
  f(69, lab[S0R2]!);
  f(70, x[B0L2]!);
  f(71, lab[B0L2]!);
  f(72, x[S0]!, x[S0L]!, x[S0L2]!);
  f(73, x[S0]!, x[S0R]!, x[S0R2]!);
  f(74, x[B0]!, x[B0L]!, x[B0L2]!);
  // Label sets.
  f(75, w[S0]!, c.rightLabels[S0]!);
  f(76, x[S0]!, c.rightLabels[S0]!);
  f(77, w[S0]!, c.leftLabels[S0]!);
  f(78, x[S0]!, c.leftLabels[S0]!);
  f(79, w[B0]!, c.leftLabels[B0]!);
  f(80, x[B0]!, c.leftLabels[B0]!);
  // s1's children, label combinations, coarse tags, bias.
  f(81, x[S1L]!, lab[S1L]!);
  f(82, x[S1R]!, lab[S1R]!);
  f(83, x[S0]!, lab[S0L]!, lab[S0R]!);
  f(84, x[B0]!, lab[B0L]!, x[S0]!);
  f(85, x[S1]!, capped(c.nRight[S1]!), x[S0]!);
  f(86, p[S0]!, p[B0]!);
  f(87, p[S1]!, p[S0]!, p[B0]!);
  f(88, w[S0]!, x[S0]!, lab[S0R]!);
  f(89, l[S0]!, x[B0]!);
  f(90, 0);
  return k;
}

/** Label features of the arc h -> d about to be added in `c`. */
export function labelFeatures(c: Configuration, s: EncodedSentence, h: number, d: number, mask: number, out: Uint32Array): number {
  const none = s.n + 1;
  const { w, p, x, l, wx } = s;
  const lab = c.label;
  const dir = d < h ? 1 : 2;
  const dist = distanceBucket(Math.abs(h - d));
  const dL = c.lc1[d]! === 0 ? none : c.lc1[d]!;
  const dR = c.rc1[d]! === 0 ? none : c.rc1[d]!;
  const before = d - 1 >= 1 ? d - 1 : none;
  const after = d + 1 <= s.n ? d + 1 : none;
  const hBefore = h - 1 >= 1 ? h - 1 : none;
  const hAfter = h + 1 <= s.n ? h + 1 : none;
  let k = 0;
  const f = (t: number, a: number, b = 0, cc = 0) => {
    out[k++] = mix(t + 1000, a, b, cc) & mask;
  };
  f(1, w[d]!, dir);
  f(2, x[d]!, dir);
  f(3, l[d]!, dir);
  f(4, p[d]!, dir);
  f(5, w[h]!, dir);
  f(6, x[h]!, dir);
  f(7, l[h]!, dir);
  f(8, p[h]!, dir);
  f(9, x[d]!, x[h]!, dir);
  f(10, w[d]!, x[h]!, dir);
  f(11, x[d]!, w[h]!, dir);
  f(12, l[d]!, l[h]!, dir);
  f(13, wx[d]!, wx[h]!);
  f(14, x[d]!, x[h]!, dist);
  f(15, p[d]!, p[h]!, dir);
  f(16, w[d]!);
  f(17, l[d]!, p[h]!);
  f(18, lab[dL]!, x[d]!, dir);
  f(19, lab[dR]!, x[d]!, dir);
  f(20, capped(c.nLeft[d]!) * 8 + capped(c.nRight[d]!), x[d]!, dir);
  f(21, c.leftLabels[d]!, x[d]!);
  f(22, c.rightLabels[d]!, x[d]!);
  f(23, dir === 1 ? c.leftLabels[h]! : c.rightLabels[h]!, x[d]!, dir);
  f(24, x[before]!, x[d]!, dir);
  f(25, x[after]!, x[d]!, dir);
  f(26, x[hBefore]!, x[h]!, x[d]!);
  f(27, x[hAfter]!, x[h]!, x[d]!);
  f(28, l[h]!, x[d]!, dir);
  f(29, l[d]!, x[h]!, dir);
  f(30, w[dL]!, x[d]!);
  f(31, x[dR]!, x[d]!);
  f(32, w[before]!, x[d]!);
  f(33, w[after]!, x[d]!);
  f(34, lab[dL]!, lab[dR]!, p[d]!);
  f(35, dir === 1 ? capped(c.nLeft[h]!) : capped(c.nRight[h]!), x[h]!, x[d]!);
  f(36, w[d]!, w[h]!, dir);
  f(37, x[d]!, x[h]!, dir * 8 + dist);
  f(38, wx[d]!, dir);
  f(39, w[h]!, x[d]!, lab[dL]!);
  f(40, dir);
  return k;
}

// ---------------------------------------------------------------------------
// Decoding

/** Reusable buffers: decoding is synchronous, so calls never overlap. */
const moveBuckets = new Uint32Array(MOVE_FEATURES);
const labelBuckets = new Uint32Array(LABEL_FEATURES);
const moveScores = new Float64Array(MOVE_COUNT);

export function scoreMoves(weights: ArrayLike<number>, buckets: Uint32Array, count: number, out: Float64Array): void {
  let a = 0;
  let b = 0;
  let c = 0;
  for (let k = 0; k < count; k++) {
    const base = buckets[k]! * MOVE_COUNT;
    a += weights[base]!;
    b += weights[base + 1]!;
    c += weights[base + 2]!;
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
}

/** Best-scoring label id among `candidates` for the features in `buckets`. */
export function bestLabel(weights: ArrayLike<number>, labelCount: number, buckets: Uint32Array, count: number, candidates: readonly number[]): number {
  let best = candidates[0]!;
  if (candidates.length === 1) return best;
  let bestScore = -Infinity;
  for (let j = 0; j < candidates.length; j++) {
    const label = candidates[j]!;
    let sum = 0;
    for (let k = 0; k < count; k++) sum += weights[buckets[k]! * labelCount + label]!;
    if (sum > bestScore) {
      bestScore = sum;
      best = label;
    }
  }
  return best;
}

export function candidatesFor(cands: LabelCandidates, s: EncodedSentence, h: number, d: number): readonly number[] {
  const dir = d < h ? 0 : 1;
  const u = s.uposId[d]!;
  const list = u >= 0 ? cands.byDirection[dir]![u]! : cands.anyByDirection[dir]!;
  return list.length > 0 ? list : cands.anyByDirection[dir]!;
}

/** The best legal move by score. */
export function bestLegal(c: Configuration, scores: Float64Array): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let m = 0; m < MOVE_COUNT; m++) {
    if (c.legal(m) && scores[m]! > bestScore) {
      bestScore = scores[m]!;
      best = m;
    }
  }
  return best;
}

/** Greedy parse of an encoded sentence: heads (1-based, 0 root) and label ids, before de-projectivising. */
export function parseEncoded(model: ParserWeights, s: EncodedSentence): Configuration {
  const c = new Configuration(s.n);
  const moveMask = 2 ** model.moveBits - 1;
  const labelMask = 2 ** model.labelBits - 1;
  const labelCount = model.labels.length;
  while (!c.terminal) {
    const count = moveFeatures(c, s, moveMask, moveBuckets);
    scoreMoves(model.moves, moveBuckets, count, moveScores);
    const move = bestLegal(c, moveScores);
    if (move === SHIFT) {
      c.apply(SHIFT);
      continue;
    }
    const { head, dependent } = c.arcOf(move);
    let label = model.candidates.root;
    if (head !== 0) {
      const lc = labelFeatures(c, s, head, dependent, labelMask, labelBuckets);
      label = bestLabel(model.labelWeights, labelCount, labelBuckets, lc, candidatesFor(model.candidates, s, head, dependent));
    }
    c.apply(move, label);
  }
  return c;
}

/** Parse, then de-projectivise: the tree of one sentence. */
export function parseTree(model: ParserWeights, uposIndex: ReadonlyMap<string, number>, words: readonly string[], tags: Tagged): Tree {
  if (words.length === 0) return { head: [], deprel: [] };
  const s = encodeSentence(words, tags, uposIndex);
  const c = parseEncoded(model, s);
  const heads: number[] = [];
  const labels: string[] = [];
  for (let i = 1; i <= s.n; i++) {
    heads.push(c.head[i]!);
    labels.push(model.labels[c.label[i]! - 1]!);
  }
  const tree = deprojectivize(heads, labels);
  return { head: tree.heads, deprel: tree.labels };
}

/** A SentenceParser over any weights (trained or loaded). */
export function makeParser(model: ParserWeights): SentenceParser {
  const uposIndex = new Map(model.candidates.upos.map((u, i) => [u, i]));
  return { parse: (words, tags) => parseTree(model, uposIndex, words, tags) };
}

/** The trained dependency parser; reads the model file when called (nothing at import). */
export function loadParser(url: string | URL = PARSER_MODEL_URL): SentenceParser {
  return makeParser(loadParserModel(url));
}
