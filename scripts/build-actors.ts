/**
 * Builds the known-actor table (src/resolve/data/actors.json) from the
 * PETRARCH2/Phoenix CAMEO actor dictionaries in ../shared/data
 * (Phoenix.Countries, Phoenix.International, Phoenix.MilNonState), with
 * GeoNames countryInfo/cities15000/admin1 to name countries and to tell a
 * country's synonyms that are places inside it ("+MOSUL_" under IRAQ_).
 * Word lists: src/resolve/data/actor-words.json and heads.json, the
 * recognizer's cues and first names (src/nlp/data), Phoenix.agents.txt.
 *
 * Dictionary format (PETRARCH2 PETRreader.read_actor_dictionary): a line
 * `NAME_WITH_UNDERSCORES [CODE] # comment` starts an actor, `+ALIAS_` lines
 * are its synonyms, `[CODE restriction]` lines (indented) its codes, where the
 * restriction is empty (the default), `<date`, `>date` or `date-date`
 * (YYMMDD, 00-30 being 20YY, or YYYYMMDD). An actor line without codes shares
 * the codes of the next actor that has some. A trailing `_` means whole-word.
 *
 * Per actor the table keeps a readable name ("HAIDAR_AL_ABADI" -> "Haidar
 * al-Abadi"), its kind (person / group / igo / country), its latest code and
 * its other names. Dropped: role and generic phrases ("PRIME_MINISTER",
 * "IRAQI_SOLDIERS"), aliases shorter than three letters unless acronyms, and
 * aliases that name several actors of one class. Deterministic: sorted output.
 * Run: node --import tsx scripts/build-actors.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LETTER_OF_KIND, type ActorKind } from '../src/resolve/actor-format.js';
import { headNoun, isAcronymForm, matchKey, translitKey } from '../src/resolve/names.js';

export interface CodeRestriction {
  readonly code: string;
  /** 'default' | '<' | '>' | 'range' */
  readonly when: 'default' | 'before' | 'after' | 'range';
  /** YYYYMMDD numbers: the date of '<' and '>', or the range. */
  readonly from?: number;
  readonly to?: number;
}

export interface RawRecord {
  readonly file: string;
  readonly line: number;
  readonly primary: string;
  readonly aliases: readonly string[];
  readonly codes: readonly CodeRestriction[];
  readonly comment: string;
  /** The code stood on the name's own line, as the country blocks write it ("IRAQ_  [IRQ]"). */
  readonly inlineCode: boolean;
}

/** The word lists that steer name conversion and classification. */
export interface Words {
  readonly lowerWords: ReadonlySet<string>;
  readonly arabicArticles: ReadonlySet<string>;
  /** Lower-cased person titles that may open a name ("prime", "minister", "mr"). */
  readonly titles: ReadonlySet<string>;
  /** Lower-cased words that end a role phrase ("spokesman", "soldiers"). */
  readonly roleHeads: ReadonlySet<string>;
  /** Lower-cased words of generic phrases: agents, demonyms, titles of the apposition list. */
  readonly generic: ReadonlySet<string>;
  readonly demonyms: ReadonlySet<string>;
  readonly abbreviations: ReadonlySet<string>;
  readonly knownAcronyms: ReadonlySet<string>;
  /** Lower-cased words that make a name an organisation. */
  readonly orgWords: ReadonlySet<string>;
  readonly placeWords: ReadonlySet<string>;
  readonly personComments: readonly string[];
  readonly validOnsets: ReadonlySet<string>;
  readonly validCodas: ReadonlySet<string>;
  /** Lower-cased title words that need a head title after them ("prime", "state"). */
  readonly titleModifiers: ReadonlySet<string>;
  readonly numerals: ReadonlySet<string>;
  /** Prepositions that end the head part of a name (data/heads.json). */
  readonly prepositions: ReadonlySet<string>;
  /** First names from the recognizer's lists (CoNLL-2003 eng.train). */
  readonly firstNames: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------
// Reading the dictionaries.

/** "090120" -> 20090120, "510724" -> 19510724, "19411207" -> 19411207 (PETRARCH's reading). */
export function dateNumber(digits: string): number | null {
  const d = digits.replace(/\D/g, '');
  if (d.length > 7) return Number(d.slice(0, 8));
  if (d.length === 7) return Number(d.slice(0, 6)) * 100 + Number(d.slice(6)); // a day digit short: "2004017"
  if (d.length !== 6) return null;
  const yy = Number(d.slice(0, 2));
  return (yy <= 30 ? 2000 + yy : 1900 + yy) * 10000 + Number(d.slice(2, 6));
}

/** "[IRQGOV 20060520-20140908]" -> one restriction; several brackets on a line give several. */
export function parseCodes(text: string): CodeRestriction[] {
  const out: CodeRestriction[] = [];
  for (const m of text.matchAll(/\[([^\]]*)\]/g)) {
    const [code = '', ...rest] = (m[1] ?? '').trim().split(/\s+/);
    const restriction = rest.join('');
    if (!/^[A-Z0-9]+$/.test(code)) continue; // '---' and empty codes carry nothing
    if (restriction === '') out.push({ code, when: 'default' });
    else if (restriction.startsWith('<') || restriction.startsWith('>')) {
      const at = dateNumber(restriction.slice(1));
      if (at !== null) out.push({ code, when: restriction.startsWith('<') ? 'before' : 'after', from: at, to: at });
    } else {
      const [a = '', b = ''] = restriction.split('-');
      const from = dateNumber(a);
      const to = dateNumber(b);
      if (from !== null && to !== null && to >= from) out.push({ code, when: 'range', from, to });
    }
  }
  return out;
}

