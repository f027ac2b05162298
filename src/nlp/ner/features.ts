/**
 * Observation features of the statistical recognizer, hashed into a fixed
 * table so the model needs no feature dictionary.
 *
 * A document is a list of sentences of token strings. Every token gets
 * word, shape, affix, context, position, gazetteer, word-class (clusters.ts)
 * and document-level features; each feature is a string `template=value` hashed to a bucket in
 * `[0, 2^hashBits)`. Features look only at the text, never at tags, so one
 * pass per document serves both training and Viterbi decoding.
 *
 * Document-level evidence carries evidence across sentences: a sentence-initial
 * or headline (all-caps) word is ambiguous on its own, but the same form
 * written capitalised mid-sentence, or lower-cased, elsewhere in the same
 * document says whether it is a name.
 *
 * Two implementations share one definition. `featureStrings` spells every
 * feature out and is the readable specification. `documentFeatures`, which
 * training and decoding use, never builds those strings: the hash (FNV-1a,
 * see core/hash.ts) runs left to right over the characters, so it keeps the
 * running hash state of each template prefix ("l-1|l=") and of each word,
 * and feeds the remaining characters straight from the token strings. What
 * depends on one word alone (its forms, shapes, affixes and their hashes) is
 * computed once per distinct word and kept in a bounded cache. The buckets
 * are bit-for-bit those of hashing the strings (features.test.ts checks),
 * so saved models stay valid.
 */
import { fmix32, hash32 } from '../../core/hash.js';
import { CLUSTER_LEVELS, classesOf } from './clusters.js';
import type { WordClusters } from './clusters.js';

/** Sentences of token texts: the unit features are computed over. */
export type TokenDoc = readonly (readonly string[])[];

/** Feature buckets of one sentence: token `i` owns `buckets[offsets[i]..offsets[i+1])`. */
export interface SentenceFeatures {
  readonly buckets: Uint32Array;
  readonly offsets: Uint32Array;
}

// ---------------------------------------------------------------------------
// Hashing

/** Feature hashing uses the project's one string hash. */
export const hashString = (s: string): number => hash32(s);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const BAR = '|'.charCodeAt(0);

/** Continue an FNV-1a state over `s`; `hash32(a + b) === fmix32(fnv(fnv(FNV_OFFSET, a), b))`. */
function fnv(state: number, s: string): number {
  let h = state;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}
const fnvChar = (state: number, code: number) => Math.imul(state ^ code, FNV_PRIME);
/** FNV state after a template prefix such as "l-1=". */
const prefix = (template: string) => fnv(FNV_OFFSET, template);

