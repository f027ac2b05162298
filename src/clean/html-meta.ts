/**
 * Page-level metadata of an HTML news page: title, canonical URL, outlet,
 * authors, description, language and candidate publication dates with the
 * evidence for each. Pure: reads a parsed document, never the network.
 *
 * Also home to the small DOM helpers that extraction shares with metadata
 * reading (robust parsing, the page-furniture classifier), so that both
 * judge "is this element part of the article?" the same way.
 */
import { parseHTML } from 'linkedom';
import type { DateEvidence, PageMeta } from '../core/doc.js';
import chrome from './patterns/html-chrome.json' with { type: 'json' };

// ---------------------------------------------------------------------------
// Parsing

/**
 * Parses HTML into a document that always has `documentElement` and `body`.
 * linkedom leaves both missing for fragments ("<p>text") and for empty
 * input, so such input is wrapped in a full page skeleton first.
 */
export function parseHtmlDocument(html: string): Document {
  const source = typeof html === 'string' ? html : '';
  const first = tryParse(/<html[\s>]/i.test(source) ? source : wrapFragment(source));
  if (first?.documentElement && first.body) return first;
  const second = tryParse(`<!doctype html><html><head></head><body>${source}</body></html>`);
  if (second?.documentElement && second.body) return second;
  // Last resort: an empty, well-formed page (input linkedom cannot read at all).
  return parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
}

function wrapFragment(source: string): string {
  if (/<(head|body)[\s>]/i.test(source)) return `<!doctype html><html>${source}</html>`;
  return `<!doctype html><html><head></head><body>${source}</body></html>`;
}

