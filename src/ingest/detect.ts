/**
 * What kind of input a file or response holds: by extension first, then by
 * looking at its first bytes, because a `.txt` often holds a saved web page
 * and an `.xml` (or a `text/xml` response) may or may not be a feed.
 */
import formats from './formats.json' with { type: 'json' };

/** How a file is read: dataset formats stream rows; the others are read whole. */
export type FileFormat = 'csv' | 'tsv' | 'jsonl' | 'json' | 'xml' | 'html' | 'text' | 'unknown';

/** What a document's content turned out to be. */
export type ContentKind = 'feed' | 'html' | 'xml' | 'text';

const EXTENSIONS: Readonly<Record<string, FileFormat>> = formats.extensions as Record<string, FileFormat>;

export interface NameInfo {
  readonly format: FileFormat;
  /** The file is gzip-compressed (`.gz`) and is decompressed while read. */
  readonly gzip: boolean;
  /** Extension after stripping `.gz`, lower case, with the dot ('' when none). */
  readonly extension: string;
}

export function formatFromName(path: string): NameInfo {
  const base = path.split(/[\\/]/).pop() ?? path;
  const lower = base.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const stem = gzip ? lower.slice(0, -3) : lower;
  const dot = stem.lastIndexOf('.');
  // A leading dot (".env") names a hidden file, not an extension.
  const extension = dot > 0 ? stem.slice(dot) : '';
  return { format: EXTENSIONS[extension] ?? 'unknown', gzip, extension };
}

/** Skip what comes before the root element: BOM, whitespace, XML declaration, comments, doctype, processing instructions. */
function rootElementName(head: string): string | null {
  let rest = head.replace(/^\uFEFF/, '');
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) return null;
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return null;
      rest = rest.slice(end + 3);
    } else if (/^<!doctype\s+html/i.test(rest)) {
      return 'html';
    } else if (rest.startsWith('<!')) {
      const end = rest.indexOf('>');
      if (end < 0) return null;
      rest = rest.slice(end + 1);
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(rest);
      return match?.[1] ?? null;
    }
  }
}

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf']);

/**
 * Sniff the kind of a document from its first characters: a feed root
 * (`<rss`, `<feed`, `<rdf:RDF`), an HTML doctype or `<html`, other XML, or
 * plain text. Content that merely contains tags further down stays text here;
 * see `looksLikeHtml` for fields.
 */
export function sniffContent(head: string): ContentKind {
  const root = rootElementName(head)?.toLowerCase() ?? null;
  if (root === null) return 'text';
  if (FEED_ROOTS.has(root)) return 'feed';
  if (root === 'html') return 'html';
  // A fragment saved from a page (`<div>…`, `<p>…`) is HTML too.
  if (HTML_TAGS.has(root)) return 'html';
  return head.trimStart().startsWith('<?xml') ? 'xml' : 'text';
}

const HTML_TAGS = new Set<string>(formats.htmlTags);
const TAG_PATTERN = /<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>/g;
/** Tags needed before a text field counts as markup: one stray `<b>` in prose is not a page. */
const MIN_HTML_TAGS = 2;

/** True when a text field (dataset body, feed content) is HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  let found = 0;
  for (const match of text.matchAll(TAG_PATTERN)) {
    const name = match[1]?.toLowerCase();
    if (name && HTML_TAGS.has(name) && ++found >= MIN_HTML_TAGS) return true;
  }
  return false;
}