// ---------------------------------------------------------------------------
// Word forms

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/gu;
const OPENING_PUNCTUATION = /^["'“‘(\-–—:]$/u;

/** Character classes: Xx for letters by case, d for digits, other characters kept. Capped so long words share shapes. */
export function wordShape(word: string): string {
  let out = '';
  for (const ch of word) {
    if (out.length >= 12) break;
    const code = ch.charCodeAt(0);
    // ASCII needs no Unicode property lookups; the regexes decide the rest.
    if (code < 0x80) {
      if (code >= 65 && code <= 90) out += 'X';
      else if (code >= 97 && code <= 122) out += 'x';
      else if (code >= 48 && code <= 57) out += 'd';
      else out += ch;
    } else if (/\p{Lu}/u.test(ch)) out += 'X';
    else if (/\p{L}/u.test(ch)) out += 'x';
    else if (/\p{N}/u.test(ch)) out += 'd';
    else out += ch;
  }
  return out;
}

/** A shape with runs collapsed: "XxXxxxxx" -> "XxXx". */
const collapseRuns = (shape: string) => {
  let out = '';
  for (const ch of shape) if (out[out.length - 1] !== ch) out += ch;
  return out;
};

/** Shape with runs collapsed: "Xxxxx" -> "Xx", "d,ddd" -> "d,d". */
export const shortShape = (word: string): string => collapseRuns(wordShape(word));

/** Lower case with digits folded to 0, so "1996-08-22" and "1997-01-05" share a form. */
const normalForm = (word: string) => word.toLowerCase().replace(DIGIT, '0');

const CAP_CLASSES = ['none', 'caps', 'init', 'mixed', 'lower'] as const;
type CapClass = (typeof CAP_CLASSES)[number];

const capClass = (word: string): CapClass => {
  if (!LETTER.test(word)) return 'none';
  const hasUpper = UPPER.test(word);
  const hasLower = LOWER.test(word);
  if (hasUpper && !hasLower) return 'caps';
  if (hasUpper && UPPER.test(word[0] ?? '')) return 'init';
  if (hasUpper) return 'mixed';
  return 'lower';
};

/** A headline or dateline: letters present and none lower-cased. Word case says little there. */
export function isAllCapsSentence(tokens: readonly string[]): boolean {
  let upper = false;
  for (const t of tokens) {
    if (LOWER.test(t)) return false;
    if (UPPER.test(t)) upper = true;
  }
  return upper;
}

// ---------------------------------------------------------------------------
// Gazetteers (project word lists), matched as token sequences

const GAZ_MAX_TOKENS = 6;
const GAZ_TOKEN = /(?:\p{L}\.){2,}|[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*(?=['’][sS]\b)|['’][sS]\b|[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*|\S/gu;

/** Split a list entry the way the project tokenizer splits text (possessive 's apart, hyphenated words whole). */
const entryTokens = (entry: string): string[] => entry.match(GAZ_TOKEN) ?? [];

/** Named word lists, each a list of entries (one or more words). */
export type GazetteerLists = Readonly<Record<string, readonly string[]>>;

/** A trie over lower-cased entry tokens; `lists` names the lists of the entry ending here. */
export interface GazetteerNode {
  readonly next: Map<string, GazetteerNode>;
  lists: Set<string> | null;
}

export interface Gazetteer {
  /** Exact-case phrase (tokens joined by a space) -> list names. */
  readonly exact: Map<string, Set<string>>;
  /** Lower-cased entries as a token trie, for headlines and odd casing, and to find every match without building phrases. */
  readonly lower: GazetteerNode;
  /** The word classes the features read (clusters.ts), passed in by whoever loaded them. */
  readonly clusters: WordClusters;
  /** Word facts depend on the word and the classes alone, so each lexicon keeps its own cache (see wordInfo). */
  readonly wordCache: Map<string, WordInfo>;
}

export function buildGazetteer(source: GazetteerLists, clusters: WordClusters): Gazetteer {
  const exact = new Map<string, Set<string>>();
  const lower: GazetteerNode = { next: new Map(), lists: null };
  for (const [list, entries] of Object.entries(source)) {
    for (const entry of entries) {
      const toks = entryTokens(entry);
      if (toks.length === 0 || toks.length > GAZ_MAX_TOKENS) continue;
      const key = toks.join(' ');
      let names = exact.get(key);
      if (!names) exact.set(key, (names = new Set()));
      names.add(list);
      // Lower-case the phrase as a whole, as matching lower-cases whole tokens of text.
      let node = lower;
      for (const tok of key.toLowerCase().split(' ')) {
        let child = node.next.get(tok);
        if (!child) node.next.set(tok, (child = { next: new Map(), lists: null }));
        node = child;
      }
      (node.lists ??= new Set()).add(list);
    }
  }
  return { exact, lower, clusters, wordCache: new Map() };
}

/**
 * For each token, the gazetteer features it takes part in: `list:position:case`
 * where position is B/I/L/U of the longest entry covering it and case says
 * whether the entry matched with its exact case (e) or only lower-cased (l).
 */
/** Shared by the many tokens no list covers; never written to. */
const NO_FEATURES: string[] = [];

function gazetteerFeatures(tokens: readonly string[], lowered: readonly string[], gazetteer: Gazetteer): string[][] {
  const n = tokens.length;
  // Matches by length, each list in ascending start order: longer entries claim their tokens first.
  const startsByLength: number[][] = [];
  const listsByLength: Set<string>[][] = [];
  for (let i = 0; i < n; i++) {
    let node: GazetteerNode | undefined = gazetteer.lower;
    for (let len = 1; len <= GAZ_MAX_TOKENS && i + len <= n; len++) {
      node = node.next.get(lowered[i + len - 1]!);
      if (!node) break;
      if (node.lists) {
        (startsByLength[len] ??= []).push(i);
        (listsByLength[len] ??= []).push(node.lists);
      }
    }
  }
  const out: string[][] = new Array<string[]>(n).fill(NO_FEATURES);
  if (startsByLength.length === 0) return out;
  const covered: (Set<string> | undefined)[] = [];
  for (let len = GAZ_MAX_TOKENS; len >= 1; len--) {
    const starts = startsByLength[len];
    if (!starts) continue;
    starts.forEach((i, m) => {
      const exactLists = gazetteer.exact.get(tokens.slice(i, i + len).join(' '));
      for (const list of listsByLength[len]![m]!) {
        const caseTag = exactLists?.has(list) ? 'e' : 'l';
        const tag = `${list}:${caseTag}`;
        for (let k = i; k < i + len; k++) {
          const seen = (covered[k] ??= new Set());
          if (seen.has(tag)) continue;
          seen.add(tag);
          const position = len === 1 ? 'U' : k === i ? 'B' : k === i + len - 1 ? 'L' : 'I';
          if (out[k] === NO_FEATURES) out[k] = [];
          out[k]!.push(`${list}:${position}:${caseTag}`);
        }
      }
    });
  }
  return out;
}

/** List names of a token's gazetteer features, each once, in first-seen order. */
const gazetteerListNames = (features: readonly string[]): string[] => [...new Set(features.map((g) => g.slice(0, g.indexOf(':'))))];

// ---------------------------------------------------------------------------
// Per-word facts, computed once per distinct word

/** Running hash states of the feature templates. */
const T = {
  w: prefix('w='),
  l: prefix('l='),
  s: prefix('s='),
  ss: prefix('ss='),
  cap: prefix('cap='),
  lPrev1: prefix('l-1='),
  lNext1: prefix('l+1='),
  lPrev2: prefix('l-2='),
  lNext2: prefix('l+2='),
  ssPrev1: prefix('ss-1='),
  ssNext1: prefix('ss+1='),
  ssPrev2: prefix('ss-2='),
  ssNext2: prefix('ss+2='),
  lPrevL: prefix('l-1|l='),
  lLNext: prefix('l|l+1='),
  ssTrigram: prefix('ss-1|ss|ss+1='),
  lPrevSs: prefix('l-1|ss='),
  ssLNext: prefix('ss|l+1='),
  aclL: prefix('acl|l='),
  aclSs: prefix('acl|ss='),
  hy: prefix('hy='),
  hys: prefix('hys='),
  g: prefix('g='),
  gCap: prefix('g|cap='),
  gPrev: prefix('g-1='),
  gNext: prefix('g+1='),
  dctx: prefix('dctx='),
  alt: prefix('alt='),
};
/** Cluster templates: the word's class at each level ("c64=17"), and the neighbours' classes at the middle level. */
const CLUSTER_TEMPLATES = CLUSTER_LEVELS.map((k) => prefix(`c${k}=`));
const CLUSTER_CONTEXT_LEVEL = 1;
const CLUSTER_PREV = prefix(`c${CLUSTER_LEVELS[CLUSTER_CONTEXT_LEVEL]}-1=`);
const CLUSTER_NEXT = prefix(`c${CLUSTER_LEVELS[CLUSTER_CONTEXT_LEVEL]}+1=`);

/** Where the project's word classes are (see clusters.ts); loaded by the caller, never by this module. */
export const WORD_CLUSTERS_URL = new URL('./model/word-clusters.tsv.gz', import.meta.url);

/** The spelled-out cluster values of a word: one per level, or "none" for a word the classes do not know. */
export function clusterValues(word: string, clusters: WordClusters): readonly string[] {
  if (!LETTER.test(word)) return [];
  const classes = classesOf(clusters, word);
  return classes ? classes.map(String) : CLUSTER_LEVELS.map(() => 'none');
}
const AFFIX_TEMPLATES = [1, 2, 3, 4].map((k) => [prefix(`p${k}=`), prefix(`x${k}=`)] as const);

/** Finished hashes of features with a fixed value, by name. */
const constantHashes = new Map<string, number>();
const constantHash = (feature: string): number => {
  let h = constantHashes.get(feature);
  if (h === undefined) constantHashes.set(feature, (h = hash32(feature)));
  return h;
};
const BIAS = hash32('bias');
const ACL = hash32('acl');
const POSITION = [0, 1, 2, 3].map((p) => hash32(`pos=${p}`));
const LAST = [hash32('last=false'), hash32('last=true')];
const CAP_POSITION = CAP_CLASSES.map((cap) => [0, 1, 2].map((p) => hash32(`cap|pos=${cap}|${p}`)));
const ALT_NONE = hash32('alt=none');
/** `doc=mid|low|cap|ambiguous`, indexed by docIndex(). */
const DOC = [false, true].flatMap((mid) =>
  [false, true].flatMap((low) => CAP_CLASSES.flatMap((cap) => [false, true].map((ambiguous) => hash32(`doc=${mid}|${low}|${cap}|${ambiguous}`)))),
);
const docIndex = (mid: boolean, low: boolean, cap: number, ambiguous: boolean) => (+mid * 2 + +low) * CAP_CLASSES.length * 2 + cap * 2 + +ambiguous;

/** A word (or sentence boundary) seen as the context of a neighbour. */
interface Context {
  /** normalForm of the word. */
  readonly form: string;
  /** shortShape of the word. */
  readonly short: string;
  /** Finished hashes of l-1=, l+1=, l-2=, l+2=, ss-1=, ss+1=, ss-2=, ss+2= with this word as the value. */
  readonly lPrev1: number;
  readonly lNext1: number;
  readonly lPrev2: number;
  readonly lNext2: number;
  readonly ssPrev1: number;
  readonly ssNext1: number;
  readonly ssPrev2: number;
  readonly ssNext2: number;
  /** Running states of pair features opened by this word as the previous token, through its trailing "|". */
  readonly lPrevL: number;
  readonly ssTrigram: number;
  readonly lPrevSs: number;
  /** Finished hashes of the neighbour cluster features with this word as the previous / next token (0 when it has none). */
  readonly cPrev1: number;
  readonly cNext1: number;
}

interface WordInfo extends Context {
  readonly lower: string;
  readonly capIndex: number;
  readonly hasLetter: boolean;
  readonly hasUpper: boolean;
  readonly hasLower: boolean;
  /** First UTF-16 unit is an upper-case letter. */
  readonly capitalised: boolean;
  /** A quote, bracket, dash or colon after which a capital says nothing. */
  readonly opener: boolean;
  /** Finished hashes, in feature order: w, l, s, ss, cap, then p1, x1, p2, x2, ... for the affixes the word has. */
  readonly own: readonly number[];
  /** acl|l=, acl|ss= (used in all-caps sentences). */
  readonly aclL: number;
  readonly aclSs: number;
  /** hy=, hys= for each non-empty part of a hyphenated word. */
  readonly hyphenParts: readonly number[];
  /** Finished hashes of the cluster features, one per level (empty for a word without letters). */
  readonly clusters: readonly number[];
  /** alt= with this word as the cased form. */
  readonly alt: number;
  /** Running states of pair features opened by this word as the current token, through its "|". */
  readonly lLNext: number;
  readonly ssLNext: number;
}

function context(form: string, short: string, contextCluster: string | undefined): Context {
  return {
    form,
    short,
    lPrev1: fmix32(fnv(T.lPrev1, form)),
    lNext1: fmix32(fnv(T.lNext1, form)),
    lPrev2: fmix32(fnv(T.lPrev2, form)),
    lNext2: fmix32(fnv(T.lNext2, form)),
    ssPrev1: fmix32(fnv(T.ssPrev1, short)),
    ssNext1: fmix32(fnv(T.ssNext1, short)),
    ssPrev2: fmix32(fnv(T.ssPrev2, short)),
    ssNext2: fmix32(fnv(T.ssNext2, short)),
    lPrevL: fnvChar(fnv(T.lPrevL, form), BAR),
    ssTrigram: fnvChar(fnv(T.ssTrigram, short), BAR),
    lPrevSs: fnvChar(fnv(T.lPrevSs, form), BAR),
    cPrev1: contextCluster === undefined ? 0 : fmix32(fnv(CLUSTER_PREV, contextCluster)),
    cNext1: contextCluster === undefined ? 0 : fmix32(fnv(CLUSTER_NEXT, contextCluster)),
  };
}

const BEFORE_START = context('<s>', '<s>', '<s>');
const AFTER_END = context('</s>', '</s>', '</s>');

function describeWord(word: string, clusters: WordClusters): WordInfo {
  const lower = word.toLowerCase();
  const form = normalForm(word);
  const shape = wordShape(word);
  const short = collapseRuns(shape);
  const cap = capClass(word);
  const own = [fmix32(fnv(T.w, word)), fmix32(fnv(T.l, form)), fmix32(fnv(T.s, shape)), fmix32(fnv(T.ss, short)), fmix32(fnv(T.cap, cap))];
  for (let k = 1; k <= 4 && k <= lower.length; k++) {
    own.push(fmix32(fnv(AFFIX_TEMPLATES[k - 1]![0], lower.slice(0, k))), fmix32(fnv(AFFIX_TEMPLATES[k - 1]![1], lower.slice(-k))));
  }
  const values = clusterValues(word, clusters);
  const hyphenParts: number[] = [];
  if (word.includes('-')) {
    for (const part of word.split('-')) if (part) hyphenParts.push(fmix32(fnv(T.hy, part.toLowerCase())), fmix32(fnv(T.hys, shortShape(part))));
  }
  return {
    ...context(form, short, values[CLUSTER_CONTEXT_LEVEL]),
    lower,
    capIndex: CAP_CLASSES.indexOf(cap),
    hasLetter: LETTER.test(word),
    hasUpper: UPPER.test(word),
    hasLower: LOWER.test(word),
    capitalised: UPPER.test(word[0] ?? ''),
    opener: OPENING_PUNCTUATION.test(word),
    own,
    aclL: fmix32(fnv(T.aclL, form)),
    aclSs: fmix32(fnv(T.aclSs, short)),
    hyphenParts,
    clusters: values.map((v, k) => fmix32(fnv(CLUSTER_TEMPLATES[k]!, v))),
    alt: fmix32(fnv(T.alt, short)),
    lLNext: fnvChar(fnv(T.lLNext, form), BAR),
    ssLNext: fnvChar(fnv(T.ssLNext, short), BAR),
  };
}

/**
 * Word facts are pure functions of the word, so they are shared across
 * documents; news vocabulary is Zipfian, so a modest cache serves nearly
 * every token. Emptied when full, which bounds memory without bookkeeping.
 */
const WORD_CACHE_LIMIT = 1 << 16;
function wordInfo(word: string, lexicon: Gazetteer): WordInfo {
  const cache = lexicon.wordCache;
  let info = cache.get(word);
  if (info === undefined) {
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(word, (info = describeWord(word, lexicon.clusters)));
  }
  return info;
}

// ---------------------------------------------------------------------------
// Document-level evidence

interface DocEvidence {
  /** Lower form -> times written capitalised where case is informative (mid-sentence, not a headline). */
  readonly capitalisedMid: Map<string, number>;
  /** Lower form -> times written all lower-case. */
  readonly lowerCase: Map<string, number>;
  /** Lower form -> its first mid-sentence capitalised spelling, to lend a shape to headline words. */
  readonly casedForm: Map<string, string>;
  /**
   * Lower form -> the company a capitalised form keeps anywhere in the
   * document: after a first name or title, before an organisation or
   * location head word, first or last word of a run of capitalised words.
   * "Moedas" alone is ambiguous; "Carlos Moedas" earlier settles it.
   */
  readonly company: Map<string, Set<string>>;
}

const isCapitalised = (word: string | undefined) => word !== undefined && UPPER.test(word[0] ?? '');

/** `gazLists[s][i]`: list names of token i of sentence s; `allCaps[s]`: sentence s is a headline. */
function documentEvidence(doc: TokenDoc, gazLists: readonly (readonly string[][])[], allCaps: readonly boolean[], gazetteer: Gazetteer): DocEvidence {
  const capitalisedMid = new Map<string, number>();
  const lowerCase = new Map<string, number>();
  const casedForm = new Map<string, string>();
  const company = new Map<string, Set<string>>();
  const lists = (s: number, i: number): readonly string[] => gazLists[s]?.[i] ?? [];
  doc.forEach((sentence, s) => {
    if (allCaps[s]) return;
    sentence.forEach((word, i) => {
      const info = wordInfo(word, gazetteer);
      if (!info.hasLetter) return;
      const key = info.lower;
      if (info.capitalised) {
        let seen = company.get(key);
        if (!seen) company.set(key, (seen = new Set()));
        for (const list of lists(s, i - 1)) if (list === 'first' || list === 'title') seen.add(`after-${list}`);
        for (const list of lists(s, i + 1)) if (list === 'orgHead' || list === 'locHead' || list === 'facHead') seen.add(`before-${list}`);
        const prevCap = i > 0 && isCapitalised(sentence[i - 1]);
        const nextCap = isCapitalised(sentence[i + 1]);
        if (i > 0) seen.add(prevCap ? (nextCap ? 'run-mid' : 'run-last') : nextCap ? 'run-first' : 'run-single');
      }
      if (!info.hasUpper) lowerCase.set(key, (lowerCase.get(key) ?? 0) + 1);
      else if (i > 0 && !wordInfo(sentence[i - 1]!, gazetteer).opener) {
        capitalisedMid.set(key, (capitalisedMid.get(key) ?? 0) + 1);
        if (!casedForm.has(key)) casedForm.set(key, word);
      }
    });
  });
  return { capitalisedMid, lowerCase, casedForm, company };
}

/** What every feature function needs about a document besides its tokens. */
interface DocAnalysis {
  readonly gaz: string[][][];
  readonly gazLists: string[][][];
  readonly allCaps: boolean[];
  readonly evidence: DocEvidence;
}

function analyseDocument(doc: TokenDoc, gazetteer: Gazetteer): DocAnalysis {
  const gaz = doc.map((sentence) =>
    gazetteerFeatures(
      sentence,
      sentence.map((t) => wordInfo(t, gazetteer).lower),
      gazetteer,
    ),
  );
  const gazLists = gaz.map((sentence) => sentence.map((g) => (g.length === 0 ? NO_FEATURES : gazetteerListNames(g))));
  const allCaps = doc.map((sentence) => {
    let upper = false;
    for (const t of sentence) {
      const info = wordInfo(t, gazetteer);
      if (info.hasLower) return false;
      if (info.hasUpper) upper = true;
    }
    return upper;
  });
  return { gaz, gazLists, allCaps, evidence: documentEvidence(doc, gazLists, allCaps, gazetteer) };
}

// ---------------------------------------------------------------------------
// Extraction

/** Upper bound on the features of one token other than its per-token lists (hyphen parts, gazetteer, document context). */
const FIXED_FEATURES_PER_TOKEN = 48;

/** Hashed features of every sentence of a document. */
export function documentFeatures(doc: TokenDoc, hashBits: number, gazetteer: Gazetteer): SentenceFeatures[] {
  const mask = hashBits >= 32 ? 0xffffffff : (1 << hashBits) - 1;
  const { gaz, gazLists, allCaps, evidence } = analyseDocument(doc, gazetteer);
  // One buffer for the document; each sentence gets a view of its part.
  let tokenCount = 0;
  for (const sentence of doc) tokenCount += sentence.length;
  let buckets = new Uint32Array(56 * tokenCount + FIXED_FEATURES_PER_TOKEN);
  let used = 0;
  const starts: number[] = [];
  const allOffsets: Uint32Array[] = [];
  for (let s = 0; s < doc.length; s++) {
    const tokens = doc[s]!;
    const n = tokens.length;
    const infos = tokens.map((t) => wordInfo(t, gazetteer));
    const headline = allCaps[s]!;
    const sentenceGaz = gaz[s]!;
    const sentenceLists = gazLists[s]!;
    const sentenceStart = used;
    const offsets = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const word = tokens[i]!;
      const info = infos[i]!;
      const tokenGaz = sentenceGaz[i]!;
      const company = info.hasUpper ? evidence.company.get(info.lower) : undefined;
      const prevLists = i > 0 ? sentenceLists[i - 1]! : NO_FEATURES;
      const nextLists = i + 1 < n ? sentenceLists[i + 1]! : NO_FEATURES;
      const room = FIXED_FEATURES_PER_TOKEN + info.hyphenParts.length + 2 * tokenGaz.length + prevLists.length + nextLists.length + (company?.size ?? 0);
      if (used + room > buckets.length) {
        const grown = new Uint32Array(2 * buckets.length + room);
        grown.set(buckets.subarray(0, used));
        buckets = grown;
      }
      offsets[i] = used - sentenceStart;
      const prev = i > 0 ? infos[i - 1]! : BEFORE_START;
      const next = i + 1 < n ? infos[i + 1]! : AFTER_END;
      const prev2 = i > 1 ? infos[i - 2]! : BEFORE_START;
      const next2 = i + 2 < n ? infos[i + 2]! : AFTER_END;
      const own = info.own;
      buckets[used++] = BIAS & mask;
      for (let k = 0; k < 5; k++) buckets[used++] = own[k]! & mask; // w, l, s, ss, cap
      buckets[used++] = POSITION[Math.min(i, 3)]! & mask;
      buckets[used++] = CAP_POSITION[info.capIndex]![Math.min(i, 2)]! & mask;
      buckets[used++] = LAST[+(i === n - 1)]! & mask;
      buckets[used++] = prev.lPrev1 & mask;
      buckets[used++] = next.lNext1 & mask;
      buckets[used++] = prev2.lPrev2 & mask;
      buckets[used++] = next2.lNext2 & mask;
      buckets[used++] = prev.ssPrev1 & mask;
      buckets[used++] = next.ssNext1 & mask;
      buckets[used++] = prev2.ssPrev2 & mask;
      buckets[used++] = next2.ssNext2 & mask;
      buckets[used++] = fmix32(fnv(prev.lPrevL, info.form)) & mask;
      buckets[used++] = fmix32(fnv(info.lLNext, next.form)) & mask;
      buckets[used++] = fmix32(fnv(fnvChar(fnv(prev.ssTrigram, info.short), BAR), next.short)) & mask;
      buckets[used++] = fmix32(fnv(prev.lPrevSs, info.short)) & mask;
      buckets[used++] = fmix32(fnv(info.ssLNext, next.form)) & mask;
      for (let k = 5; k < own.length; k++) buckets[used++] = own[k]! & mask; // affixes
      for (const h of info.clusters) buckets[used++] = h & mask;
      if (prev.cPrev1 !== 0) buckets[used++] = prev.cPrev1 & mask;
      if (next.cNext1 !== 0) buckets[used++] = next.cNext1 & mask;
      if (headline) {
        buckets[used++] = ACL & mask;
        buckets[used++] = info.aclL & mask;
        buckets[used++] = info.aclSs & mask;
      }
      for (const h of info.hyphenParts) buckets[used++] = h & mask;
      if (tokenGaz.length > 0) {
        const cap = CAP_CLASSES[info.capIndex]!;
        for (const g of tokenGaz) {
          buckets[used++] = fmix32(fnv(T.g, g)) & mask;
          buckets[used++] = fmix32(fnv(fnvChar(fnv(T.gCap, g), BAR), cap)) & mask;
        }
      }
      for (const list of prevLists) buckets[used++] = fmix32(fnv(T.gPrev, list)) & mask;
      for (const list of nextLists) buckets[used++] = fmix32(fnv(T.gNext, list)) & mask;
      if (info.hasLetter) {
        const key = info.lower;
        const mid = (evidence.capitalisedMid.get(key) ?? 0) > 0;
        const low = (evidence.lowerCase.get(key) ?? 0) > 0;
        const ambiguousCase = headline || i === 0;
        buckets[used++] = DOC[docIndex(mid, low, info.capIndex, ambiguousCase)]! & mask;
        if (company) for (const c of company) buckets[used++] = constantHash(`dctx=${c}`) & mask;
        if (ambiguousCase) {
          const cased = evidence.casedForm.get(key);
          buckets[used++] = (cased === undefined ? ALT_NONE : cased === word ? info.alt : wordInfo(cased, gazetteer).alt) & mask;
        }
      }
    }
    offsets[n] = used - sentenceStart;
    starts.push(sentenceStart);
    allOffsets.push(offsets);
  }
  const all = buckets.slice(0, used);
  return allOffsets.map((offsets, s) => ({ buckets: all.subarray(starts[s]!, starts[s]! + offsets[offsets.length - 1]!), offsets }));
}

const BOUNDARY = '<s>';
const END = '</s>';

/**
 * The features of every token of every sentence, spelled out: the
 * specification that `documentFeatures` hashes (bucket = hash32(feature) &
 * mask, in this order). For tests and for inspecting what a model sees.
 */
export function featureStrings(doc: TokenDoc, gazetteer: Gazetteer): string[][][] {
  const { gaz, gazLists, allCaps, evidence } = analyseDocument(doc, gazetteer);
  return doc.map((tokens, s) => {
    const n = tokens.length;
    const forms = tokens.map(normalForm);
    const shapes = tokens.map(shortShape);
    const form = (i: number) => (i < 0 ? BOUNDARY : i >= n ? END : forms[i]!);
    const shape = (i: number) => (i < 0 ? BOUNDARY : i >= n ? END : shapes[i]!);
    const listsAt = (i: number) => (i < 0 || i >= n ? [] : gazLists[s]![i]!);
    return tokens.map((word, i) => {
      const lower = forms[i]!;
      const cap = capClass(word);
      const feats: string[] = [
        'bias',
        `w=${word}`,
        `l=${lower}`,
        `s=${wordShape(word)}`,
        `ss=${shapes[i]}`,
        `cap=${cap}`,
        `pos=${Math.min(i, 3)}`,
        `cap|pos=${cap}|${Math.min(i, 2)}`,
        `last=${i === n - 1}`,
        `l-1=${form(i - 1)}`,
        `l+1=${form(i + 1)}`,
        `l-2=${form(i - 2)}`,
        `l+2=${form(i + 2)}`,
        `ss-1=${shape(i - 1)}`,
        `ss+1=${shape(i + 1)}`,
        `ss-2=${shape(i - 2)}`,
        `ss+2=${shape(i + 2)}`,
        `l-1|l=${form(i - 1)}|${lower}`,
        `l|l+1=${lower}|${form(i + 1)}`,
        `ss-1|ss|ss+1=${shape(i - 1)}|${shapes[i]}|${shape(i + 1)}`,
        `l-1|ss=${form(i - 1)}|${shapes[i]}`,
        `ss|l+1=${shapes[i]}|${form(i + 1)}`,
      ];
      const lw = word.toLowerCase();
      for (let k = 1; k <= 4 && k <= lw.length; k++) feats.push(`p${k}=${lw.slice(0, k)}`, `x${k}=${lw.slice(-k)}`);
      clusterValues(word, gazetteer.clusters).forEach((v, k) => feats.push(`c${CLUSTER_LEVELS[k]}=${v}`));
      const neighbourCluster = (j: number) => (j < 0 ? BOUNDARY : j >= n ? END : clusterValues(tokens[j]!, gazetteer.clusters)[CLUSTER_CONTEXT_LEVEL]);
      const prevCluster = neighbourCluster(i - 1);
      const nextCluster = neighbourCluster(i + 1);
      if (prevCluster !== undefined) feats.push(`c${CLUSTER_LEVELS[CLUSTER_CONTEXT_LEVEL]}-1=${prevCluster}`);
      if (nextCluster !== undefined) feats.push(`c${CLUSTER_LEVELS[CLUSTER_CONTEXT_LEVEL]}+1=${nextCluster}`);
      if (allCaps[s]) feats.push('acl', `acl|l=${lower}`, `acl|ss=${shapes[i]}`);
      if (word.includes('-')) {
        for (const part of word.split('-')) if (part) feats.push(`hy=${part.toLowerCase()}`, `hys=${shortShape(part)}`);
      }
      for (const g of gaz[s]![i]!) feats.push(`g=${g}`, `g|cap=${g}|${cap}`);
      for (const list of listsAt(i - 1)) feats.push(`g-1=${list}`);
      for (const list of listsAt(i + 1)) feats.push(`g+1=${list}`);
      if (LETTER.test(word)) {
        const key = word.toLowerCase();
        const mid = (evidence.capitalisedMid.get(key) ?? 0) > 0;
        const low = (evidence.lowerCase.get(key) ?? 0) > 0;
        const ambiguousCase = allCaps[s]! || i === 0;
        feats.push(`doc=${mid}|${low}|${cap}|${ambiguousCase}`);
        if (UPPER.test(word)) for (const c of evidence.company.get(key) ?? []) feats.push(`dctx=${c}`);
        if (ambiguousCase) {
          const cased = evidence.casedForm.get(key);
          feats.push(`alt=${cased === undefined ? 'none' : shortShape(cased)}`);
        }
      }
      return feats;
    });
  });
}
