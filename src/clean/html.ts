/**
 * Main-text extraction from an HTML news page.
 *
 * Readability alone keeps captions, share bars and related-link boxes that
 * live inside the article container, and returns too little on pages whose
 * markup it misreads. So extraction:
 *   1. reads page metadata (and JSON-LD `articleBody`) before anything mutates the page;
 *   2. pre-cleans the page: drops scripts and embeds, navigation chrome outside
 *      the article, and elements that class/id/role/aria mark as furniture;
 *   3. takes three body candidates from the cleaned page: Readability's
 *      article, the page's `<article>`/`articleBody` element, and the
 *      container with the densest paragraph text;
 *   4. turns the chosen one into plain paragraphs, moving captions, credits,
 *      share and related blocks to `removed` with a reason.
 * Nothing here throws: garbage or truncated input yields whatever text it holds.
 */
import { Readability } from '@mozilla/readability';
import type { Extracted, PageMeta, Removed } from '../core/doc.js';
import {
  collapseSpace,
  furnitureReason,
  mainArticleElement,
  parseHtmlDocument,
  readJsonLdArticleBody,
  readPageMeta,
} from './html-meta.js';
import chrome from './patterns/html-chrome.json' with { type: 'json' };

/** Below this many characters a body is too little to be a news article. */
const MIN_BODY_CHARS = 250;
/** Readability's body is weak when shorter than this share of the page's densest text block. */
const WEAK_SHARE_OF_DENSEST = 0.7;
/** Paragraphs shorter than this do not count as prose when scoring containers. */
const MIN_SCORED_PARAGRAPH = 25;
/** The density winner climbs at most this many levels, to an ancestor with this much more prose and few links. */
const MAX_CLIMB_LEVELS = 3;
const CLIMB_GAIN = 1.3;
const CLIMB_MAX_LINK_SHARE = 0.25;
/** The `<article>` element beats the density winner unless it holds much less text. */
const ARTICLE_ELEMENT_SHARE = 0.7;
/** Readability disagrees with a trusted article element when they share less than this of its paragraphs. */
const AGREEMENT_SHARE = 0.5;
/** JSON-LD `articleBody` replaces extracted text only when clearly longer (it loses paragraph structure). */
const JSONLD_LONGER_BY = 1.25;
/** Paragraph rules only judge short blocks: debris is short, body paragraphs are not. */
const MAX_DEBRIS_CHARS = 200;
/** A block whose text is nearly all link text is navigation, not prose. */
const LINK_ONLY_RATIO = 0.9;
const LINK_LIST_RATIO = 0.8;
/** Pre-cleaning never removes an element holding this share of the page's paragraph text. */
const PROTECTED_SHARE = 0.4;
/** `removed` keeps what was dropped, but a whole footer or comment thread is cut to this length. */
const MAX_REMOVED_TEXT = 300;
const MAX_PRECLEAN_RECORDS = 40;

const PRECLEAN_GATE = 'html-preclean';
const CONTENT_GATE = 'html-content';

const DROP_TAGS = new Set(chrome.dropTags.map((tag) => tag.toUpperCase()));
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

const PARAGRAPH_RULES: ReadonlyArray<{ reason: string; pattern: RegExp }> = Object.entries(
  chrome.paragraphPatterns,
).flatMap(([reason, patterns]) => patterns.map((source) => ({ reason, pattern: new RegExp(source, 'iu') })));

const C1_TO_CP1252 = new Map<string, string>(
  Object.entries(chrome.c1ToCp1252).map(([hex, char]) => [String.fromCharCode(parseInt(hex, 16)), char]),
);

/** Marks a `<br>` in the inline buffer; a private-use character that `\s` does not match. */
const LINE_BREAK = '\uE000';

// ---------------------------------------------------------------------------
// Text normalisation

/**
 * Repairs C1 control characters (U+0080..U+009F) that come from windows-1252
 * bytes read as Latin-1, and drops invisible soft hyphens, zero-width spaces
 * and other control characters.
 */