/**
 * The code in force last: the open-ended one starting latest, else the
 * default (which applies whenever no restriction does), else the dated one
 * ending latest.
 */
export function latestCode(codes: readonly CodeRestriction[]): string | null {
  const after = codes.filter((c) => c.when === 'after').sort((a, b) => (b.from ?? 0) - (a.from ?? 0));
  if (after[0]) return after[0].code;
  const defaults = codes.filter((c) => c.when === 'default');
  if (defaults.length > 0) return (defaults[defaults.length - 1] as CodeRestriction).code;
  const dated = [...codes].sort((a, b) => (b.to ?? 0) - (a.to ?? 0));
  return dated[0]?.code ?? null;
}

/** Actor records of one dictionary file, in file order. */
export function parseActorFile(text: string, file: string): RawRecord[] {
  const records: RawRecord[] = [];
  type Open = { primary: string; aliases: string[]; codes: CodeRestriction[]; comment: string; line: number; inlineCode: boolean };
  const waiting: Open[] = [];
  let current: Open | null = null;
  const close = () => {
    if (!current) return;
    if (current.codes.length === 0) {
      waiting.push(current);
    } else {
      for (const w of waiting.splice(0)) records.push({ file, ...w, codes: current.codes });
      records.push({ file, ...current });
    }
    current = null;
  };
  text.split(/\r?\n/).forEach((rawLine, i) => {
    if (rawLine.includes('---STOP---')) return;
    const hash = rawLine.indexOf('#');
    const body = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trimEnd();
    const comment = hash >= 0 ? rawLine.slice(hash + 1).trim() : '';
    const trimmed = body.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('[')) {
      current?.codes.push(...parseCodes(trimmed));
    } else if (trimmed.startsWith('+')) {
      const names = trimmed
        .replace(/\[[^\]]*\]/g, '')
        .split('+')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      current?.aliases.push(...names);
    } else {
      close();
      const bracket = trimmed.indexOf('[');
      const primary = (bracket >= 0 ? trimmed.slice(0, bracket) : trimmed).trim();
      const codes = bracket >= 0 ? parseCodes(trimmed.slice(bracket)) : [];
      current = { primary, aliases: [], codes, comment, line: i + 1, inlineCode: codes.length > 0 };
    }
  });
  close();
  for (const w of waiting) records.push({ file, ...w });
  return records.sort((a, b) => a.line - b.line);
}

// ---------------------------------------------------------------------------
// Names.

const VOWELS = /[AEIOU]/;

/**
 * Whether an upper-case dictionary word is an acronym to keep in capitals:
 * dotted initials, known acronyms, words without vowels, and short words
 * that no pronounceable word could be (an onset like "KD", a final "DP" in
 * four letters, four consonants in a row in five). `alone`: the word is the whole
 * name, where two or three letters are always an acronym ("UN", "ICJ").
 */
