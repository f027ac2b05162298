/**
 * Dataset files (CSV/TSV, JSON Lines, JSON) streamed row by row into raw
 * inputs. Memory stays at one row: nothing reads a whole dataset.
 *
 * Bytes are decoded per row, not per file: each row is strict UTF-8 when it
 * can be, else windows-1252. Exported spreadsheets often mix the two, and a
 * per-file guess made from the first rows would garble the rest.
 */
import { Readable, pipeline } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { decodeWindows1252, looksBinary, sniffBom } from './decode.js';
import { JsonRecordStream } from './json-stream.js';
import { RECORD_ARRAY_FIELDS, mapRecord, missingTextColumn } from './record.js';
import { accepted, rejected, type IngestItem } from './types.js';

/** Above this a single row is refused, so a runaway quote cannot swallow a whole file into memory. */
export const MAX_ROW_BYTES = 64 * 1024 * 1024;

/** Raised inside a byte source and turned into an error item by the reader. */
export class InputError extends Error {}

/**
 * A dataset's bytes with binary content refused and a UTF-16 byte order mark
 * transcoded to UTF-8 (any BOM removed), so the row parsers only ever see
 * ASCII-compatible bytes. `bom` is known once the first chunk has passed.
 */
export class DatasetBytes {
  bom: 'utf-8' | 'utf-16le' | 'utf-16be' | null = null;
  /** Fatal, so invalid bytes throw and the row falls back to windows-1252. */
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(private readonly source: AsyncIterable<Buffer>) {}

  async *chunks(): AsyncGenerator<Buffer> {
    let first = true;
    let transcoder: TextDecoder | null = null;
    for await (const chunk of this.source) {
      let bytes = chunk;
      if (first) {
        first = false;
        if (looksBinary(bytes)) throw new InputError('binary content');
        const bom = sniffBom(bytes);
        this.bom = bom?.encoding ?? null;
        // The BOM is dropped here, not by csv-parse: its `bom` option makes it
        // decode every later field as UTF-8 itself, defeating decodeRow.
        if (bom) bytes = bytes.subarray(bom.length);
        if (bom && bom.encoding !== 'utf-8') transcoder = new TextDecoder(bom.encoding, { ignoreBOM: true });
      }
      yield transcoder ? Buffer.from(transcoder.decode(bytes, { stream: true }), 'utf8') : bytes;
    }
    if (transcoder) yield Buffer.from(transcoder.decode(), 'utf8');
  }

  /**
   * Decode the fields of one row: all strict UTF-8, or all windows-1252.
   * Strings pass through as they are.
   */
  decodeRow(fields: readonly (Uint8Array | string)[]): { values: string[]; encoding: string } {
    try {
      const values = fields.map((field) => (typeof field === 'string' ? field : this.utf8.decode(field)));
      return { values, encoding: this.bom ? `${this.bom} (bom)` : 'utf-8 (sniffed)' };
    } catch {
      const values = fields.map((field) => (typeof field === 'string' ? field : decodeWindows1252(field)));
      return { values, encoding: 'windows-1252 (sniffed)' };
    }
  }
}

function rowInput(path: string, row: number): string {
  return `${path}#row=${row}`;
}

/** Header names: trimmed, blanks named by position, duplicates numbered, so no column is lost. */
function headerNames(values: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return values.map((value, i) => {
    const name = value.trim() || `column_${i + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}

interface Skip {
  /** Records (the header included) parsed before the broken one. */
  readonly recordsBefore: number;
  readonly reason: string;
}

/**
 * CSV or TSV with a header row. A broken row (unbalanced quotes, wrong
 * number of fields) is reported with its data-row number and the parser's
 * reason, and reading goes on with the next row.
 */
export async function* readCsv(path: string, bytes: DatasetBytes, delimiter: ',' | '\t'): AsyncGenerator<IngestItem> {
  const skips: Skip[] = [];
  const parser = parse({
    encoding: null,
    bom: false,
    delimiter,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_ROW_BYTES,
    info: true,
    on_skip: (error: CsvError | undefined) => {
      skips.push({ recordsBefore: typeof error?.records === 'number' ? error.records : 0, reason: error?.message ?? 'unreadable row' });
      return undefined;
    },
  });
  pipeline(Readable.from(bytes.chunks()), parser, () => undefined);

  // on_skip runs as soon as the parser meets a broken row, possibly ahead of
  // rows still waiting to be read here; skips are yielded in file order.
  let skipsYielded = 0;
  function* skipsBefore(records: number): Generator<IngestItem> {
    for (let skip = skips[skipsYielded]; skip && skip.recordsBefore < records; skip = skips[skipsYielded]) {
      const row = skip.recordsBefore + skipsYielded;
      yield rejected(skip.recordsBefore === 0 ? `${path}#header` : rowInput(path, row), skip.reason);
      skipsYielded++;
    }
  }

  let header: string[] | null = null;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: (Buffer | string)[]; info: Info }>) {
      yield* skipsBefore(info.records);
      const { values, encoding } = bytes.decodeRow(record);
      if (header === null) {
        header = headerNames(values);
        // One error for the file, rather than the same error for every row.
        const missing = missingTextColumn(header);
        if (missing) {
          parser.destroy();
          yield rejected(path, missing);
          return;
        }
        continue;
      }
      const row = info.records - 1 + skipsYielded;
      rows++;
      const fields: Record<string, string> = {};
      header.forEach((name, i) => {
        fields[name] = values[i] ?? '';
      });
      const mapped = mapRecord(fields, rowInput(path, row), 'csv');
      yield 'error' in mapped ? rejected(rowInput(path, row), mapped.error) : accepted({ ...mapped, encoding });
    }
    yield* skipsBefore(Infinity);
  } catch (error) {
    yield* skipsBefore(Infinity);
    yield rejected(path, streamReason(error));
    return;
  }
  if (header === null && skips.length === 0) yield rejected(path, 'empty file');
  else if (rows === 0 && skips.length === 0) yield rejected(path, 'no data rows after the header');
}