function tryParse(html: string): Document | undefined {
  try {
    return parseHTML(html).document as unknown as Document;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Page furniture classifier

const WORD_REASON = new Map<string, string>();
for (const [reason, words] of Object.entries(chrome.classWords)) {
  for (const word of words) WORD_REASON.set(word, reason);
}
const ARIA_WORD_REASON = new Map<string, string>();
for (const [reason, words] of Object.entries(chrome.ariaLabelWords)) {
  for (const word of words) ARIA_WORD_REASON.set(word, reason);
}
const ROLE_REASON = new Map<string, string>(Object.entries(chrome.roles));

/** Elements that are the article or the page itself and are never furniture. */
const NEVER_FURNITURE = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

/** The words of a class or id: parts split on separators and camelCase, plus adjacent parts joined. */
export function identifierWords(value: string): string[] {
  const words: string[] = [];
  for (const name of value.split(/\s+/)) {
    if (name === '') continue;
    const parts = name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((part) => part !== '');
    words.push(...parts);
    for (let i = 0; i + 1 < parts.length; i++) {
      words.push(parts[i]! + parts[i + 1]!);
      if (i + 2 < parts.length) words.push(parts[i]! + parts[i + 1]! + parts[i + 2]!);
    }
  }
  return words;
}

/**
 * Why an element looks like page furniture ('share', 'related', 'tags',
 * 'chrome', 'caption', 'credit'), judged from its class, id, role and
 * aria-label alone; undefined when nothing marks it.
 */
export function furnitureReason(el: Element): string | undefined {
  if (NEVER_FURNITURE.has(el.tagName)) return undefined;
  if (el.getAttribute('itemprop') === 'articleBody') return undefined;
  const role = (el.getAttribute('role') ?? '').trim().toLowerCase();
  const byRole = ROLE_REASON.get(role);
  if (byRole) return byRole;
  for (const attr of ['class', 'id']) {
    const value = el.getAttribute(attr);
    if (!value) continue;
    for (const word of identifierWords(value)) {
      const reason = WORD_REASON.get(word);
      if (reason) return reason;
    }
  }
  const label = el.getAttribute('aria-label');
  if (label) {
    for (const word of label.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      const reason = ARIA_WORD_REASON.get(word);
      if (reason) return reason;
    }
  }
  return undefined;
}

/** Collapses whitespace runs (including no-break spaces) to one space and trims. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// JSON-LD

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'askpublicnewsarticle',
  'blogposting',
  'liveblogposting',
  'socialmediaposting',
  'report',
  'scholarlyarticle',
  'techarticle',
]);
const PAGE_TYPES = new Set(['webpage', 'itempage', 'aboutpage', 'collectionpage', 'medicalwebpage']);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lower-cased local names of a node's @type ("schema:NewsArticle", "https://schema.org/Article" -> "newsarticle", "article"). */
function typesOf(node: JsonObject): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^.*[/:#]/, '').toLowerCase());
}

/** The node's first @type as written, without its vocabulary prefix ("NewsArticle"). */
function typeLabel(node: JsonObject): string {
  const raw = node['@type'];
  const first = Array.isArray(raw) ? raw.find((t) => typeof t === 'string') : raw;
  return typeof first === 'string' ? first.replace(/^.*[/:#]/, '') : 'Thing';
}

/** Parses one JSON-LD script body, tolerating comments, CDATA wrappers and raw control characters in strings. */
function parseJsonLd(text: string): unknown {
  const cleaned = text
    .replace(/^\s*<!--/, '')
    .replace(/-->\s*$/, '')
    .replace(/^\s*(\/\/)?\s*<!\[CDATA\[/, '')
    .replace(/(\/\/)?\s*\]\]>\s*$/, '')
    .trim()
    .replace(/;\s*$/, '');
  if (cleaned === '') return undefined;
  try {
    return JSON.parse(cleaned);
  } catch {
    try {
      // Raw newlines and tabs inside strings are invalid JSON but common in page templates.
      // eslint-disable-next-line no-control-regex
      return JSON.parse(cleaned.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

/**
 * Every top-level JSON-LD node of the page: script roots, array members and
 * `@graph` members, plus the `mainEntity` of page nodes. Items of lists
 * (`ItemList`, `hasPart`) are left out: they describe other articles.
 */
export function readJsonLdNodes(document: Document): JsonObject[] {
  const nodes: JsonObject[] = [];
  const add = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) add(item);
      return;
    }
    if (!isObject(value)) return;
    if (Array.isArray(value['@graph']) || isObject(value['@graph'])) add(value['@graph']);
    if (value['@type'] !== undefined) nodes.push(value);
    const main = value['mainEntity'];
    if (isObject(main) && typesOf(main).some((t) => ARTICLE_TYPES.has(t))) add(main);
  };
  for (const script of Array.from(document.querySelectorAll('script'))) {
    const type = (script.getAttribute('type') ?? '').toLowerCase();
    if (!type.includes('ld+json')) continue;
    add(parseJsonLd(script.textContent ?? ''));
  }
  return nodes;
}

function nodeIndex(nodes: readonly JsonObject[]): Map<string, JsonObject> {
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    const id = node['@id'];
    if (typeof id === 'string') byId.set(id, node);
  }
  return byId;
}

/** Follows a `{"@id": ...}` reference into the graph when the node itself carries no data. */
function deref(value: unknown, byId: Map<string, JsonObject>): unknown {
  if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
    return byId.get(value['@id']) ?? value;
  }
  return value;
}

function urlOfNode(node: JsonObject): string | undefined {
  for (const key of ['url', 'mainEntityOfPage', '@id']) {
    const value = node[key];
    if (typeof value === 'string' && /^https?:/i.test(value)) return value;
    if (isObject(value) && typeof value['@id'] === 'string' && /^https?:/i.test(value['@id'])) return value['@id'];
  }
  return undefined;
}

function sameUrl(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const norm = (u: string): string => u.replace(/^https?:\/\/(www\.)?/i, '').replace(/[#?].*$/, '').replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}

/** The article the page is about: the article node whose URL matches the page, else the first article node. */
function mainArticle(nodes: readonly JsonObject[], pageUrls: readonly (string | undefined)[]): JsonObject | undefined {
  const articles = nodes.filter((node) => typesOf(node).some((t) => ARTICLE_TYPES.has(t)));
  const matching = articles.find((node) => pageUrls.some((url) => sameUrl(urlOfNode(node), url)));
  return matching ?? articles[0];
}

function mainPage(nodes: readonly JsonObject[]): JsonObject | undefined {
  return nodes.find((node) => typesOf(node).some((t) => PAGE_TYPES.has(t)));
}

function stringField(node: JsonObject | undefined, key: string): string | undefined {
  const value = node?.[key];
  if (typeof value === 'string') return collapseSpace(value) || undefined;
  if (Array.isArray(value) && typeof value[0] === 'string') return collapseSpace(value[0]) || undefined;
  return undefined;
}

/** Names of people or organisations in an author-like field: strings, objects, arrays, @id references. */
function namesOf(value: unknown, byId: Map<string, JsonObject>): string[] {
  const resolved = deref(value, byId);
  if (typeof resolved === 'string') return [resolved];
  if (Array.isArray(resolved)) return resolved.flatMap((item) => namesOf(item, byId));
  if (isObject(resolved)) {
    const name = resolved['name'];
    if (typeof name === 'string') return [name];
    if (Array.isArray(name)) return name.filter((n): n is string => typeof n === 'string');
  }
  return [];
}

/**
 * The article body that the page's JSON-LD states (`articleBody` of the main
 * article node), or undefined. May be plain text or HTML.
 */
export function readJsonLdArticleBody(document: Document, pageUrl?: string): string | undefined {
  const nodes = readJsonLdNodes(document);
  const article = mainArticle(nodes, [canonicalHref(document, pageUrl), pageUrl]);
  const body = article?.['articleBody'];
  if (typeof body === 'string' && body.trim() !== '') return body;
  // Some pages put the body on the first article node that has one, not on the main node.
  for (const node of nodes) {
    const other = node['articleBody'];
    if (typeof other === 'string' && other.trim() !== '' && typesOf(node).some((t) => ARTICLE_TYPES.has(t))) return other;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Head metadata

/** Content of the first `<meta>` whose property/name/itemprop is one of `keys` (case-insensitive). */
function metaContent(metas: ReadonlyMap<string, string[]>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = metas.get(key)?.find((v) => v !== '');
    if (value !== undefined) return value;
  }
  return undefined;
}

function collectMetas(document: Document): Map<string, string[]> {
  const metas = new Map<string, string[]>();
  for (const meta of Array.from(document.querySelectorAll('meta'))) {
    const content = collapseSpace(meta.getAttribute('content') ?? '');
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = meta.getAttribute(attr)?.trim().toLowerCase();
      if (!key) continue;
      const list = metas.get(key) ?? [];
      list.push(content);
      metas.set(key, list);
    }
  }
  return metas;
}

function baseHref(document: Document, pageUrl?: string): string | undefined {
  const base = document.querySelector('base[href]')?.getAttribute('href') ?? undefined;
  return resolveUrl(base, pageUrl) ?? pageUrl;
}

/** Resolves `href` against `base`; only absolute http(s) results count. */
export function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  if (trimmed === '') return undefined;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function canonicalHref(document: Document, pageUrl?: string): string | undefined {
  const link = Array.from(document.querySelectorAll('link[href]')).find((el) =>
    (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  return resolveUrl(link?.getAttribute('href') ?? undefined, baseHref(document, pageUrl));
}

/** Primary language subtag ("en-GB" -> "en", "pt_BR" -> "pt"), or undefined when it is not a language code. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  const match = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag ?? '');
  return match ? match[1]!.toLowerCase() : undefined;
}

const TITLE_SEPARATORS = /\s+[|–—\-:·•»]\s+/;

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Whether a title segment names the site (its name, or its host's main label). */
function namesSite(segment: string, siteName: string | undefined, host: string | undefined): boolean {
  const seg = squash(segment);
  if (seg === '') return false;
  if (siteName) {
    const site = squash(siteName);
    if (site !== '' && (seg === site || (seg.length >= 4 && site.includes(seg)) || (site.length >= 4 && seg.includes(site)))) {
      return true;
    }
  }
  if (host) {
    const hostSquashed = squash(host.replace(/^www\./, ''));
    const label = squash(host.replace(/^www\./, '').split('.')[0] ?? '');
    if (seg === hostSquashed || (label.length >= 3 && (seg === label || seg.startsWith(label)))) return true;
  }
  return false;
}

/**
 * Strips a site-name suffix or prefix from a page title ("Floods ease | Daily
 * Courier" -> "Floods ease") when the stripped part names the site; a title
 * whose parts name nothing is returned unchanged.
 */
export function cleanTitle(title: string, siteName?: string, host?: string): string {
  let current = collapseSpace(title);
  for (let pass = 0; pass < 2; pass++) {
    const parts = current.split(TITLE_SEPARATORS);
    if (parts.length < 2) break;
    const last = parts[parts.length - 1]!;
    const first = parts[0]!;
    if (namesSite(last, siteName, host)) {
      current = current.slice(0, current.lastIndexOf(last)).replace(/\s+[|–—\-:·•»]\s*$/, '').trim();
    } else if (namesSite(first, siteName, host)) {
      current = current.slice(first.length).replace(/^\s*[|–—\-:·•»]\s+/, '').trim();
    } else {
      break;
    }
  }
  return current === '' ? collapseSpace(title) : current;
}

/** Cleans an author credit: drops "By", URLs, e-mail addresses and overlong strings. */
function cleanAuthor(raw: string): string | undefined {
  const name = collapseSpace(raw).replace(/^by[:\s]+/i, '').trim();
  if (name === '' || name.length > 100) return undefined;
  if (/^(https?:|www\.)/i.test(name) || /@\S+\.\S+/.test(name)) return undefined;
  return name;
}

function uniqueAuthors(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = cleanAuthor(raw);
    if (!name) continue;
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** A date-like value: has a plausible year. Keeps the value as found; the metadata stage normalises it. */
function dateValue(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const value = collapseSpace(raw);
  const year = /(?:^|\D)(1[89]\d\d|20\d\d|2100)(?:\D|$)/.exec(value);
  return year && value.length <= 64 ? value : undefined;
}

const META_DATES: ReadonlyArray<{ key: string; trust: DateEvidence['trust'] }> = [
  { key: 'article:published_time', trust: 'structured' },
  { key: 'og:article:published_time', trust: 'structured' },
  { key: 'parsely-pub-date', trust: 'structured' },
  { key: 'sailthru.date', trust: 'structured' },
  { key: 'article.published', trust: 'structured' },
  { key: 'pubdate', trust: 'structured' },
  { key: 'publishdate', trust: 'structured' },
  { key: 'publish-date', trust: 'structured' },
  { key: 'publish_date', trust: 'structured' },
  { key: 'datepublished', trust: 'structured' },
  { key: 'dc.date.issued', trust: 'structured' },
  { key: 'dcterms.issued', trust: 'structured' },
  // Bare "date" metas are sometimes the page's build date: weaker evidence.
  { key: 'date', trust: 'header' },
  { key: 'dc.date', trust: 'header' },
  { key: 'dcterms.date', trust: 'header' },
];

/**
 * The element that holds the article: the page's `[itemprop=articleBody]`
 * or the `<article>` with the most paragraph text (other `<article>`s on the
 * page are usually teasers for other stories).
 */
export function mainArticleElement(document: Document): Element | undefined {
  const body = document.querySelector('[itemprop="articleBody"]');
  const articles = Array.from(document.querySelectorAll('article'));
  let best: Element | undefined;
  let bestLength = 0;
  for (const article of articles) {
    const length = Array.from(article.querySelectorAll('p')).reduce((sum, p) => sum + (p.textContent ?? '').length, 0);
    if (best === undefined || length > bestLength) {
      best = article;
      bestLength = length;
    }
  }
  if (body && best && best.contains(body)) return best;
  return body ?? best;
}

/** Whether an element sits in furniture (nav, aside, related box, comments...) rather than in the article. */
function inFurniture(el: Element, article: Element | undefined): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node === article) return false;
    if (node.tagName === 'NAV' || node.tagName === 'ASIDE') return true;
    if (node.tagName === 'FOOTER' && !(article && article.contains(node))) return true;
    // A second <article> around the element: a teaser for another story.
    if (node.tagName === 'ARTICLE' && article && node !== article && !node.contains(article)) return true;
    const reason = furnitureReason(node);
    if (reason && reason !== 'caption' && reason !== 'credit') return true;
  }
  return false;
}

/** How many `<time>` elements a page may contribute: beyond a few they are listings, not the article's date. */
const MAX_TIME_ELEMENTS = 4;

function collectDates(
  document: Document,
  metas: ReadonlyMap<string, string[]>,
  article: JsonObject | undefined,
  page: JsonObject | undefined,
): DateEvidence[] {
  const dates: DateEvidence[] = [];
  const seen = new Set<string>();
  const add = (raw: string | undefined | null, evidence: string, source: string, trust: DateEvidence['trust']): void => {
    const value = dateValue(raw);
    if (!value) return;
    const key = `${value}\u0000${source}`;
    if (seen.has(key)) return;
    seen.add(key);
    dates.push({ value, evidence, source, trust });
  };

  // JSON-LD. Modified dates are deliberately not collected: they are not publication dates.
  if (article) {
    const type = typeLabel(article);
    add(stringField(article, 'datePublished'), `JSON-LD ${type} datePublished`, 'json-ld', 'structured');
    add(stringField(article, 'dateCreated'), `JSON-LD ${type} dateCreated`, 'json-ld', 'header');
  } else if (page) {
    const type = typeLabel(page);
    add(stringField(page, 'datePublished'), `JSON-LD ${type} datePublished`, 'json-ld', 'structured');
  }

  for (const { key, trust } of META_DATES) {
    for (const value of metas.get(key) ?? []) add(value, `<meta ${key}>`, 'meta', trust);
  }
  const parsely = metaContent(metas, 'parsely-page');
  if (parsely) {
    try {
      const parsed: unknown = JSON.parse(parsely);
      if (isObject(parsed) && typeof parsed['pub_date'] === 'string') add(parsed['pub_date'], '<meta parsely-page> pub_date', 'meta', 'structured');
    } catch {
      // Not JSON: nothing to read.
    }
  }

  const articleEl = mainArticleElement(document);
  for (const el of Array.from(document.querySelectorAll('[itemprop="datePublished"]'))) {
    if (el.tagName === 'META' || inFurniture(el, articleEl)) continue;
    add(el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.textContent, 'itemprop=datePublished', 'microdata', 'structured');
  }

  let times = 0;
  for (const el of Array.from(document.querySelectorAll('time'))) {
    if (times >= MAX_TIME_ELEMENTS) break;
    if (inFurniture(el, articleEl)) continue;
    const itemprop = (el.getAttribute('itemprop') ?? '').toLowerCase();
    if (itemprop === 'datemodified' || itemprop === 'datepublished') continue;
    if (/\b(updated|modified)\b/i.test(`${el.getAttribute('class') ?? ''} ${el.parentElement?.getAttribute('class') ?? ''}`)) continue;
    const inside = articleEl !== undefined && articleEl.contains(el);
    const value = el.getAttribute('datetime') ?? el.textContent;
    if (!dateValue(value)) continue;
    times++;
    add(value, inside ? '<time> in the article' : '<time> outside the article', 'time', inside ? 'stated' : 'header');
  }
  return dates;
}

/**
 * Reads page-level metadata from a parsed page. `pageUrl` (where the page was
 * fetched) resolves relative URLs; it is not itself reported as the page URL
 * unless the page names no URL of its own.
 */
export function readPageMeta(document: Document, pageUrl?: string): PageMeta {
  const metas = collectMetas(document);
  const nodes = readJsonLdNodes(document);
  const byId = nodeIndex(nodes);
  const canonical = canonicalHref(document, pageUrl);
  const base = baseHref(document, pageUrl);
  const ogUrl = resolveUrl(metaContent(metas, 'og:url'), base);
  const article = mainArticle(nodes, [canonical, ogUrl, pageUrl]);
  const page = mainPage(nodes);
  const structured = article ?? page;

  const jsonLdUrl = structured ? resolveUrl(urlOfNode(structured), base) : undefined;
  const url = canonical ?? ogUrl ?? jsonLdUrl ?? resolveUrl(pageUrl, undefined);

  const publisher = deref(article?.['publisher'] ?? page?.['publisher'], byId);
  const siteName =
    (isObject(publisher) && typeof publisher['name'] === 'string' ? collapseSpace(publisher['name']) : undefined) ||
    metaContent(metas, 'og:site_name', 'application-name', 'publisher') ||
    undefined;

  let host: string | undefined;
  try {
    host = url ? new URL(url).hostname : undefined;
  } catch {
    host = undefined;
  }

  const htmlTitle = collapseSpace(document.querySelector('title')?.textContent ?? '');
  const rawTitle =
    metaContent(metas, 'og:title') ??
    stringField(article, 'headline') ??
    metaContent(metas, 'twitter:title', 'parsely-title', 'sailthru.title') ??
    (htmlTitle || undefined) ??
    stringField(page, 'name');
  const title = rawTitle ? cleanTitle(rawTitle, siteName, host) : undefined;

  const authors = uniqueAuthors([
    ...namesOf(article?.['author'], byId),
    ...namesOf(article?.['creator'], byId),
    ...(article ? [] : namesOf(page?.['author'], byId)),
  ]);
  const metaAuthors =
    authors.length > 0
      ? []
      : uniqueAuthors(
          ['author', 'byl', 'parsely-author', 'sailthru.author', 'article:author', 'dc.creator', 'dcterms.creator'].flatMap(
            (key) => metas.get(key) ?? [],
          ),
        );
  const relAuthors =
    authors.length + metaAuthors.length > 0
      ? []
      : uniqueAuthors(
          Array.from(document.querySelectorAll('[rel~="author"], [itemprop="author"]')).map((el) => {
            const named = el.querySelector('[itemprop="name"]');
            return (named ?? el).getAttribute('content') ?? (named ?? el).textContent ?? '';
          }),
        );

  const description =
    metaContent(metas, 'og:description', 'description', 'twitter:description') ?? stringField(structured, 'description');

  const language =
    primaryLanguage(document.documentElement.getAttribute('lang') ?? undefined) ??
    primaryLanguage(document.documentElement.getAttribute('xml:lang') ?? undefined) ??
    primaryLanguage(metaContent(metas, 'og:locale', 'content-language', 'language', 'dc.language')) ??
    primaryLanguage(stringField(structured, 'inLanguage'));

  const dates = collectDates(document, metas, article, page);

  const meta: {
    -readonly [K in keyof PageMeta]: PageMeta[K];
  } = {};
  if (title) meta.title = title;
  if (url) meta.url = url;
  if (siteName) meta.siteName = siteName;
  const allAuthors = [...authors, ...metaAuthors, ...relAuthors];
  if (allAuthors.length > 0) meta.authors = allAuthors;
  if (description) meta.description = description;
  if (dates.length > 0) meta.dates = dates;
  if (language) meta.language = language;
  return meta;
}
