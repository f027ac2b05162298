/**
 * A greedy arc-hybrid dependency parser (transition.ts) scored by two
 * averaged perceptrons over hashed features in the style of Zhang & Nivre
 * 2011 (words, UPOS, XPOS and lemmas of s0..s2 and b0..b2, leftmost and
 * rightmost children and their labels, distance, valency, label sets).
 *
 * The model is split so it stays small: one table scores the three
 * unlabelled moves (2^moveBits x 3), a second labels each new arc from
 * head/dependent features. The label table hashes feature and label
 * together into 2^labelBits weights (a bucket x label table would be 94%
 * zeros and, at 20+ MB, slow to read at random), choosing only among labels
 * seen in training for the arc's direction and the dependent's UPOS. An arc
 * into the root is always `root`, and no other arc is.
 *
 * Features are integers mixed by a murmur-style finaliser, never strings:
 * each word's form (lower-cased), UPOS, XPOS and lemma are hashed once per
 * sentence (core/hash.ts), and templates combine those values.
 */
import { hash32 } from '../../core/hash.js';
import { wordClassSlot } from './parser-classes.js';
import type { WordClassTable } from './parser-classes.js';
import { Configuration, LEFT, MOVE_COUNT, SHIFT, deprojectivize } from './transition.js';

if (MOVE_COUNT !== 3) throw new Error('parser.ts assumes three moves');
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
  /** 2^labelBits weights, indexed by `(feature hash + labelOffset(label)) & mask`. */
  readonly labelWeights: ArrayLike<number>;
  readonly candidates: LabelCandidates;
  /** Word classes (ner/clusters.ts, see parser-classes.ts) the features use; absent, those features are constant. */
  readonly classes?: WordClassTable | undefined;
}

/**
 * Label ids allowed for an arc: those seen at least twice in training for its
 * direction and the dependent's and head's UPOS, else those seen for the
 * direction and the dependent's UPOS, else any non-root label of that
 * direction. (Pruning by the tag pair both speeds labelling and removes
 * labels that never fit.)
 */
export interface LabelCandidates {
  readonly upos: readonly string[];
  /** [direction][upos index] -> label ids; direction 0 = dependent left of head, 1 = right. */
  readonly byDirection: readonly (readonly (readonly number[])[])[];
  /** [direction][dependent upos index * upos.length + head upos index] -> label ids (may be empty). */
  readonly byPair: readonly (readonly (readonly number[])[])[];
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
  /** Word classes at 256 and 1024 classes (0 = unknown word). */
  readonly cm: Int32Array;
  readonly cf: Int32Array;
}

const ROOT_VALUE = hash32('<root>');
const NONE_VALUE = hash32('<none>');