function normaliseChars(text: string): string {
  return text
    .replace(/[\u0080-\u009f]/g, (c) => C1_TO_CP1252.get(c) ?? '')
    .replace(/[\u00ad\u200b\ufeff]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

function capText(text: string): string {
  return text.length > MAX_REMOVED_TEXT ? `${text.slice(0, MAX_REMOVED_TEXT - 1).trimEnd()}…` : text;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

// ---------------------------------------------------------------------------
// Block walk: DOM -> paragraphs

interface Block {
  readonly text: string;
  /** Tag of the block element the text sits in ('P', 'LI', 'H2', ...). */
  readonly tag: string;
  /** Share of the text that is link text, 0..1. */
  readonly linkShare: number;
}

interface Paragraphs {
  readonly blocks: readonly Block[];
  readonly removed: readonly Removed[];
}

function textOf(el: Element): string {
  return collapseSpace(normaliseChars(el.textContent ?? ''));
}

function linkTextLength(el: Element): number {
  let length = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) length += collapseSpace(a.textContent ?? '').length;
  return length;
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = (el.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/**
 * Walks an element and returns its text as paragraphs: one per block
 * element, inline whitespace collapsed, `<br>` kept as a line break (two in a
 * row split the paragraph). Captions, credits and furniture found on the way
 * go to `removed`.
 */
class BlockWalker {
  readonly blocks: Block[] = [];
  readonly removed: Removed[] = [];
  private buffer = '';
  private bufferLinkChars = 0;
  private bufferTag = 'P';

  constructor(private readonly root: Element) {}

  run(): Paragraphs {
    this.walkChildren(this.root, 'DIV', false);
    this.flush();
    return { blocks: this.blocks, removed: this.removed };
  }

  private drop(text: string, reason: string): void {
    if (text !== '') this.removed.push({ text: capText(text), reason, gate: CONTENT_GATE });
  }

  private walkChildren(el: Element, blockTag: string, inLink: boolean): void {
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 3) {
        const data = (child as Text).data.replaceAll(LINE_BREAK, '');
        if (this.buffer === '' || /^\s*$/.test(this.buffer)) this.bufferTag = blockTag;
        this.buffer += data;
        if (inLink) this.bufferLinkChars += collapseSpace(data).length;
      } else if (child.nodeType === 1) {
        this.walkElement(child as Element, blockTag, inLink);
      }
    }
  }

  private walkElement(el: Element, blockTag: string, inLink: boolean): void {
    const tag = el.tagName;
    if (DROP_TAGS.has(tag) || isHidden(el)) return;
    if (tag === 'BR') {
      this.buffer += LINE_BREAK;
      return;
    }
    if (tag === 'HR') {
      this.flush();
      return;
    }
    if (tag === 'FIGCAPTION') {
      this.flush();
      this.drop(textOf(el), 'caption');
      return;
    }
    const reason = furnitureReason(el);
    if (reason && !this.holdsMostOfRoot(el)) {
      this.flush();
      this.drop(textOf(el), reason);
      return;
    }
    if (tag === 'HEADER' && el.querySelector('h1, time, address, [rel~="author"]')) {
      this.flush();
      this.drop(textOf(el), 'header');
      return;
    }
    if (tag === 'FIGURE') {
      this.flush();
      this.walkFigure(el);
      return;
    }
    if ((tag === 'UL' || tag === 'OL') && this.isLinkList(el)) {
      this.flush();
      this.dropLinkList(el);
      return;
    }
    if (tag === 'PRE') {
      this.flush();
      this.pushPre(el);
      return;
    }
    if (BLOCK_TAGS.has(tag)) {
      this.flush();
      this.walkChildren(el, tag, inLink);
      this.flush();
      return;
    }
    this.walkChildren(el, blockTag, inLink || tag === 'A');
  }

  /** Guards against a furniture-looking class on the container that holds the article itself. */
  private holdsMostOfRoot(el: Element): boolean {
    const length = (el.textContent ?? '').length;
    return length > 500 && length > 0.5 * (this.root.textContent ?? '').length;
  }

  /**
   * A figure's own text is a caption or a credit, unless the figure wraps
   * real content (a pull quote, a table, long text).
   */
  private walkFigure(el: Element): void {
    const inner = new BlockWalker(el).run();
    this.removed.push(...inner.removed);
    const holdsContent =
      el.querySelector('blockquote, table, pre') !== null || inner.blocks.some((b) => b.text.length > MAX_REMOVED_TEXT);
    for (const block of inner.blocks) {
      if (holdsContent) this.blocks.push(block);
      else this.drop(block.text, 'credit');
    }
  }

  private isLinkList(el: Element): boolean {
    const items = Array.from(el.children).filter((child) => child.tagName === 'LI');
    if (items.length < 2) return false;
    const length = textOf(el).length;
    return length > 0 && linkTextLength(el) / length >= LINK_LIST_RATIO;
  }

  /** Drops a list of links, and the short heading right above it ("More on this story"). */
  private dropLinkList(el: Element): void {
    const last = this.blocks[this.blocks.length - 1];
    if (last && HEADING_TAGS.has(last.tag) && last.text.length <= 80) {
      this.blocks.pop();
      this.drop(last.text, 'related');
    }
    for (const item of Array.from(el.children)) this.drop(textOf(item), 'related');
  }

  private pushPre(el: Element): void {
    const lines = normaliseChars(el.textContent ?? '')
      .split(/\r?\n/)
      .map((line) => line.replace(/\s+$/, ''))
      .filter((line) => line.trim() !== '');
    if (lines.length > 0) this.blocks.push({ text: lines.join('\n'), tag: 'PRE', linkShare: 0 });
  }

  private flush(): void {
    const raw = this.buffer;
    const linkChars = this.bufferLinkChars;
    this.buffer = '';
    this.bufferLinkChars = 0;
    if (raw.trim() === '' && !raw.includes(LINE_BREAK)) return;
    const lines = normaliseChars(raw)
      .split(LINE_BREAK)
      .map((line) => collapseSpace(line));
    // An empty line (two <br> in a row) ends a paragraph.
    const paragraphs: string[][] = [[]];
    for (const line of lines) {
      if (line === '') {
        if (paragraphs[paragraphs.length - 1]!.length > 0) paragraphs.push([]);
      } else {
        paragraphs[paragraphs.length - 1]!.push(line);
      }
    }
    const texts = paragraphs.filter((p) => p.length > 0).map((p) => p.join('\n'));
    const total = texts.reduce((sum, t) => sum + t.length, 0);
    for (const text of texts) {
      this.blocks.push({ text, tag: this.bufferTag, linkShare: total > 0 ? Math.min(1, linkChars / total) : 0 });
    }
  }
}

/** Why a short paragraph is debris (credit line, share prompt, "Read more"...), or undefined. */
export function debrisReason(text: string, linkShare = 0): string | undefined {
  if (text.length > MAX_DEBRIS_CHARS) return undefined;
  for (const { reason, pattern } of PARAGRAPH_RULES) {
    if (pattern.test(text)) return reason;
  }
  if (linkShare >= LINK_ONLY_RATIO && text.length <= 150) return 'related';
  return undefined;
}

/**
 * Paragraphs of an element after the paragraph rules: debris blocks go to
 * `removed`, as do a leading heading that repeats the page title (or any
 * leading `<h1>`) and
 * headings left dangling at the end (their list was furniture).
 */
function paragraphsOf(root: Element, titles: readonly string[]): { paragraphs: string[]; removed: Removed[] } {
  const walked = new BlockWalker(root).run();
  const removed: Removed[] = [...walked.removed];
  const kept: Block[] = [];
  const titleKeys = new Set(titles.map(squash).filter((key) => key !== ''));
  for (const block of walked.blocks) {
    const isHeading = HEADING_TAGS.has(block.tag);
    const repeatsTitle = titleKeys.has(squash(block.text));
    // The page's headline is metadata, not body: a heading that repeats the title, or an <h1> leading the text.
    if (isHeading && kept.length < 3 && (repeatsTitle || (kept.length === 0 && block.tag === 'H1'))) {
      removed.push({ text: block.text, reason: 'header', gate: CONTENT_GATE });
      continue;
    }
    const reason = debrisReason(block.text, block.linkShare);
    if (reason) {
      removed.push({ text: capText(block.text), reason, gate: CONTENT_GATE });
      continue;
    }
    kept.push(block);
  }
  while (kept.length > 0 && HEADING_TAGS.has(kept[kept.length - 1]!.tag)) {
    removed.push({ text: kept.pop()!.text, reason: 'chrome', gate: CONTENT_GATE });
  }
  return { paragraphs: kept.map((b) => b.text), removed };
}

// ---------------------------------------------------------------------------
// Pre-cleaning

function paragraphTextLength(el: Element): number {
  let length = 0;
  for (const p of Array.from(el.querySelectorAll('p'))) length += (p.textContent ?? '').length;
  return length;
}

/**
 * Strips what is never article text from the page, in place: scripts and
 * embeds, navigation chrome outside the article, and elements whose
 * class/id/role/aria mark them as furniture. Returns what it dropped.
 */
function preClean(document: Document): Removed[] {
  const removed: Removed[] = [];
  const record = (el: Element, reason: string): void => {
    const text = collapseSpace(el.textContent ?? '');
    if (text !== '' && removed.length < MAX_PRECLEAN_RECORDS) {
      removed.push({ text: capText(text), reason, gate: PRECLEAN_GATE });
    }
  };
  const body = document.body;
  const totalParagraphText = paragraphTextLength(body);
  const article = mainArticleElement(document);
  const attached = (el: Element): boolean => document.documentElement.contains(el);
  // Never remove the article, what holds it, or what holds most of the page's prose.
  const isProtected = (el: Element): boolean =>
    (article !== undefined && el.contains(article)) ||
    el.querySelector('main, [itemprop="articleBody"]') !== null ||
    (totalParagraphText > 0 && paragraphTextLength(el) >= PROTECTED_SHARE * totalParagraphText);

  for (const el of Array.from(document.querySelectorAll(chrome.dropTags.join(',')))) {
    if (!attached(el)) continue;
    // Some sites wrap the whole page in a <form>: keep its content, lose the element.
    if (el.tagName === 'FORM' && isProtected(el)) {
      el.replaceWith(...Array.from(el.childNodes));
      continue;
    }
    el.remove();
  }

  for (const el of Array.from(body.querySelectorAll(chrome.chromeTagsOutsideArticle.join(',')))) {
    if (!attached(el) || (article !== undefined && article.contains(el)) || isProtected(el)) continue;
    record(el, furnitureReason(el) ?? 'chrome');
    el.remove();
  }

  for (const el of Array.from(body.querySelectorAll('*'))) {
    if (!attached(el)) continue;
    // Hidden blocks are popups and templates; a hidden block holding the story is a reveal-on-click body: kept.
    if (isHidden(el)) {
      if (!isProtected(el)) el.remove();
      continue;
    }
    const reason = furnitureReason(el);
    // Captions and credits stay for the block walk, which records them with their figure.
    if (!reason || reason === 'caption' || reason === 'credit' || isProtected(el)) continue;
    record(el, reason);
    el.remove();
  }
  return removed;
}

// ---------------------------------------------------------------------------
// Candidates

interface Candidate {
  readonly source: string;
  readonly paragraphs: readonly string[];
  readonly removed: readonly Removed[];
  /** Length of the body the candidate would give. */
  readonly length: number;
}

function candidateFrom(source: string, root: Element | undefined, titles: readonly string[]): Candidate | undefined {
  if (!root) return undefined;
  const { paragraphs, removed } = paragraphsOf(root, titles);
  return { source, paragraphs, removed, length: paragraphs.join('\n\n').length };
}

/** Non-link length of the paragraphs (25+ characters) under an element. */
function proseLength(el: Element): number {
  let length = 0;
  for (const p of Array.from(el.querySelectorAll('p'))) {
    const text = collapseSpace(p.textContent ?? '').length;
    if (text >= MIN_SCORED_PARAGRAPH) length += Math.max(0, text - linkTextLength(p));
  }
  return length;
}

/**
 * The container with the most paragraph prose. Each paragraph of 25+
 * characters scores its non-link length to its parent and half of it to its
 * grandparent (text split by `<br>` inside a div counts for the div itself).
 * The winner then climbs to an ancestor that holds clearly more prose with
 * few links: an article body interrupted by a gallery or video module is
 * split across sibling containers, and the winner alone would be one half.
 */
export function densestContainer(root: Element): { element: Element; score: number } | undefined {
  const scores = new Map<Element, number>();
  const credit = (el: Element | null, score: number): void => {
    if (el) scores.set(el, (scores.get(el) ?? 0) + score);
  };
  for (const p of Array.from(root.querySelectorAll('p'))) {
    const length = collapseSpace(p.textContent ?? '').length;
    if (length < MIN_SCORED_PARAGRAPH) continue;
    const score = Math.max(0, length - linkTextLength(p));
    credit(p.parentElement, score);
    credit(p.parentElement?.parentElement ?? null, score / 2);
  }
  for (const el of Array.from(root.querySelectorAll('div, td, section'))) {
    let direct = 0;
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 3) direct += collapseSpace((child as Text).data).length;
    }
    if (direct >= 100) credit(el, direct);
  }
  let best: Element | undefined;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (!best || score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  if (!best) return undefined;
  let prose = proseLength(best);
  let current = best;
  for (let level = 0; level < MAX_CLIMB_LEVELS; level++) {
    const parent = current.parentElement;
    if (!parent || parent === root || !root.contains(parent) || parent.tagName === 'BODY' || parent.tagName === 'HTML') break;
    const parentProse = proseLength(parent);
    const parentText = collapseSpace(parent.textContent ?? '').length;
    const parentLinkShare = parentText > 0 ? linkTextLength(parent) / parentText : 1;
    if (parentProse >= CLIMB_GAIN * prose && parentLinkShare < CLIMB_MAX_LINK_SHARE) {
      prose = parentProse;
      current = parent;
      best = parent;
    } else if (parentProse > prose) {
      break;
    } else {
      current = parent;
    }
  }
  return { element: best, score: Math.max(bestScore, prose) };
}

function runReadability(document: Document): Element | undefined {
  try {
    const article = new Readability<Node>(document, { keepClasses: true, serializer: (node) => node }).parse();
    const content = article?.content;
    return content && content.nodeType === 1 ? (content as Element) : undefined;
  } catch {
    return undefined;
  }
}

/** JSON-LD `articleBody` as paragraphs: HTML is walked like the page, plain text split on line breaks. */
function jsonLdCandidate(body: string | undefined, titles: readonly string[]): Candidate | undefined {
  if (!body) return undefined;
  if (/<(p|div|br|h[1-6]|li|span|a|strong|em)\b[^>]*>/i.test(body)) {
    return candidateFrom('jsonld-articleBody', parseHtmlDocument(body).body, titles);
  }
  // Decode character references the way a page would, keeping the line structure.
  const decoded = /&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/i.test(body)
    ? (parseHtmlDocument(`<pre>${body.replace(/</g, '&lt;')}</pre>`).querySelector('pre')?.textContent ?? body)
    : body;
  const paragraphs = normaliseChars(decoded)
    .split(/\r?\n/)
    .map((line) => collapseSpace(line))
    .filter((line) => line !== '');
  return { source: 'jsonld-articleBody', paragraphs, removed: [], length: paragraphs.join('\n\n').length };
}

/** Share of a candidate's substantial paragraphs (40+ characters) that also appear in `other`. */
function sharedShare(candidate: Candidate, other: Candidate): number {
  const otherText = squash(other.paragraphs.join(' '));
  const substantial = candidate.paragraphs.map(squash).filter((p) => p.length >= 40);
  if (substantial.length === 0) return 1;
  return substantial.filter((p) => otherText.includes(p)).length / substantial.length;
}

/**
 * The fallback cascade, in order:
 *   1. Readability's article;
 *   2. when it disagrees with a trusted article element (itemprop=articleBody,
 *      the page's only <article>, or the <article> holding the headline), the
 *      element: Readability sometimes takes a long teaser grid for the story;
 *   3. when it is too little (under MIN_BODY_CHARS, or under a share of the
 *      densest text block), the article element, else the densest container;
 *   4. JSON-LD articleBody when clearly longer than the winner.
 */
function choose(
  readability: Candidate | undefined,
  articleElement: Candidate | undefined,
  articleTrusted: boolean,
  density: Candidate | undefined,
  densestScore: number,
  jsonLd: Candidate | undefined,
): Candidate | undefined {
  let best = readability;
  const readabilityLength = readability?.length ?? 0;
  if (
    readability &&
    articleElement &&
    articleTrusted &&
    articleElement.length >= MIN_BODY_CHARS &&
    sharedShare(articleElement, readability) < AGREEMENT_SHARE
  ) {
    best = articleElement;
  } else if (readabilityLength < MIN_BODY_CHARS || readabilityLength < WEAK_SHARE_OF_DENSEST * densestScore) {
    let fallback = articleElement;
    if (!fallback || (density && fallback.length < ARTICLE_ELEMENT_SHARE * density.length)) fallback = density;
    if (fallback && fallback.length > readabilityLength) best = fallback;
  }
  const bestLength = best?.length ?? 0;
  if (jsonLd && (bestLength < MIN_BODY_CHARS ? jsonLd.length > bestLength : jsonLd.length > JSONLD_LONGER_BY * bestLength)) {
    best = jsonLd;
  }
  return best;
}

/**
 * Whether the page's article element can be trusted to be the story: it is
 * marked itemprop=articleBody, or it is the page's only <article>, or it holds
 * the page's headline; and it is prose, not a block of links.
 */
function isTrustedArticle(document: Document, el: Element | undefined): boolean {
  if (!el) return false;
  const text = collapseSpace(el.textContent ?? '').length;
  if (text === 0 || linkTextLength(el) / text >= CLIMB_MAX_LINK_SHARE) return false;
  if (el.getAttribute('itemprop') === 'articleBody' || el.querySelector('[itemprop="articleBody"]')) return true;
  if (document.querySelectorAll('article').length === 1) return true;
  return el.querySelector('h1') !== null;
}

/** Last resort when the DOM route fails: tags stripped, entities left as they are. */
function stripTags(html: string): string {
  return collapseSpace(
    html
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]*>/g, ' '),
  );
}

