/**
 * The saved tagger: averaged weights quantised to int16 with one scale,
 * gzip-compressed (the table is mostly zeros, so gzip folds it well).
 *
 * Only the non-zero weights are kept, as compressed rows (see
 * SparseWeights in tagger.ts): the averaged table has a handful of labels per
 * used bucket, so the file, its unpacking and its memory stay small.
 *
 * Layout before gzip: the ASCII magic `NGTAG1\n`, a little-endian uint32
 * header length, a UTF-8 JSON header (labels, tag dictionary, hash bits,
 * scale, entry count, training facts), then `entries` little-endian int16
 * weights, `entries` uint8 label indexes, and 2^hashBits uint8 row lengths.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SparseWeights } from './tagger.js';
import type { WordClusters } from '../ner/clusters.js';

const MAGIC = 'NGTAG1\n';
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface TaggerHeader {
  readonly format: 'newsgraph-tagger';
  readonly version: 1;
  readonly hashBits: number;
  readonly labels: readonly string[];
  /** Weight = int16 value * scale (tagging needs only the argmax, so it never multiplies). */
  readonly scale: number;
  /** Tag dictionary as [word, label index] pairs, sorted by word. */
  readonly dictionary: readonly (readonly [string, number])[];
  /** Ambiguity classes as [normal form, "label,label"] pairs, sorted by form. */
  readonly ambiguity: readonly (readonly [string, string])[];
  /** Digest of the word classes the features were trained with (ner/clusters.ts), checked at load. */
  readonly clusters: string;
  /** Number of non-zero weights. */
  readonly entries: number;
  /** Free-form training facts (data, epochs, dev accuracy), shown by tools. */
  readonly trainedWith: Readonly<Record<string, unknown>>;
}

export interface LoadedTaggerModel extends SparseWeights {
  readonly header: TaggerHeader;
}

export function encodeTaggerModel(model: SparseWeights, scale: number, trainedWith: Readonly<Record<string, unknown>>): Buffer {
  if (!LITTLE_ENDIAN) throw new Error('encodeTaggerModel: writing models needs a little-endian host');
  const header: TaggerHeader = {
    format: 'newsgraph-tagger',
    version: 1,
    hashBits: model.hashBits,
    labels: model.labels,
    scale,
    dictionary: [...model.lexicon.dictionary].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    ambiguity: [...model.lexicon.ambiguity].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    clusters: model.lexicon.clusters.digest,
    entries: model.value.length,
    trainedWith,
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  // Pad with a space (JSON allows it) so the int16 body starts on an even offset and loads as a view.
  if ((MAGIC.length + 4 + json.length) % 2 !== 0) json = Buffer.concat([json, Buffer.from(' ')]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const rows = 2 ** model.hashBits;
  const lengths = new Uint8Array(rows);
  for (let b = 0; b < rows; b++) lengths[b] = model.start[b + 1]! - model.start[b]!;
  const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC, 'ascii'), length, json, bytes(model.value), bytes(model.label), bytes(lengths)]), { level: 9 });
}

/** Parse a gzipped model; `name` labels errors. */
export function decodeTaggerModel(gzipped: Uint8Array, name: string, clusters: WordClusters): LoadedTaggerModel {
  let raw: Buffer;
  try {
    raw = gunzipSync(gzipped);
  } catch (e) {
    throw new Error(`tagger model ${name}: not gzip data (${(e as Error).message}); run \`npm run train:tagger\``, { cause: e });
  }
  if (raw.subarray(0, MAGIC.length).toString('ascii') !== MAGIC) throw new Error(`tagger model ${name}: missing the ${JSON.stringify(MAGIC.trim())} signature`);
  const headerLength = raw.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  let header: TaggerHeader;
  try {
    header = JSON.parse(raw.subarray(headerStart, headerStart + headerLength).toString('utf8')) as TaggerHeader;
  } catch (e) {
    throw new Error(`tagger model ${name}: unreadable header (${(e as Error).message})`, { cause: e });
  }
  if (header.format !== 'newsgraph-tagger' || header.version !== 1) throw new Error(`tagger model ${name}: unsupported format ${header.format} v${header.version}`);
  if (!Array.isArray(header.labels) || header.labels.length === 0 || !header.labels.every((l) => typeof l === 'string' && l.includes('|')))
    throw new Error(`tagger model ${name}: labels must be "UPOS|XPOS" strings`);
  if (!Number.isInteger(header.hashBits) || header.hashBits < 1 || header.hashBits > 24) throw new Error(`tagger model ${name}: bad hashBits ${header.hashBits}`);
  const L = header.labels.length;
  const dictionary = new Map<string, number>();
  for (const [word, label] of header.dictionary ?? []) {
    if (!(Number.isInteger(label) && label >= 0 && label < L)) throw new Error(`tagger model ${name}: dictionary label ${label} of ${JSON.stringify(word)} out of range`);
    dictionary.set(word, label);
  }
  if (header.clusters !== clusters.digest)
    throw new Error(`tagger model ${name}: trained with word clusters ${header.clusters ?? '(none)'}, but the ones given are ${clusters.digest}; run \`npm run train:tagger\``);
  const ambiguity = new Map<string, string>(header.ambiguity ?? []);
  const bodyStart = headerStart + headerLength;
  const rows = 2 ** header.hashBits;
  const entries = header.entries;
  if (!Number.isInteger(entries) || raw.length - bodyStart !== entries * 3 + rows)
    throw new Error(`tagger model ${name}: ${raw.length - bodyStart} weight bytes, expected ${entries * 3 + rows} for ${entries} weights over 2^${header.hashBits} buckets`);
  const valueOffset = raw.byteOffset + bodyStart;
  const value = valueOffset % 2 === 0 ? new Int16Array(raw.buffer, valueOffset, entries) : new Int16Array(Uint8Array.from(raw.subarray(bodyStart, bodyStart + entries * 2)).buffer);
  if (!LITTLE_ENDIAN) for (let i = 0; i < value.length; i++) value[i] = ((value[i]! & 0xff) << 8) | ((value[i]! >> 8) & 0xff);
  const label = raw.subarray(bodyStart + entries * 2, bodyStart + entries * 3);
  const lengths = raw.subarray(bodyStart + entries * 3);
  const start = new Uint32Array(rows + 1);
  for (let b = 0; b < rows; b++) start[b + 1] = start[b]! + lengths[b]!;
  if (start[rows] !== entries) throw new Error(`tagger model ${name}: row lengths add up to ${start[rows]}, not ${entries} weights`);
  for (let j = 0; j < entries; j++) if (label[j]! >= L) throw new Error(`tagger model ${name}: weight ${j} names label ${label[j]} of ${L}`);
  return { header, hashBits: header.hashBits, labels: header.labels, lexicon: { dictionary, ambiguity, clusters }, start, label, value };
}

/** Read and parse a model file. */
export function loadTaggerModelFile(path: string | URL, clusters: WordClusters): LoadedTaggerModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`tagger model ${String(path)}: cannot read (${(e as Error).message}); run \`npm run train:tagger\` to create it`, { cause: e });
  }
  return decodeTaggerModel(bytes, String(path), clusters);
}