export function isAcronymWord(word: string, words: Words, alone: boolean): boolean {
  if (/^(?:\p{Lu}\.){2,}$/u.test(word)) return true;
  const letters = word.replace(/[^A-Za-z]/g, '').toUpperCase();
  const lower = letters.toLowerCase();
  if (letters.length < 2 || !/^[A-Z]+$/.test(word.replace(/[.&/]/g, ''))) return false;
  if (words.knownAcronyms.has(letters)) return true;
  if (words.lowerWords.has(lower) || words.arabicArticles.has(lower) || words.numerals.has(letters)) return false;
  if (words.abbreviations.has(letters[0] + lower.slice(1)) || words.titles.has(lower)) return false;
  // Y between consonants is a vowel (LYNN), next to a vowel a consonant (ANAYA).
  const vowelled = letters.replace(/(?<![AEIOU])Y(?![AEIOU])/g, 'A');
  if (!VOWELS.test(vowelled)) return true;
  if (alone && letters.length <= 3) return true;
  if (letters.length > 6) return false;
  // "MCGURK": the Scottish and Irish "Mc" comes before an ordinary onset.
  const onset = /^[^AEIOU]*/.exec(/^MC[^AEIOU]/.test(vowelled) && letters.length > 4 ? vowelled.slice(2) : vowelled)?.[0] ?? '';
  const coda = /[^AEIOU]*$/.exec(vowelled)?.[0] ?? '';
  if (onset.length > 1 && !words.validOnsets.has(onset.toLowerCase())) return true;
  if (letters.length <= 4 && coda.length > 1 && !words.validCodas.has(coda.toLowerCase())) return true;
  return letters.length <= 5 && /[^AEIOU]{4,}/.test(vowelled);
}

function capitalise(part: string): string {
  const lower = part.toLowerCase();
  const apostrophe = lower.search(/['’]/);
  const cap = (s: string) => s.replace(/^(\P{L}*)(\p{L})/u, (all: string, pre: string, c: string) => (/\d/.test(pre) ? all : pre + c.toUpperCase()));
  let out: string;
  if (apostrophe < 0) out = cap(lower);
  else {
    const head = lower.slice(0, apostrophe);
    const tail = lower.slice(apostrophe + 1);
    const mark = lower[apostrophe] ?? "'";
    // O'Neill, D'Souza and a leading apostrophe ('Iraq) capitalise after it; Children's, Sha'bi do not.
    out = head === '' || head === 'o' || head === 'd' ? cap(head) + mark + cap(tail) : cap(head) + mark + tail;
  }
  return out.replace(/^Mc(\p{Ll})/u, (_, c: string) => 'Mc' + c.toUpperCase());
}

/** One word of a name in ordinary case; `first`: it opens the name. */
function convertWord(word: string, words: Words, first: boolean, alone: boolean): string {
  const lower = word.toLowerCase();
  if (/^(?:\p{Lu}\.)+\p{Lu}?\.?$/u.test(word)) return word; // initials: "B.", "R.K.", "U.N."
  if (words.numerals.has(word) && !first) return word;
  if (isAcronymWord(word, words, alone)) return word;
  if (!first && words.lowerWords.has(lower)) return lower;
  return word
    .split('/')
    .map((piece) =>
      piece
        .split('-')
        .map((part, k, parts) => (words.arabicArticles.has(part.toLowerCase()) && k < parts.length - 1 ? part.toLowerCase() : capitalise(part)))
        .join('-'),
    )
    .join('/');
}

/**
 * A dictionary name in ordinary case, with the acronyms it gives in
 * parentheses: "HAIDAR_AL_ABADI" -> "Haidar al-Abadi",
 * "SYRIAN_OBSERVATORY_FOR_HUMAN_RIGHTS_" -> "Syrian Observatory for Human Rights",
 * "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> "Aden Abyan Islamic Army" + "AAIA".
 * Other parenthesised words ("(GREECE)") are qualifiers and dropped, as is a
 * leading "the".
 */
export function displayName(raw: string, words: Words): { name: string; acronyms: string[] } {
  const inParentheses: string[] = [];
  const text = raw
    .replace(/\(([^)]*)\)/g, (_, inner: string) => {
      inParentheses.push(inner.replace(/_/g, ' ').trim());
      return ' ';
    })
    .replace(/[_\s]+/g, ' ')
    .trim();
  const tokens = text.split(' ').filter((t) => t.length > 0 && t !== '-');
  if (tokens.length > 1 && tokens[0]?.toLowerCase() === 'the') tokens.shift();
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as string;
    const next = tokens[k + 1];
    // A stand-alone article joins the next word: "AL ABADI" -> "al-Abadi".
    if (words.arabicArticles.has(token.toLowerCase()) && next !== undefined && /^\p{L}/u.test(next)) {
      out.push(`${token.toLowerCase()}-${convertWord(next, words, false, false)}`);
      k++;
      continue;
    }
    out.push(convertWord(token, words, k === 0, tokens.length === 1));
  }
  const name = out.join(' ');
  // "(AAIA)" after "Aden Abyan Islamic Army": capitals that are the name's initials, or that no word could be.
  const acronyms = inParentheses.filter(
    (t) => /^[A-Z.&/-]+$/.test(t) && (isAcronymWord(t, words, true) || (t.length >= 2 && isSubsequence(t.replace(/[^A-Z]/g, ''), initialsOf(name, words)))),
  );
  return { name, acronyms };
}

