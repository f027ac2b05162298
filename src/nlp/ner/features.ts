/**
 * Observation features of the statistical recognizer, hashed into a fixed
 * table so the model needs no feature dictionary.
 *
 * A document is a list of sentences of token strings. Every token gets
 * word, shape, affix, context, position, gazetteer and document-level
 * features; each feature is a string `template=value` hashed to a bucket in
 * `[0, 2^hashBits)`. Features look only at the text, never at tags, so one
 * pass per document serves both training and Viterbi decoding.
 *
 * Document-level features carry evidence across sentences: a sentence-initial
 * or headline (all-caps) word is ambiguous on its own, but the same form
 * written capitalised mid-sentence, or lower-cased, elsewhere in the same
 * document says whether it is a name.
 */
import { hash32 } from '../../core/hash.js';
import cues from '../data/cues.json' with { type: 'json' };
import lists from '../data/lists.json' with { type: 'json' };
import aliases from '../../resolve/data/aliases.json' with { type: 'json' };
import outlets from '../../clean/data/outlets.json' with { type: 'json' };

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

// ---------------------------------------------------------------------------
// Word forms

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;

/** Character classes: Xx for letters by case, d for digits, other characters kept. Capped so long words share shapes. */
export function wordShape(word: string): string {
  let out = '';
  for (const ch of word) {
    if (out.length >= 12) break;
    if (/\p{Lu}/u.test(ch)) out += 'X';
    else if (/\p{L}/u.test(ch)) out += 'x';
    else if (/\p{N}/u.test(ch)) out += 'd';
    else out += ch;
  }
  return out;
}

/** Shape with runs collapsed: "Xxxxx" -> "Xx", "d,ddd" -> "d,d". */
export function shortShape(word: string): string {
  const shape = wordShape(word);
  let out = '';
  for (const ch of shape) if (out[out.length - 1] !== ch) out += ch;
  return out;
}

/** Lower case with digits folded to 0, so "1996-08-22" and "1997-01-05" share a form. */
const normalForm = (word: string) => word.toLowerCase().replace(/\p{N}/gu, '0');

