/**
 * Place-name keys that survive transliteration, and a cost model for names
 * that still differ.
 *
 * Arabic, Persian and Kurdish names reach English news in many spellings:
 * "Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Deir Ezzor" are one city.
 * The differences are regular: the article (al-, el-, ez-, az-, ar-...) is
 * written, assimilated or dropped; vowels are written as the writer hears
 * them (ou/u/o, ee/i/ei/ay, a/e); letters are doubled or not; q and k stand
 * for the same sound; a final ta marbuta is -ah, -a or -eh. `placeKey` folds
 * exactly those differences and keeps consonants, so "Paris" and "Peru", or
 * "Iran" and "Iraq", keep different keys.
 *
 * Each rule was weighed on the names of GeoNames' cities of 15,000+ people
 * (177k distinct Latin-script spellings): how many pairs of spellings it
 * brings onto one key that belong to the same place, and how many that
 * belong to different places. Folded spelling alone shares 4.3k same-place
 * and 0.3k different-place pairs; all rules together 27.3k and 12.6k. Every
 * rule gains more of the first than of the second (y -> i 4 to 1, ou/oo ->
 * u 3.5 to 1, doubled letters 2 to 1) but abu -> bu, which moves a handful
 * either way and is kept for "Abu Kamal" = "al-Bu Kamal"; e -> a is the
 * loosest of the rest (+2.6k same,
 * +2.5k different; o -> u next, +2.5k and +1.8k) and is kept because
 * the names of this news need it ("Menbij" = "Manbij", "Tel Abyad" =
 * "Tal Abyad", "Jerablus" = "Jarablus"); candidates are ranked and
 * weighed in context, so a merged small namesake costs little. Vowel
 * differences the key keeps (i/a, i/e: "Idlib"/"Idleb") are left to
 * `nameCost`, at 0.3 each.
 *
 * What the key cannot fold, `nameCost` prices: a weighted edit distance over
 * keys where vowel changes and known transliteration pairs are cheap and
 * consonant changes dear. The gazetteer uses it for names no key matches.
 */

/** Articles written as separate words or hyphenated prefixes. */
const ARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'ed', 'ez', 'es', 'et', 'en', 'er', 'ul', 'il']);

/** Latin letters that Unicode does not decompose into a base letter and a mark, written as their plain forms. */
const PLAIN_LETTERS: Readonly<Record<string, string>> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ß: 'ss', æ: 'ae', œ: 'oe', ħ: 'h', ŧ: 't', ŀ: 'l', ĸ: 'k' };

/** Lower case, no diacritics, no apostrophes or periods: the common ground of every spelling ("Şanlıurfa" = "Sanliurfa"). */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıłøđðþßæœħŧŀĸ]/g, (c) => PLAIN_LETTERS[c]!)
    .replace(/[ʿʾ'’‘`´.]/g, '');
}

/** The transliteration-folded key of a place name ("Deir ez-Zor" and "Dayr az Zawr" both give "dirzur"). */
export function placeKey(name: string): string {
  let words = foldName(name)
    .replace(/^the\s+/, '')
    .split(/[\s\-_,/]+/)
    .filter((w) => w.length > 0);
  if (words.length > 1) {
    const kept = words.filter((w) => !ARTICLES.has(w));
    if (kept.length > 0) words = kept;
  }
  words = words.map((w, i) => {
    // An article assimilated into a later word: "Ezzor" = "ez-Zor". Only the e- forms: "Assad", "Allen" are names.
    if (i > 0) w = w.replace(/^e([lrsdtzn])\1(?=[a-z]{2})/, '$1');
    // A hamza before a last consonant is written ai or ae: "Qaim" = "Qaem", "Taiz" = "Taez".
    w = w.replace(/ae(?=[b-df-gj-np-tv-z]$)/, 'ai');
    if (w === 'abu') return 'bu';
    if (w === 'saint' || w === 'sankt') return 'st';
    return w;
  });
  let key = words.join('');
  key = key
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/ou|oo|ow|aw/g, 'u')
    .replace(/ee|ei|ey|ay|ai/g, 'i')
    .replace(/e/g, 'a')
    .replace(/o/g, 'u')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .replace(/ah$/, 'a')
    .replace(/([aiu])h$/, '$1');
  return key;
}

const VOWELS = new Set(['a', 'i', 'u']);
/** Consonant pairs that transliterations swap: cheap substitutions. */
const NEAR_PAIRS = ['kh', 'sz', 'td', 'gj', 'wv', 'bp', 'kg', 'ck', 'cs'];
const NEAR = new Set(NEAR_PAIRS.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));

/** The cheapest edit that adds or drops a letter (a vowel or h): a key this many letters longer costs at least this much per letter. */
export const CHEAPEST_INDEL = 0.4;
/** The cheapest edit of any other letter: a transliteration pair. */
const CHEAPEST_CONSONANT_EDIT = 0.5;