const wordsOf = (name: string) => name.split(/\s+/).filter((w) => w.length > 0);
const isSingleWord = (name: string) => wordsOf(name).length === 1;
const lowerWordsOf = (name: string) => wordsOf(name).map((w) => w.toLowerCase().replace(/[.,]$/, ''));

/**
 * Drops a leading run of titles, with the nationalities and acronyms written
 * before them: "Prime Minister Haidar al-Abadi" -> "Haidar al-Abadi",
 * "Russian President Yeltsin" -> "Yeltsin", "UN Secretary-General Ban Ki-Moon"
 * -> "Ban Ki-Moon". Returns null when no title was dropped.
 */
export function stripTitles(name: string, words: Words): string | null {
  const ws = wordsOf(name);
  let k = 0;
  while (k < ws.length - 1 && (isTitle(ws[k] as string, words) || words.demonyms.has((ws[k] as string).toLowerCase()) || isAcronymForm(ws[k] as string))) k++;
  // The run ends on a head title ("Minister", not "Prime"; "Secretary", not "State"), before a capitalised name.
  while (k > 0 && !isHeadTitle(ws[k - 1] as string, words)) k--;
  const rest = ws.slice(k);
  if (k === 0 || !/^(?:\p{Lu}|(?:al|el)-\p{Lu})/u.test(rest[0] ?? '') || rest.every((w) => isTitle(w, words))) return null;
  return rest.join(' ');
}

const titleParts = (w: string) => w.toLowerCase().replace(/\.$/, '').split('-');
const isTitle = (w: string, words: Words) => words.titles.has(w.toLowerCase()) || titleParts(w).every((p) => words.titles.has(p));
const isHeadTitle = (w: string, words: Words) => isTitle(w, words) && !words.titleModifiers.has(titleParts(w).at(-1) ?? '');

export const hasOrgWord = (name: string, words: Words) => lowerWordsOf(name).some((w) => words.orgWords.has(w));
const hasPlaceWord = (name: string, words: Words) => lowerWordsOf(name).some((w) => words.placeWords.has(w));

/**
 * A role or a generic phrase, not a named actor: a name whose head noun is a
 * role or agent noun ("UN Secretary General", "Afghan National Army
 * Soldiers"), a run of titles ("Secretary of State"), or only agents,
 * nationalities and function words ("Iraqi Soldiers", "Muslim"). A name with
 * an organisation word stays ("Iraqi Army", "International Association of Judges"),
 * and so does a `namedBody` (an NGO or company, whose names read like roles:
 * "Doctors Without Borders", "Reliance Industries") unless it is all generic.
 */
export function isGenericPhrase(name: string, words: Words, namedBody = false): boolean {
  const ws = lowerWordsOf(name);
  if (ws.length === 0 || ws.some((w) => words.orgWords.has(w))) return false;
  if (!namedBody && words.roleHeads.has(headNoun(name, words.prepositions).toLowerCase())) return true;
  const content = ws.filter((w) => !words.lowerWords.has(w));
  if (content.every((w) => words.titles.has(w) || w.split('-').every((p) => words.titles.has(p)))) return true;
  return content.every((w) => words.generic.has(w));
}