const capClass = (word: string): string => {
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

export interface Gazetteer {
  /** Exact-case phrase (tokens joined by a space) -> list names. */
  readonly exact: Map<string, Set<string>>;
  /** Lower-cased phrase -> list names, for headlines and odd casing. */
  readonly lower: Map<string, Set<string>>;
}

/**
 * The project's word lists as the recognizer sees them. A trained model
 * stores the snapshot it was trained with, because these files keep growing
 * and features must not drift under a saved model.
 */
export function projectGazetteerLists(): GazetteerLists {
  const aliasLists: Record<string, string[]> = {};
  for (const e of aliases.entities) (aliasLists[`alias${e.type}`] ??= []).push(e.name, ...e.aliases);
  return {
    place: lists.places,
    first: lists.firstNames,
    demonym: cues.demonyms,
    orgHead: cues.orgHeads,
    orgLead: cues.orgLeading,
    locHead: cues.locHeads,
    facHead: cues.facHeads,
    eventHead: cues.eventHeads,
    title: cues.personTitles,
    ltitle: cues.lowerTitles,
    speech: cues.speechVerbs,
    notName: cues.notNames,
    region: cues.regions,
    calendar: cues.weekdaysMonths,
    particle: cues.nameParticles,
    ...aliasLists,
    outlet: outlets.outlets.flatMap((o) => [o.name, ...o.aliases.filter((a) => UPPER.test(a))]),
  };
}

export function buildGazetteer(source: GazetteerLists): Gazetteer {
  const exact = new Map<string, Set<string>>();
  const lower = new Map<string, Set<string>>();
  for (const [list, entries] of Object.entries(source)) {
    for (const entry of entries) {
      const toks = entryTokens(entry);
      if (toks.length === 0 || toks.length > GAZ_MAX_TOKENS) continue;
      const key = toks.join(' ');
      for (const [map, k] of [
        [exact, key],
        [lower, key.toLowerCase()],
      ] as const) {
        let names = map.get(k);
        if (!names) map.set(k, (names = new Set()));
        names.add(list);
      }
    }
  }
  return { exact, lower };
}

/**
 * For each token, the gazetteer features it takes part in: `list:position:case`
 * where position is B/I/L/U of the longest entry covering it and case says
 * whether the entry matched with its exact case (e) or only lower-cased (l).
 */
function gazetteerFeatures(tokens: readonly string[], gazetteer: Gazetteer): string[][] {
  const out: string[][] = tokens.map(() => []);
  const covered = tokens.map(() => new Set<string>());
  const lowered = tokens.map((t) => t.toLowerCase());
  for (let len = Math.min(GAZ_MAX_TOKENS, tokens.length); len >= 1; len--) {
    for (let i = 0; i + len <= tokens.length; i++) {
      const lowerKey = lowered.slice(i, i + len).join(' ');
      const lowerLists = gazetteer.lower.get(lowerKey);
      if (!lowerLists) continue;
      const exactLists = gazetteer.exact.get(tokens.slice(i, i + len).join(' '));
      for (const list of lowerLists) {
        const caseTag = exactLists?.has(list) ? 'e' : 'l';
        for (let k = i; k < i + len; k++) {
          const tag = `${list}:${caseTag}`;
          if (covered[k]!.has(tag)) continue;
          covered[k]!.add(tag);
          const position = len === 1 ? 'U' : k === i ? 'B' : k === i + len - 1 ? 'L' : 'I';
          out[k]!.push(`${list}:${position}:${caseTag}`);
        }
      }
    }
  }
  return out;
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

function documentEvidence(doc: TokenDoc, gaz: readonly (readonly string[][])[]): DocEvidence {
  const capitalisedMid = new Map<string, number>();
  const lowerCase = new Map<string, number>();
  const casedForm = new Map<string, string>();
  const company = new Map<string, Set<string>>();
  const lists = (s: number, i: number) => (gaz[s]?.[i] ?? []).map((g) => g.slice(0, g.indexOf(':')));
  doc.forEach((sentence, s) => {
    if (isAllCapsSentence(sentence)) return;
    sentence.forEach((word, i) => {
      if (!LETTER.test(word)) return;
      const key = word.toLowerCase();
      if (isCapitalised(word)) {
        let seen = company.get(key);
        if (!seen) company.set(key, (seen = new Set()));
        for (const list of lists(s, i - 1)) if (list === 'first' || list === 'title') seen.add(`after-${list}`);
        for (const list of lists(s, i + 1)) if (list === 'orgHead' || list === 'locHead' || list === 'facHead') seen.add(`before-${list}`);
        const prevCap = i > 0 && isCapitalised(sentence[i - 1]);
        const nextCap = isCapitalised(sentence[i + 1]);
        if (i > 0) seen.add(prevCap ? (nextCap ? 'run-mid' : 'run-last') : nextCap ? 'run-first' : 'run-single');
      }
      if (!UPPER.test(word)) lowerCase.set(key, (lowerCase.get(key) ?? 0) + 1);
      else if (i > 0 && !/^["'“‘(\-–—:]$/u.test(sentence[i - 1] ?? '')) {
        capitalisedMid.set(key, (capitalisedMid.get(key) ?? 0) + 1);
        if (!casedForm.has(key)) casedForm.set(key, word);
      }
    });
  });
  return { capitalisedMid, lowerCase, casedForm, company };
}

// ---------------------------------------------------------------------------
// Extraction

const BOUNDARY = '<s>';
const END = '</s>';

/** Hashed features of every sentence of a document. */
export function documentFeatures(doc: TokenDoc, hashBits: number, gazetteer: Gazetteer): SentenceFeatures[] {
  const gaz = doc.map((sentence) => gazetteerFeatures(sentence, gazetteer));
  const evidence = documentEvidence(doc, gaz);
  return doc.map((sentence, s) => sentenceFeatures(sentence, gaz[s]!, evidence, hashBits));
}

function sentenceFeatures(tokens: readonly string[], gaz: readonly string[][], evidence: DocEvidence, hashBits: number): SentenceFeatures {
  const mask = hashBits >= 32 ? 0xffffffff : (1 << hashBits) - 1;
  const n = tokens.length;
  const allCaps = isAllCapsSentence(tokens);
  const forms = tokens.map(normalForm);
  const shapes = tokens.map(shortShape);
  const form = (i: number) => (i < 0 ? BOUNDARY : i >= n ? END : forms[i]!);
  const shape = (i: number) => (i < 0 ? BOUNDARY : i >= n ? END : shapes[i]!);
  const gazLists = (i: number) => (i < 0 || i >= n ? [] : [...new Set(gaz[i]!.map((g) => g.slice(0, g.indexOf(':'))))]);

  const buckets: number[] = [];
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const word = tokens[i]!;
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
    if (allCaps) feats.push('acl', `acl|l=${lower}`, `acl|ss=${shapes[i]}`);
    if (word.includes('-')) {
      for (const part of word.split('-')) if (part) feats.push(`hy=${part.toLowerCase()}`, `hys=${shortShape(part)}`);
    }
    for (const g of gaz[i]!) feats.push(`g=${g}`, `g|cap=${g}|${cap}`);
    for (const list of gazLists(i - 1)) feats.push(`g-1=${list}`);
    for (const list of gazLists(i + 1)) feats.push(`g+1=${list}`);
    if (LETTER.test(word)) {
      const key = word.toLowerCase();
      const mid = (evidence.capitalisedMid.get(key) ?? 0) > 0;
      const low = (evidence.lowerCase.get(key) ?? 0) > 0;
      const ambiguousCase = allCaps || i === 0;
      feats.push(`doc=${mid}|${low}|${cap}|${ambiguousCase}`);
      if (UPPER.test(word)) for (const c of evidence.company.get(key) ?? []) feats.push(`dctx=${c}`);
      if (ambiguousCase) {
        const cased = evidence.casedForm.get(key);
        feats.push(`alt=${cased === undefined ? 'none' : shortShape(cased)}`);
      }
    }
    offsets[i] = buckets.length;
    for (const f of feats) buckets.push(hashString(f) & mask);
  }
  offsets[n] = buckets.length;
  return { buckets: Uint32Array.from(buckets), offsets };
}
