/**
 * Time expressions, normalised against the publication date.
 *
 * Extractors propose candidates sentence by sentence: chrono-node for calendar
 * and relative expressions, and a year pattern for the bare years chrono
 * leaves out ("in 2014", "2014-2015"). Refiners then drop false friends
 * ("may", "march", "second", "Theresa May", "2000 troops"), join two
 * expressions into one range ("between June and August"), and resolve every
 * candidate to an ISO value and a grain with the news conventions:
 *   - a weekday alone is the most recent such day on or before the
 *     publication day ("last Tuesday": strictly before; "next": after);
 *   - a month without a year is the nearest such month (chrono's rule), so
 *     "in June" in an October 2017 article is 2017-06;
 *   - "last week" is the Monday-to-Sunday week before the publication week.
 * Without a publication date relative expressions keep `value: null`; fully
 * specified ones ("June 30, 2014") still resolve. Word lists: data/time.json.
 */
import * as chrono from 'chrono-node';
import type { Sentence, TimeExpression, TimeGrain } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import words from './data/time.json' with { type: 'json' };

const FALSE_FRIENDS = new Set(words.falseFriends);
const RELATIVE_WORD = new RegExp(`\\b(?:${words.relativeWords.join('|')})\\b`, 'i');
const YEAR_PREPOSITIONS = new Set(words.yearPrepositions);
const QUANTITY_CUES = new Set(words.quantityCues);
const YEAR_NOUNS = new Set(words.yearNouns);
const WORDS_AFTER_YEAR = new Set(words.wordsAfterYear);
const RANGE_OPENER = new RegExp(`\\b(?:${words.rangeOpeners.join('|')})\\s+$`, 'i');
const MONTH_PREPOSITIONS = new Set(words.monthPrepositions);
const MONTHS_THAT_ARE_NAMES = new Set(words.monthsThatAreNames);

/** A cheap gate: chrono finds nothing in a sentence without a digit or one of these word stems. */
const MAY_HOLD_DATE =
  /\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|yesterday|tomorrow|week|month|year|ago|noon|midnight|morning|evening|afternoon|night|decade/i;
/** Some word of the expression must say "date": a digit, a calendar word or a unit of time. */
const DATE_CUE = /\d|day|week|month|year|ago|tonight|noon|midnight|morning|evening|afternoon|night|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
/** "past months", "in recent weeks", "the coming days": a vague stretch, not a time that can be placed. */
const VAGUE_PLURAL = /^(?:(?:the|in|over|during|for)\s+)*(?:(?:past|last|recent|coming|next|previous|few|several|many)\s+)+(?:days|weeks|months|years|decades)$/i;
const LEADING_PREPOSITION = /^(?:on|in|at|by|since|during|of|from)\s+/i;
/** "last three months", "the past 25 years": a stretch ending at the publication date; "next five years" starts there. */
const N_UNITS_BACK = /\b(?:last|past)\s+[\p{L}\d-]+\s+(?:days|weeks|months|years|decades)$/iu;
const N_UNITS_AHEAD = /\b(?:next|coming)\s+[\p{L}\d-]+\s+(?:days|weeks|months|years|decades)$/iu;
/** "for 10 years", "12 months": a duration, not a time. */
const DURATION =
  /^(?:for\s+|over\s+|within\s+|after\s+)?(?:a|an|a few|several|many|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)\s+(?:hours?|days?|weeks?|months?|years?|decades?)$/i;