export function encodeSentence(words: readonly string[], tags: Tagged, uposIndex: ReadonlyMap<string, number>, classes?: WordClassTable): EncodedSentence {
  const n = words.length;
  const size = n + 2;
  const w = new Int32Array(size);
  const p = new Int32Array(size);
  const x = new Int32Array(size);
  const l = new Int32Array(size);
  const wx = new Int32Array(size);
  const uposId = new Int32Array(size).fill(-1);
  const cm = new Int32Array(size);
  const cf = new Int32Array(size);
  w[0] = p[0] = x[0] = l[0] = ROOT_VALUE;
  w[n + 1] = p[n + 1] = x[n + 1] = l[n + 1] = NONE_VALUE;
  for (let i = 0; i < n; i++) {
    w[i + 1] = hash32(words[i]!.toLowerCase());
    const upos = tags.upos[i] ?? '';
    p[i + 1] = hash32(upos, 0x2545f491);
    x[i + 1] = hash32(tags.xpos[i] ?? '', 0x9e3779b9);
    l[i + 1] = hash32((tags.lemma[i] ?? '').toLowerCase(), 0x68e31da4);
    uposId[i + 1] = uposIndex.get(upos) ?? -1;
    const at = classes ? wordClassSlot(classes, words[i]!) : -1;
    if (at >= 0) {
      cm[i + 1] = classes!.medium[at]!;
      cf[i + 1] = classes!.fine[at]!;
    }
  }
  cm[0] = cf[0] = -1;
  for (let i = 0; i < size; i++) wx[i] = mix(0, w[i]!, x[i]!, 0);
  return { n, w, p, x, l, wx, uposId, cm, cf };
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
export const MOVE_FEATURES = 114;
export const LABEL_FEATURES = 46;

/**
 * Move features of configuration `c` into `out` (bucket indexes), returning
 * how many: template t's bucket at `out[t - 1]`. The numbered templates are
 * the readable specification. They are written in groups, by what they read
 * (one stack place alone, the buffer front alone, the rest of the
 * configuration), in functions small enough that V8 inlines `mix` into them:
 * it inlines only so much into one function, and `mix` called 114 times is
 * much slower than inlined.
 */
export function moveFeatures(c: Configuration, s: EncodedSentence, mask: number, out: Uint32Array): number {
  const none = s.n + 1;
  const depth = c.depth;
  s0Features(s, depth >= 1 ? c.stack[depth - 1]! : none, mask, out);
  s1Features(s, depth >= 2 ? c.stack[depth - 2]! : none, mask, out);
  s2Features(s, depth >= 3 ? c.stack[depth - 3]! : none, mask, out);
  bufferFeatures(s, c.b0, mask, out);
  moveContextFeatures(c, s, mask, out);
  return MOVE_FEATURES;
}

/** The templates of s0 alone (1-5, 105), with word `S0` (`s.n + 1` for none) on top of the stack. */
export function s0Features(s: EncodedSentence, S0: number, mask: number, out: Uint32Array): void {
  const { w, p, x, l, wx, cf } = s;
  // (Template 105 is s0's word class.)
  out[0] = mix(1, w[S0]!, 0, 0) & mask;
  out[1] = mix(2, x[S0]!, 0, 0) & mask;
  out[2] = mix(3, wx[S0]!, 0, 0) & mask;
  out[3] = mix(4, p[S0]!, 0, 0) & mask;
  out[4] = mix(5, l[S0]!, 0, 0) & mask;
  out[104] = mix(105, cf[S0]!, 0, 0) & mask;
}

/** The templates of s1 alone (17-21, 108), with word `S1` second on the stack. */
export function s1Features(s: EncodedSentence, S1: number, mask: number, out: Uint32Array): void {
  const { w, p, x, l, wx, cf } = s;
  out[16] = mix(17, w[S1]!, 0, 0) & mask;
  out[17] = mix(18, x[S1]!, 0, 0) & mask;
  out[18] = mix(19, wx[S1]!, 0, 0) & mask;
  out[19] = mix(20, p[S1]!, 0, 0) & mask;
  out[20] = mix(21, l[S1]!, 0, 0) & mask;
  out[107] = mix(108, cf[S1]!, 0, 0) & mask;
}

/** The templates of s2 alone (22, 23), with word `S2` third on the stack. */
export function s2Features(s: EncodedSentence, S2: number, mask: number, out: Uint32Array): void {
  const { w, x } = s;
  out[21] = mix(22, x[S2]!, 0, 0) & mask;
  out[22] = mix(23, w[S2]!, 0, 0) & mask;
}

/** The templates of b0..b2 alone and the bias (6-16, 31, 36, 90, 95, 106, 107, 113), with the buffer starting at word `b0` (`s.n + 1`: empty). */
export function bufferFeatures(s: EncodedSentence, b0: number, mask: number, out: Uint32Array): void {
  const none = s.n + 1;
  const B0 = b0 <= s.n ? b0 : none;
  const B1 = b0 + 1 <= s.n ? b0 + 1 : none;
  const B2 = b0 + 2 <= s.n ? b0 + 2 : none;
  const { w, p, x, l, wx, cf, cm } = s;
  // The buffer's words and tags alone and in pairs, their word classes, and the bias (90).
  out[5] = mix(6, w[B0]!, 0, 0) & mask;
  out[6] = mix(7, x[B0]!, 0, 0) & mask;
  out[7] = mix(8, wx[B0]!, 0, 0) & mask;
  out[8] = mix(9, p[B0]!, 0, 0) & mask;
  out[9] = mix(10, l[B0]!, 0, 0) & mask;
  out[10] = mix(11, w[B1]!, 0, 0) & mask;
  out[11] = mix(12, x[B1]!, 0, 0) & mask;
  out[12] = mix(13, wx[B1]!, 0, 0) & mask;
  out[13] = mix(14, p[B1]!, 0, 0) & mask;
  out[14] = mix(15, w[B2]!, 0, 0) & mask;
  out[15] = mix(16, x[B2]!, 0, 0) & mask;
  out[30] = mix(31, x[B0]!, x[B1]!, 0) & mask;
  out[35] = mix(36, x[B0]!, x[B1]!, x[B2]!) & mask;
  out[89] = mix(90, 0, 0, 0) & mask;
  out[94] = mix(95, w[B0]!, w[B1]!, 0) & mask;
  out[105] = mix(106, cf[B0]!, 0, 0) & mask;
  out[106] = mix(107, cf[B1]!, 0, 0) & mask;
  out[112] = mix(113, cm[B0]!, x[B1]!, 0) & mask;
}

/** The other templates, those that read the configuration beyond one place, in three functions (see moveFeatures). */
export function moveContextFeatures(c: Configuration, s: EncodedSentence, mask: number, out: Uint32Array): void {
  moveContextFeatures1(c, s, mask, out);
  moveContextFeatures2(c, s, mask, out);
  moveContextFeatures3(c, s, mask, out);
}

/** Configuration templates, part 1: pairs and triples of s0, s1 and b0 and their children, and distance. */
function moveContextFeatures1(c: Configuration, s: EncodedSentence, mask: number, out: Uint32Array): void {
  const none = s.n + 1;
  const depth = c.depth;
  const S0 = depth >= 1 ? c.stack[depth - 1]! : none;
  const S1 = depth >= 2 ? c.stack[depth - 2]! : none;
  const S2 = depth >= 3 ? c.stack[depth - 3]! : none;
  const B0 = c.b0 <= s.n ? c.b0 : none;
  const B1 = c.b0 + 1 <= s.n ? c.b0 + 1 : none;
  const S0L = c.lc1[S0]! || none;
  const S0R = c.rc1[S0]! || none;
  const B0L = c.lc1[B0]! || none;
  const S1R = c.rc1[S1]! || none;
  const d = S0 !== none && B0 !== none ? distanceBucket(B0 - S0) : 0;
  const { w, x, l, wx } = s;
  // Pairs of s0 and b0.
  out[23] = mix(24, wx[S0]!, wx[B0]!, 0) & mask;
  out[24] = mix(25, wx[S0]!, w[B0]!, 0) & mask;
  out[25] = mix(26, w[S0]!, wx[B0]!, 0) & mask;
  out[26] = mix(27, wx[S0]!, x[B0]!, 0) & mask;
  out[27] = mix(28, x[S0]!, wx[B0]!, 0) & mask;
  out[28] = mix(29, w[S0]!, w[B0]!, 0) & mask;
  out[29] = mix(30, x[S0]!, x[B0]!, 0) & mask;
  out[31] = mix(32, l[S0]!, l[B0]!, 0) & mask;
  out[32] = mix(33, x[S1]!, x[S0]!, 0) & mask;
  out[33] = mix(34, w[S1]!, w[S0]!, 0) & mask;
  out[34] = mix(35, wx[S1]!, x[S0]!, 0) & mask;
  out[36] = mix(37, x[S0]!, x[B0]!, x[B1]!) & mask;
  out[37] = mix(38, x[S1]!, x[S0]!, x[B0]!) & mask;
  out[38] = mix(39, x[S0]!, x[S0L]!, x[B0]!) & mask;
  out[39] = mix(40, x[S0]!, x[S0R]!, x[B0]!) & mask;
  out[40] = mix(41, x[S0]!, x[B0]!, x[B0L]!) & mask;
  out[41] = mix(42, x[S2]!, x[S1]!, x[S0]!) & mask;
  out[42] = mix(43, x[S1]!, x[S0]!, x[S0R]!) & mask;
  out[43] = mix(44, x[S1]!, x[S1R]!, x[S0]!) & mask;
  // Distance.
  out[44] = mix(45, w[S0]!, d, 0) & mask;
  out[45] = mix(46, x[S0]!, d, 0) & mask;
  out[46] = mix(47, w[B0]!, d, 0) & mask;
  out[47] = mix(48, x[B0]!, d, 0) & mask;
  out[48] = mix(49, w[S0]!, w[B0]!, d) & mask;
  out[49] = mix(50, x[S0]!, x[B0]!, d) & mask;
}

/** Configuration templates, part 2: valency, children and their labels. */
function moveContextFeatures2(c: Configuration, s: EncodedSentence, mask: number, out: Uint32Array): void {
  const none = s.n + 1;
  const depth = c.depth;
  const S0 = depth >= 1 ? c.stack[depth - 1]! : none;
  const B0 = c.b0 <= s.n ? c.b0 : none;
  const S0L = c.lc1[S0]! || none;
  const S0L2 = c.lc2[S0]! || none;
  const S0R = c.rc1[S0]! || none;
  const S0R2 = c.rc2[S0]! || none;
  const B0L = c.lc1[B0]! || none;
  const B0L2 = c.lc2[B0]! || none;
  const lab = c.label;
  const { w, x } = s;
  // Valency.
  out[50] = mix(51, w[S0]!, capped(c.nRight[S0]!), 0) & mask;
  out[51] = mix(52, x[S0]!, capped(c.nRight[S0]!), 0) & mask;
  out[52] = mix(53, w[S0]!, capped(c.nLeft[S0]!), 0) & mask;
  out[53] = mix(54, x[S0]!, capped(c.nLeft[S0]!), 0) & mask;
  out[54] = mix(55, w[B0]!, capped(c.nLeft[B0]!), 0) & mask;
  out[55] = mix(56, x[B0]!, capped(c.nLeft[B0]!), 0) & mask;
  // Children and their labels.
  out[56] = mix(57, w[S0L]!, 0, 0) & mask;
  out[57] = mix(58, x[S0L]!, 0, 0) & mask;
  out[58] = mix(59, lab[S0L]!, 0, 0) & mask;
  out[59] = mix(60, w[S0R]!, 0, 0) & mask;
  out[60] = mix(61, x[S0R]!, 0, 0) & mask;
  out[61] = mix(62, lab[S0R]!, 0, 0) & mask;
  out[62] = mix(63, w[B0L]!, 0, 0) & mask;
  out[63] = mix(64, x[B0L]!, 0, 0) & mask;
  out[64] = mix(65, lab[B0L]!, 0, 0) & mask;
  out[65] = mix(66, x[S0L2]!, 0, 0) & mask;
  out[66] = mix(67, lab[S0L2]!, 0, 0) & mask;
  out[67] = mix(68, x[S0R2]!, 0, 0) & mask;
  out[68] = mix(69, lab[S0R2]!, 0, 0) & mask;
  out[69] = mix(70, x[B0L2]!, 0, 0) & mask;
  out[70] = mix(71, lab[B0L2]!, 0, 0) & mask;
  out[71] = mix(72, x[S0]!, x[S0L]!, x[S0L2]!) & mask;
  out[72] = mix(73, x[S0]!, x[S0R]!, x[S0R2]!) & mask;
  out[73] = mix(74, x[B0]!, x[B0L]!, x[B0L2]!) & mask;
}

/** Configuration templates, part 3: label sets, s1's children, label combinations, coarse tags, stack distance and depth, more lexicalised triples, word classes. */
function moveContextFeatures3(c: Configuration, s: EncodedSentence, mask: number, out: Uint32Array): void {
  const none = s.n + 1;
  const depth = c.depth;
  const S0 = depth >= 1 ? c.stack[depth - 1]! : none;
  const S1 = depth >= 2 ? c.stack[depth - 2]! : none;
  const B0 = c.b0 <= s.n ? c.b0 : none;
  const B1 = c.b0 + 1 <= s.n ? c.b0 + 1 : none;
  const S0L = c.lc1[S0]! || none;
  const S0L2 = c.lc2[S0]! || none;
  const S0R = c.rc1[S0]! || none;
  const S0R2 = c.rc2[S0]! || none;
  const B0L = c.lc1[B0]! || none;
  const B0L2 = c.lc2[B0]! || none;
  const S1L = c.lc1[S1]! || none;
  const S1R = c.rc1[S1]! || none;
  const lab = c.label;
  const d10 = S1 !== none && S1 !== 0 ? distanceBucket(S0 - S1) : 0;
  const { w, p, x, l, wx, cm } = s;
  // Label sets.
  out[74] = mix(75, w[S0]!, c.rightLabels[S0]!, 0) & mask;
  out[75] = mix(76, x[S0]!, c.rightLabels[S0]!, 0) & mask;
  out[76] = mix(77, w[S0]!, c.leftLabels[S0]!, 0) & mask;
  out[77] = mix(78, x[S0]!, c.leftLabels[S0]!, 0) & mask;
  out[78] = mix(79, w[B0]!, c.leftLabels[B0]!, 0) & mask;
  out[79] = mix(80, x[B0]!, c.leftLabels[B0]!, 0) & mask;
  // s1's children, label combinations, coarse tags.
  out[80] = mix(81, x[S1L]!, lab[S1L]!, 0) & mask;
  out[81] = mix(82, x[S1R]!, lab[S1R]!, 0) & mask;
  out[82] = mix(83, x[S0]!, lab[S0L]!, lab[S0R]!) & mask;
  out[83] = mix(84, x[B0]!, lab[B0L]!, x[S0]!) & mask;
  out[84] = mix(85, x[S1]!, capped(c.nRight[S1]!), x[S0]!) & mask;
  out[85] = mix(86, p[S0]!, p[B0]!, 0) & mask;
  out[86] = mix(87, p[S1]!, p[S0]!, p[B0]!) & mask;
  out[87] = mix(88, w[S0]!, x[S0]!, lab[S0R]!) & mask;
  out[88] = mix(89, l[S0]!, x[B0]!, 0) & mask;
  // Stack pairs with their distance, stack depth, more lexicalised triples, children label pairs.
  out[90] = mix(91, x[S1]!, x[S0]!, d10) & mask;
  out[91] = mix(92, w[S0]!, x[S1]!, d10) & mask;
  out[92] = mix(93, depth < 5 ? depth : 5, x[B0]!, x[S0]!) & mask;
  out[93] = mix(94, l[B0]!, x[S0]!, 0) & mask;
  out[95] = mix(96, w[S0]!, x[B0]!, x[B1]!) & mask;
  out[96] = mix(97, x[S0]!, w[B0]!, x[B1]!) & mask;
  out[97] = mix(98, p[S0]!, p[B0]!, p[B1]!) & mask;
  out[98] = mix(99, x[S1]!, wx[S0]!, 0) & mask;
  out[99] = mix(100, x[S1]!, x[S1L]!, x[S0]!) & mask;
  out[100] = mix(101, lab[S1L]!, lab[S1R]!, x[S1]!) & mask;
  out[101] = mix(102, x[S0]!, lab[S0L]!, lab[S0L2]!) & mask;
  out[102] = mix(103, x[S0]!, lab[S0R]!, lab[S0R2]!) & mask;
  out[103] = mix(104, x[B0]!, lab[B0L]!, lab[B0L2]!) & mask;
  // Word classes.
  out[108] = mix(109, cm[S0]!, cm[B0]!, 0) & mask;
  out[109] = mix(110, cm[S0]!, x[B0]!, 0) & mask;
  out[110] = mix(111, x[S0]!, cm[B0]!, 0) & mask;
  out[111] = mix(112, cm[S1]!, cm[S0]!, 0) & mask;
  out[113] = mix(114, x[S0]!, cm[B0]!, x[B1]!) & mask;
}

/** Label features of the arc h -> d about to be added in `c`: full 32-bit hashes when `mask` is -1. */
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
  out[k++] = mix(1001, w[d]!, dir, 0) & mask;
  out[k++] = mix(1002, x[d]!, dir, 0) & mask;
  out[k++] = mix(1003, l[d]!, dir, 0) & mask;
  out[k++] = mix(1004, p[d]!, dir, 0) & mask;
  out[k++] = mix(1005, w[h]!, dir, 0) & mask;
  out[k++] = mix(1006, x[h]!, dir, 0) & mask;
  out[k++] = mix(1007, l[h]!, dir, 0) & mask;
  out[k++] = mix(1008, p[h]!, dir, 0) & mask;
  out[k++] = mix(1009, x[d]!, x[h]!, dir) & mask;
  out[k++] = mix(1010, w[d]!, x[h]!, dir) & mask;
  out[k++] = mix(1011, x[d]!, w[h]!, dir) & mask;
  out[k++] = mix(1012, l[d]!, l[h]!, dir) & mask;
  out[k++] = mix(1013, wx[d]!, wx[h]!, 0) & mask;
  out[k++] = mix(1014, x[d]!, x[h]!, dist) & mask;
  out[k++] = mix(1015, p[d]!, p[h]!, dir) & mask;
  out[k++] = mix(1016, w[d]!, 0, 0) & mask;
  out[k++] = mix(1017, l[d]!, p[h]!, 0) & mask;
  out[k++] = mix(1018, lab[dL]!, x[d]!, dir) & mask;
  out[k++] = mix(1019, lab[dR]!, x[d]!, dir) & mask;
  out[k++] = mix(1020, capped(c.nLeft[d]!) * 8 + capped(c.nRight[d]!), x[d]!, dir) & mask;
  out[k++] = mix(1021, c.leftLabels[d]!, x[d]!, 0) & mask;
  out[k++] = mix(1022, c.rightLabels[d]!, x[d]!, 0) & mask;
  out[k++] = mix(1023, dir === 1 ? c.leftLabels[h]! : c.rightLabels[h]!, x[d]!, dir) & mask;
  out[k++] = mix(1024, x[before]!, x[d]!, dir) & mask;
  out[k++] = mix(1025, x[after]!, x[d]!, dir) & mask;
  out[k++] = mix(1026, x[hBefore]!, x[h]!, x[d]!) & mask;
  out[k++] = mix(1027, x[hAfter]!, x[h]!, x[d]!) & mask;
  out[k++] = mix(1028, l[h]!, x[d]!, dir) & mask;
  out[k++] = mix(1029, l[d]!, x[h]!, dir) & mask;
  out[k++] = mix(1030, w[dL]!, x[d]!, 0) & mask;
  out[k++] = mix(1031, x[dR]!, x[d]!, 0) & mask;
  out[k++] = mix(1032, w[before]!, x[d]!, 0) & mask;
  out[k++] = mix(1033, w[after]!, x[d]!, 0) & mask;
  out[k++] = mix(1034, lab[dL]!, lab[dR]!, p[d]!) & mask;
  out[k++] = mix(1035, dir === 1 ? capped(c.nLeft[h]!) : capped(c.nRight[h]!), x[h]!, x[d]!) & mask;
  out[k++] = mix(1036, w[d]!, w[h]!, dir) & mask;
  out[k++] = mix(1037, x[d]!, x[h]!, dir * 8 + dist) & mask;
  out[k++] = mix(1038, wx[d]!, dir, 0) & mask;
  out[k++] = mix(1039, w[h]!, x[d]!, lab[dL]!) & mask;
  out[k++] = mix(1040, dir, 0, 0) & mask;
  const { cm, cf } = s;
  out[k++] = mix(1041, cf[d]!, dir, 0) & mask;
  out[k++] = mix(1042, cf[h]!, dir, 0) & mask;
  out[k++] = mix(1043, cm[d]!, x[h]!, dir) & mask;
  out[k++] = mix(1044, x[d]!, cm[h]!, dir) & mask;
  out[k++] = mix(1045, cm[d]!, cm[h]!, dir) & mask;
  out[k++] = mix(1046, cm[dL]!, x[d]!, 0) & mask;
  return k;
}

