/**
 * Quantities stated in a sentence or quotation: the figures that claims are
 * compared on ("more than 9,000 Daesh fighters", "at least 16 people were
 * killed", "$5 million").
 *
 * A figure is a number in digits ("9,000", "3.5", "40%", "2m", "£30bn") or
 * in words ("twenty-five", "a dozen", "1.2 million", "tens of thousands"),
 * a range ("1,500-2,000", "between 20 and 30", "two to three hundred"), and
 * the qualifier before it, which sets the bounds: "more than X" gives min X
 * (an exclusive bound, qualifier 'gt'), "at least X" min X ('gte'), "fewer
 * than X" max X ('lt'), "up to X" max X ('lte'), "about X" min = max = X
 * with `approximate`. Vague amounts give a lower bound only ("dozens" 24,
 * "hundreds" 200, "thousands" 2,000, "tens of thousands" 20,000), flagged
 * approximate.
 *
 * The unit is what is counted: the head noun after the number, past
 * modifiers and entity names ("9,000 Daesh fighters" -> fighters). When the
 * figure counts casualties or detentions ("16 people were killed", "killing
 * 16", "16 dead") the unit is the state, in one name per meaning ('killed',
 * 'wounded', 'displaced', 'arrested', ...), and the noun is kept apart. Money
 * takes the currency's ISO code as unit with the amount multiplied out.
 * A figure that counts nothing named is left out: a number without a unit
 * cannot be compared with another claim, and precision matters more here
 * than recall.
 *
 * `of` is the entity the counted things belong to: an organisation, people
 * or country named between the number and the noun ("Daesh fighters"), or
 * an organisation or people after "of"/"from" ("fighters of ISIS"); places
 * after "from" are where they come from, not whose they are.
 *
 * Not figures: years and dates, clock times, ordinals, phone numbers, ages,
 * durations ("three days"), references ("page 3", "Resolution 2254",
 * "Route 66"), model names ("F-16", "S-400") and numbers inside entity names.
 *
 * Pure: text, range and entities in, quantities out; spans index `text`.
 */
import type { Entity, EntityType, Quantity, Token as DocToken } from '../core/doc.js';
import words from './data/quantities.json' with { type: 'json' };
import { alternation, escapeRegExp } from '../core/patterns.js';

/** A quantity with how it was bounded. */
export interface StatedQuantity extends Quantity {
  /** The bound the wording set: gt/lt exclusive, gte/lte inclusive, approx about. */
  readonly qualifier?: 'gt' | 'gte' | 'lt' | 'lte' | 'approx';
  /** An estimate: "about", "nearly", vague amounts ("dozens"), "two or three". */
  readonly approximate?: boolean;
  /** The counted noun when the unit is a state or a currency ("people" in "16 people killed"). */
  readonly noun?: string;
}

type Qualifier = NonNullable<StatedQuantity['qualifier']>;

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: 'num' | 'word' | 'sym';
}

interface Located {
  readonly start: number;
  readonly end: number;
  readonly entity: Entity;
}

/** A number read from the tokens: its value, whether vague, and the tokens it took. */
interface Amount {
  readonly value: number;
  readonly vague: boolean;
  /** First token after the amount. */
  readonly next: number;
  /** Whether a scale word or abbreviation was read ("million", "m"). */
  readonly scaled: boolean;
  /** The abbreviation read, if any ("m", "bn"). */
  readonly abbreviation: string | null;
}

const UNITS = words.units as Record<string, number>;
const TENS = words.tens as Record<string, number>;
const SCALES = words.scales as Record<string, number>;
const SCALE_ABBREVIATIONS = words.scaleAbbreviations as Record<string, number>;
const VAGUE = words.vague as Record<string, number>;
const VAGUE_NEEDS_OF = new Set(words.vagueNeedsOf);
const CURRENCY_SYMBOLS = words.currencySymbols as Record<string, string>;
const CURRENCY_PREFIXES = words.currencyPrefixes as Record<string, string>;
const CURRENCY_WORDS = words.currencyWords as Record<string, string>;
const STATES = words.states as Record<string, string>;
const STATE_UNITS = new Set(Object.values(STATES));
const LONE_ONE_UNITS = new Set(words.loneOneUnits);