/** Lines of a byte stream, split on LF with CR stripped; a line above `maxBytes` comes back as null. */
async function* byteLines(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer | null> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversize = false;
  const finish = (): Buffer | null => {
    const line = oversize ? null : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    oversize = false;
    if (line && line.length > 0 && line[line.length - 1] === 0x0d) return line.subarray(0, line.length - 1);
    return line;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline >= 0; newline = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, newline);
      if (!oversize) parts.push(piece);
      size += piece.length;
      if (size > maxBytes) oversize = true;
      yield finish();
      start = newline + 1;
    }
    const rest = chunk.subarray(start);
    size += rest.length;
    if (size > maxBytes) {
      oversize = true;
      parts = [];
    }
    if (!oversize && rest.length > 0) parts.push(Buffer.from(rest));
  }
  if (size > 0 || oversize) yield finish();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON Lines: one object per line; `#row=N` is the line number. A bad line costs that line only. */
export async function* readJsonl(path: string, bytes: DatasetBytes): AsyncGenerator<IngestItem> {
  let line = 0;
  let rows = 0;
  try {
    for await (const lineBytes of byteLines(bytes.chunks(), MAX_ROW_BYTES)) {
      line++;
      const input = rowInput(path, line);
      if (lineBytes === null) {
        yield rejected(input, `row larger than ${MAX_ROW_BYTES} bytes`);
        continue;
      }
      const { values, encoding } = bytes.decodeRow([lineBytes]);
      const text = values[0] ?? '';
      if (text.trim() === '') continue;
      rows++;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        yield rejected(input, `invalid JSON: ${(error as Error).message}`);
        continue;
      }
      if (!isPlainObject(value)) {
        yield rejected(input, 'row is not a JSON object');
        continue;
      }
      const mapped = mapRecord(value, input, 'jsonl');
      yield 'error' in mapped ? rejected(input, mapped.error) : accepted({ ...mapped, encoding });
    }
  } catch (error) {
    yield rejected(path, streamReason(error));
    return;
  }
  if (rows === 0) yield rejected(path, line === 0 ? 'empty file' : 'no rows');
}

/**
 * A `.json` dataset: an array of records, an object with a records array
 * (`articles`, `items`, `data`, …), or one article object.
 */
export async function* readJson(path: string, bytes: DatasetBytes, maxDocumentChars: number): AsyncGenerator<IngestItem> {
  const scanner = new JsonRecordStream(RECORD_ARRAY_FIELDS, maxDocumentChars);
  // JSON is UTF-8 by definition (RFC 8259); other bytes become U+FFFD.
  const decoder = new TextDecoder('utf-8');
  const encoding = (): string => (bytes.bom ? `${bytes.bom} (bom)` : 'utf-8 (sniffed)');
  let yielded = 0;
  function* handle(events: ReturnType<JsonRecordStream['push']>): Generator<IngestItem> {
    for (const event of events) {
      yielded++;
      if (event.kind === 'error') {
        yield rejected(path, event.reason);
      } else if (event.kind === 'element-error') {
        yield rejected(rowInput(path, event.index), event.reason);
      } else {
        const input = event.kind === 'element' ? rowInput(path, event.index) : path;
        if (!isPlainObject(event.value)) {
          yield rejected(input, 'row is not a JSON object');
          continue;
        }
        const mapped = mapRecord(event.value, input, 'json');
        yield 'error' in mapped ? rejected(input, mapped.error) : accepted({ ...mapped, encoding: encoding() });
      }
    }
  }
  try {
    for await (const chunk of bytes.chunks()) {
      yield* handle(scanner.push(decoder.decode(chunk, { stream: true })));
    }
    yield* handle(scanner.push(decoder.decode()));
    yield* handle(scanner.end());
  } catch (error) {
    yield rejected(path, streamReason(error));
    return;
  }
  if (yielded === 0) yield rejected(path, 'no records (empty array)');
}

/** The reason a byte stream failed: refused content, a corrupt gzip member, or an OS error. */
export function streamReason(error: unknown): string {
  if (error instanceof InputError) return error.message;
  const err = error as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const message = typeof err?.message === 'string' ? err.message : String(error);
  if (code.startsWith('Z_')) return `corrupt or truncated gzip data (${message})`;
  if (code.startsWith('CSV_')) return message;
  if (/^E[A-Z]+$/.test(code)) return message.split(', ')[0] ?? message;
  return message;
}