/**
 * Extracts the article body of an HTML page as plain paragraphs separated by
 * blank lines, with page metadata and what was dropped. `Extracted.source`
 * names the path that produced the body: 'readability', 'article-element',
 * 'density', 'jsonld-articleBody', 'page-text' (whole page, nothing better
 * found), 'tag-strip' (the DOM route failed) or 'none' (no text at all).
 */
export function extractHtml(html: string, pageUrl?: string): Extracted {
  const source = typeof html === 'string' ? html : '';
  let page: PageMeta = {};
  try {
    const document = parseHtmlDocument(source);
    try {
      page = readPageMeta(document, pageUrl);
    } catch {
      page = {};
    }
    let jsonLdBody: string | undefined;
    try {
      jsonLdBody = readJsonLdArticleBody(document, pageUrl);
    } catch {
      jsonLdBody = undefined;
    }
    // Headings that repeat these are the headline, not body text.
    const firstH1 = document.querySelector('h1');
    const titles = [page.title ?? '', firstH1 ? textOf(firstH1) : ''];
    const precleaned = preClean(document);

    // Fallback candidates are read before Readability, which rewrites the document.
    const articleRoot = mainArticleElement(document);
    const articleElement = candidateFrom('article-element', articleRoot, titles);
    const articleTrusted = isTrustedArticle(document, articleRoot);
    const densest = densestContainer(document.body);
    const density = candidateFrom('density', densest?.element, titles);
    const pageText = candidateFrom('page-text', document.body, titles);

    const readability = candidateFrom('readability', runReadability(document), titles);
    let best = choose(readability, articleElement, articleTrusted, density, densest?.score ?? 0, jsonLdCandidate(jsonLdBody, titles));
    if (!best || best.length === 0) best = pageText;
    if (!best || best.length === 0) return { body: '', page, removed: precleaned, source: 'none' };
    return { body: best.paragraphs.join('\n\n'), page, removed: [...precleaned, ...best.removed], source: best.source };
  } catch {
    const body = stripTags(source);
    return { body, page, removed: [], source: body === '' ? 'none' : 'tag-strip' };
  }
}
