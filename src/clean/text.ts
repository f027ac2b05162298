/**
 * Extraction for scraped plain-text articles: separates the head and tail
 * lines that describe the page (URL, view counters, title, date lines,
 * bylines, agency credits) from the body. Pure; patterns live in
 * ./patterns/byline.json, ./patterns/dates.json and ./data/agencies.json.
 *
 * The head is every line before the first prose line, the tail every line
 * after the last one. Only lines there are candidates for metadata, so a
 * sentence in the body that starts with "By" or a date is never touched.
 * Lines that are page furniture but not metadata (share widgets, tag lines)
 * stay in the body for the cleaning gates, which record why they go.
 */
import * as chrono from 'chrono-node';
import type { DateEvidence, Extracted, PageMeta, Removed } from '../core/doc.js';
import agencyData from './data/agencies.json' with { type: 'json' };
import { compilePatterns, isBoilerplateLine, isProse, normaliseLine, wordCount } from './gates.js';
import bylinePatterns from './patterns/byline.json' with { type: 'json' };
import datePatterns from './patterns/dates.json' with { type: 'json' };
import { alternation } from '../core/patterns.js';

// ---------------------------------------------------------------------------
// Dates

export type DateGrain = 'day' | 'instant';

/** A date found in a string: `start`/`end` index the original string. */
export interface FoundDate {
  /** "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SSZ" when a time and its zone are known. */
  readonly value: string;
  readonly grain: DateGrain;
  readonly start: number;
  readonly end: number;
}

const GLUE = compilePatterns('dates.json', datePatterns.glue).map((p) => new RegExp(p.re.source, 'g' + p.re.flags));
const STATEMENTS = compilePatterns('dates.json', datePatterns.statements);
/** Dates without a year are never publication evidence, so the reference only fills unused fields. */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