const substitutionCost = (a: string, b: string) => (a === b ? 0 : VOWELS.has(a) && VOWELS.has(b) ? 0.3 : NEAR.has(`${a}|${b}`) ? CHEAPEST_CONSONANT_EDIT : 1);
const indelCost = (c: string) => (VOWELS.has(c) || c === 'h' ? CHEAPEST_INDEL : 1);
// The same costs as tables over ASCII codes, for the inner loop; other characters fall back to the functions.
const SUBSTITUTION = new Float64Array(128 * 128);
const INDEL = new Float64Array(128);
for (let x = 0; x < 128; x++) {
  INDEL[x] = indelCost(String.fromCharCode(x));
  for (let y = 0; y < 128; y++) SUBSTITUTION[x * 128 + y] = substitutionCost(String.fromCharCode(x), String.fromCharCode(y));
}
const substitution = (a: number, b: number) => (a < 128 && b < 128 ? SUBSTITUTION[a * 128 + b]! : a === b ? 0 : 1);
const indel = (c: number) => (c < 128 ? INDEL[c]! : 1);

let rowA = new Float64Array(64);
let rowB = new Float64Array(64);

/**
 * Weighted edit distance between two keys: vowels cost 0.3 to change and 0.4
 * to add or drop (as does h), transliteration pairs (k/h, s/z, t/d, g/j...)
 * 0.5, any other letter 1. Stops early and returns Infinity once every path
 * costs more than `limit`.
 */
export function nameCost(a: string, b: string, limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (m + 1 > rowA.length) {
    rowA = new Float64Array(2 * (m + 1));
    rowB = new Float64Array(2 * (m + 1));
  }
  // Two reused rows: this runs hundreds of times per fuzzy lookup.
  let prev = rowA;
  let cur = rowB;
  prev[0] = 0;
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1]! + indel(b.charCodeAt(j - 1));
  for (let i = 1; i <= n; i++) {
    const ca = a.charCodeAt(i - 1);
    cur[0] = prev[0]! + indel(ca);
    let rowMin = cur[0]!;
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const v = Math.min(prev[j - 1]! + substitution(ca, cb), prev[j]! + indel(ca), cur[j - 1]! + indel(cb));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return Infinity;
    [prev, cur] = [cur, prev];
  }
  return prev[m]!;
}

/*
 * Lower bounds of `nameCost`, so a fuzzy search can skip most keys without
 * the full distance. A consonant (a letter other than a, i, u, h) that one
 * key has more of than the other must be dropped or changed by an edit of its
 * own: 0.5 at the least when the other key has one of its transliteration
 * partners (or h, for k), else 1. Each edit touches one letter of each key,
 * so the larger of the two keys' sums is a bound.
 */

const letterBit = (code: number) => (code >= 97 && code <= 122 ? 1 << (code - 97) : 0);
const CHEAP_LETTERS = [...'aiuh'].reduce((m, ch) => m | letterBit(ch.charCodeAt(0)), 0);
/** For each letter a-z, the letters it is a cheap substitution for. */
const PARTNERS = new Int32Array(26);
for (const [a, b] of NEAR_PAIRS.map((p) => [p.charCodeAt(0) - 97, p.charCodeAt(1) - 97] as const)) {
  PARTNERS[a] = PARTNERS[a]! | (1 << b);
  PARTNERS[b] = PARTNERS[b]! | (1 << a);
}
const editCost = (letter: number, otherLetters: number) => ((PARTNERS[letter]! & otherLetters) !== 0 ? CHEAPEST_CONSONANT_EDIT : 1);

/** The letters a-z of a key as bits (others are left out, which only weakens the bounds). */
export function letterMask(key: string): number {
  let mask = 0;
  for (let i = 0; i < key.length; i++) mask |= letterBit(key.charCodeAt(i));
  return mask;
}

/** Set bits of a 32-bit integer. */
function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Bound from the letter masks alone (`letterMask`): a few operations per
 * pair. Past `limit` on the count of letters alone it returns Infinity.
 */
export function maskLowerBound(a: number, b: number, limit = Infinity): number {
  const onlyA = a & ~b & ~CHEAP_LETTERS;
  const onlyB = b & ~a & ~CHEAP_LETTERS;
  if (CHEAPEST_CONSONANT_EDIT * Math.max(bitCount(onlyA), bitCount(onlyB)) > limit) return Infinity;
  let costA = 0;
  for (let only = onlyA; only !== 0; only &= only - 1) costA += editCost(31 - Math.clz32(only & -only), b);
  let costB = 0;
  for (let only = onlyB; only !== 0; only &= only - 1) costB += editCost(31 - Math.clz32(only & -only), a);
  return Math.max(costA, costB);
}

const counts = new Int32Array(26);

/** Bound from the letter counts: stronger than `maskLowerBound`, in O(length). */
export function nameCostLowerBound(a: string, b: string): number {
  const maskA = letterMask(a);
  const maskB = letterMask(b);
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) counts[c]!++;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) counts[c]!--;
  }
  let costA = 0;
  let costB = 0;
  for (let letters = (maskA | maskB) & ~CHEAP_LETTERS; letters !== 0; letters &= letters - 1) {
    const c = 31 - Math.clz32(letters & -letters);
    const excess = counts[c]!;
    if (excess > 0) costA += excess * editCost(c, maskB);
    else if (excess < 0) costB -= excess * editCost(c, maskA);
  }
  for (let letters = maskA | maskB; letters !== 0; letters &= letters - 1) counts[31 - Math.clz32(letters & -letters)] = 0;
  return Math.max(costA, costB);
}