const PERIOD = /^(?:the\s+)?(this|last|next|past|previous|coming)\s+(week|month|year)$/i;
const BARE_YEAR = /(?<![\p{L}\p{N}$£€#.,/]|(?<!mid)-)(1[89]\d\d|20\d\d)(?:\s?[-–]\s?(1[89]\d\d|20\d\d|\d\d))?(?![\p{L}\p{N}%]|[.,]\d|[-–]\d)/gu;

interface Reference {
  /** UTC midnight of the publication day. */
  readonly day: Date;
}

interface Resolved {
  readonly value: string | null;
  readonly grain: TimeGrain;
  readonly confidence: number;
}

/** A proposed expression: its span in the document and how to resolve it against a reference. */
interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly source: string;
  readonly resolve: (ref: Reference | null) => Resolved;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const isoDay = (d: Date) => ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export function referenceFrom(publishedAt: string | null): Reference | null {
  const m = publishedAt ? /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt) : null;
  if (!m) return null;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(day.getTime()) ? null : { day };
}

/** The date of a weekday named alone: on or before the reference day, strictly before after "last", after it after "next"/"coming". */
export function weekdayDate(weekday: number, surface: string, ref: Reference): string {
  const today = ref.day.getUTCDay();
  if (/\b(?:next|coming)\b/i.test(surface)) return isoDay(addDays(ref.day, (weekday - today + 7) % 7 || 7));
  const back = (today - weekday + 7) % 7;
  return isoDay(addDays(ref.day, -(back === 0 && /\blast\b/i.test(surface) ? 7 : back)));
}

/** The publication day written at a grain: "2005", "2005-03" or "2005-03-15". */
function dayAtGrain(d: Date, grain: TimeGrain): string {
  const day = isoDay(d);
  return grain === 'year' ? day.slice(0, 4) : grain === 'month' ? day.slice(0, 7) : day;
}

function periodValue(which: string, unit: string, ref: Reference): { value: string; grain: TimeGrain } {
  const d = ref.day;
  if (which === 'past') {
    // "the past week": the stretch ending on the publication day.
    const from =
      unit === 'week' ? addDays(d, -7) : unit === 'month' ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, d.getUTCDate())) : new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate()));
    return { value: `${isoDay(from)}/${isoDay(d)}`, grain: 'range' };
  }
  const shift = which === 'next' || which === 'coming' ? 1 : which === 'last' || which === 'previous' ? -1 : 0;
  if (unit === 'year') return { value: String(d.getUTCFullYear() + shift), grain: 'year' };
  if (unit === 'month') {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + shift, 1));
    return { value: `${m.getUTCFullYear()}-${pad(m.getUTCMonth() + 1)}`, grain: 'month' };
  }
  const monday = addDays(d, -((d.getUTCDay() + 6) % 7) + 7 * shift);
  return { value: `${isoDay(monday)}/${isoDay(addDays(monday, 6))}`, grain: 'range' };
}

/** Value and grain of one point that chrono parsed; null value when it needs a reference that is missing. */
function pointValue(c: chrono.ParsedComponents, surface: string, ref: Reference | null, relative: boolean): { value: string | null; grain: TimeGrain } {
  const weekdayOnly = c.isCertain('weekday') && !c.isCertain('day');
  const grain: TimeGrain = c.isCertain('hour') ? 'instant' : c.isCertain('day') || weekdayOnly ? 'day' : c.isCertain('month') ? 'month' : 'year';
  if (relative && !ref) return { value: null, grain };
  const y = c.get('year') ?? 0;
  const mo = c.get('month') ?? 1;
  const day = weekdayOnly && ref ? weekdayDate(c.get('weekday') ?? 0, surface, ref) : ymd(y, mo, c.get('day') ?? 1);
  if (grain === 'instant') return { value: `${day}T${pad(c.get('hour') ?? 0)}:${pad(c.get('minute') ?? 0)}`, grain };
  if (grain === 'day') return { value: day, grain };
  if (grain === 'month') return { value: `${pad(y, 4)}-${pad(mo)}`, grain };
  return { value: pad(y, 4), grain };
}

/** An expression is relative when it needs the publication date: no four-digit year, or a relative word. */
const isRelative = (surface: string) => !/\b\d{4}\b/.test(surface) || RELATIVE_WORD.test(surface) || /\b(?:after|before|within)\b/i.test(surface);