/** Inserts a space where scrapers glued date tokens; `toOriginal` maps an index back. */
function unglue(text: string): { text: string; toOriginal: (i: number) => number } {
  const cuts = new Set<number>();
  for (const re of GLUE) {
    for (const match of text.matchAll(re)) cuts.add(match.index + match[1]!.length);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (const cut of sorted) {
    out += text.slice(from, cut) + ' ';
    from = cut;
  }
  out += text.slice(from);
  return {
    text: out,
    toOriginal(i) {
      let shift = 0;
      for (const cut of sorted) if (cut + shift < i) shift++;
      return i - shift;
    },
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dayValue(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  if (year < 1900 || year > 2100) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function instantValue(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  const year = Number(iso.slice(0, 4));
  if (year < 1900 || year > 2100) return null;
  return iso.slice(0, 19) + 'Z';
}

/**
 * The first full date (day, month and year) in `text`. A time is kept only
 * with its zone: "21:41:42 +0000" gives an instant, "18:32" alone a day.
 */
export function findDate(text: string): FoundDate | null {
  const { text: unglued, toOriginal } = unglue(text);
  for (const result of chrono.parse(unglued, REFERENCE)) {
    const start = result.start;
    if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
    let matched = result.text;
    // Relative expressions ("next week") are certain only relative to the reference.
    if (!/\d{4}/u.test(matched)) continue;
    const hasClock = /\d:\d\d|\b[ap]\.?m\b/iu.test(matched);
    // chrono reads a bare number after a date as an hour ("May 24 2017 16
    // civilians"); without a clock the number belongs to the next sentence.
    if (!hasClock) matched = matched.replace(/(\d{4})\s+\d{1,2}$/u, '$1');
    const day = dayValue(start.get('year')!, start.get('month')!, start.get('day')!);
    if (!day) continue;
    const zoned = hasClock && start.isCertain('hour') && start.isCertain('timezoneOffset');
    const instant = zoned ? instantValue(start.date().getTime()) : null;
    return {
      value: instant ?? day,
      grain: instant ? 'instant' : 'day',
      start: toOriginal(result.index),
      end: toOriginal(result.index + matched.length),
    };
  }
  return null;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$/iu;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u;

/**
 * Parses a whole date string as containers state it: ISO 8601, M/D/YYYY
 * (D/M/YYYY when the first number cannot be a month), RFC 822 and the
 * written forms chrono-node reads. Returns null when the string is not one
 * full date.
 */
export function parseDateString(raw: string): { value: string; grain: DateGrain } | null {
  const text = raw.trim();
  if (text === '') return null;
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const day = dayValue(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (!day) return null;
    const zone = iso[7];
    if (iso[4] === undefined || zone === undefined) return { value: day, grain: 'day' };
    const offset = /^(utc|gmt|z)$/iu.test(zone) ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/u, '$1:$2');
    const instant = instantValue(Date.parse(`${day}T${iso[4]}:${iso[5]}:${iso[6] ?? '00'}${offset}`));
    return instant ? { value: instant, grain: 'instant' } : { value: day, grain: 'day' };
  }
  const us = US_DATE.exec(text);
  if (us) {
    const [a, b, year] = [Number(us[1]), Number(us[2]), Number(us[3])];
    const day = a > 12 ? dayValue(year, b, a) : dayValue(year, a, b);
    return day ? { value: day, grain: 'day' } : null;
  }
  const found = findDate(text);
  // The date must be most of the string: "Report of 5 May 2016, revised" is not a date string.
  if (!found || found.end - found.start < 0.6 * text.replace(/\s+/gu, ' ').length) return null;
  return { value: found.value, grain: found.grain };
}

/** A publication statement ("Updated at", "Date of publication") followed directly by a date. */
export function findStatedDate(line: string): (FoundDate & { statementStart: number }) | null {
  for (const pattern of STATEMENTS) {
    const re = new RegExp(pattern.re.source, 'g' + pattern.re.flags);
    for (const match of line.matchAll(re)) {
      const after = match.index + match[0].length;
      const found = findDate(line.slice(after));
      if (found && found.start === 0) {
        return { ...found, start: after, end: after + found.end, statementStart: match.index };
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Bylines

const AGENCY_NAMES = new Map<string, string>();
for (const [canonical, variants] of Object.entries(agencyData.agencies)) {
  for (const name of [canonical, ...variants]) AGENCY_NAMES.set(name.toLowerCase(), canonical);
}
const AGENCY_ALTERNATION = `(?:${alternation([...AGENCY_NAMES.keys()])})`;

const BYLINE_LINES = compilePatterns('byline.json', bylinePatterns.lines);
const SIGN_OFFS = compilePatterns(
  'byline.json',
  bylinePatterns.signOffs.map((s) => ({ ...s, re: s.re.replaceAll('{AGENCIES}', AGENCY_ALTERNATION) })),
);
const PARTICLES = new Set(bylinePatterns.nameParticles);

/** The canonical agency name for a credit ("REUTERS" -> "Reuters"), or null. */
export function agencyName(name: string): string | null {
  return AGENCY_NAMES.get(name.trim().toLowerCase()) ?? null;
}

/** A person's name as bylines print it: capitalised words, initials, name particles. */
export function looksLikePersonName(name: string): boolean {
  const tokens = name.split(/\s+/u).filter(Boolean);
  if (tokens.length < 2 || tokens.length > bylinePatterns.maxNameTokens) return false;
  return tokens.every((token) => {
    const bare = token.toLowerCase().replace(/[-'’].*$/u, '');
    if (PARTICLES.has(bare)) return true;
    return /^(\p{Lu}[\p{L}'’.-]*|\p{Lu}\.)$/u.test(token);
  });
}

/**
 * Splits a credit into names ("X, Y and Z", "AFP/Reuters") with "By",
 * trailing colons and agency spellings normalised. Returns null when any
 * part is neither a person's name nor a known agency, so that banners and
 * sentences are not taken for bylines.
 */
export function parseNames(credit: string): string[] | null {
  const cleaned = normaliseLine(credit)
    .replace(/^by\s*[:\-–]?\s*/iu, '')
    .replace(/[\s:;.,]+$/u, '');
  if (cleaned === '') return null;
  const parts = cleaned
    .split(/\s*(?:,|\/|;|&|\band\b)\s*/u)
    .map((p) => p.trim())
    .filter(Boolean);
  const names: string[] = [];
  for (const part of parts) {
    const agency = agencyName(part);
    if (agency) names.push(agency);
    else if (looksLikePersonName(part)) names.push(part);
    else return null;
  }
  return names.length > 0 ? names : null;
}

/** Names credited by a whole byline line, or null when the line is not a byline. */
export function parseBylineLine(line: string): string[] | null {
  const text = normaliseLine(line);
  if (text.length > 120) return null;
  for (const pattern of BYLINE_LINES) {
    const names = pattern.re.exec(text)?.groups?.['names'];
    if (names !== undefined) {
      const parsed = parseNames(names);
      if (parsed) return parsed;
    }
  }
  // A bare credit line made only of agencies: "Reuters, AP, dpa".
  const parts = text.split(/\s*(?:,|\/|&|\band\b)\s*/u).filter(Boolean);
  if (parts.length > 0 && parts.every((p) => agencyName(p) !== null)) return parts.map((p) => agencyName(p)!);
  return null;
}

/** An agency sign-off glued to the end of the last paragraph (" - REUTERS", "(With AFP)"). */
export function findSignOff(paragraph: string): { start: number; names: string[] } | null {
  for (const pattern of SIGN_OFFS) {
    const match = pattern.re.exec(paragraph);
    const names = match?.groups?.['names'];
    if (match && names !== undefined && match.index > 0) {
      const parsed = parseNames(names);
      if (parsed) return { start: match.index, names: parsed };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Head and tail of a scraped text

const URL_LINE = /^https?:\/\/\S+$/iu;
const NUMBER_LINE = /^[\d.,\s]+$/u;
const HEAD_WINDOW = 12;
const TAIL_WINDOW = 4;

/** A first line that reads as a headline: a handful of words, no sentence ending (or very short). */
export function looksLikeTitle(line: string): boolean {
  const words = wordCount(line);
  if (words < 2 || words > 30 || line.length > 220) return false;
  if (!/^[\p{Lu}\p{N}"'‘“(]/u.test(line)) return false;
  if (/[,;:]$/u.test(line)) return false;
  const endsSentence = /[.]["”’')]*$/u.test(line);
  return !endsSentence || words <= 8;
}

function isDateLine(line: string): FoundDate | null {
  const { maxLineChars, minCoverage } = datePatterns.header;
  if (line.length > maxLineChars) return null;
  const found = findDate(line);
  if (!found) return null;
  const rest = (line.slice(0, found.start) + line.slice(found.end)).replace(/[\s|,·•-]+/gu, '');
  // Allow a short zone or weekday remainder ("GMT", "Updated") but not words of a sentence.
  return found.end - found.start >= minCoverage * line.length || rest.length <= 4 ? found : null;
}

export interface ExtractTextOptions {
  /** A title the container already states; a first line is taken as the title only when it matches. */
  readonly knownTitle?: string;
  /** Name recorded in `Extracted.source`. */
  readonly source?: string;
}

interface Row {
  raw: string;
  text: string;
}

const comparable = (s: string) =>
  normaliseLine(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Splits a scraped plain-text article into body and page metadata. Never
 * throws on content: an empty string gives an empty body.
 */
export function extractText(content: string, options: ExtractTextOptions = {}): Extracted {
  const source = options.source ?? 'text';
  const rows: Row[] = content
    .replace(/^\uFEFF/u, '')
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((raw) => ({ raw, text: normaliseLine(raw) }));
  const removed: Removed[] = [];
  const dates: DateEvidence[] = [];
  const authors: string[] = [];
  let url: string | undefined;
  let title: string | undefined;
  const drop = (row: Row, reason: string) => {
    removed.push({ text: row.text, reason, gate: 'extract-text' });
    row.text = '';
    row.raw = '';
  };
  const dateEvidence = (found: FoundDate, evidence: string, trust: DateEvidence['trust']) =>
    dates.push({ value: found.value, evidence, source: `text-${trust}`, trust });

  const contentRows = () => rows.filter((r) => r.text !== '');

  // Head: metadata lines before the first prose line.
  const head = contentRows().slice(0, HEAD_WINDOW);
  let expectNumbers = false;
  for (const [position, row] of head.entries()) {
    const line = row.text;
    if (position === 0 && URL_LINE.test(line)) {
      url = line;
      drop(row, 'header');
      expectNumbers = true;
      continue;
    }
    if (expectNumbers && NUMBER_LINE.test(line)) {
      drop(row, 'header');
      continue;
    }
    expectNumbers = false;
    const stated = findStatedDate(line);
    if (stated) {
      dateEvidence(stated, line, 'stated');
      // A line that is only the statement goes; one that carries other page
      // furniture (a banner) stays for the gate that knows what it is.
      if (line.slice(0, stated.statementStart).trim() === '' && line.slice(stated.end).trim() === '') {
        drop(row, 'dateline');
        continue;
      }
    }
    const dateLine = stated ? null : isDateLine(line);
    if (dateLine) {
      dateEvidence(dateLine, line, 'header');
      drop(row, 'dateline');
      continue;
    }
    const byline = parseBylineLine(line);
    if (byline) {
      authors.push(...byline);
      drop(row, 'byline');
      continue;
    }
    if (isProse(line)) break;
    if (title === undefined && !stated && looksLikeTitle(line) && !isBoilerplateLine(line)) {
      const matchesKnown = options.knownTitle === undefined || comparable(options.knownTitle) === comparable(line);
      const hasBodyAfter = contentRows().some((r) => r !== row && rows.indexOf(r) > rows.indexOf(row));
      if (matchesKnown && hasBodyAfter) {
        title = line;
        drop(row, 'title');
        continue;
      }
    }
  }

  // The first body line may open with a glued dateline: "Date of publication
  // 18 July 2016 Syrian activists say ..." or "Wed 05 Apr 2017 Syria ...".
  const first = contentRows()[0];
  if (first) {
    const stated = findStatedDate(first.text);
    const statedAtStart = stated !== null && stated.statementStart === 0 ? stated : null;
    const headerAtStart = statedAtStart ? null : findDate(first.text);
    const leading = statedAtStart ?? (headerAtStart && headerAtStart.start === 0 ? headerAtStart : null);
    if (leading && leading.end < first.text.length) {
      const prefix = first.text.slice(0, leading.end).trim();
      const rest = first.text.slice(leading.end).trim();
      dateEvidence(leading, prefix, statedAtStart ? 'stated' : 'header');
      // Cut the dateline only where the article visibly starts after it.
      if (/^[\p{Lu}\p{N}"'‘“]/u.test(rest)) {
        removed.push({ text: prefix, reason: 'dateline', gate: 'extract-text' });
        first.text = rest;
        first.raw = rest;
      }
    }
  }

  // Tail: bylines and agency credits after the last prose line.
  const tail = contentRows().slice(-TAIL_WINDOW).reverse();
  for (const row of tail) {
    const byline = parseBylineLine(row.text);
    if (byline) {
      authors.push(...byline);
      drop(row, 'byline');
      continue;
    }
    // The sign-off hides the paragraph's sentence end, so look for it before judging prose.
    const signOff = wordCount(row.text) >= 6 ? findSignOff(row.text) : null;
    if (signOff) {
      authors.push(...signOff.names);
      removed.push({ text: row.text.slice(signOff.start).trim(), reason: 'byline', gate: 'extract-text' });
      row.text = row.text.slice(0, signOff.start).trim();
      row.raw = row.text;
      break;
    }
    if (isProse(row.text)) break;
  }

  const page: PageMeta = {
    ...(url !== undefined ? { url } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(authors.length > 0 ? { authors: [...new Set(authors)] } : {}),
    ...(dates.length > 0 ? { dates } : {}),
  };
  const body = rows
    .map((r) => (r.text === '' ? '' : r.raw))
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
  return { body, page, removed, source };
}
