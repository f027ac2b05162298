/**
 * Lemmas from word form and Penn tag: a lexicon learned from the treebanks
 * (form + XPOS -> most frequent lemma), then the lower-cased form's entry,
 * then rules by tag for unseen words (plural nouns, verb inflections with
 * e-restoration and undoubling, comparatives and superlatives, clitics).
 *
 * The lexicon keeps only the entries the rules get wrong, plus the verb and
 * adjective lemmas seen in training, which the rules consult to choose
 * between "hop", "hope" and "hopp" for "hoped". Conventions are UD English
 * EWT's: proper nouns keep their case, "me" -> "I", "'s" -> "be"/"have"/"'s"
 * by tag, "n't" -> "not".
 *
 * File: gzip of UTF-8 lines; `# newsgraph-lemma 1` first, then `K\tlemma`
 * (a known lemma) and `E\tform\txpos\tlemma` (an exception) lines.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

/** The committed lexicon, written by `npm run train:tagger`. */
export const LEMMA_LEXICON_URL = new URL('./model/lemma.tsv.gz', import.meta.url);

const SIGNATURE = '# newsgraph-lemma 1';
const VOWEL = /[aeiou]/;

const CLITICS: Readonly<Record<string, string>> = {
  "n't": 'not',
  "'ll": 'will',
  "'re": 'be',
  "'m": 'be',
  "'ve": 'have',
  ca: 'can',
  wo: 'will',
};
const PRONOUNS: Readonly<Record<string, string>> = { i: 'I', me: 'I', him: 'he', her: 'she', us: 'we', them: 'they', mine: 'my', "'em": 'they' };

/** A set of known lemmas, or nothing: the rules then fall back to spelling heuristics. */
export type KnownLemmas = ReadonlySet<string>;

/** Pick the first candidate that is a known lemma; else the heuristic choice. */
const choose = (candidates: readonly string[], fallback: string, known: KnownLemmas | undefined) => candidates.find((c) => c.length > 0 && known?.has(c)) ?? fallback;

/** Stem of a verb or adjective after removing an ending: "stopp" -> "stop", "creat" -> "create", "visit" stays. */
function restore(stem: string, known: KnownLemmas | undefined): string {
  const last = stem[stem.length - 1] ?? '';
  const doubled = stem.length >= 3 && last === stem[stem.length - 2] && !VOWEL.test(last);
  if (doubled) {
    const undoubled = stem.slice(0, -1);
    return choose([undoubled, stem], /[lsfz]$/.test(stem) ? stem : undoubled, known);
  }
  // Endings that English spelling closes with a silent e: "creat", "realiz", "lov", "produc", "chang", "caus".
  const silentE = /(?:[^aeiou]at|[iy]z|[^aeiou]is|v|[^aeiou]c|[^aeioun]g|dg|[^aeiouls]l|[^aeiou]us|[^aeiou]ur|[nrp]s|^[^aeiou]?[aeiou][^aeiouwxyr])$/.test(stem);
  return choose([stem + 'e', stem], silentE ? stem + 'e' : stem, known);
}

function nounSingular(w: string): string {
  if (w.endsWith('men') && w.length > 4) return w.slice(0, -3) + 'man';
  if (w.length <= 3 || !w.endsWith('s') || w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(?:ch|sh|ss|x|z|o)es$/.test(w)) return w.slice(0, -2);
  return w.slice(0, -1);
}

function verbBase(w: string, xpos: string, known: KnownLemmas | undefined): string {
  if (xpos === 'VBZ') {
    if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
    if (/(?:ch|sh|ss|x|z|o)es$/.test(w)) return choose([w.slice(0, -1), w.slice(0, -2)], w.slice(0, -2), known);
    return w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
  }
  if (xpos === 'VBG') {
    if (!w.endsWith('ing') || w.length <= 4) return w;
    const stem = w.slice(0, -3);
    if (stem.endsWith('y') && !VOWEL.test(stem[stem.length - 2] ?? 'a')) return stem;
    if (stem.endsWith('i')) return choose([stem.slice(0, -1) + 'ie'], stem.slice(0, -1) + 'ie', known);
    return restore(stem, known);
  }
  // VBD, VBN
  if (w.endsWith('ied') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('eed') && !known?.has(w.slice(0, -1))) return known?.has(w) ? w : w.slice(0, -1);
  if (w.endsWith('ed') && w.length > 3) return restore(w.slice(0, -2), known);
  return w;
}

function gradeBase(w: string, ending: 'er' | 'est', known: KnownLemmas | undefined): string {
  if (!w.endsWith(ending) || w.length <= ending.length + 2) return w;
  const stem = w.slice(0, -ending.length);
  if (stem.endsWith('i')) return stem.slice(0, -1) + 'y';
  return restore(stem, known);
}

