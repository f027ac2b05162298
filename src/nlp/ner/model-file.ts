/**
 * The saved recognizer model: averaged weights quantised to int16 with one
 * scale, the transition matrix in full precision, gzip-compressed. (int8
 * cost 0.2-0.3 dev F1; int16 costs nothing measurable and gzip still folds
 * the mostly-zero table to well under a megabyte.)
 *
 * Layout before gzip: the ASCII magic `NGNER1\n`, a little-endian uint32
 * header length, a UTF-8 JSON header, then 2^hashBits * TAG_COUNT
 * little-endian int16 weights (bucket-major).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { TAGS, TAG_COUNT } from './perceptron.js';
import type { FloatScorer, Scorer } from './perceptron.js';
import { buildGazetteer } from './features.js';
import type { WordClusters } from './clusters.js';
import type { Gazetteer, GazetteerLists } from './features.js';

const MAGIC = 'NGNER1\n';
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface ModelHeader {
  readonly format: 'newsgraph-ner';
  readonly version: 1;
  readonly hashBits: number;
  readonly tags: readonly string[];
  /** Weight = int16 value * scale. */
  readonly scale: number;
  readonly transitions: readonly number[];
  /**
   * Score margin that maps to confidence 0.9 is `marginScale * ln 5`; see
   * index.ts. Measured on dev data as a typical entity margin.
   */
  readonly marginScale: number;
  /** The word lists the features were trained with (see features.ts). */
  readonly gazetteer: GazetteerLists;
  /** Digest of the word classes the features were trained with (clusters.ts); they are a project file, checked at load. */
  readonly clusters: string;
  /** Free-form training facts (data, epochs, dev F1), shown by tools. */
  readonly trainedWith: Readonly<Record<string, unknown>>;
}

/** A loaded model: int16 weights scaled on the fly. */
export class QuantizedScorer implements Scorer {
  readonly transitions: Float64Array;
  readonly gazetteer: Gazetteer;
  constructor(
    readonly header: ModelHeader,
    private readonly weights: Int16Array,
    clusters: WordClusters,
  ) {
    this.transitions = Float64Array.from(header.transitions);
    this.gazetteer = buildGazetteer(header.gazetteer, clusters);
  }

  get hashBits(): number {
    return this.header.hashBits;
  }

  emit(buckets: Uint32Array, from: number, to: number, out: Float64Array, at: number): void {
    const w = this.weights;
    const scale = this.header.scale;
    for (let t = 0; t < TAG_COUNT; t++) {
      let sum = 0;
      for (let k = from; k < to; k++) sum += w[buckets[k]! * TAG_COUNT + t]! * scale;
      out[at + t] = sum;
    }
  }
}

/**
 * Quantise float weights to int16, the largest magnitude mapping to 32767.
 */
export function quantise(scorer: FloatScorer): { scale: number; weights: Int16Array } {
  let top = 0;
  for (const w of scorer.weights) top = Math.max(top, Math.abs(w));
  const scale = top === 0 ? 1 : top / 32767;
  const weights = new Int16Array(scorer.weights.length);
  for (let i = 0; i < weights.length; i++) weights[i] = Math.round(scorer.weights[i]! / scale);
  return { scale, weights };
}

export function encodeModel(scorer: FloatScorer, gazetteer: GazetteerLists, marginScale: number, trainedWith: Readonly<Record<string, unknown>>, clusters: WordClusters): Buffer {
  const { scale, weights } = quantise(scorer);
  const header: ModelHeader = {
    format: 'newsgraph-ner',
    version: 1,
    hashBits: scorer.hashBits,
    tags: TAGS,
    scale,
    transitions: Array.from(scorer.transitions),
    marginScale,
    gazetteer,
    clusters: clusters.digest,
    trainedWith,
  };
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  // Pad the header with a space (JSON allows it) so the int16 body starts on an even offset and loads as a view, without a copy.
  if ((MAGIC.length + 4 + json.length) % 2 !== 0) json = Buffer.concat([json, Buffer.from(' ')]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  if (!LITTLE_ENDIAN) throw new Error('encodeModel: writing models needs a little-endian host');
  const body = Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC, 'ascii'), length, json, body]), { level: 9 });
}

/** Parse a gzipped model trained with the word classes `clusters`; `name` only labels errors. */
export function decodeModel(gzipped: Uint8Array, name: string, clusters: WordClusters): QuantizedScorer {
  let raw: Buffer;
  try {
    raw = gunzipSync(gzipped);
  } catch (e) {
    throw new Error(`NER model ${name}: not gzip data (${(e as Error).message})`, { cause: e });
  }
  if (raw.subarray(0, MAGIC.length).toString('ascii') !== MAGIC) throw new Error(`NER model ${name}: missing the ${JSON.stringify(MAGIC.trim())} signature`);
  const headerLength = raw.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  let header: ModelHeader;
  try {
    header = JSON.parse(raw.subarray(headerStart, headerStart + headerLength).toString('utf8')) as ModelHeader;
  } catch (e) {
    throw new Error(`NER model ${name}: unreadable header (${(e as Error).message})`, { cause: e });
  }
  if (header.format !== 'newsgraph-ner' || header.version !== 1) throw new Error(`NER model ${name}: unsupported format ${header.format} v${header.version}`);
  if (header.tags.join(' ') !== TAGS.join(' ')) throw new Error(`NER model ${name}: tag set ${header.tags.join(' ')} differs from this code's ${TAGS.join(' ')}`);
  if (typeof header.gazetteer !== 'object' || header.gazetteer === null) throw new Error(`NER model ${name}: header has no gazetteer`);
  if (header.clusters !== clusters.digest)
    throw new Error(`NER model ${name}: trained with word clusters ${header.clusters ?? '(none)'}, but the ones given are ${clusters.digest}; run \`npm run train:ner\``);
  if (!(header.marginScale > 0)) throw new Error(`NER model ${name}: marginScale must be positive, got ${header.marginScale}`);
  if (header.transitions.length !== (TAG_COUNT + 1) * TAG_COUNT) throw new Error(`NER model ${name}: transition matrix has ${header.transitions.length} values`);
  const bodyStart = headerStart + headerLength;
  const expected = 2 ** header.hashBits * TAG_COUNT * 2;
  if (raw.length - bodyStart !== expected) throw new Error(`NER model ${name}: ${raw.length - bodyStart} weight bytes, expected ${expected}`);
  // View the weights in place when the body is 2-byte aligned (models written by encodeModel are); copy otherwise.
  const bodyOffset = raw.byteOffset + bodyStart;
  const weights = bodyOffset % 2 === 0 ? new Int16Array(raw.buffer, bodyOffset, expected / 2) : new Int16Array(Uint8Array.from(raw.subarray(bodyStart)).buffer);
  if (!LITTLE_ENDIAN) for (let i = 0; i < weights.length; i++) weights[i] = ((weights[i]! & 0xff) << 8) | ((weights[i]! >> 8) & 0xff);
  return new QuantizedScorer(header, weights, clusters);
}

/** Read and parse a model file (the only I/O of the recognizer). */
export function loadModelFile(path: string | URL, clusters: WordClusters): QuantizedScorer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`NER model ${String(path)}: cannot read (${(e as Error).message}); run \`npm run train:ner\` to create it`, { cause: e });
  }
  return decodeModel(bytes, String(path), clusters);
}