/** Person names: capitalised words and name particles only, no organisation or place word. */
function looksLikePerson(name: string, words: Words): boolean {
  const ws = wordsOf(name);
  if (ws.length < 2 || ws.length > 6 || hasOrgWord(name, words) || hasPlaceWord(name, words)) return false;
  const particles = new Set(['bin', 'ibn', 'bint', 'de', 'da', 'di', 'del', 'della', 'do', 'dos', 'das', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'ter', 'y']);
  const lower = ws.map((w) => w.toLowerCase());
  if (lower.some((w) => words.generic.has(w) || words.titles.has(w))) return false;
  return ws.every((w) => /^(?:al|el)-/.test(w) || particles.has(w) || /^\p{Lu}/u.test(w)) && !ws.some((w) => isAcronymForm(w) && w.length > 1 && !/\.$/.test(w));
}

/** Whether a name shares a word of four or more letters (ignoring al-/el- and case) with any of the names. */
export function sharesContentWord(name: string, names: readonly string[]): boolean {
  const content = (n: string) => new Set(wordsOf(n).map((w) => w.toLowerCase().replace(/^(?:al|el)-/, '')).filter((w) => w.length >= 4));
  const own = content(name);
  return names.some((n) => [...content(n)].some((w) => own.has(w)));
}

const GROUP_CODES = new Set(['REB', 'INS', 'UAF', 'SEP', 'MIL', 'IMG', 'RAD', 'SPY', 'COP', 'LEG', 'PTY', 'JUD', 'MED']);

/**
 * A code of rebels, militias, agencies or parties ("SYRREBMUS", "ISRSPY").
 * With it, or with an NGO's code, a name that reads like a person's is one
 * only if it opens with a known first name: "Ghuraba al-Sham", "Shin Bet" and
 * "Red Cross" are groups.
 */
const groupRoleCode = (code: string | null) => (code?.match(/[A-Z]{3}/g) ?? []).slice(1).some((p) => GROUP_CODES.has(p));
const opensWithFirstName = (name: string, words: Words) => words.firstNames.has(wordsOf(name)[0] ?? '');

// ---------------------------------------------------------------------------
// Building the table.

export interface PlaceNames {
  /** ISO3 -> GeoNames country name. */
  readonly countries: ReadonlyMap<string, string>;
  /** translitKeys of places that are not countries (cities, first-level regions). */
  readonly places: ReadonlySet<string>;
}

export interface TableActor {
  readonly name: string;
  readonly kind: ActorKind;
  readonly code: string | null;
  readonly aliases: readonly string[];
}

export interface BuildStats {
  records: number;
  generic: number;
  merged: number;
  /** Synonyms of a country that are places in it, nicknames or foreign exonyms. */
  placeAliases: number;
  /** People listed as synonyms of a group ("Abu Bakr al-Baghdadi" under ISIL). */
  personAliases: number;
  shortAliases: number;
  ambiguousAliases: number;
}

interface Draft {
  name: string;
  kind: ActorKind;
  codes: CodeRestriction[];
  aliases: string[];
  /** The dictionary's own name, converted: a country renamed after GeoNames keeps it for alias checks. */
  primary: string;
}

const CLASS: Record<ActorKind, string> = { person: 'person', group: 'org', igo: 'org', country: 'place' };
const formKey = (kind: ActorKind, form: string) => `${CLASS[kind]}\u0000${isAcronymForm(form) ? 'A:' : ''}${matchKey(form)}`;
const letterCount = (s: string) => (s.match(/\p{L}/gu) ?? []).length;