/** The index after a bracketed insert at `k` ("Islamic State [Daesh] fighters"), else `k`. */
function skipBrackets(tokens: readonly Token[], k: number): number {
  const open = tokens[k]?.text;
  const close = open === '[' ? ']' : open === '(' ? ')' : null;
  if (!close) return k;
  for (let e = k + 1; e < tokens.length && e <= k + 6; e++) if (tokens[e]!.text === close) return e + 1;
  return k;
}
const STATE_VERBS = words.stateVerbs as Record<string, string>;
const STATE_NOUNS = words.stateNouns as Record<string, string>;
const AUXILIARIES = new Set(words.auxiliaries);
/** Before a state verb these make it passive ("were killed 6 of them"): the verb's object is not the number. */
const PASSIVE = new Set(['were', 'was', 'been', 'are', 'is', 'be', 'being']);
const MODIFIERS = new Set(words.modifiers);
const STOPWORDS = new Set(words.stopwords);
const TIME_NOUNS = new Set(words.timeNouns);
const MEASURE_ADJECTIVES = new Set(words.measureAdjectives);
const UNIT_ALIASES = words.unitAliases as Record<string, string>;
const NAME_WORDS = new Set(words.nameWords);
const INVARIANT_PLURALS = new Set(words.invariantPlurals);
const AREA_WORDS = new Set(words.areaWords);
const FRACTIONS = new Set(words.fractions);
const YEAR_PREPOSITIONS = new Set(words.yearPrepositions);
const CALENDAR = new Set([...words.months, ...words.weekdays]);
const TIME_AFTER = new RegExp(words.timeAfter, 'i');
const TOLL = new RegExp(words.tollPattern, 'i');


/** Qualifier phrases, longest first, each matched at the end of the text before a number. */
const QUALIFIERS: readonly { readonly kind: Qualifier; readonly pattern: RegExp }[] = (Object.entries(words.qualifiers) as [Qualifier, string[]][])
  .flatMap(([kind, list]) => list.map((phrase) => ({ kind, phrase })))
  .sort((a, b) => b.phrase.length - a.phrase.length)
  .map(({ kind, phrase }) => ({ kind, pattern: new RegExp(`(?:^|[^\\p{L}\\p{N}])(${escapeRegExp(phrase).replace(/ /g, '\\s+')})\\s+$`, 'iu') }));

const PERCENT = new RegExp(`^\\s*(?:%|(?:${alternation(words.percentWords).replace(/ /g, '\\s+')})\\b)`, 'i');
const CURRENCY_AFTER = new RegExp(`^\\s+(${alternation(Object.keys(CURRENCY_WORDS)).replace(/ /g, '\\s+')})\\b`, 'i');

/** Entity types whose name between a number and its noun makes them the owner. */
const OWNER_BETWEEN: ReadonlySet<EntityType> = new Set(['ORG', 'NORP', 'GPE']);
/** After "of"/"from" only organisations and peoples own: "fighters from Mosul" come from a place. */
const OWNER_AFTER: ReadonlySet<EntityType> = new Set(['ORG', 'NORP']);

