/**
 * The metadata stage: decides the article's URL, outlet, title, byline,
 * publication date, language and id from three kinds of evidence, in order
 * of trust: what the container states (dataset columns, feed fields), what
 * the page states (HTML head, text header lines), and what can be derived
 * (URL slug, lead sentence, the body's own years).
 *
 * A publication date is never a crawl date and never a date the page merely
 * prints in its header when the article's own text says otherwise.
 */
import { createHash } from 'node:crypto';
import { getDomain, getHostname } from 'tldts';
import type { ArticleMeta, DateEvidence, Doc, PageMeta, Removed, SourceMeta } from '../core/doc.js';
import type { Stage } from '../core/stage.js';
import acronymData from './data/acronyms.json' with { type: 'json' };
import outletData from './data/outlets.json' with { type: 'json' };
import { articleLanguage, normaliseLanguageCode } from './language.js';
import { findDate, parseDateString, parseNames } from './text.js';

// ---------------------------------------------------------------------------
// URL, domain, outlet

/** An absolute http(s) URL, or null. */
export function normaliseUrl(candidate: string | undefined | null): string | null {
  if (!candidate) return null;
  try {
    const url = new URL(candidate.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const comparableName = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const OUTLET_BY_DOMAIN = new Map<string, string>();
const OUTLET_BY_ALIAS = new Map<string, string>();
for (const outlet of outletData.outlets) {
  for (const domain of outlet.domains) OUTLET_BY_DOMAIN.set(domain.toLowerCase(), outlet.name);
  for (const alias of [outlet.name, ...outlet.aliases]) OUTLET_BY_ALIAS.set(comparableName(alias), outlet.name);
}

/** The publisher of a host: the host itself or its nearest parent domain in the table. */
/** Chrome lines printed only by one publisher's page template -> that publisher. */
const OUTLET_BY_SIGNATURE = new Map<string, { name: string; domain: string | null }>();
for (const outlet of outletData.outlets as { name: string; domains: string[]; signatures?: string[] }[]) {
  for (const line of outlet.signatures ?? []) OUTLET_BY_SIGNATURE.set(comparableName(line), { name: outlet.name, domain: outlet.domains[0] ?? null });
}

/** The publisher whose page template printed one of the removed chrome lines, if any. */
export function outletFromTemplate(removed: readonly Removed[]): { name: string; domain: string | null; line: string } | null {
  for (const r of removed) {
    const hit = OUTLET_BY_SIGNATURE.get(comparableName(r.text));
    if (hit) return { ...hit, line: r.text.trim() };
  }
  return null;
}

export function outletForHost(host: string): string | null {
  const labels = host.toLowerCase().replace(/^www\d*\./u, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const name = OUTLET_BY_DOMAIN.get(labels.slice(i).join('.'));
    if (name) return name;
  }
  return null;
}

/** The publisher for a name a dataset uses ("sputnik", "alaraby", "Reuters"), or null. */
export function outletForName(name: string): string | null {
  const key = comparableName(name);
  if (key === '') return null;
  return OUTLET_BY_ALIAS.get(key) ?? OUTLET_BY_DOMAIN.get(name.trim().toLowerCase()) ?? null;
}

// ---------------------------------------------------------------------------
// Titles

const ACRONYMS = new Map(acronymData.acronyms.map((a) => [a.toLowerCase(), a]));
const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'but', 'or', 'nor', 'of', 'in', 'on', 'at', 'to', 'by', 'for', 'as', 'vs']);
const FILE_EXTENSION = /\.(s?html?|php\d?|aspx?|jsp|cms|cfm|ece|amp)$/iu;

/** A word that is an identifier, not language: numbers, hex ids, mixed letters and digits. */
const isIdToken = (token: string) => /\d/u.test(token) && !/^\d{1,2}(st|nd|rd|th)$/iu.test(token);

/**
 * A readable title from a URL slug: ".../war-isis-fighters-flee-2433437" ->
 * "War ISIS Fighters Flee". Null when the URL has no word slug.
 */
export function titleFromUrl(url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  const segments = path.split('/').filter(Boolean).reverse();
  for (const segment of segments) {
    const words = segment
      .replace(FILE_EXTENSION, '')
      .split(/[-_+\s]+/u)
      .filter((w) => w !== '' && !isIdToken(w));
    if (words.length < 3) continue;
    return words
      .map((word, i) => {
        const lower = word.toLowerCase();
        const acronym = ACRONYMS.get(lower);
        if (acronym) return acronym;
        if (i > 0 && SMALL_WORDS.has(lower)) return lower;
        return lower.charAt(0).toUpperCase() + lower.slice(1);
      })
      .join(' ');
  }
  return null;
}

const LEAD_TITLE_MAX_CHARS = 100;

/** The first sentence of the text, cut at a word boundary when long: a last-resort title. */
export function titleFromLead(text: string): string | null {
  const firstParagraph = text.split('\n')[0]?.trim() ?? '';
  if (firstParagraph === '') return null;
  const sentence = /^.+?[.!?](?=\s|$)/u.exec(firstParagraph)?.[0] ?? firstParagraph;
  if (sentence.length <= LEAD_TITLE_MAX_CHARS) return sentence;
  const cut = sentence.slice(0, LEAD_TITLE_MAX_CHARS);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[\s,;:]+$/u, '') + '…';
}