/** One record as a draft actor, or null for a role or generic phrase. */
function draftOf(record: RawRecord, words: Words, places: PlaceNames): Draft | null {
  const primary = displayName(record.primary, words);
  const aliasNames = record.aliases.map((a) => displayName(a, words));
  const code = latestCode(record.codes);
  const personComment = words.personComments.some((c) => record.comment.includes(c));
  // Companies and NGOs: "General Electric" is no General.
  const namedBody = /^(?:NGO|MNC)/.test(code ?? '') || record.file.includes('MilNonState');
  const stripped = namedBody ? null : stripTitles(primary.name, words);
  let name = stripped ?? primary.name;
  const org = hasOrgWord(primary.name, words);
  // Countries and territories: a bare country code, or a code on the name's line in the country blocks.
  const countryLike = record.file.includes('Countries') && !personComment && code !== null && (/^[A-Z]{3}$/.test(code) || (record.inlineCode && !org));
  const personLike =
    looksLikePerson(name, words) && !code?.startsWith('MNC') && (opensWithFirstName(name, words) || !(namedBody || groupRoleCode(code)));
  const igoOrGroup: ActorKind = record.file.includes('International') && code?.startsWith('IGO') ? 'igo' : 'group';
  let kind: ActorKind;
  if (record.file.includes('MilNonState')) kind = 'group';
  else if (countryLike) kind = 'country';
  else if (org) kind = igoOrGroup;
  else if (personComment || stripped !== null || personLike) kind = 'person';
  else kind = igoOrGroup;
  if (kind !== 'person') name = primary.name;
  if (!personComment && stripped === null && isGenericPhrase(name, words, namedBody)) return null;
  if (letterCount(name) === 0) return null;

  let aliases = [primary.name, ...primary.acronyms, ...aliasNames.flatMap((a) => [a.name, ...a.acronyms])];
  if (kind === 'person') {
    // A single word that is a common first name ("+HOWARD") says too little to stand for the person.
    aliases = aliases
      .map((a) => stripTitles(a, words) ?? a)
      .filter((a) => !hasOrgWord(a, words) && !(isSingleWord(a) && words.firstNames.has(a.replace(/^(?:al|el)-/, ''))));
  }
  aliases = aliases.filter((a) => !isGenericPhrase(a, words, namedBody));
  if (kind === 'country' && code !== null) {
    // GeoNames names the country when the dictionary writes its name as one of the forms.
    const geo = places.countries.get(code);
    if (geo && [name, ...aliases].some((f) => matchKey(f) === matchKey(geo))) name = geo;
  }
  return { name, kind, codes: [...record.codes], aliases, primary: primary.name };
}

const initialsOf = (name: string, words: Words) =>
  wordsOf(name)
    .filter((w) => !words.lowerWords.has(w.toLowerCase()))
    .map((w) => w.replace(/^(?:al|el)-/, '')[0] ?? '')
    .join('')
    .toUpperCase();

const isSubsequence = (short: string, long: string) => {
  let k = 0;
  for (const c of long) if (c === short[k]) k++;
  return k === short.length;
};

/**
 * Whether a country's synonym names the country itself rather than a place in
 * it or a nickname: a spelling of the name (same first three letters of the
 * transliteration key, or containing its first four: "Irak", "Al 'Iraq",
 * "Komara Iraqe") or an acronym made of its initials ("USA", "U.S.").
 */
export function namesTheCountry(alias: string, names: readonly string[], words: Words): boolean {
  if (isAcronymForm(alias)) {
    const letters = alias.replace(/[^A-Z]/g, '');
    return names.some((n) => /\s/.test(n) && letters.length >= 2 && isSubsequence(letters, initialsOf(n, words)));
  }
  const key = translitKey(alias);
  return names.some((n) => {
    const own = translitKey(n);
    return own.length >= 3 && (key.slice(0, 3) === own.slice(0, 3) || (own.length >= 4 && key.includes(own.slice(0, 4))));
  });
}

/** Code prefixes (country or IGO) an actor has held: two people of one name are one actor only if they share one. */
const prefixesOf = (codes: readonly CodeRestriction[]) => new Set(codes.map((c) => c.code.slice(0, 3)));

/**
 * The table from parsed records: records of one class whose names share a
 * key and a code prefix (the country or IGO, first three letters of any of
 * their codes) are one actor; alias lists are cleaned and ambiguous aliases
 * dropped.
 */
