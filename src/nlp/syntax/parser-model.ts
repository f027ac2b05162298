/**
 * The saved parser: both weight tables quantised to int8 (one scale each,
 * the largest weight mapping to 127; only the argmax matters, so decoding
 * sums the integers directly), gzipped. int8 scores EWT dev within 0.02 of
 * int16 and of the float weights, and halves the tables that decoding reads
 * at random (memory traffic is most of the parser's time).
 *
 * Layout before gzip: the ASCII magic `NGPARSE1\n`, a little-endian uint32
 * header length, a UTF-8 JSON header (padded to an even length), then
 * 2^moveBits * 3 int8 move weights (bucket-major), 2^labelBits int8 label
 * weights (feature and label hashed together), then the optional word-class
 * table (uint32 keys, uint16 classes, little-endian; see parser-classes.ts).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MOVE_COUNT } from './transition.js';
import type { WordClassTable } from './parser-classes.js';
import type { LabelCandidates, ParserWeights } from './parser.js';

/** Where the trained model lives (read only when a parser is loaded). */
export const PARSER_MODEL_URL = new URL('./model/parser-model.bin.gz', import.meta.url);

const MAGIC = 'NGPARSE3\n';
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface ParserModelHeader {
  readonly format: 'newsgraph-parser';
  readonly version: 3;
  readonly moveBits: number;
  readonly labelBits: number;
  readonly labels: readonly string[];
  readonly candidates: LabelCandidates;
  readonly moveScale: number;
  readonly labelScale: number;
  /** The word-class table saved after the label weights: its slot count and the digest of the cluster file it came from; null for none. */
  readonly classes: { readonly size: number; readonly digest: string } | null;
  /** Free-form training facts (data, tags, epochs, dev scores). */
  readonly trainedWith: Readonly<Record<string, unknown>>;
}

export interface LoadedParserModel extends ParserWeights {
  readonly header: ParserModelHeader;
  readonly moves: Int8Array;
  readonly labelWeights: Int8Array;
}

function quantise(w: ArrayLike<number>): { scale: number; q: Int8Array } {
  let top = 0;
  for (let i = 0; i < w.length; i++) top = Math.max(top, Math.abs(w[i]!));
  const scale = top === 0 ? 1 : top / 127;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale);
  return { scale, q };
}

export function encodeParserModel(model: ParserWeights, trainedWith: Readonly<Record<string, unknown>>): Buffer {
  if (!LITTLE_ENDIAN) throw new Error('encodeParserModel: writing models needs a little-endian host');
  const moves = quantise(model.moves);
  const labels = quantise(model.labelWeights);
  const header: ParserModelHeader = {
    format: 'newsgraph-parser',
    version: 3,
    moveBits: model.moveBits,
    labelBits: model.labelBits,
    labels: model.labels,
    candidates: model.candidates,
    moveScale: moves.scale,
    labelScale: labels.scale,
    classes: model.classes ? { size: model.classes.keys.length, digest: model.classes.digest } : null,
    trainedWith,
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  // Pad the header with spaces (JSON allows them) so every table starts 4-byte aligned and loads as a view, without a copy.
  while ((MAGIC.length + 4 + json.length) % 4 !== 0) json = Buffer.concat([json, Buffer.from(' ')]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const bytes = (a: Int8Array | Uint16Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const classes = model.classes ? [bytes(model.classes.keys), bytes(model.classes.medium), bytes(model.classes.fine)] : [];
  return gzipSync(Buffer.concat([Buffer.from(MAGIC, 'ascii'), length, json, bytes(moves.q), bytes(labels.q), ...classes]), { level: 9 });
}

type Fail = (why: string, cause?: unknown) => never;

function gunzip(gzipped: Uint8Array, fail: Fail): Buffer {
  try {
    return gunzipSync(gzipped);
  } catch (e) {
    return fail(`not gzip data (${(e as Error).message}); run \`npm run train:parser\` to rebuild it`, e);
  }
}

function readHeader(bytes: Buffer, fail: Fail): ParserModelHeader {
  try {
    return JSON.parse(bytes.toString('utf8')) as ParserModelHeader;
  } catch (e) {
    return fail(`unreadable header (${(e as Error).message})`, e);
  }
}

/** Parse a gzipped model; `name` labels every error. */
export function decodeParserModel(gzipped: Uint8Array, name: string): LoadedParserModel {
  const fail: Fail = (why, cause) => {
    throw new Error(`parser model ${name}: ${why}`, cause === undefined ? undefined : { cause });
  };
  const raw = gunzip(gzipped, fail);
  if (raw.subarray(0, MAGIC.length).toString('ascii') !== MAGIC) fail(`missing the ${JSON.stringify(MAGIC.trim())} signature`);
  const headerLength = raw.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  const header = readHeader(raw.subarray(headerStart, headerStart + headerLength), fail);
  if (header.format !== 'newsgraph-parser' || header.version !== 3) fail(`unsupported format ${String(header.format)} v${String(header.version)}`);
  if (!Array.isArray(header.labels) || header.labels.length === 0 || !header.candidates) fail('header has no labels');
  if (!Array.isArray(header.candidates.byPair)) fail('written by an older parser (no label candidates by tag pair); run `npm run train:parser`');
  const moveCount = 2 ** header.moveBits * MOVE_COUNT;
  const labelCount = 2 ** header.labelBits;
  const bodyStart = headerStart + headerLength;
  const classSlots = header.classes?.size ?? 0;
  if (classSlots & (classSlots - 1)) fail(`word-class table size ${classSlots} is not a power of two`);
  const expected = moveCount + labelCount + classSlots * 8;
  if (raw.length - bodyStart !== expected) fail(`${raw.length - bodyStart} weight bytes, expected ${expected}`);
  // gunzipSync's result starts on an aligned offset of its own buffer; copy only if it ever does not.
  const body = (raw.byteOffset + bodyStart) % 4 === 0 ? raw : Buffer.from(raw);
  const moves = new Int8Array(body.buffer, body.byteOffset + bodyStart, moveCount);
  const labelWeights = new Int8Array(body.buffer, body.byteOffset + bodyStart + moveCount, labelCount);
  let classes: WordClassTable | undefined;
  if (header.classes) {
    const at = body.byteOffset + bodyStart + moveCount + labelCount;
    const keys = new Uint32Array(body.buffer, at, classSlots);
    const medium = new Uint16Array(body.buffer, at + classSlots * 4, classSlots);
    const fine = new Uint16Array(body.buffer, at + classSlots * 6, classSlots);
    if (!LITTLE_ENDIAN) fail('reading word classes needs a little-endian host');
    classes = { keys, medium, fine, digest: header.classes.digest };
  }
  return { header, classes, moveBits: header.moveBits, labelBits: header.labelBits, labels: header.labels, candidates: header.candidates, moves, labelWeights };
}

function readModelBytes(url: string | URL): Buffer {
  try {
    return readFileSync(url);
  } catch (e) {
    throw new Error(`parser model ${String(url)}: cannot read (${(e as Error).message}); run \`npm run train:parser\` to create it`, { cause: e });
  }
}

/** Read and parse a model file (the only I/O of the parser). */
export function loadParserModel(url: string | URL = PARSER_MODEL_URL): LoadedParserModel {
  return decodeParserModel(readModelBytes(url), String(url));
}