function chronoCandidate(result: chrono.ParsedResult, start: number, surface: string): Candidate {
  // Relative too: what chrono computed from the reference ("2002 S" read as 2,002 seconds later), and a point
  // whose year the text does not state ("0001 GMT on Friday": the four digits are a time, not a year).
  const yearStated = result.start.isCertain('year') || (result.end?.isCertain('year') ?? false);
  const relative = isRelative(surface) || result.tags().has('result/relativeDate') || !yearStated;
  return {
    start,
    end: start + surface.length,
    source: 'chrono-node',
    resolve: (ref) => {
      const period = PERIOD.exec(surface);
      if (period) {
        const which = (period[1] ?? '').toLowerCase();
        const unit = (period[2] ?? '').toLowerCase();
        if (!ref) return { value: null, grain: unit === 'week' || which === 'past' ? 'range' : (unit as TimeGrain), confidence: 0.5 };
        return { ...periodValue(which, unit, ref), confidence: 0.8 };
      }
      const a = pointValue(result.start, surface, ref, relative);
      const back = N_UNITS_BACK.test(surface);
      if ((back || N_UNITS_AHEAD.test(surface)) && !result.end) {
        // "the last 25 years": from then up to the publication date; "the next five years": from it onwards.
        const now = ref ? dayAtGrain(ref.day, a.grain) : null;
        const value = a.value === null || now === null ? null : back ? `${a.value}/${now}` : `${now}/${a.value}`;
        return { value, grain: 'range', confidence: ref ? 0.75 : 0.5 };
      }
      const confidence = !relative ? (a.grain === 'day' || a.grain === 'instant' ? 0.95 : 0.9) : !ref ? 0.5 : result.start.isCertain('weekday') && !result.start.isCertain('day') ? 0.75 : 0.8;
      if (!result.end) return { ...a, confidence };
      const b = pointValue(result.end, surface, ref, relative);
      return { value: a.value !== null && b.value !== null ? `${a.value}/${b.value}` : null, grain: 'range', confidence };
    },
  };
}

const wordBefore = (text: string, at: number) => /([\p{L}$£€]+)\W*$/u.exec(text.slice(Math.max(0, at - 30), at))?.[1] ?? '';
const wordAfter = (text: string, at: number) => /^\s*([\p{L}]+)/u.exec(text.slice(at, at + 30))?.[1] ?? '';

/** Whether chrono's proposal is a false friend in this context. */
function isFalseFriend(surface: string, sentence: string, at: number): boolean {
  const lower = surface.toLowerCase();
  if (FALSE_FRIENDS.has(surface) || VAGUE_PLURAL.test(surface) || DURATION.test(surface)) return true;
  if (!DATE_CUE.test(surface)) return true;
  // A time of day alone, capitalised, is a title or a name ("Evening Standard", "Night Fever").
  if (/^(?:morning|evening|afternoon|night|noon|midnight)$/i.test(surface)) return true;
  // A digit run glued to a number before it: "000 a" in "£30,000 a year".
  if (/[\d][,.]?$/.test(sentence.slice(0, at))) return true;
  // A lower-case expression with no digit is a date only with a relative word ("yesterday", "last week").
  if (!/\d/.test(surface) && surface === lower && !RELATIVE_WORD.test(surface)) return true;
  // Digits alone ("5", "9,000") are not dates; times ("10:30") and numeric dates ("14/10/2017") are.
  if (!/\p{L}/u.test(surface) && !/\d:\d\d|\d[/.-]\d{1,2}[/.-]\d/u.test(surface)) return true;
  // "Theresa May", "Mrs May", "Prime Minister May": a month that is also a name, after a capitalised word.
  if (MONTHS_THAT_ARE_NAMES.has(lower)) {
    const before = wordBefore(sentence, at);
    if (/^\p{Lu}/u.test(before) && !MONTH_PREPOSITIONS.has(before.toLowerCase())) return true;
  }
  return false;
}

/** Words after which a four-digit number is a year, never a count: "in 2013", "since early 2011", "mid-2012". */
const YEAR_ONLY_BEFORE = new Set(['in', 'since', 'until', 'till', 'during', 'early', 'late', 'mid', 'throughout']);