// ---------------------------------------------------------------------------
// Decoding

// Local copies of the move ids: imported bindings can cost a lookup in hot loops under some loaders.
const SHIFT_MOVE = SHIFT;
const LEFT_MOVE = LEFT;

/** Reusable buffers: decoding is synchronous, so calls never overlap. */
const moveBuckets = new Uint32Array(MOVE_FEATURES);
const labelBuckets = new Uint32Array(LABEL_FEATURES);
const MOVES = 3; // MOVE_COUNT, as a local constant for the hot loops
const moveScores = new Float64Array(MOVES);
/** One configuration reused by every parse (read before the next parse starts). */
let pooled = new Configuration(0, 128);

export function scoreMoves(weights: ArrayLike<number>, buckets: Uint32Array, count: number, out: Float64Array): void {
  let a = 0;
  let b = 0;
  let c = 0;
  for (let k = 0; k < count; k++) {
    const base = buckets[k]! * MOVES;
    a += weights[base]!;
    b += weights[base + 1]!;
    c += weights[base + 2]!;
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
}

/** Best-scoring label id among `candidates` for the features in `buckets`. */
const labelSums = new Float64Array(1024);
const labelOffsets = new Int32Array(1024);

/** Where label `label`'s weight of a feature with hash h lives: `(h + labelOffset(label)) & mask`. */
export const labelOffset = (label: number): number => Math.imul(label + 1, 0x9e3779b1);

/** Best-scoring label id among `candidates` for the feature hashes in `buckets`. */
export function bestLabel(weights: ArrayLike<number>, mask: number, buckets: Uint32Array, count: number, candidates: readonly number[]): number {
  const m = candidates.length;
  if (m === 1) return candidates[0]!;
  const sums = labelSums;
  const offsets = labelOffsets;
  for (let j = 0; j < m; j++) {
    sums[j] = 0;
    offsets[j] = labelOffset(candidates[j]!);
  }
  for (let k = 0; k < count; k++) {
    const h = buckets[k]!;
    for (let j = 0; j < m; j++) sums[j]! += weights[(h + offsets[j]!) & mask]!;
  }
  let best = 0;
  for (let j = 1; j < m; j++) if (sums[j]! > sums[best]!) best = j;
  return candidates[best]!;
}

export function candidatesFor(cands: LabelCandidates, s: EncodedSentence, h: number, d: number): readonly number[] {
  const dir = d < h ? 0 : 1;
  const u = s.uposId[d]!;
  const any = cands.anyByDirection[dir]!;
  if (u < 0) return any;
  const hu = s.uposId[h]!;
  if (hu >= 0) {
    const pair = cands.byPair[dir]![u * cands.upos.length + hu]!;
    if (pair.length > 0) return pair;
  }
  const list = cands.byDirection[dir]![u]!;
  return list.length > 0 ? list : any;
}

/** The best legal move by score. */
export function bestLegal(c: Configuration, scores: Float64Array): number {
  let best = -1;
  let bestScore = -Infinity;
  const canShift = c.b0 <= c.n;
  const canLeft = c.depth >= 2 && canShift;
  const canRight = c.depth >= 3 || (c.depth === 2 && !canShift);
  for (let m = 0; m < MOVES; m++) {
    if ((m === 0 ? canShift : m === 1 ? canLeft : canRight) && scores[m]! > bestScore) {
      bestScore = scores[m]!;
      best = m;
    }
  }
  return best;
}

/** Greedy parse of an encoded sentence: heads (1-based, 0 root) and label ids, before de-projectivising. */
export function parseEncoded(model: ParserWeights, s: EncodedSentence): Configuration {
  if (pooled.capacity < s.n) pooled = new Configuration(s.n, Math.max(s.n, pooled.capacity * 2));
  const c = pooled;
  c.reset(s.n);
  const moveMask = 2 ** model.moveBits - 1;
  const labelMask = 2 ** model.labelBits - 1;
  const n = s.n;
  const root = model.candidates.root;
  const moves = model.moves;
  while (c.b0 <= n || c.depth > 1) {
    const count = moveFeatures(c, s, moveMask, moveBuckets);
    scoreMoves(moves, moveBuckets, count, moveScores);
    const move = bestLegal(c, moveScores);
    if (move === SHIFT_MOVE) {
      c.apply(SHIFT_MOVE, 0);
      continue;
    }
    const dependent = c.stack[c.depth - 1]!;
    const head = move === LEFT_MOVE ? c.b0 : c.stack[c.depth - 2]!;
    let label = root;
    if (head !== 0) {
      const lc = labelFeatures(c, s, head, dependent, -1, labelBuckets);
      label = bestLabel(model.labelWeights, labelMask, labelBuckets, lc, candidatesFor(model.candidates, s, head, dependent));
    }
    c.apply(move, label);
  }
  return c;
}

/** Parse, then de-projectivise: the tree of one sentence. */
export function parseTree(model: ParserWeights, uposIndex: ReadonlyMap<string, number>, words: readonly string[], tags: Tagged): Tree {
  if (words.length === 0) return { head: [], deprel: [] };
  const s = encodeSentence(words, tags, uposIndex, model.classes);
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

/** The trained dependency parser; reads the model file when called, nothing at import. */
export function loadParser(url: string | URL = PARSER_MODEL_URL): SentenceParser {
  return makeParser(loadParserModel(url));
}
