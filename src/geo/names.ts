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
 * What the key cannot fold, `nameCost` prices: a weighted edit distance over
 * keys where vowel changes and known transliteration pairs are cheap and
 * consonant changes dear. The gazetteer uses it for names no key matches.
 */

/** Articles written as separate words or hyphenated prefixes. */
const ARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'ed', 'ez', 'es', 'et', 'en', 'er', 'ul', 'il']);

/** Lower case, no diacritics, no apostrophes or periods: the common ground of every spelling. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
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
const VOWEL_CODES = new Set([97, 105, 117]);
/** Consonant pairs that transliterations swap: cheap substitutions. */
const NEAR = new Set(['k|h', 'h|k', 's|z', 'z|s', 't|d', 'd|t', 'g|j', 'j|g', 'w|v', 'v|w', 'b|p', 'p|b', 'k|g', 'g|k', 'c|k', 'k|c', 'c|s', 's|c']);

const substitutionCost = (a: string, b: string) => (a === b ? 0 : VOWELS.has(a) && VOWELS.has(b) ? 0.3 : NEAR.has(`${a}|${b}`) ? 0.5 : 1);
const indelCost = (c: string) => (VOWELS.has(c) || c === 'h' ? 0.4 : 1);
// The same costs as tables over ASCII codes, for the inner loop; other characters fall back to the functions.
const SUBSTITUTION = new Float64Array(128 * 128);
const INDEL = new Float64Array(128);
for (let x = 0; x < 128; x++) {
  INDEL[x] = indelCost(String.fromCharCode(x));
  for (let y = 0; y < 128; y++) SUBSTITUTION[x * 128 + y] = substitutionCost(String.fromCharCode(x), String.fromCharCode(y));
}
const substitution = (a: number, b: number) => (a < 128 && b < 128 ? SUBSTITUTION[a * 128 + b]! : a === b ? 0 : 1);
const indel = (c: number) => (c < 128 ? INDEL[c]! : 1);

/**
 * Weighted edit distance between two keys: vowels cost 0.3 to change and 0.4
 * to add or drop (as does h), transliteration pairs (k/h, s/z, t/d, g/j...)
 * 0.5, any other letter 1. Stops early and returns Infinity once every path
 * costs more than `limit`.
 */
const counts = new Int32Array(128);

/**
 * A lower bound of `nameCost(a, b)` in O(length): each consonant one key has
 * more of than the other needs an edit of at least 0.5. Lets a fuzzy search
 * skip most keys without the full distance.
 */
export function nameCostLowerBound(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c < 128) counts[c]!++;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c < 128) counts[c]!--;
  }
  let more = 0;
  let fewer = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c < 128 && counts[c] !== 0) {
      if (!VOWEL_CODES.has(c) && c !== 104) {
        if (counts[c]! > 0) more += counts[c]!;
        else fewer -= counts[c]!;
      }
      counts[c] = 0;
    }
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c < 128 && counts[c] !== 0) {
      if (!VOWEL_CODES.has(c) && c !== 104) fewer -= counts[c]!;
      counts[c] = 0;
    }
  }
  return 0.5 * Math.max(more, fewer);
}

let rowA = new Float64Array(64);
let rowB = new Float64Array(64);

export function nameCost(a: string, b: string, limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (m + 1 > rowA.length) {
    rowA = new Float64Array(2 * (m + 1));
    rowB = new Float64Array(2 * (m + 1));
  }
  // Two reused rows: this runs thousands of times per fuzzy lookup.
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