/** Bare years and year ranges ("in 2014", "2014-2015", "2014–15") that are years, not counts. */
function yearCandidates(sentence: string, offset: number): Candidate[] {
  const out: Candidate[] = [];
  let previousYearEnd = -1;
  for (const m of sentence.matchAll(BARE_YEAR)) {
    const first = m[1] ?? '';
    let second = m[2];
    if (second && second.length === 2) second = first.slice(0, 2) + second;
    if (second !== undefined && Number(second) <= Number(first)) continue; // "2014-2012" is not a range
    const before = wordBefore(sentence, m.index).toLowerCase();
    const after = wordAfter(sentence, m.index + m[0].length);
    // The second year of "from 2014 to 2016 wages rose" is a year whatever follows.
    const closesRange = previousYearEnd >= 0 && words.rangeJoiners.includes(sentence.slice(previousYearEnd, m.index).trim().toLowerCase());
    if (!closesRange) {
      if (QUANTITY_CUES.has(before)) continue;
      // "2000 people" is a count; "since early 2011 initiated by", "in 2013 declared" are years whatever follows.
      if (/^\p{Ll}/u.test(after) && !YEAR_NOUNS.has(after) && !WORDS_AFTER_YEAR.has(after) && !YEAR_ONLY_BEFORE.has(before)) continue;
    }
    previousYearEnd = m.index + m[0].length;
    const confidence = YEAR_PREPOSITIONS.has(before) ? 0.85 : 0.7;
    const value = second ? `${first}/${second}` : first;
    out.push({
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      source: 'year-pattern',
      resolve: () => ({ value, grain: second ? 'range' : 'year', confidence }),
    });
  }
  return out;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_ALONE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;

/**
 * "last September": the latest September before the publication month (chrono reads the month alone, which it may
 * place after the publication day). Offsets within the sentence; null when the expression is not one.
 */
function lastMonth(sentence: string, at: number, surface: string): Candidate | null {
  const month = MONTH_ALONE.exec(surface);
  const before = /\blast\s+$/i.exec(sentence.slice(Math.max(0, at - 8), at));
  if (!month || !before) return null;
  const m = MONTHS.indexOf(month[1]!.toLowerCase());
  return {
    start: at - before[0].length,
    end: at + surface.length,
    source: 'last-month',
    resolve: (ref) => {
      if (!ref) return { value: null, grain: 'month', confidence: 0.5 };
      const year = ref.day.getUTCFullYear() - (m >= ref.day.getUTCMonth() ? 1 : 0);
      return { value: `${pad(year, 4)}-${pad(m + 1)}`, grain: 'month', confidence: 0.8 };
    },
  };
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** "Wednesdays executions", "Saturdays attack": a weekday's possessive that lost its apostrophe, before a noun. */
const POSSESSIVE_WEEKDAY = /\b((?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day)s(?=\s+\p{Ll})/gu;
/** "on Wednesdays", "every Friday's": the weekday as a habit, not one day. */
const HABIT_BEFORE = /\b(?:on|every|most|all|some|many|other)\s*$/i;

function possessiveWeekdays(sentence: string, offset: number): Candidate[] {
  const out: Candidate[] = [];
  for (const m of sentence.matchAll(POSSESSIVE_WEEKDAY)) {
    if (HABIT_BEFORE.test(sentence.slice(Math.max(0, m.index - 12), m.index))) continue;
    const weekday = WEEKDAYS.indexOf(m[1]!.toLowerCase());
    out.push({
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      source: 'weekday-possessive',
      resolve: (ref) => (ref ? { value: weekdayDate(weekday, m[1]!, ref), grain: 'day', confidence: 0.7 } : { value: null, grain: 'day', confidence: 0.5 }),
    });
  }
  return out;
}

/**
 * Joins "between June and August", "from 2014 to 2016", "June-August" and
 * "May through July" into one range; the opener ("between", "from") joins the span.
 */
function joinRanges(text: string, candidates: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const a = candidates[i] as Candidate;
    const b = candidates[i + 1];
    if (b) {
      const joiner = text.slice(a.end, b.start).trim().toLowerCase();
      const opener = RANGE_OPENER.exec(text.slice(Math.max(0, a.start - 12), a.start));
      const openerWord = opener?.[0].trim().toLowerCase();
      const joins =
        b.start - a.end <= 9 &&
        words.rangeJoiners.includes(joiner) &&
        (joiner === 'and' ? openerWord === 'between' : joiner === 'to' ? openerWord !== undefined : true);
      if (joins) {
        const start = opener ? a.start - opener[0].length : a.start;
        out.push({
          start,
          end: b.end,
          source: a.source === b.source ? a.source : `${a.source}+${b.source}`,
          resolve: (ref) => {
            const x = a.resolve(ref);
            const y = b.resolve(ref);
            const value = x.value !== null && y.value !== null ? `${x.value}/${y.value}` : null;
            return { value, grain: 'range', confidence: Math.min(x.confidence, y.confidence) };
          },
        });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/** What chrono resolves against when the article has no publication date, so the stage never reads the clock. */
const NO_REFERENCE = new Date(Date.UTC(1970, 0, 1));

const TRAILING_SHORT_NUMBER = /^(.*\D)\s+\d{1,2}$/s;

/**
 * chrono reads a count right after a day as a two-digit year: "On October 13th 30 people were killed" would be
 * 2030-10-13. A year is stated with four digits (or an apostrophe, "'17"); otherwise the expression ends before
 * the number and is read again.
 */
function withoutCountAsYear(r: chrono.ParsedResult, ref: Reference | null): chrono.ParsedResult {
  const short = TRAILING_SHORT_NUMBER.exec(r.text);
  if (!short || !r.start.isCertain('year') || /\d{4}|['’]\d\d/.test(r.text)) return r;
  const again = chrono.parse(short[1]!, { instant: ref ? ref.day : NO_REFERENCE, timezone: 0 }, { forwardDate: false })[0];
  return again && again.index === 0 ? again : r;
}

/** Time expressions of one sentence, offsets into the document. */
function sentenceCandidates(sentence: Sentence, ref: Reference | null): Candidate[] {
  if (!MAY_HOLD_DATE.test(sentence.text)) return [];
  const found: Candidate[] = [];
  const parsed = chrono.parse(sentence.text, { instant: ref ? ref.day : NO_REFERENCE, timezone: 0 }, { forwardDate: false });
  for (const parsedResult of parsed) {
    // Read again without a trailing count, the expression starts where chrono found it.
    const r = withoutCountAsYear(parsedResult, ref);
    const leading = LEADING_PREPOSITION.exec(r.text)?.[0].length ?? 0;
    const surface = r.text.slice(leading).replace(/[\s,;.]+$/, '');
    const at = parsedResult.index + leading;
    if (surface.length === 0 || isFalseFriend(surface, sentence.text, at)) continue;
    const last = lastMonth(sentence.text, at, surface);
    found.push(last ? { ...last, start: sentence.start + last.start, end: sentence.start + last.end } : chronoCandidate(r, sentence.start + at, surface));
  }
  for (const y of [...yearCandidates(sentence.text, sentence.start), ...possessiveWeekdays(sentence.text, sentence.start)]) {
    if (!found.some((c) => y.start < c.end && y.end > c.start)) found.push(y);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Every time expression of the text, sentence by sentence, resolved against `publishedAt` when it is known. */
export function timeExpressions(text: string, sentences: readonly Sentence[], publishedAt: string | null): TimeExpression[] {
  const ref = referenceFrom(publishedAt);
  const out: TimeExpression[] = [];
  for (const sentence of sentences) {
    for (const c of joinRanges(text, sentenceCandidates(sentence, ref))) {
      const { value, grain, confidence } = c.resolve(ref);
      out.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), value, grain, source: c.source, confidence });
    }
  }
  return out;
}

export const datesStage: Stage = {
  name: 'dates',
  requires: ['text', 'sentences', 'meta'],
  assigns: ['dates'],
  uses: [],
  run: (doc) => ({ ...doc, dates: timeExpressions(doc.text, doc.sentences, doc.meta.publishedAt) }),
};
