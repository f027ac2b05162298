/**
 * Files and folders to raw inputs. Folders are walked recursively in byte
 * order of their paths, skipping dot-names; an entry that cannot be read
 * becomes an error item and the walk goes on.
 */
import { createReadStream, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { decodeBytes, looksBinary } from './decode.js';
import { formatFromName, sniffContent, type ContentKind, type NameInfo } from './detect.js';
import { DatasetBytes, readCsv, readJson, readJsonl, streamReason } from './datasets.js';
import { NO_CONTENT_NOR_LINK, itemBody, itemInput, itemRaw, parseFeed } from './feed.js';
import { formatSize, osReason } from './reasons.js';
import { accepted, rejected, type IngestItem, type ResolvedOptions } from './types.js';

/** Bytes read to tell what a document file holds (feed, page, text) before reading it all. */
const HEAD_BYTES = 64 * 1024;
/**
 * Feeds are parsed as one XML document (rss-parser cannot stream), so a feed
 * file is capped too, far above any real feed, to fail clearly instead of
 * exhausting memory.
 */
export const MAX_FEED_BYTES = 256 * 1024 * 1024;

function openBytes(path: string, gzip: boolean): Readable {
  const file = createReadStream(path);
  // pipeline forwards a read error of the file to the gunzip stream, so one
  // loop over the last stream sees every failure.
  return gzip ? pipeline(file, createGunzip(), () => undefined) : file;
}

/** Up to `limit` bytes of a file (decompressed); `complete` says whether that was all of it. */
async function readUpTo(path: string, gzip: boolean, limit: number): Promise<{ bytes: Buffer; complete: boolean }> {
  const stream = openBytes(path, gzip);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        const bytes = Buffer.concat(chunks, size);
        return { bytes: bytes.subarray(0, limit), complete: false };
      }
    }
  } finally {
    stream.destroy();
  }
  return { bytes: Buffer.concat(chunks, size), complete: true };
}

/** Read a whole document file (article or feed), stopping once it passes `limit`. */
async function readCapped(path: string, gzip: boolean, limit: number): Promise<Buffer | null> {
  const { bytes, complete } = await readUpTo(path, gzip, limit + 1);
  return complete ? bytes : null;
}

async function* readFeedFile(path: string, bytes: Buffer): AsyncGenerator<IngestItem> {
  const decoded = decodeBytes(bytes);
  if ('error' in decoded) {
    yield rejected(path, decoded.error);
    return;
  }
  yield* readFeedText(path, decoded.text, decoded.encoding);
}

/**
 * The items of a feed document already in hand (a file's decoded text, a feed
 * pasted into the web page). Read offline: item links are not fetched.
 */
export async function* readFeedText(input: string, xml: string, encoding: string): AsyncGenerator<IngestItem> {
  const feed = await parseFeed(xml);
  if ('error' in feed) {
    yield rejected(input, feed.error);
    return;
  }
  if (feed.items.length === 0) yield rejected(input, 'feed has no items');
  for (const item of feed.items) {
    const itemName = itemInput(input, item);
    const body = itemBody(item);
    if (body) yield accepted(itemRaw(feed, item, body, itemName, encoding));
    else yield rejected(itemName, item.link ? 'item has no text (links of a feed document are not fetched)' : NO_CONTENT_NOR_LINK);
  }
}

