/**
 * URLs to raw inputs: a page becomes one HTML input, a feed one input per
 * item. Feed items that carry only a summary get their page fetched (when
 * `followFeedLinks`), falling back to the summary if that fails.
 */
import type { RawInput } from '../core/doc.js';
import { decodeBytes, type Decoded } from './decode.js';
import { sniffContent, type ContentKind } from './detect.js';
import { NO_CONTENT_NOR_LINK, SUMMARY_MAX_CHARS, itemBody, itemInput, itemMeta, itemRaw, parseFeed, type FeedItem, type ParsedFeed } from './feed.js';
import { fetchUrl, type Fetched } from './fetch.js';
import { errorMessage } from './reasons.js';
import { accepted, rejected, type IngestItem, type ResolvedOptions } from './types.js';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const XML_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/x-rss+xml', 'application/xml', 'text/xml']);
const TEXT_TYPES = new Set(['text/plain']);

/** Item pages fetched at once for one feed: quicker than one by one, still polite to the site. */
const ITEM_PAGE_CONCURRENCY = 4;

/** How many characters of a response are looked at to tell a feed from a page. */
const SNIFF_CHARS = 4096;

interface Document {
  readonly kind: ContentKind;
  readonly decoded: Decoded;
  readonly fetched: Fetched;
}

/** Decode a response and decide what it is from its content type and its first characters. */
function classify(fetched: Fetched): Document | { readonly error: string } {
  const mime = (fetched.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mime !== '' && !HTML_TYPES.has(mime) && !XML_TYPES.has(mime) && !TEXT_TYPES.has(mime)) {
    return { error: `unsupported content type ${mime}` };
  }
  if (fetched.body.byteLength === 0) return { error: 'empty response' };
  const decoded = decodeBytes(fetched.body, { contentType: fetched.contentType });
  if ('error' in decoded) return decoded;
  if (decoded.text.trim() === '') return { error: 'empty response' };
  const sniffed = sniffContent(decoded.text.slice(0, SNIFF_CHARS));
  // Servers mislabel feeds as text/html and pages as text/plain; the content decides,
  // except that a declared HTML page whose start is not recognisable is still HTML.
  let kind: ContentKind = sniffed;
  if (HTML_TYPES.has(mime) && sniffed !== 'feed') kind = 'html';
  if (kind === 'xml') return { error: 'XML document that is not an RSS/Atom feed' };
  return { kind, decoded, fetched };
}

function pageRaw(input: string, document: Document): RawInput {
  return {
    input,
    kind: document.kind === 'text' ? 'text' : 'html',
    content: document.decoded.text,
    encoding: document.decoded.encoding,
    meta: { url: document.fetched.url, fetchedAt: document.fetched.fetchedAt, container: 'http' },
  };
}

/** Fetch an item's page; only an HTML (or text) page counts as the article. */
async function fetchItemPage(link: string, options: ResolvedOptions): Promise<Document | { readonly error: string }> {
  const fetched = await fetchUrl(link, options.fetch);
  if (!fetched.ok) return { error: fetched.reason };
  const document = classify(fetched);
  if ('error' in document) return document;
  if (document.kind === 'feed') return { error: 'the item link points to a feed, not a page' };
  return document;
}

async function feedItemInput(feed: ParsedFeed, item: FeedItem, feedInput: string, encoding: string, options: ResolvedOptions): Promise<IngestItem> {
  const input = itemInput(feedInput, item);
  const body = itemBody(item);
  if (!body && !item.link) return rejected(input, NO_CONTENT_NOR_LINK);
  const wantsPage = item.link !== null && (!body || body.textLength < SUMMARY_MAX_CHARS);
  if (!wantsPage || !options.followFeedLinks || !item.link) {
    if (body) return accepted(itemRaw(feed, item, body, input, encoding));
    return rejected(input, 'item has no text, and following item links is turned off');
  }
  const page = await fetchItemPage(item.link, options);
  if ('error' in page) {
    if (body) return accepted(itemRaw(feed, item, body, input, encoding, { fetchError: page.error }));
    return rejected(input, `item has no text and its page could not be read: ${page.error}`);
  }
  const meta = itemMeta(feed, item);
  return accepted({
    input,
    kind: page.kind === 'text' ? 'text' : 'html',
    content: page.decoded.text,
    encoding: page.decoded.encoding,
    meta: { ...meta, url: page.fetched.url, fetchedAt: page.fetched.fetchedAt },
  });
}

/** Read one URL: a page, a plain-text document, or a feed (one item per article). */
export async function* readUrl(input: string, options: ResolvedOptions): AsyncGenerator<IngestItem> {
  const fetched = await fetchUrl(input, options.fetch);
  if (!fetched.ok) {
    yield rejected(input, fetched.reason);
    return;
  }
  const document = classify(fetched);
  if ('error' in document) {
    yield rejected(input, document.error);
    return;
  }
  if (document.kind !== 'feed') {
    yield accepted(pageRaw(input, document));
    return;
  }
  const feed = await parseFeed(document.decoded.text, fetched.url);
  if ('error' in feed) {
    yield rejected(input, feed.error);
    return;
  }
  if (feed.items.length === 0) {
    yield rejected(input, 'feed has no items');
    return;
  }
  // Item pages are fetched a few at a time, ahead of the consumer, and
  // yielded in feed order.
  const pending: Promise<IngestItem>[] = [];
  let next = 0;
  const refill = (): void => {
    while (pending.length < ITEM_PAGE_CONCURRENCY && next < feed.items.length) {
      const item = feed.items[next++] as FeedItem;
      pending.push(
        feedItemInput(feed, item, input, document.decoded.encoding, options).catch((error: unknown) =>
          rejected(itemInput(input, item), `internal error while reading the item: ${errorMessage(error)}`)),
      );
    }
  };
  refill();
  for (let result = pending.shift(); result; result = pending.shift()) {
    const item = await result;
    refill();
    yield item;
  }
}
