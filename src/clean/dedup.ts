/**
 * Duplicate detection: an exact hash and a MinHash signature of the body.
 *
 * News is full of copies. A wire story is re-run by dozens of outlets with a
 * new headline, a rewritten first sentence, another byline or a trimmed last
 * paragraph; a page is scraped twice; an article is updated in place. The
 * store uses the fingerprint to link such copies to the first one instead of
 * storing (and counting) the same story twice.
 *
 * - `exact`: sha256 of the normalised body. Equal when two bodies differ only
 *   in case, punctuation, Unicode composition or spacing.
 * - `minhash`: 128 MinHash values over word 5-shingles. The share of equal
 *   positions in two signatures estimates the Jaccard similarity of their
 *   shingle sets (standard error about 0.035 near 0.8).
 * - LSH banding (16 bands x 8 rows) turns the signature into 16 string keys;
 *   two signatures that share any key are candidates, so the store finds
 *   candidates with an index lookup instead of comparing against every article.
 *
 * Everything here is deterministic: the permutations come from a fixed seed,
 * so a signature stored today compares with one computed next year. Changing
 * the seed, the shingle size or the number of permutations makes stored
 * signatures incomparable: bump PIPELINE_VERSION and re-process.
 */
import { fmix32, hash32 } from '../core/hash.js';
import { createHash } from 'node:crypto';
import type { Doc, Fingerprint } from '../core/doc.js';
import type { Stage } from '../core/stage.js';

/** Words per shingle. Five-word runs are rare by chance, so shared ones signal shared text. */
export const SHINGLE_WORDS = 5;
export const MINHASH_PERMUTATIONS = 128;
export const LSH_BANDS = 16;
export const LSH_ROWS = MINHASH_PERMUTATIONS / LSH_BANDS;

/**
 * Estimated Jaccard similarity of 5-shingle sets at or above which two bodies
 * are the same story.
 *
 * Why 0.8: a contiguous edit of k words in an n-word article changes about
 * k + 4 shingles on each side, so the Jaccard similarity is roughly
 * (n - k) / (n + k); 0.8 tolerates rewriting about a tenth of the article (a
 * new first sentence, byline and sign-off in a 400-word wire story, or an
 * added closing paragraph) while two outlets' own reports of the same event,
 * which share names and quotes but few five-word runs, score far below 0.3.
 * Scattered edits cost more (each changed word breaks five shingles), so a
 * heavily copy-edited rewrite is, correctly, a new article.
 *
 * The LSH banding below has its 50% candidate point at (1/16)^(1/8) ~ 0.71,
 * so a pair at 0.8 becomes a candidate with probability 0.95, at 0.85 with
 * 0.994 and at 0.9 with 0.9999; pairs below 0.5 almost never do.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/** 2^31 - 1, a Mersenne prime: the modulus of the universal hash family. */
export const PRIME = 2147483647;
/** Fixed seed of the permutation coefficients: part of the signature format. */
const PERMUTATION_SEED = 0x6e657773; // "news"

/**
 * Lower-cases and composes (NFC) the text, drops punctuation and symbols and
 * collapses whitespace, so that formatting differences between copies do not
 * count as differences. Apostrophes are dropped without a space so that "it's"
 * and "its" stay one word each.
 */
