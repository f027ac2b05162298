/**
 * RSS 0.9x/1.0/2.0 and Atom feeds to raw inputs, without I/O.
 *
 * Parsing is rss-parser's (strict XML through xml2js, so a malformed feed is
 * reported rather than half-read). One thing is patched: rss-parser turns an
 * Atom date into ISO with `new Date(x).toISOString()`, which throws on a date
 * it cannot read and so loses the whole feed for one bad entry; such a date
 * is set aside before rss-parser sees it and kept as found.
 */
import Parser from 'rss-parser';
import { parseHTML } from 'linkedom';
import type { RawInput, RawKind, SourceMeta } from '../core/doc.js';
import { looksLikeHtml } from './detect.js';

/** An item whose text is shorter than this carries a summary, not the article. */
export const SUMMARY_MAX_CHARS = 600;

export interface FeedItem {
  /** 1-based position in the feed. */
  readonly index: number;
  readonly title: string | null;
  /** The item's link, resolved against the feed's address when relative. */
  readonly link: string | null;
  readonly date: string | null;
  readonly authors: readonly string[];
  /** Full content (`content:encoded`, Atom `<content>`), HTML or text as found. */
  readonly content: string | null;
  /** Summary (`<description>`, Atom `<summary>`), as plain text. */
  readonly summary: string | null;
  readonly guid: string | null;
  readonly categories: readonly string[];
}

export interface ParsedFeed {
  readonly title: string | null;
  readonly link: string | null;
  readonly items: readonly FeedItem[];
}

/** The body an item carries by itself, before any link is followed. */
export interface ItemBody {
  readonly kind: RawKind;
  readonly content: string;
  /** Length of the body as plain text: decides whether the item is only a summary. */
  readonly textLength: number;
  readonly from: 'content' | 'summary';
}

type XmlEntry = Record<string, unknown[] | undefined>;
interface AtomItemParser {
  parseItemAtom(this: unknown, entry: XmlEntry): Record<string, unknown>;
}

const ATOM_DATE_FIELDS = ['published', 'updated'] as const;
const RAW_DATE_KEY = 'newsgraph:dateAsFound';

function createParser(): Parser<Record<string, unknown>, Record<string, unknown>> {
  const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
    // An <rss> root without a version attribute is read as RSS 2.0.
    defaultRSS: 2,
    customFields: {
      item: [
        ['dc:creator', 'creators', { keepArray: true }],
        ['author', 'authorElements', { keepArray: true }],
        ['category', 'categoryElements', { keepArray: true }],
      ],
    },
  });
  const original = (Parser.prototype as unknown as AtomItemParser).parseItemAtom;
  (parser as unknown as AtomItemParser).parseItemAtom = function (entry: XmlEntry) {
    let dateAsFound: string | null = null;
    for (const field of ATOM_DATE_FIELDS) {
      const value = entry[field]?.[0];
      const text = typeof value === 'string' ? value.trim() : null;
      if (dateAsFound === null && text) dateAsFound = text;
      if (text === null || Number.isNaN(Date.parse(text))) delete entry[field];
    }
    const item = original.call(this, entry);
    if (dateAsFound !== null) item[RAW_DATE_KEY] = dateAsFound;
    return item;
  };
  return parser;
}

/** xml2js reports "Unexpected close tag\nLine: 0\nColumn: 44\nChar: >"; make it one line, 1-based. */
function xmlErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^([^\n]*)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  if (!match) return message.split('\n')[0] ?? message;
  return `${match[1]} (line ${Number(match[2]) + 1}, column ${match[3]})`;
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record._ === 'string') return record._.trim() || null;
    if (Array.isArray(record.name)) return textOf(record.name[0]);
  }
  return null;
}

function resolveLink(link: string | null, base: string | null): string | null {
  if (!link) return null;
  try {
    return new URL(link, base ?? undefined).href;
  } catch {
    return link;
  }
}

const BLOCK_END = /<\/(?:p|div|li|h[1-6]|blockquote|tr|section|article|figcaption)>|<br\s*\/?>/gi;

/** Markup or entity-escaped text to plain text, paragraph breaks kept as newlines. */
export function plainText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  const { document } = parseHTML(`<!doctype html><html><body>${html.replace(BLOCK_END, '$&\n')}</body></html>`);
  const text = document.body?.textContent ?? '';
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