/** How the reader sees a token's characters: numbers with their separators, words with inner apostrophes and hyphens, symbols. */
const UNIT = /(\d+(?:[.,:]\d+)*)|(\p{L}+(?:['’-]\p{L}+)*)|(\S)/gu;
const POSSESSIVE = /^['’][sS]$/;

/**
 * The reader's units over the document's tokens in [from, to): each token of
 * the one tokenizer (nlp/tokens.ts) is cut where the reader needs finer units
 * ("40%" -> 40 %, "16-year-old" -> 16 - year-old), and a possessive joins the
 * word before it ("Syria's" is one unit, as owners are read).
 */
export function readerUnits(tokens: readonly DocToken[], from: number, to: number): Token[] {
  const out: Token[] = [];
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < tokens.length && tokens[i]!.start < to; i++) {
    const t = tokens[i]!;
    const start = Math.max(t.start, from);
    const text = t.text.slice(start - t.start, Math.min(t.end, to) - t.start);
    const prev = out[out.length - 1];
    if (POSSESSIVE.test(text) && prev && prev.kind === 'word' && prev.end === start) {
      out[out.length - 1] = { ...prev, end: start + text.length, text: prev.text + text };
      continue;
    }
    for (const m of text.matchAll(UNIT)) {
      const at = start + m.index;
      out.push({ start: at, end: at + m[0].length, text: m[0], kind: m[1] ? 'num' : m[2] ? 'word' : 'sym' });
    }
  }
  return out;
}

function locate(entities: readonly Entity[]): Located[] {
  return entities.flatMap((entity) => entity.mentions.map((m) => ({ start: m.start, end: m.end, entity }))).sort((a, b) => a.start - b.start);
}

const mentionAt = (mentions: readonly Located[], start: number) => mentions.find((m) => m.start <= start && start < m.end);
const overlapsMention = (mentions: readonly Located[], start: number, end: number) => mentions.some((m) => m.start < end && start < m.end);

/** Digits as a number: "9,000" -> 9000; malformed grouping ("1,5") and clock times ("10:30") -> null. */
function digitValue(s: string): number | null {
  if (s.includes(':')) return null;
  if (s.includes(',') && !/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) return null;
  if ((s.match(/\./g) ?? []).length > 1) return null;
  return Number(s.replace(/,/g, ''));
}

const lower = (t: Token | undefined) => (t ? t.text.toLowerCase() : '');
const adjacent = (a: Token | undefined, b: Token | undefined) => !!a && !!b && a.end === b.start;

/** Number words from token i: "twenty-five", "three hundred and fifty", "a dozen", "half a million". */
function readWords(tokens: readonly Token[], i: number): Amount | null {
  let total = 0;
  let current = 0;
  let j = i;
  let read = false;
  let scaled = false;
  const first = lower(tokens[i]);
  if (first === 'a' || first === 'an' || first === 'half') {
    // "a dozen", "a hundred", "half a million", "half a dozen".
    let k = i + 1;
    let factor = 1;
    if (first === 'half') {
      if (lower(tokens[k]) !== 'a') return null;
      factor = 0.5;
      k++;
    }
    const w = lower(tokens[k]);
    if (w === 'dozen') return { value: 12 * factor, vague: false, next: k + 1, scaled: false, abbreviation: null };
    const scale = SCALES[w];
    if (scale === undefined) return null;
    current = factor;
    j = k;
    read = true;
  }
  while (j < tokens.length) {
    const t = tokens[j]!;
    const w = lower(t);
    if (t.kind !== 'word') break;
    const parts = w.split('-');
    if (parts.length === 2 && TENS[parts[0]!] !== undefined && UNITS[parts[1]!] !== undefined && UNITS[parts[1]!]! < 10 && UNITS[parts[1]!]! > 0) {
      current += TENS[parts[0]!]! + UNITS[parts[1]!]!;
    } else if (UNITS[w] !== undefined && (!read || current % 10 === 0)) {
      if (read && current % 100 !== 0 && UNITS[w]! >= 10) break;
      current += UNITS[w]!;
    } else if (TENS[w] !== undefined && (!read || current % 100 === 0)) {
      current += TENS[w]!;
    } else if (w === 'hundred' && read) {
      current = (current || 1) * 100;
      scaled = true;
    } else if (w === 'dozen' && read && current > 0 && current < 20) {
      current *= 12;
    } else if (SCALES[w] !== undefined && w !== 'hundred' && read) {
      total += (current || 1) * SCALES[w]!;
      current = 0;
      scaled = true;
    } else if (w === 'and' && read && current % 100 === 0 && current > 0) {
      // "three hundred and fifty": "and" only joins inside a number.
      const n = lower(tokens[j + 1]);
      if (UNITS[n] === undefined && TENS[n] === undefined && !/^\w+-\w+$/.test(n)) break;
    } else break;
    read = true;
    j++;
  }
  if (!read || j === i) return null;
  return { value: total + current, vague: false, next: j, scaled, abbreviation: null };
}

/** Vague amounts from token i: "dozens", "hundreds of thousands", "several hundred", "tens of thousands". */
function readVague(tokens: readonly Token[], i: number): Amount | null {
  const w = lower(tokens[i]);
  const base = VAGUE[w];
  if (base !== undefined) {
    let value = base;
    let next = i + 1;
    // "tens of thousands", "hundreds of thousands": the second word scales the first.
    if (lower(tokens[next]) === 'of' && VAGUE[lower(tokens[next + 1])] !== undefined && lower(tokens[next + 1]) !== 'dozens' && lower(tokens[next + 1]) !== 'tens') {
      const inner = lower(tokens[next + 1]);
      value = base * (SCALES[inner.replace(/s$/, '')] ?? 1);
      next += 2;
    } else if (VAGUE_NEEDS_OF.has(w) && lower(tokens[next]) !== 'of') return null;
    return { value, vague: true, next, scaled: true, abbreviation: null };
  }
  // "several hundred", "a few thousand": from the first word, so that it opens the span.
  const k = w === 'several' ? i + 1 : w === 'a' && lower(tokens[i + 1]) === 'few' ? i + 2 : -1;
  const scaleWord = lower(tokens[k]);
  const scale = k < 0 ? undefined : SCALES[scaleWord] ?? (scaleWord === 'dozen' ? 12 : undefined);
  if (scale !== undefined) return { value: 2 * scale, vague: true, next: k + 1, scaled: true, abbreviation: null };
  return null;
}

/** A number starting at token i, in digits (with a scale word or abbreviation), in words, or vague. */
function readAmount(tokens: readonly Token[], i: number): Amount | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'num') {
    const v = digitValue(t.text);
    if (v === null) return null;
    const n = tokens[i + 1];
    const w = lower(n);
    const scale = SCALES[w];
    if (n && n.kind === 'word' && scale !== undefined) {
      return { value: v * scale, vague: false, next: i + 2, scaled: true, abbreviation: null };
    }
    const abbreviated = SCALE_ABBREVIATIONS[w];
    if (n && n.kind === 'word' && abbreviated !== undefined && adjacent(t, n)) {
      return { value: v * abbreviated, vague: false, next: i + 2, scaled: true, abbreviation: w };
    }
    return { value: v, vague: false, next: i + 1, scaled: false, abbreviation: null };
  }
  if (t.kind !== 'word') return null;
  return readVague(tokens, i) ?? readWords(tokens, i);
}

const isYearLike = (t: Token) => /^(?:19|20)\d\d$/.test(t.text);

/** Why the number at token i is not an amount (a date, time, name, phone number, age), or null. */
function notAnAmount(tokens: readonly Token[], i: number, text: string, mentions: readonly Located[], sentenceStart: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (overlapsMention(mentions, t.start, t.end)) return true;
  if (t.kind === 'num') {
    const before = text[t.start - 1] ?? ' ';
    const after = text[t.end] ?? ' ';
    // Model names and codes: "F-16", "S-400", "G20", "5G", "4x4"; ordinals: "5th".
    if (/\p{L}/u.test(before)) return true;
    if (before === '-' && /[\p{L}\p{N}]/u.test(text[t.start - 2] ?? ' ') && !/\d/.test(text[t.start - 2] ?? ' ')) return true;
    if (/\p{L}/u.test(after)) {
      const w = lower(next);
      if (!(w in SCALE_ABBREVIATIONS) && !(w in UNIT_ALIASES) && w !== 'pc') return true;
    }
    // The second part of a score or a code ("3-1", "555-1234"), left after its first part was read.
    if (/[-–—]/.test(before) && /\d/.test(text[t.start - 2] ?? ' ')) return true;
    if (before === '#' || before === '+' || before === '/' || after === '/') return true;
    // Clock times: "10 am", "0800 GMT", "10.30pm".
    if (TIME_AFTER.test(text.slice(t.end, t.end + 16))) return true;
    // Phone numbers: three or more digit groups, seven digits or more.
    const run = /^\(?\d{1,4}\)?(?:[ .-]\d{2,4}){2,}/.exec(text.slice(t.start, t.start + 24));
    if (run && run[0].replace(/\D/g, '').length >= 7 && !run[0].includes(',')) return true;
    // Ages: "a 16-year-old", "16 years old".
    if (/^(?:-|\s)years?(?:-|\s)old\b/i.test(text.slice(t.end, t.end + 12))) return true;
  } else if (/^\p{Lu}/u.test(t.text) && t.start !== sentenceStart && prev && /^\p{Lu}/u.test(prev.text) && prev.kind === 'word') {
    // A capitalised number word after a capitalised word is part of a name ("Channel Four").
    return true;
  }
  // "a quarter of a million": the whole a fraction is taken of.
  if (lower(prev) === 'of' || (lower(prev) === 'a' && lower(tokens[i - 2]) === 'of')) {
    const k = lower(prev) === 'of' ? i - 2 : i - 3;
    if (FRACTIONS.has(lower(tokens[k]))) return true;
  }
  // Dates: "June 12", "12 June".
  if (prev && CALENDAR.has(prev.text)) return true;
  if (next && CALENDAR.has(next.text)) return true;
  if (lower(next) === 'of' && tokens[i + 2] && CALENDAR.has(tokens[i + 2]!.text)) return true;
  // References and names: "page 3", "Resolution 2254", "Route 66", "Area 51".
  if (prev && prev.kind === 'word' && NAME_WORDS.has(lower(prev))) return true;
  if (prev && prev.kind === 'sym' && prev.text === '.' && /^no$/i.test(lower(tokens[i - 2]))) return true;
  if (t.kind === 'num' && prev && prev.kind === 'word' && /^\p{Lu}/u.test(prev.text) && prev.start !== sentenceStart && adjacent({ ...prev, end: prev.end + 1 }, t)) {
    // A capitalised word right before digits names something ("Route 66"), unless it opens the sentence
    // ("Only 16 ...") or is a name of its own ("Jayrud 60 kilometres from Damascus").
    if (!mentionAt(mentions, prev.start) && !QUALIFIERS.some((q) => q.pattern.test(text.slice(prev.start, t.start)))) return true;
  }
  return false;
}

/** The qualifier written right before position `at`, with where it starts. */
function qualifierBefore(text: string, from: number, at: number): { kind: Qualifier; start: number } | null {
  const before = text.slice(Math.max(from, at - 24), at);
  for (const q of QUALIFIERS) {
    const m = q.pattern.exec(before);
    if (m) return { kind: q.kind, start: at - before.length + m.index + m[0].indexOf(m[1]!) };
  }
  return null;
}

/** A number with a range after it: "1,500-2,000", "20 to 30", "two or three", "between 20 and 30". */
interface Figure {
  readonly min: number;
  readonly max: number | null;
  readonly vague: boolean;
  readonly approximate: boolean;
  readonly range: boolean;
  readonly next: number;
  readonly last: Amount;
}

function readFigure(tokens: readonly Token[], i: number): { figure: Figure | null; next: number } {
  const a = readAmount(tokens, i);
  if (!a) return { figure: null, next: i + 1 };
  const single: Figure = { min: a.value, max: a.value, vague: a.vague, approximate: a.vague, range: false, next: a.next, last: a };
  if (a.vague) return { figure: { ...single, max: null }, next: a.next };
  const link = tokens[a.next];
  const w = lower(link);
  const between = lower(tokens[i - 1]) === 'between';
  const fromBefore = lower(tokens[i - 1]) === 'from';
  const linked =
    (link?.kind === 'sym' && /^[-–—]$/.test(link.text)) || (w === 'to' && !fromBefore) || (w === 'and' && between) || (w === 'or' && !between);
  if (!linked) return { figure: single, next: a.next };
  const b = readAmount(tokens, a.next + 1);
  if (!b || b.vague) return { figure: single, next: a.next };
  // "1.5 to 2 million", "two to three hundred": the scale written once covers both.
  let low = a.value;
  if (!a.scaled && b.scaled) {
    const factor = b.value / (tokens[a.next + 1]!.kind === 'num' ? digitValue(tokens[a.next + 1]!.text) ?? 1 : firstWordValue(tokens, a.next + 1));
    if (a.value * factor <= b.value) low = a.value * factor;
  }
  if (!(b.value > low)) return { figure: single, next: a.next };
  // A hyphen between years ("2016-2017") or a score is not a range of amounts.
  if (link?.kind === 'sym' && isYearLike(tokens[i]!) && isYearLike(tokens[a.next + 1]!)) return { figure: null, next: b.next };
  return { figure: { min: low, max: b.value, vague: false, approximate: w === 'or', range: true, next: b.next, last: b }, next: b.next };
}

/** The value of the number words at token i before any scale word: "three" in "three hundred". */
function firstWordValue(tokens: readonly Token[], i: number): number {
  const w = lower(tokens[i]);
  const parts = w.split('-');
  if (parts.length === 2) return (TENS[parts[0]!] ?? 0) + (UNITS[parts[1]!] ?? 0) || 1;
  return UNITS[w] ?? TENS[w] ?? 1;
}

/** Pluralise a singular counted noun so that "one soldier" and "16 soldiers" share a unit. */
function unitOf(noun: string, value: number): string {
  const w = noun.toLowerCase();
  const alias = UNIT_ALIASES[w];
  if (alias) return alias;
  if (value !== 1 || w.endsWith('s')) return w;
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ies';
  if (/(?:x|ch|sh)$/.test(w)) return w + 'es';
  return w + 's';
}

interface Counted {
  readonly head: Token | null;
  /** Set when the head is a people's name ("400 Syrians"): counted as people of that entity. */
  readonly people: Located | null;
  readonly owner: Located | null;
  readonly state: string | null;
  readonly end: number;
  /** "square" in "1,200 square kilometres". */
  readonly area: string | null;
}

/** A plural by its ending: "fighters", "gunmen", "children"; not "gas", "bus", "crisis", "press". */
const looksPlural = (w: string) => /(?:s|men|people|children)$/.test(w) && !/(?:ss|us|is|gas)$/.test(w);
const isNumberWord = (w: string) => UNITS[w] !== undefined || TENS[w] !== undefined || SCALES[w] !== undefined || VAGUE[w] !== undefined;
/** A lower-case plural noun: the head of a compound ("bombs" in "car bombs"). */
const isPluralHead = (t: Token | undefined) =>
  !!t && t.kind === 'word' && /^\p{Ll}+$/u.test(t.text) && looksPlural(t.text) && !STOPWORDS.has(t.text) && !STATES[t.text] && !TIME_NOUNS.has(t.text) && !isNumberWord(t.text);

const isWordHead = (t: Token | undefined) => !!t && t.kind === 'word' && !STOPWORDS.has(lower(t));

/** What the number counts: the head noun after it, the owner named on the way, and a state after it. */
function countedAfter(tokens: readonly Token[], j: number, mentions: readonly Located[], vague: boolean): Counted {
  let owner: Located | null = null;
  let head: Token | null = null;
  let people: Located | null = null;
  let state: string | null = null;
  let area: string | null = null;
  let end = tokens[j - 1]?.end ?? 0;
  // "dozens of people", "a dozen of the men" is not written: only vague amounts take "of".
  if (vague && lower(tokens[j]) === 'of') j++;
  for (let steps = 0; j < tokens.length && steps < 6; steps++) {
    const t = tokens[j]!;
    const m = mentionAt(mentions, t.start);
    if (m && t.kind === 'word') {
      let k = j;
      while (k < tokens.length && tokens[k]!.start < m.end) k++;
      k = skipBrackets(tokens, k);
      if (isWordHead(tokens[k]) && !STATES[lower(tokens[k])]) {
        if (OWNER_BETWEEN.has(m.entity.type)) owner = m;
        j = k;
        continue;
      }
      if (m.entity.type === 'NORP') {
        people = m;
        end = m.end;
        j = k;
      }
      break;
    }
    if (t.kind !== 'word') break;
    const w = lower(t);
    if (STATES[w] && !isWordHead(tokens[j + 1])) {
      // "16 dead", "30 wounded": the number counts the state itself.
      state = STATES[w]!;
      end = t.end;
      return { head: null, people: null, owner, state, end, area: null };
    }
    if (STOPWORDS.has(w)) break;
    const nextIsHead = isWordHead(tokens[j + 1]) && !STATES[lower(tokens[j + 1])];
    if (STATES[w] && nextIsHead) {
      // "400 wounded civilians": the state, then the noun.
      state = STATES[w]!;
      j++;
      continue;
    }
    // Adverbs never count: "16 reportedly killed", "9,000 heavily armed fighters".
    if (/ly$/.test(w)) {
      j++;
      continue;
    }
    // A capitalised word is a name in front of the noun ("Daesh fighters") only when a lower-case noun follows.
    const next = tokens[j + 1];
    if (/^\p{Lu}/u.test(t.text)) {
      if (nextIsHead && !/^\p{Lu}/u.test(next!.text) && !isNumberWord(lower(next))) {
        j++;
        continue;
      }
      break;
    }
    if (nextIsHead && (MODIFIERS.has(w) || w.includes('-'))) {
      if (AREA_WORDS.has(w)) area = w === 'sq' ? 'square' : w;
      j++;
      continue;
    }
    // A verb ("hundreds fled", "thousands marching") counts nothing named.
    if (/(?:ed|ing)$/.test(w)) break;
    head = t;
    j++;
    // "20 hour shifts" counts hours, which are left out as a duration.
    if (TIME_NOUNS.has(w)) {
      end = head.end;
      break;
    }
    // A noun before a noun is a compound's modifier: "car bombs", "air raids", "residential buildings".
    for (let k = j; k < j + 2 && !looksPlural(lower(head)); k++) {
      const c = tokens[k];
      if (isPluralHead(c)) {
        head = c!;
        j = k + 1;
        break;
      }
      if (!c || c.kind !== 'word' || !/^\p{Ll}+$/u.test(c.text) || STOPWORDS.has(c.text) || STATES[c.text]) break;
    }
    end = head.end;
    break;
  }
  if (!head && !people) return { head: null, people: null, owner, state, end, area: null };
  // A state after the noun: "16 people were killed", "16 civilians died".
  for (let k = j, steps = 0; k < tokens.length && steps < 4; k++, steps++) {
    const w = lower(tokens[k]);
    if (tokens[k]!.kind !== 'word') break;
    if (STATES[w]) {
      state = STATES[w]!;
      end = tokens[k]!.end;
      break;
    }
    if (!AUXILIARIES.has(w)) break;
  }
  // An owner after the noun: "fighters of ISIS", "fighters from the Islamic State".
  if (!owner && !people) {
    const w = lower(tokens[j]);
    if (w === 'of' || w === 'from') {
      let k = j + 1;
      if (lower(tokens[k]) === 'the') k++;
      const m = tokens[k] ? mentionAt(mentions, tokens[k]!.start) : undefined;
      if (m && OWNER_AFTER.has(m.entity.type)) owner = m;
    }
  }
  return { head, people, owner, state, end, area };
}

/**
 * Every quantity stated in text[from, to), in order, each with its span
 * (qualifier, currency, number and counted noun, and a state written after it).
 */
export function extractQuantities(text: string, from: number, to: number, entities: readonly Entity[], docTokens: readonly DocToken[]): StatedQuantity[] {
  const tokens = readerUnits(docTokens, from, to);
  const mentions = locate(entities);
  const out: StatedQuantity[] = [];
  let i = 0;
  while (i < tokens.length) {
    const r = readAt(text, from, to, tokens, i, mentions);
    // "one option", "one last attempt": a lone one counts nothing worth comparing unless it is a casualty.
    const lone = r.quantity && r.quantity.min === 1 && r.quantity.max === 1 && /^(?:one|a|an)\b/i.test(r.quantity.text) && !STATE_UNITS.has(r.quantity.unit) && !LONE_ONE_UNITS.has(r.quantity.unit);
    if (r.quantity && !lone) out.push(r.quantity);
    i = Math.max(i + 1, r.next);
  }
  return out;
}

function readAt(text: string, from: number, to: number, tokens: readonly Token[], i: number, mentions: readonly Located[]): { quantity: StatedQuantity | null; next: number } {
  const t = tokens[i]!;
  // A currency before the number: "$5 million", "US$5m", "£30bn", "USD 5 million".
  let currency: string | null = null;
  let n = i;
  if (t.kind === 'sym' && CURRENCY_SYMBOLS[t.text]) {
    currency = CURRENCY_SYMBOLS[t.text]!;
    n = i + 1;
  } else if (t.kind === 'word' && CURRENCY_PREFIXES[lower(t)] && /^\p{Lu}+$/u.test(t.text)) {
    const s = tokens[i + 1];
    if (s?.kind === 'sym' && CURRENCY_SYMBOLS[s.text] && adjacent(t, s)) {
      currency = CURRENCY_PREFIXES[lower(t)]!;
      n = i + 2;
    } else if (s?.kind === 'num' && lower(t) !== 'us') {
      currency = CURRENCY_PREFIXES[lower(t)]!;
      n = i + 1;
    } else return { quantity: null, next: i + 1 };
  }
  const first = tokens[n];
  if (!first || (first.kind !== 'num' && first.kind !== 'word')) return { quantity: null, next: i + 1 };
  if (currency && first.kind !== 'num') return { quantity: null, next: i + 1 };
  const { figure, next } = readFigure(tokens, n);
  if (!figure) return { quantity: null, next };
  const sentenceStart = sentenceStartOf(text, from, first.start);
  if (notAnAmount(tokens, n, text, mentions, sentenceStart)) return { quantity: null, next };

  const startAt = currency ? t.start : first.start;
  const qualifier = figure.range ? null : qualifierBefore(text, from, startAt);
  let end = tokens[figure.next - 1]!.end;
  let unit: string | null = currency;
  let noun: string | null = null;
  let owner: Located | null = null;
  let after = figure.next;

  if (!currency) {
    const rest = text.slice(end, to);
    const pct = PERCENT.exec(rest);
    const cur = CURRENCY_AFTER.exec(rest);
    if (pct) {
      unit = 'percent';
      end += pct[0].length;
    } else if (cur && first.kind === 'num') {
      unit = CURRENCY_WORDS[cur[1]!.toLowerCase().replace(/\s+/g, ' ')]!;
      end += cur[0].length;
    }
    while (after < tokens.length && tokens[after]!.start < end) after++;
  }
  const abbreviation = figure.last.abbreviation;
  let headNoun: string | null = null;
  if (!unit) {
    const c = countedAfter(tokens, after, mentions, figure.vague);
    // "2m high" is metres, not millions.
    if (abbreviation === 'm' && (!c.head || MEASURE_ADJECTIVES.has(lower(c.head)))) return { quantity: null, next };
    if (c.head && TIME_NOUNS.has(lower(c.head))) return { quantity: null, next };
    const single = figure.min === 1 && figure.max === 1;
    // Above one, the counted noun is plural: "six Syrian state TV" counts no "state".
    if (c.head && !single && !looksPlural(lower(c.head)) && !INVARIANT_PLURALS.has(lower(c.head)) && UNIT_ALIASES[lower(c.head)] === undefined) return { quantity: null, next };
    const money = c.head ? CURRENCY_WORDS[lower(c.head)] : undefined;
    if (money) {
      unit = money;
    } else {
      headNoun = c.people ? 'people' : c.head ? unitOf(c.head.text, single ? 1 : 2) : null;
      if (headNoun && c.area) headNoun = `${c.area} ${headNoun}`;
      owner = c.people ?? c.owner;
      let state = c.state;
      if (headNoun && STATE_NOUNS[headNoun]) {
        state = STATE_NOUNS[headNoun]!;
        headNoun = null;
      }
      // A state verb before the number wins: "has killed 220,000 people, wounded ..." ("killing 16", "killed at least 16 civilians").
      const before = tokens[tokenIndexAt(tokens, qualifier ? qualifier.start : startAt) - 1];
      const passive = PASSIVE.has(lower(tokens[tokenIndexAt(tokens, before?.start ?? 0) - 1]));
      if (before && STATE_VERBS[lower(before)] && !passive) state = STATE_VERBS[lower(before)]!;
      // "the death toll rose to 16", "the death toll has risen to 85 people".
      if (!state && TOLL.test(text.slice(Math.max(from, startAt - 60), qualifier ? qualifier.start : startAt))) state = 'killed';
      unit = state ?? headNoun;
      if (state && headNoun) noun = headNoun;
    }
    if (c.head || c.people || c.state) end = Math.max(end, c.end);
  }
  if (!unit) return { quantity: null, next };
  // Four-digit numbers from 1900 to 2099 are years unless bounded, or counting a plural noun not after "in", "since", ...
  if (first.kind === 'num' && isYearLike(first) && !figure.last.scaled && !qualifier) {
    const prev = lower(tokens[n - 1]);
    if (n === 0 || YEAR_PREPOSITIONS.has(prev) || !headNoun || !headNoun.endsWith('s')) return { quantity: null, next };
  }

  // "between 20 and 30", "from 20 to 30" belong to the range's span.
  const opener = figure.range && /^(?:between|from)$/.test(lower(tokens[n - 1])) ? tokens[n - 1]!.start : null;
  const start = qualifier ? qualifier.start : opener ?? startAt;
  const approximate = figure.approximate || qualifier?.kind === 'approx';
  let min: number | null = figure.min;
  let max: number | null = figure.max;
  if (!figure.range && !figure.vague && qualifier) {
    if (qualifier.kind === 'gt' || qualifier.kind === 'gte') max = null;
    if (qualifier.kind === 'lt' || qualifier.kind === 'lte') min = null;
  }
  const q: StatedQuantity = {
    start,
    end,
    text: text.slice(start, end),
    min,
    max,
    unit,
    of: owner ? owner.entity.id : null,
    ...(qualifier && !figure.vague ? { qualifier: qualifier.kind } : {}),
    ...(approximate ? { approximate: true } : {}),
    ...(noun && noun !== unit ? { noun } : {}),
  };
  return { quantity: q, next: Math.max(next, tokenIndexAt(tokens, end)) };
}

/** Index of the first token starting at or after `pos`. */
function tokenIndexAt(tokens: readonly Token[], pos: number): number {
  let k = 0;
  while (k < tokens.length && tokens[k]!.start < pos) k++;
  return k;
}

/** Where the sentence holding `pos` starts, within [from, pos]: after the last full stop, question or exclamation mark. */
function sentenceStartOf(text: string, from: number, pos: number): number {
  let k = pos - 1;
  while (k >= from && !/[.!?\n“"‘]/.test(text[k]!)) k--;
  k++;
  while (k < pos && /[\s“"‘(]/.test(text[k]!)) k++;
  return k;
}