/** A file that is one document: text, HTML, or a feed saved to disk. */
async function* readDocumentFile(path: string, size: number, name: NameInfo, options: ResolvedOptions): AsyncGenerator<IngestItem> {
  const head = await readUpTo(path, name.gzip, HEAD_BYTES);
  if (head.bytes.length === 0) {
    yield rejected(path, 'empty file');
    return;
  }
  if (looksBinary(head.bytes)) {
    yield rejected(path, 'binary content');
    return;
  }
  const headDecoded = decodeBytes(head.bytes);
  const sniffed: ContentKind = 'error' in headDecoded ? 'text' : sniffContent(headDecoded.text);
  let kind: ContentKind = name.format === 'html' && sniffed !== 'feed' ? 'html' : sniffed;
  if (name.format === 'xml' && kind === 'text') kind = 'xml';
  if (kind === 'xml') {
    yield rejected(path, 'XML document that is not an RSS/Atom feed');
    return;
  }

  const limit = kind === 'feed' ? MAX_FEED_BYTES : options.maxArticleBytes;
  const what = kind === 'feed' ? 'a feed file' : 'one article';
  // The size is known without reading further: on disk for a plain file (a
  // 50 MB file fails at once), or when the whole file fitted in the head.
  const knownSize = name.gzip ? (head.complete ? head.bytes.length : null) : size;
  if (knownSize !== null && knownSize > limit) {
    yield rejected(path, `too large (${formatSize(knownSize)} > ${formatSize(limit)} limit for ${what})`);
    return;
  }
  const bytes = head.complete ? head.bytes : await readCapped(path, name.gzip, limit);
  if (bytes === null) {
    yield rejected(path, `too large (> ${formatSize(limit)} limit for ${what})`);
    return;
  }
  if (kind === 'feed') {
    yield* readFeedFile(path, bytes);
    return;
  }
  const decoded = decodeBytes(bytes);
  if ('error' in decoded) {
    yield rejected(path, decoded.error);
    return;
  }
  if (decoded.text.trim() === '') {
    yield rejected(path, 'empty file');
    return;
  }
  yield accepted({
    input: path,
    kind: kind === 'html' ? 'html' : 'text',
    content: decoded.text,
    encoding: decoded.encoding,
    meta: { container: 'file' },
  });
}

/** Read one file: a dataset gives a row per article, anything else one article (or a feed's items). */
export async function* readFile(path: string, size: number, options: ResolvedOptions): AsyncGenerator<IngestItem> {
  const name = formatFromName(path);
  try {
    switch (name.format) {
      case 'csv':
      case 'tsv':
        yield* readCsv(path, new DatasetBytes(openBytes(path, name.gzip)), name.format === 'tsv' ? '\t' : ',');
        return;
      case 'jsonl':
        yield* readJsonl(path, new DatasetBytes(openBytes(path, name.gzip)));
        return;
      case 'json':
        yield* readJson(path, new DatasetBytes(openBytes(path, name.gzip)), options.maxArticleBytes);
        return;
      default:
        yield* readDocumentFile(path, size, name, options);
    }
  } catch (error) {
    yield rejected(path, streamReason(error));
  }
}

type WalkEntry = { readonly file: string; readonly size: number } | { readonly item: IngestItem };

interface ListedEntry {
  readonly path: string;
  /** The name with '/' appended to folders, so sorting names sorts full paths in byte order. */
  readonly sortKey: Buffer;
  readonly stats: Stats | null;
  readonly error: unknown;
}

function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

/**
 * The files under a folder, depth first, in byte order of their paths.
 * `seen` holds the folders already walked, so a symlink loop (or a folder
 * linked twice) is walked once.
 */
async function* walkFolder(folder: string, seen: Set<string>): AsyncGenerator<WalkEntry> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => !name.startsWith('.'));
  } catch (error) {
    yield { item: rejected(folder, osReason(error)) };
    return;
  }
  const listed: ListedEntry[] = await Promise.all(
    names.map(async (name): Promise<ListedEntry> => {
      const path = join(folder, name);
      try {
        const stats = await stat(path);
        return { path, stats, error: null, sortKey: Buffer.from(stats.isDirectory() ? `${name}/` : name) };
      } catch (error) {
        return { path, stats: null, error, sortKey: Buffer.from(name) };
      }
    }),
  );
  listed.sort((a, b) => Buffer.compare(a.sortKey, b.sortKey));
  for (const entry of listed) {
    if (!entry.stats) {
      yield { item: rejected(entry.path, osReason(entry.error)) };
    } else if (entry.stats.isDirectory()) {
      if (seen.has(identity(entry.stats))) continue;
      seen.add(identity(entry.stats));
      yield* walkFolder(entry.path, seen);
    } else if (entry.stats.isFile()) {
      yield { file: entry.path, size: entry.stats.size };
    } else {
      yield { item: rejected(entry.path, 'not a regular file (device, socket or pipe)') };
    }
  }
}

/** Read a path given by the user: a file, or a folder walked recursively. */
export async function* readPath(path: string, options: ResolvedOptions): AsyncGenerator<IngestItem> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    yield rejected(path, osReason(error));
    return;
  }
  if (stats.isFile()) {
    yield* readFile(path, stats.size, options);
  } else if (stats.isDirectory()) {
    for await (const entry of walkFolder(path, new Set([identity(stats)]))) {
      if ('item' in entry) yield entry.item;
      else yield* readFile(entry.file, entry.size, options);
    }
  } else {
    yield rejected(path, 'not a regular file or folder');
  }
}
