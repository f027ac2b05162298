/**
 * Ingest: files, folders, URLs, feeds and datasets to `RawInput` records,
 * one at a time and in input order. Nothing here holds a corpus in memory:
 * datasets stream row by row, folders are walked lazily, and a consumer that
 * stops early closes whatever file or connection is open.
 *
 * Every input that cannot be read becomes an `{ ok: false }` item naming the
 * input and the reason; reading then goes on with the next one.
 */
import { readPath } from './files.js';
import { errorMessage } from './reasons.js';
import { rejected, resolveOptions, type IngestItem, type IngestOptions } from './types.js';
import { readUrl } from './web.js';

export type { FetchOptions, IngestItem, IngestOptions } from './types.js';
export { mapRecord } from './record.js';
export { readFeedText } from './files.js';

/** Anything with a scheme (`https://`, `ftp://`) is a URL; the fetcher refuses schemes other than http(s). */
const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;

export function isUrl(input: string): boolean {
  return URL_PATTERN.test(input);
}

export async function* readInputs(inputs: readonly string[], options: IngestOptions = {}): AsyncGenerator<IngestItem> {
  const resolved = resolveOptions(options);
  for (const input of inputs) {
    try {
      yield* isUrl(input) ? readUrl(input, resolved) : readPath(input, resolved);
    } catch (error) {
      // The readers report bad input as items; this is the net for a bug in them.
      yield rejected(input, `internal error while reading: ${errorMessage(error)}`);
    }
  }
}