function chooseTitle(
  page: PageMeta,
  extractedSource: string,
  container: SourceMeta,
  url: string | null,
  text: string,
): { title: string | null; titleSource: string | null } {
  const usable = (t: string | undefined) => (t !== undefined && t.trim() !== '' ? t.replace(/\s+/gu, ' ').trim() : null);
  const pageTitle = usable(page.title);
  if (pageTitle) return { title: pageTitle, titleSource: extractedSource === 'html' ? 'page' : 'text' };
  const containerTitle = usable(container.title);
  if (containerTitle) return { title: containerTitle, titleSource: 'container' };
  const slugTitle = url ? titleFromUrl(url) : null;
  if (slugTitle) return { title: slugTitle, titleSource: 'url-slug' };
  const lead = titleFromLead(text);
  return lead ? { title: lead, titleSource: 'lead' } : { title: null, titleSource: null };
}

// ---------------------------------------------------------------------------
// Byline

/** Authors and agencies, normalised and deduplicated (case-insensitively), in order of first mention. */
export function normaliseByline(credits: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const credit of credits) {
    // A credit that does not parse as names is kept as written, minus "By" and colons:
    // containers state authors deliberately, and we do not drop what we cannot parse.
    const names = parseNames(credit) ?? [credit.replace(/^\s*by\s*:?\s*/iu, '').replace(/[\s:]+$/u, '').trim()];
    for (const name of names) {
      const key = name.toLowerCase();
      if (name !== '' && !seen.has(key)) {
        seen.add(key);
        out.push(name);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Publication date

const YEAR = /\b(19[5-9]\d|20\d\d)\b(?![,.]\d)/gu;

/** The latest explicit year in the article's own material; null when it states none. */
export function latestYearMentioned(texts: readonly string[]): number | null {
  let latest: number | null = null;
  for (const text of texts) {
    for (const match of text.matchAll(YEAR)) {
      const year = Number(match[1]);
      if (latest === null || year > latest) latest = year;
    }
  }
  return latest;
}

/** Removals that are still the article's own material: captions and credits describe its pictures. */
const OWN_MATERIAL_REASONS = new Set(['caption', 'credit']);

export interface PublicationDate {
  readonly publishedAt: string | null;
  readonly publishedEvidence: string | null;
}

/** How far into the text a dateline may stand: after a headline and an agency credit, before the story. */
const DATELINE_REACH = 240;
const WEEKDAY = /\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*$/iu;
const STATED = /\b(?:published|date of publication|posted|updated|first published)(?:\s+(?:on|at))?\s*:?\s*$/iu;
/** "Aug 012016": a day glued to its year, as scraped pages print it. */
const GLUED_YEAR = /\b(\p{L}{3,9}\.?)\s+(\d{2})((?:19|20)\d\d)\b/u;
/** A word that makes a date something the story tells of, not when it was written: "on 4 April 2017", "since". */
const TOLD_OF = /\b(?:on|since|in|until|till|by|from|before|after|of|to)\s*$/iu;

/**
 * The article's own dateline in its opening lines: a full date with its weekday ("AFP Saturday 11 Jul 2015",
 * "Fri Feb 27 2015"), after a publication statement ("Date of publication 4 April 2017", "Published February 23
 * 2015"), or opening the text or a line ("December 16 2013 Death toll ..."). A date the story tells of ("on 4 April
 * 2017 the army ...") is not one.
 */
export function leadDateline(text: string): { value: string; evidence: string } | null {
  const lead = text.slice(0, DATELINE_REACH);
  // A full date has a year; most articles open without one, and the date parser is the costly part.
  if (!/\b(?:19|20)\d\d\b/u.test(lead)) return null;
  const found = findDate(lead);
  if (!found) return null;
  const before = lead.slice(Math.max(0, found.start - 40), found.start);
  const matched = lead.slice(found.start, found.end);
  const opensLine = found.start === 0 || /\n\s*$/u.test(before);
  const weekday = WEEKDAY.test(before) || /^(?:mon|tue|wed|thu|fri|sat|sun)/iu.test(matched);
  if (TOLD_OF.test(before) && !STATED.test(before)) return null;
  if (!(opensLine || weekday || STATED.test(before))) return null;
  return { value: found.value.slice(0, 10), evidence: (before.match(/\S+\s*$/u)?.[0] ?? '') + matched };
}

/** The latest year the article's own text (and its captions and credits) mentions. */
function latestYearOfArticle(text: string, removed: readonly Removed[]): number | null {
  return latestYearMentioned([text, ...removed.filter((r) => OWN_MATERIAL_REASONS.has(r.reason)).map((r) => r.text)]);
}

/** A date more than a year after the latest year the article mentions: a page's render date, not its own. */
function laterThanTheStory(value: string, text: string, removed: readonly Removed[]): boolean {
  const latest = latestYearOfArticle(text, removed);
  return latest !== null && Number(value.slice(0, 4)) - latest > 1;
}

/**
 * Picks the publication date. Order: the article's own dateline in its opening lines (or cut from them by cleaning), the container's date, then structured
 * page metadata, then a stated publication ("Updated at ..."), and only
 * then a bare header date, which is rejected when the article's latest
 * year is more than one year before it (a page re-rendered years later
 * prints the render date in its header).
 */
export function choosePublicationDate(
  container: SourceMeta,
  evidence: readonly DateEvidence[],
  text: string,
  removed: readonly Removed[],
): PublicationDate {
  const rejected: string[] = [];
  // The article's own dateline beats a dataset's column, which is often the day the row was collected: in the text,
  // or cut from its head by cleaning (a date line of its own), unless it is years after what the article speaks of.
  const dateline = leadDateline(text);
  if (dateline) return { publishedAt: dateline.value, publishedEvidence: `dateline in the text: "${dateline.evidence}"` };
  const cut = removed.find((r) => r.reason === 'dateline');
  const own = cut ? leadDateline(cut.text.replace(GLUED_YEAR, '$1 $2 $3')) : null;
  if (own && !laterThanTheStory(own.value, text, removed)) {
    return { publishedAt: own.value, publishedEvidence: `dateline cut from the head of the text: "${cut!.text.trim()}"` };
  }
  if (container.date !== undefined && container.date.trim() !== '') {
    const parsed = parseDateString(container.date);
    if (parsed) {
      return { publishedAt: parsed.value, publishedEvidence: `container date "${container.date}" (${container.container ?? 'source'})` };
    }
    rejected.push(`container date "${container.date}" is not a date`);
  }
  for (const trust of ['structured', 'stated'] as const) {
    for (const candidate of evidence.filter((e) => e.trust === trust)) {
      const parsed = parseDateString(candidate.value);
      if (parsed) return { publishedAt: parsed.value, publishedEvidence: `${trust} ${candidate.source}: "${candidate.evidence}"` };
      rejected.push(`${trust} "${candidate.value}" is not a date`);
    }
  }
  const latestYear = latestYearOfArticle(text, removed);
  for (const candidate of evidence.filter((e) => e.trust === 'header')) {
    const parsed = parseDateString(candidate.value);
    if (!parsed) {
      rejected.push(`header "${candidate.value}" is not a date`);
      continue;
    }
    const headerYear = Number(parsed.value.slice(0, 4));
    if (latestYear !== null && headerYear - latestYear > 1) {
      rejected.push(
        `header date ${parsed.value} ("${candidate.evidence}") rejected: the article's latest year is ${latestYear}`,
      );
      continue;
    }
    const why = latestYear === null ? 'the article states no year' : `consistent with the article's latest year ${latestYear}`;
    return { publishedAt: parsed.value, publishedEvidence: `header ${candidate.source}: "${candidate.evidence}" (${why})` };
  }
  return { publishedAt: null, publishedEvidence: rejected.length > 0 ? rejected.join('; ') : null };
}

// ---------------------------------------------------------------------------
// Id

/** The body as compared for identity: NFC, lower-case, whitespace collapsed. */
export function normaliseForId(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** First 16 hex characters of sha256 over the normalised body. */
export function articleId(text: string): string {
  return createHash('sha256').update(normaliseForId(text), 'utf8').digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------
// The stage

/** Article metadata for a document whose body has been extracted and cleaned. Pure. */
export function articleMeta(doc: Doc): ArticleMeta {
  const page: PageMeta = doc.extracted?.page ?? {};
  const container = doc.raw.meta;
  const url = normaliseUrl(container.url) ?? normaliseUrl(page.url);
  const host = url ? getHostname(url) : null;
  const domain = url ? getDomain(url) : null;
  const siteName = page.siteName?.trim() || null;
  const containerOutlet = container.outlet?.trim() || null;
  // Without a URL, site name or container outlet, a template signature in the
  // removed chrome still identifies the publisher (weakest evidence, used last).
  const template = !url && !siteName && !containerOutlet ? outletFromTemplate(doc.removed) : null;
  const outlet =
    (host ? outletForHost(host) : null) ??
    (siteName ? (outletForName(siteName) ?? siteName) : null) ??
    (containerOutlet ? (outletForName(containerOutlet) ?? containerOutlet) : null) ??
    domain ??
    template?.name ??
    null;
  const { title, titleSource } = chooseTitle(page, doc.extracted?.source ?? 'text', container, url, doc.text);
  const byline = normaliseByline([...(page.authors ?? []), ...(container.authors ?? [])]);
  const { publishedAt, publishedEvidence } = choosePublicationDate(container, page.dates ?? [], doc.text, doc.removed);
  const language = articleLanguage(doc.text, container.language) ?? normaliseLanguageCode(page.language);
  return { url, outlet, domain: domain ?? template?.domain ?? null, title, titleSource, byline, publishedAt, publishedEvidence, language };
}

export const metadataStage: Stage = {
  name: 'metadata',
  requires: ['extracted', 'text'],
  assigns: ['meta', 'id'],
  uses: [],
  run(doc: Doc): Doc {
    return { ...doc, meta: articleMeta(doc), id: articleId(doc.text) };
  },
};