function toFeedItem(raw: Record<string, unknown>, index: number, isAtom: boolean, base: string | null): FeedItem {
  const str = (key: string): string | null => textOf(raw[key]);
  const authors: string[] = [];
  for (const list of [raw.creators, raw.authorElements]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const name = textOf(entry);
      if (name && !authors.includes(name)) authors.push(name);
    }
  }
  const categories = Array.isArray(raw.categoryElements)
    ? raw.categoryElements.map((c) => textOf(c) ?? textOf((c as { $?: { term?: unknown } }).$?.term)).filter((c): c is string => c !== null)
    : [];
  // rss-parser puts an RSS <description> in `content`; only content:encoded
  // (RSS) or <content> (Atom) is the full article.
  const content = isAtom ? str('content') : str('content:encoded');
  const summaryMarkup = isAtom ? str('summary') : str('content');
  return {
    index,
    title: str('title') ? plainText(str('title') ?? '') : null,
    link: resolveLink(str('link') ?? (isAtom ? null : str('guid')?.match(/^https?:\/\//) ? str('guid') : null), base),
    date: str(RAW_DATE_KEY) ?? str('pubDate') ?? str('dc:date') ?? str('isoDate'),
    authors,
    content,
    summary: summaryMarkup ? plainText(summaryMarkup) || null : null,
    guid: str('guid') ?? str('id'),
    categories,
  };
}

/**
 * Parse a feed document. `baseUrl` (the feed's own address) resolves
 * relative item links. Malformed XML gives `{ error }` naming the reason.
 */
export async function parseFeed(xml: string, baseUrl: string | null = null): Promise<ParsedFeed | { readonly error: string }> {
  let feed: Record<string, unknown> & { items?: Record<string, unknown>[] };
  try {
    feed = (await createParser().parseString(xml)) as typeof feed;
  } catch (error) {
    return { error: `malformed feed: ${xmlErrorReason(error)}` };
  }
  const isAtom = /^\s*(?:<\?[^]*?\?>\s*)?(?:<!--[^]*?-->\s*)*<(?:[\w-]+:)?feed[\s>]/.test(xml.replace(/^\uFEFF/, ''));
  const link = textOf(feed.link);
  const base = baseUrl ?? link;
  return {
    title: textOf(feed.title),
    link,
    items: (feed.items ?? []).map((item, i) => toFeedItem(item, i + 1, isAtom, base)),
  };
}

/** What an item carries by itself: its full content if any, else its summary as plain text. */
export function itemBody(item: FeedItem): ItemBody | null {
  if (item.content) {
    const text = plainText(item.content);
    if (text !== '') {
      return looksLikeHtml(item.content)
        ? { kind: 'html', content: item.content, textLength: text.length, from: 'content' }
        : { kind: 'record', content: text, textLength: text.length, from: 'content' };
    }
  }
  if (item.summary) return { kind: 'record', content: item.summary, textLength: item.summary.length, from: 'summary' };
  return null;
}

/** Container metadata of an item: what the feed states about it. */
export function itemMeta(feed: ParsedFeed, item: FeedItem, extra: Readonly<Record<string, unknown>> = {}): SourceMeta {
  const meta: { -readonly [K in keyof SourceMeta]: SourceMeta[K] } = { container: 'feed' };
  if (item.link) meta.url = item.link;
  if (item.title) meta.title = item.title;
  if (item.date) meta.date = item.date;
  if (item.authors.length > 0) meta.authors = item.authors;
  if (feed.title) meta.outlet = feed.title;
  if (item.summary) meta.description = item.summary;
  const allExtra: Record<string, unknown> = { ...extra };
  if (item.guid) allExtra.guid = item.guid;
  if (item.categories.length > 0) allExtra.categories = item.categories;
  if (feed.link) allExtra.feedLink = feed.link;
  if (Object.keys(allExtra).length > 0) meta.extra = allExtra;
  return meta;
}

/** An item as a raw input from what the feed itself carries. */
export function itemRaw(feed: ParsedFeed, item: FeedItem, body: ItemBody, input: string, encoding: string, extra: Readonly<Record<string, unknown>> = {}): RawInput {
  return { input, kind: body.kind, content: body.content, encoding, meta: itemMeta(feed, item, extra) };
}

export function itemInput(feedInput: string, item: FeedItem): string {
  return `${feedInput}#item=${item.index}`;
}

export const NO_CONTENT_NOR_LINK = 'item has neither content nor link';