export function buildTable(records: readonly RawRecord[], words: Words, places: PlaceNames): { actors: TableActor[]; stats: BuildStats } {
  const stats: BuildStats = { records: records.length, generic: 0, merged: 0, placeAliases: 0, personAliases: 0, shortAliases: 0, ambiguousAliases: 0 };
  // Records of one name and class are one actor when they share a code prefix (or neither has codes).
  const byKey = new Map<string, Draft[]>();
  for (const record of records) {
    const draft = draftOf(record, words, places);
    if (!draft) {
      stats.generic++;
      continue;
    }
    const key = formKey(draft.kind, draft.name);
    const same = byKey.get(key) ?? [];
    const mine = prefixesOf(draft.codes);
    const seen = same.find((d) => {
      const theirs = prefixesOf(d.codes);
      return (mine.size === 0 && theirs.size === 0) || [...mine].some((p) => theirs.has(p));
    });
    if (seen) {
      stats.merged++;
      seen.codes.push(...draft.codes);
      seen.aliases.push(draft.primary, ...draft.aliases);
      if (draft.kind === 'igo') seen.kind = 'igo';
    } else byKey.set(key, [...same, draft]);
  }
  const drafts = [...byKey.values()].flat();
  const personKeys = new Set<string>();
  for (const d of drafts) if (d.kind === 'person') for (const f of [d.name, ...d.aliases]) personKeys.add(translitKey(f));

  // Clean alias lists: no places under a country, no one- or two-letter words
  // unless acronyms, nothing equal to the name, one spelling per key.
  const cleaned = drafts.map((d) => {
    const own = formKey(d.kind, d.name);
    const seen = new Set([own]);
    const aliases: string[] = [];
    for (const alias of d.aliases) {
      const key = formKey(d.kind, alias);
      if (seen.has(key)) continue;
      seen.add(key);
      if (letterCount(alias) < 3 && !(isAcronymForm(alias) && letterCount(alias) >= 2)) {
        stats.shortAliases++;
        continue;
      }
      if (d.kind === 'country' && (places.places.has(translitKey(alias)) || hasPlaceWord(alias, words) || !namesTheCountry(alias, [d.name, d.primary], words))) {
        stats.placeAliases++;
        continue;
      }
      if (d.kind !== 'person' && /\s/.test(alias) && personKeys.has(translitKey(alias))) {
        stats.personAliases++;
        continue;
      }
      // Phoenix files a group's members and leaders under the group ("Zarqawi", "Abu Bakr al-Baghdadi" under
      // ISIL): a group keeps an alias only when it is an acronym, names an organisation, or shares a word with the
      // group's own name.
      if ((d.kind === 'group' || d.kind === 'igo') && !isAcronymForm(alias) && !hasOrgWord(alias, words) && !sharesContentWord(alias, [d.name, d.primary])) {
        stats.personAliases++;
        continue;
      }
      aliases.push(alias);
    }
    return { ...d, aliases };
  });

  // An alias naming several actors of one class says nothing; a canonical name beats another actor's alias.
  const canonicalOwners = new Map<string, number>();
  const aliasOwners = new Map<string, Set<number>>();
  cleaned.forEach((d, i) => {
    canonicalOwners.set(formKey(d.kind, d.name), canonicalOwners.has(formKey(d.kind, d.name)) ? -1 : i);
    for (const a of d.aliases) {
      const key = formKey(d.kind, a);
      aliasOwners.set(key, (aliasOwners.get(key) ?? new Set()).add(i));
    }
  });
  const actors = cleaned.map((d): TableActor => {
    const aliases = d.aliases.filter((a) => {
      const key = formKey(d.kind, a);
      const ok = !canonicalOwners.has(key) && (aliasOwners.get(key)?.size ?? 0) === 1;
      if (!ok) stats.ambiguousAliases++;
      return ok;
    });
    return { name: d.name, kind: d.kind, code: latestCode(d.codes), aliases: [...aliases].sort() };
  });
  actors.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : (a.code ?? '') < (b.code ?? '') ? -1 : 1));
  return { actors, stats };
}

// ---------------------------------------------------------------------------
// Inputs.