/** The rule lemma of a word unseen in the lexicon. */
export function ruleLemma(form: string, xpos: string, known?: KnownLemmas): string {
  if (xpos === 'NNP') return form;
  if (xpos === 'NNPS') {
    // Singular of the lower-cased form, written back in the form's own case ("Americans" -> "American", "Parties" -> "Party").
    const lower = form.toLowerCase();
    const single = nounSingular(lower);
    let shared = 0;
    while (shared < single.length && single[shared] === lower[shared]) shared++;
    return form.slice(0, shared) + single.slice(shared);
  }
  const w = form.toLowerCase().replace(/’/g, "'");
  if (w === "'s") return xpos === 'VBZ' ? 'be' : xpos === 'PRP' ? 'we' : "'s";
  if (w === "'d") return xpos === 'MD' ? 'would' : 'have';
  if (CLITICS[w] !== undefined && (xpos === 'RB' || xpos === 'MD' || xpos.startsWith('VB'))) return CLITICS[w]!;
  if (xpos === 'PRP' && PRONOUNS[w] !== undefined) return PRONOUNS[w]!;
  switch (xpos) {
    case 'NNS':
      return nounSingular(w);
    case 'VBD':
    case 'VBN':
    case 'VBG':
    case 'VBZ':
      return verbBase(w, xpos, known);
    case 'JJR':
    case 'RBR':
      return gradeBase(w, 'er', known);
    case 'JJS':
    case 'RBS':
      return gradeBase(w, 'est', known);
    default:
      return w;
  }
}

/** Lemmas by lexicon, then rules. */
export class Lemmatizer {
  constructor(
    /** `form\txpos` -> lemma, only where the rules are wrong. */
    readonly exceptions: ReadonlyMap<string, string>,
    readonly known: KnownLemmas,
  ) {}

  lemma(form: string, xpos: string): string {
    const exact = this.exceptions.get(`${form}\t${xpos}`);
    if (exact !== undefined) return exact;
    const lower = form.toLowerCase();
    if (lower !== form && xpos !== 'NNP' && xpos !== 'NNPS') {
      const viaLower = this.exceptions.get(`${lower}\t${xpos}`);
      if (viaLower !== undefined) return viaLower;
    }
    return ruleLemma(form, xpos, this.known);
  }
}

/** Words of a treebank as the lexicon builder reads them. */
export interface LemmaSample {
  readonly form: string;
  readonly xpos: string;
  readonly lemma: string;
}

/** Tags whose lemmas the rules consult (verbs, adjectives, adverbs). */
const KNOWN_TAGS = /^(?:VB|JJ|RB)/;

/**
 * Learn the lexicon: each (form, xpos) gets its most frequent lemma (ties:
 * the first in code-unit order), stored only where lookup without it (the
 * lower-cased entry, then the rules) would answer differently.
 */
export function buildLemmatizer(words: Iterable<LemmaSample>): Lemmatizer {
  const counts = new Map<string, Map<string, number>>();
  const known = new Set<string>();
  for (const { form, xpos, lemma } of words) {
    if (lemma === '' || xpos === '') continue;
    const key = `${form}\t${xpos}`;
    let m = counts.get(key);
    if (!m) counts.set(key, (m = new Map()));
    m.set(lemma, (m.get(lemma) ?? 0) + 1);
    if (KNOWN_TAGS.test(xpos) && /^[a-z]+$/.test(lemma)) known.add(lemma);
  }
  const sortedKnown = new Set([...known].sort());
  const exceptions = new Map<string, string>();
  const best = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]![0];
  const keys = [...counts.keys()].sort();
  // Lower-case forms first: the entries of other forms are judged against lookups that may fall back to them.
  const isLower = (key: string) => {
    const form = key.slice(0, key.indexOf('\t'));
    return form === form.toLowerCase();
  };
  const lemmatizer = new Lemmatizer(exceptions, sortedKnown);
  for (const pass of [true, false])
    for (const key of keys) {
      if (isLower(key) !== pass) continue;
      const tab = key.indexOf('\t');
      const lemma = best(counts.get(key)!);
      if (lemmatizer.lemma(key.slice(0, tab), key.slice(tab + 1)) !== lemma) exceptions.set(key, lemma);
    }
  return lemmatizer;
}

export function encodeLemmatizer(lemmatizer: Lemmatizer): Buffer {
  const lines = [SIGNATURE];
  for (const k of [...lemmatizer.known].sort()) lines.push(`K\t${k}`);
  for (const key of [...lemmatizer.exceptions.keys()].sort()) lines.push(`E\t${key}\t${lemmatizer.exceptions.get(key)!}`);
  return gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 });
}

/** Parse a gzipped lexicon; `name` labels errors. */
export function decodeLemmatizer(gzipped: Uint8Array, name: string): Lemmatizer {
  let text: string;
  try {
    text = gunzipSync(gzipped).toString('utf8');
  } catch (e) {
    throw new Error(`lemma lexicon ${name}: not gzip data (${(e as Error).message}); run \`npm run train:tagger\``, { cause: e });
  }
  const lines = text.split('\n');
  if (lines[0] !== SIGNATURE) throw new Error(`lemma lexicon ${name}: missing the ${JSON.stringify(SIGNATURE)} signature`);
  const exceptions = new Map<string, string>();
  const known = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const cols = line.split('\t');
    if (cols[0] === 'K' && cols.length === 2) known.add(cols[1]!);
    else if (cols[0] === 'E' && cols.length === 4) exceptions.set(`${cols[1]}\t${cols[2]}`, cols[3]!);
    else throw new Error(`lemma lexicon ${name}:${i + 1}: bad line ${JSON.stringify(line.slice(0, 40))}`);
  }
  return new Lemmatizer(exceptions, known);
}

export function loadLemmatizer(path: string | URL): Lemmatizer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`lemma lexicon ${String(path)}: cannot read (${(e as Error).message}); run \`npm run train:tagger\` to create it`, { cause: e });
  }
  return decodeLemmatizer(bytes, String(path));
}