export function normaliseForFingerprint(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/['\u2019\u02bc`]/gu, '')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Word shingles of the normalised text: runs of `SHINGLE_WORDS` words, or of
 * all the words when the text is shorter, so a three-word text still has a
 * (single) shingle. Repeated shingles appear once.
 */
export function shingles(normalised: string, size = SHINGLE_WORDS): string[] {
  const words = normalised.length === 0 ? [] : normalised.split(' ');
  if (words.length === 0) return [];
  const k = Math.min(size, words.length);
  const seen = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) seen.add(words.slice(i, i + k).join(' '));
  return [...seen];
}

/** Re-exported for callers that fingerprint text themselves. */
export { hash32 };

const TWO_POW_31 = 2147483648;

/**
 * Reduces a non-negative integer below 2^53 modulo 2^31-1 by folding: since
 * 2^31 = 1 (mod p), t = q * 2^31 + r = q + r. Dividing by a power of two and
 * flooring are exact on doubles, and much faster than `%` (fmod).
 */
function fold(t: number): number {
  const q = Math.floor(t / TWO_POW_31);
  return t - q * TWO_POW_31 + q;
}

/**
 * (a * x + b) mod 2^31-1 for a, x, b < 2^31-1, without leaving the range
 * where doubles are exact: a is split into its high 15 and low 16 bits, so no
 * intermediate exceeds 2^49. Exported for its test against BigInt arithmetic.
 */
export function mulAddMod(a: number, x: number, b: number): number {
  const high = fold((a >>> 16) * x); // < 2^31 + 2^15
  let t = fold(high * 65536 + (a & 0xffff) * x + b); // < 2^31 + 2^18 < 2p
  if (t >= PRIME) t -= PRIME;
  return t;
}

/** splitmix32: a small, well-mixed PRNG, used only to draw the fixed permutation coefficients. */
function* splitmix32(seed: number): Generator<number> {
  let state = seed >>> 0;
  while (true) {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    yield (z ^ (z >>> 16)) >>> 0;
  }
}

/** The 128 hash functions h_i(x) = (a_i * x + b_i) mod p, with 1 <= a_i < p and 0 <= b_i < p. */
const [COEFF_A, COEFF_B] = (() => {
  const random = splitmix32(PERMUTATION_SEED);
  const a = new Uint32Array(MINHASH_PERMUTATIONS);
  const b = new Uint32Array(MINHASH_PERMUTATIONS);
  for (let i = 0; i < MINHASH_PERMUTATIONS; i++) {
    a[i] = 1 + ((random.next().value as number) % (PRIME - 1));
    b[i] = (random.next().value as number) % PRIME;
  }
  return [a, b];
})();

/**
 * The MinHash signature of a set of shingles: for each of the 128 hash
 * functions, the smallest value over the set. An empty set gives a signature
 * of `PRIME` everywhere (no value can reach it), so two empty texts compare
 * equal and an empty text matches nothing else.
 */
export function minhash(shingleSet: readonly string[]): number[] {
  const signature = new Array<number>(MINHASH_PERMUTATIONS).fill(PRIME);
  for (const shingle of shingleSet) {
    const x = hash32(shingle) % PRIME;
    for (let i = 0; i < MINHASH_PERMUTATIONS; i++) {
      const value = mulAddMod(COEFF_A[i] as number, x, COEFF_B[i] as number);
      if (value < (signature[i] as number)) signature[i] = value;
    }
  }
  return signature;
}

/** Exact hash and MinHash signature of a body text. */
export function fingerprint(text: string): Fingerprint {
  const normalised = normaliseForFingerprint(text);
  return {
    exact: createHash('sha256').update(normalised, 'utf8').digest('hex'),
    minhash: minhash(shingles(normalised)),
  };
}

/** The share of positions where two signatures agree: an unbiased estimate of the Jaccard similarity. */
export function estimateJaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(`cannot compare MinHash signatures of ${a.length} and ${b.length} values`);
  }
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/** Whether an estimated similarity makes two bodies the same story (see NEAR_DUPLICATE_THRESHOLD). */
export function isNearDuplicate(similarity: number): boolean {
  return similarity >= NEAR_DUPLICATE_THRESHOLD;
}

/**
 * The 16 LSH band keys of a signature, index = band number. A key is a 64-bit
 * hash (16 hex digits) of the band's 8 values: two signatures share the key of
 * a band exactly when they agree on all 8 rows, barring a 2^-64 collision,
 * which would only add a candidate that the Jaccard estimate then rejects.
 */
export function lshBandKeys(signature: readonly number[]): string[] {
  if (signature.length !== MINHASH_PERMUTATIONS) {
    throw new RangeError(`a MinHash signature has ${MINHASH_PERMUTATIONS} values, not ${signature.length}`);
  }
  const keys: string[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    let h1 = 0x9747b28c ^ band;
    let h2 = 0x3c6ef372 ^ band;
    for (let row = 0; row < LSH_ROWS; row++) {
      const value = signature[band * LSH_ROWS + row] as number;
      h1 = Math.imul(h1 ^ value, 0x01000193);
      h2 = Math.imul(h2 ^ fmix32(value + row), 0x5bd1e995);
    }
    keys.push(hex8(fmix32(h1)) + hex8(fmix32(h2)));
  }
  return keys;
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}

export const fingerprintStage: Stage = {
  name: 'fingerprint',
  requires: ['text'],
  assigns: ['fingerprint'],
  uses: [],
  run: (doc: Doc): Doc => ({ ...doc, fingerprint: fingerprint(doc.text) }),
};