const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** The word lists from src/resolve/data/actor-words.json, the recognizer's cues and the Phoenix agents dictionary. */
export function loadWords(): Words {
  const w = readJson<Record<string, string[]>>(here('../src/resolve/data/actor-words.json'));
  const cues = readJson<Record<string, string[]>>(here('../src/nlp/data/cues.json'));
  const lower = (xs: readonly string[] | undefined) => (xs ?? []).map((x) => x.toLowerCase());
  const agents = new Set<string>();
  for (const line of readFileSync(`${shared}petrarch2-cameo-dictionaries/Phoenix.agents.txt`, 'utf8').split('\n')) {
    const m = /^([A-Z][A-Z'-]*)_?\s*(?:\{[^}]*\})?\s*\[/.exec(line.trim());
    if (!m || m[1]?.includes('!')) continue;
    const word = (m[1] as string).toLowerCase();
    agents.add(word);
    agents.add(word.endsWith('y') ? `${word.slice(0, -1)}ies` : word.endsWith('s') || word.endsWith('h') ? `${word}es` : `${word}s`);
    if (word.endsWith('man')) agents.add(`${word.slice(0, -3)}men`);
  }
  const orgWords = new Set(lower([...(w.orgWords ?? []), ...(cues.orgHeads ?? []), ...(cues.singleWordOrgs ?? [])]));
  const titles = new Set(lower([...(cues.personTitles ?? []), ...(w.leadingTitles ?? [])]));
  const roleHeads = new Set([...lower(cues.lowerTitles), ...agents].filter((x) => !orgWords.has(x)));
  return {
    lowerWords: new Set(lower(w.lowerWords)),
    arabicArticles: new Set(lower(w.arabicArticles)),
    titles,
    roleHeads,
    generic: new Set([...agents, ...lower(cues.demonyms), ...lower(cues.lowerTitles)]),
    demonyms: new Set(lower(cues.demonyms)),
    abbreviations: new Set(w.abbreviations ?? []),
    knownAcronyms: new Set(w.knownAcronyms ?? []),
    orgWords,
    placeWords: new Set(lower(w.placeWords)),
    personComments: w.personComments ?? [],
    validOnsets: new Set(lower(w.validOnsets)),
    validCodas: new Set(lower(w.validCodas)),
    titleModifiers: new Set(lower(cues.titleModifiers)),
    numerals: new Set(w.ordinalsAndNumerals ?? []),
    prepositions: new Set(readJson<{ prepositions: string[] }>(here('../src/resolve/data/heads.json')).prepositions),
    firstNames: new Set(readJson<{ firstNames: string[] }>(here('../src/nlp/data/lists.json')).firstNames),
  };
}

/** GeoNames country names by ISO3, and the names of cities and first-level regions that are not also country names. */
export function loadPlaces(): PlaceNames {
  const geo = `${shared}geonames-gazetteer/`;
  const countries = new Map<string, string>();
  for (const line of readFileSync(`${geo}countryInfo.txt`, 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const f = line.split('\t');
    if (f[1] && f[4]) countries.set(f[1], f[4]);
  }
  const countryKeys = new Set([...countries.values()].map(translitKey));
  const places = new Set<string>();
  const add = (name: string | undefined) => {
    if (!name || !/\p{Lu}/u.test(name) || !/^[\p{Script=Latin}\s'’.-]+$/u.test(name)) return;
    const key = translitKey(name);
    if (key.length > 2 && !countryKeys.has(key)) places.add(key);
  };
  for (const line of gunzipSync(readFileSync(`${geo}cities15000.txt.gz`)).toString('utf8').split('\n')) {
    const f = line.split('\t');
    add(f[1]);
    add(f[2]);
    for (const alt of (f[3] ?? '').split(',')) add(alt);
  }
  for (const line of readFileSync(`${geo}admin1CodesASCII.txt`, 'utf8').split('\n')) {
    const f = line.split('\t');
    add(f[1]);
    add(f[2]);
  }
  return { countries, places };
}

export const ACTOR_FILES = ['Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt'];

function main(): void {
  const t0 = performance.now();
  const words = loadWords();
  const places = loadPlaces();
  const records = ACTOR_FILES.flatMap((f) => parseActorFile(readFileSync(`${shared}petrarch2-cameo-dictionaries/${f}`, 'utf8'), f));
  const { actors, stats } = buildTable(records, words, places);
  const rows = actors.map((a) => [a.name, LETTER_OF_KIND[a.kind], a.code ?? '', ...a.aliases]);
  const body =
    '{"_source":"built by scripts/build-actors.ts from the PETRARCH2/Phoenix CAMEO actor dictionaries (MIT, Open Event Data Alliance) and GeoNames country names (CC-BY 4.0); rows: name, kind (p person, g group, i igo, c country), latest CAMEO code, aliases","actors":[\n' +
    rows.map((r) => JSON.stringify(r)).join(',\n') +
    '\n]}\n';
  const out = here('../src/resolve/data/actors.json');
  writeFileSync(out, body);
  const kinds = new Map<string, number>();
  for (const a of actors) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  const aliasCount = actors.reduce((n, a) => n + a.aliases.length, 0);
  console.log(
    `records ${stats.records}: dropped ${stats.generic} generic or role phrases, merged ${stats.merged}; ` +
      `aliases dropped: ${stats.placeAliases} places or nicknames under a country, ${stats.personAliases} people or unrelated names under a group, ${stats.shortAliases} too short, ${stats.ambiguousAliases} ambiguous`,
  );
  console.log(
    `actors ${actors.length} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}), aliases ${aliasCount}, ` +
      `${Buffer.byteLength(body)} bytes -> ${out} in ${Math.round(performance.now() - t0)} ms`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
