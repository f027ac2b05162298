/**
 * The saved parser: both weight tables quantised to int16 (one scale each;
 * only the argmax matters, so decoding sums the integers directly), gzipped.
 *
 * Layout before gzip: the ASCII magic `NGPARSE1\n`, a little-endian uint32
 * header length, a UTF-8 JSON header (padded to an even length), then
 * 2^moveBits * 3 int16 move weights and 2^labelBits * labels int16 label
 * weights, bucket-major, little-endian.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MOVE_COUNT } from './transition.js';
import type { LabelCandidates, ParserWeights } from './parser.js';

/** Where the trained model lives (read only when a parser is loaded). */
export const PARSER_MODEL_URL = new URL('./model/parser-model.bin.gz', import.meta.url);

const MAGIC = 'NGPARSE1\n';
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface ParserModelHeader {
  readonly format: 'newsgraph-parser';
  readonly version: 1;
  readonly moveBits: number;
  readonly labelBits: number;
  readonly labels: readonly string[];
  readonly candidates: LabelCandidates;
  readonly moveScale: number;
  readonly labelScale: number;
  /** Free-form training facts (data, tags, epochs, dev scores). */
  readonly trainedWith: Readonly<Record<string, unknown>>;
}

export interface LoadedParserModel extends ParserWeights {
  readonly header: ParserModelHeader;
  readonly moves: Int16Array;
  readonly labelWeights: Int16Array;
}

function quantise(w: ArrayLike<number>): { scale: number; q: Int16Array } {
  let top = 0;
  for (let i = 0; i < w.length; i++) top = Math.max(top, Math.abs(w[i]!));
  const scale = top === 0 ? 1 : top / 32767;
  const q = new Int16Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale);
  return { scale, q };
}

export function encodeParserModel(model: ParserWeights, trainedWith: Readonly<Record<string, unknown>>): Buffer {
  if (!LITTLE_ENDIAN) throw new Error('encodeParserModel: writing models needs a little-endian host');
  const moves = quantise(model.moves);
  const labels = quantise(model.labelWeights);
  const header: ParserModelHeader = {
    format: 'newsgraph-parser',
    version: 1,
    moveBits: model.moveBits,
    labelBits: model.labelBits,
    labels: model.labels,
    candidates: model.candidates,
    moveScale: moves.scale,
    labelScale: labels.scale,
    trainedWith,
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  if ((MAGIC.length + 4 + json.length) % 2 !== 0) json = Buffer.concat([json, Buffer.from(' ')]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const bytes = (a: Int16Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC, 'ascii'), length, json, bytes(moves.q), bytes(labels.q)]), { level: 9 });
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
  if (header.format !== 'newsgraph-parser' || header.version !== 1) fail(`unsupported format ${String(header.format)} v${String(header.version)}`);
  if (!Array.isArray(header.labels) || header.labels.length === 0 || !header.candidates) fail('header has no labels');
  const moveCount = 2 ** header.moveBits * MOVE_COUNT;
  const labelCount = 2 ** header.labelBits * header.labels.length;
  const bodyStart = headerStart + headerLength;
  const expected = (moveCount + labelCount) * 2;
  if (raw.length - bodyStart !== expected) fail(`${raw.length - bodyStart} weight bytes, expected ${expected}`);
  const body = (raw.byteOffset + bodyStart) % 2 === 0 ? raw : Buffer.from(raw);
  const moves = new Int16Array(body.buffer, body.byteOffset + bodyStart, moveCount);
  const labelWeights = new Int16Array(body.buffer, body.byteOffset + bodyStart + moveCount * 2, labelCount);
  if (!LITTLE_ENDIAN) {
    for (const a of [moves, labelWeights]) for (let i = 0; i < a.length; i++) a[i] = ((a[i]! & 0xff) << 8) | ((a[i]! >> 8) & 0xff);
  }
  return { header, moveBits: header.moveBits, labelBits: header.labelBits, labels: header.labels, candidates: header.candidates, moves, labelWeights };
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
