/**
 * The PolNeAR attribution corpus (Newell, Margolin & Ruths 2018): reading the
 * gzipped tar of texts and BRAT annotations, and scoring predicted quotes
 * against its gold attributions.
 *
 * The archive is read with node:zlib and a small tar reader (ustar, GNU long
 * names, pax headers) so that evaluation needs no extraction step and no
 * dependency.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Span } from '../../src/core/doc.js';

// ---------------------------------------------------------------------------
// tar

export interface TarEntry {
  readonly name: string;
  readonly data: Buffer;
}

const BLOCK = 512;

/** A NUL-terminated string field of a tar header. */
function field(header: Buffer, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const nul = bytes.indexOf(0);
  return bytes.subarray(0, nul === -1 ? length : nul).toString('utf8');
}

/** A numeric header field: octal text, or big-endian base-256 when the high bit of the first byte is set (GNU, for sizes over 8 GiB). */
function numeric(header: Buffer, offset: number, length: number): number {
  if ((header[offset]! & 0x80) !== 0) {
    let n = header[offset]! & 0x7f;
    for (let i = 1; i < length; i++) n = n * 256 + header[offset + i]!;
    return n;
  }
  const text = field(header, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** The header checksum: the sum of its bytes with the checksum field itself counted as spaces. */
export function tarChecksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/** Pax extended-header records: `<length> <key>=<value>\n`, the length counting the whole record. */
function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) break;
    const length = parseInt(data.subarray(at, space).toString('ascii'), 10);
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/**
 * The regular files of an uncompressed tar archive, in archive order.
 * Directories, links and devices are skipped; a GNU long-name entry ('L') or
 * a pax header ('x', keys `path` and `size`) applies to the entry after it.
 * Throws on a header whose checksum does not match, so that a truncated or
 * mis-decompressed archive is not silently read as fewer files.
 */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let longName: string | null = null;
  let pax = new Map<string, string>();
  let at = 0;
  while (at + BLOCK <= archive.length) {
    const header = archive.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const stored = numeric(header, 148, 8);
    if (stored !== tarChecksum(header)) throw new Error(`tar: bad header checksum at byte ${at}`);
    const type = String.fromCharCode(header[156]!);
    const paxSize = pax.get('size');
    const size = paxSize !== undefined && type !== 'x' && type !== 'g' && type !== 'L' ? Number(paxSize) : numeric(header, 124, 12);
    const data = archive.subarray(at + BLOCK, at + BLOCK + size);
    if (data.length < size) throw new Error(`tar: entry at byte ${at} is truncated`);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = field(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      pax = paxRecords(data);
      continue;
    }
    if (type === 'g' || type === 'K') continue;
    // The prefix field exists only in POSIX ustar ("ustar\0"); old GNU headers ("ustar  ") keep other data there.
    const posix = header.subarray(257, 263).equals(Buffer.from('ustar\0', 'latin1'));
    const prefix = posix ? field(header, 345, 155) : '';
    const shortName = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const name = pax.get('path') ?? longName ?? shortName;
    longName = null;
    pax = new Map();
    if (type === '0' || type === '\0' || type === '7') entries.push({ name, data });
  }
  return entries;
}

// ---------------------------------------------------------------------------
// BRAT

export interface GoldAttribution {
  /** The attributed material; several fragments when the annotation is discontinuous or has a second content part. */
  readonly content: readonly Span[];
  readonly cue: readonly Span[];
  /** Empty for attributions annotated without a source. */
  readonly source: readonly Span[];
}

/**
 * UTF-16 offset of each code-point offset of `text` (BRAT counts code points,
 * JavaScript strings count UTF-16 units); the identity when the text has no
 * characters outside the Basic Multilingual Plane.
 */
export function codePointToUtf16(text: string): (offset: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (offset) => offset;
  const table: number[] = [];
  let unit = 0;
  for (const ch of text) {
    table.push(unit);
    unit += ch.length;
  }
  table.push(unit);
  return (offset) => table[Math.min(offset, table.length - 1)]!;
}

const EVENT_TYPES = new Set(['Attribution', 'Attribution-no-source']);

/**
 * The attributions of one BRAT annotation file over `text`. Text-bound lines
 * (`T<n>\t<Type> <start> <end>[;<start> <end>]*\t<text>`) give the spans;
 * event lines (`E<n>\tAttribution:T<a> Content:T<b> Cue:T<c> Source:T<d>`)
 * tie them together. Argument roles ending in digits ("Content2") are further
 * parts of the same role. Events without any content are left out: there is
 * nothing to match them against. Lines of other kinds (notes), and the
 * continuation lines of span texts that contain a line break, are ignored:
 * the offsets, not the quoted texts, are authoritative.
 */
export function parseBrat(ann: string, text: string): GoldAttribution[] {
  const toUtf16 = codePointToUtf16(text);
  const spans = new Map<string, Span[]>();
  const events: { type: string; args: [string, string][] }[] = [];
  for (const line of ann.split('\n')) {
    const t = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t/.exec(line);
    if (t) {
      const fragments = t[3]!.split(';').map((pair) => {
        const [a, b] = pair.split(' ').map((n) => toUtf16(Number(n)));
        return { start: a!, end: b!, text: text.slice(a!, b!) };
      });
      spans.set(t[1]!, fragments);
      continue;
    }
    const e = /^E\d+\t(.*)$/.exec(line.trimEnd());
    if (e) {
      const [trigger, ...rest] = e[1]!.split(/\s+/);
      const type = trigger!.split(':')[0]!;
      const args = rest.flatMap((arg): [string, string][] => {
        const colon = arg.indexOf(':');
        return colon > 0 ? [[arg.slice(0, colon).replace(/\d+$/, ''), arg.slice(colon + 1)]] : [];
      });
      events.push({ type, args });
    }
  }
  const byStart = (a: Span, b: Span) => a.start - b.start || a.end - b.end;
  const attributions: GoldAttribution[] = [];
  for (const event of events) {
    if (!EVENT_TYPES.has(event.type)) continue;
    const role = (name: string) => event.args.filter(([r]) => r === name).flatMap(([, id]) => spans.get(id) ?? []).sort(byStart);
    const content = role('Content');
    if (content.length === 0) continue;
    attributions.push({ content, cue: role('Cue'), source: role('Source') });
  }
  return attributions.sort((a, b) => byStart(a.content[0]!, b.content[0]!));
}

// ---------------------------------------------------------------------------
// corpus

export const COMPARTMENTS = ['train', 'dev', 'test'] as const;
export type Compartment = (typeof COMPARTMENTS)[number];

export interface PolnearText {
  /** The text's file name without `.txt`. */
  readonly name: string;
  /** The annotator suffix of the annotation file the gold comes from. */
  readonly annotator: string;
  readonly text: string;
  readonly attributions: readonly GoldAttribution[];
}

/**
 * The texts of the requested compartments with their gold attributions, in
 * name order. Several annotators annotated some texts; the gold is taken from
 * one file, the alphabetically first (`<name>_<annotator>.ann`), so every run
 * scores against the same annotation. Texts without any annotation file are
 * left out. `archive` is the gzipped tar or its path.
 */
export function readPolnear(archive: Buffer | string, compartments: readonly Compartment[] = COMPARTMENTS): Map<Compartment, PolnearText[]> {
  const bytes = typeof archive === 'string' ? readFileSync(archive) : archive;
  const texts = new Map<string, string>();
  const annotations = new Map<string, { file: string; annotator: string; data: Buffer }>();
  for (const entry of readTar(gunzipSync(bytes))) {
    const m = /(?:^|\/)data\/([^/]+)\/(text|attributions)\/([^/]+)$/.exec(entry.name);
    if (!m || !(compartments as readonly string[]).includes(m[1]!)) continue;
    if (m[2] === 'text' && m[3]!.endsWith('.txt')) {
      texts.set(`${m[1]}/${m[3]!.slice(0, -4)}`, entry.data.toString('utf8'));
    } else if (m[2] === 'attributions' && m[3]!.endsWith('.ann')) {
      const a = /^(.*)_([^_]+)\.ann$/.exec(m[3]!);
      if (!a) continue;
      const key = `${m[1]}/${a[1]}`;
      const seen = annotations.get(key);
      if (!seen || m[3]! < seen.file) annotations.set(key, { file: m[3]!, annotator: a[2]!, data: entry.data });
    }
  }
  const result = new Map<Compartment, PolnearText[]>(compartments.map((c) => [c, []]));
  for (const key of [...texts.keys()].sort()) {
    const ann = annotations.get(key);
    if (!ann) continue;
    const slash = key.indexOf('/');
    const text = texts.get(key)!;
    result.get(key.slice(0, slash) as Compartment)!.push({
      name: key.slice(slash + 1),
      annotator: ann.annotator,
      text,
      attributions: parseBrat(ann.data.toString('utf8'), text),
    });
  }
  return result;
}

// ---------------------------------------------------------------------------
// scoring

/** What the scorer needs of a predicted quote (a subset of `Quote`). */
export interface PredictedAttribution {
  readonly start: number;
  readonly end: number;
  readonly speakerMention: { readonly start: number; readonly end: number } | null;
  readonly cueSpan: { readonly start: number; readonly end: number } | null;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

/** Characters trimmed from both ends before exact comparison: whitespace, punctuation (quote marks, dashes, brackets included). */
const TRIM = /[\s\p{P}]/u;

/** The extent of `ranges` (first start to last end) without surrounding whitespace, punctuation and quote marks. */
export function trimmedExtent(text: string, ranges: readonly Range[]): Range | null {
  if (ranges.length === 0) return null;
  let start = Math.min(...ranges.map((r) => r.start));
  let end = Math.max(...ranges.map((r) => r.end));
  while (start < end && TRIM.test(text[start]!)) start++;
  while (end > start && TRIM.test(text[end - 1]!)) end--;
  return { start, end };
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Word tokens of a text (letters and digits), as [start, end) pairs in text order. */
export function wordTokens(text: string): Range[] {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Indices of the tokens that overlap any of `ranges`. */
function tokensIn(tokens: readonly Range[], ranges: readonly Range[]): Set<number> {
  const found = new Set<number>();
  for (const r of ranges) {
    // First token ending after r.start (binary search), then forward while tokens start before r.end.
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end <= r.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < tokens.length && tokens[i]!.start < r.end; i++) found.add(i);
  }
  return found;
}

/** Whether two sets of ranges share at least one character. */
export function overlaps(a: readonly Range[], b: readonly Range[]): boolean {
  return a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));
}

export interface Counts {
  gold: number;
  predicted: number;
  /** One-to-one content matches with the same trimmed extent. */
  exact: number;
  /** One-to-one content matches sharing at least half the tokens of the shorter span. */
  matched: number;
  /** Source spans over the matched pairs: both present and overlapping, predicted only (or not overlapping), gold only (or not overlapping). */
  sourceTp: number;
  sourceFp: number;
  sourceFn: number;
  /** Matched pairs whose gold has a source, and those among them whose predicted speaker mention overlaps it. */
  speakerGold: number;
  speakerRight: number;
  cueTp: number;
  cueFp: number;
  cueFn: number;
}

export const emptyCounts = (): Counts => ({
  gold: 0,
  predicted: 0,
  exact: 0,
  matched: 0,
  sourceTp: 0,
  sourceFp: 0,
  sourceFn: 0,
  speakerGold: 0,
  speakerRight: 0,
  cueTp: 0,
  cueFp: 0,
  cueFn: 0,
});

/** Minimum share of the shorter content's tokens that both contents must share for a partial match. */
export const PARTIAL_OVERLAP = 0.5;

/**
 * One-to-one assignment from candidate pairs [gold, predicted, score,
 * tie-break score], best first, remaining ties to the earlier gold then the
 * earlier prediction, so the result does not depend on the order the system
 * lists its quotes in.
 */
function assign(candidates: [number, number, number, number][]): [number, number][] {
  candidates.sort((a, b) => b[2] - a[2] || b[3] - a[3] || a[0] - b[0] || a[1] - b[1]);
  const usedGold = new Set<number>();
  const usedPredicted = new Set<number>();
  const pairs: [number, number][] = [];
  for (const [g, p] of candidates) {
    if (usedGold.has(g) || usedPredicted.has(p)) continue;
    usedGold.add(g);
    usedPredicted.add(p);
    pairs.push([g, p]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/** How a predicted source or cue span compares with the gold one over a matched pair. */
function spanOutcome(gold: readonly Range[], predicted: Range | null): 'tp' | 'fp' | 'fn' | 'fp+fn' | 'none' {
  if (gold.length === 0) return predicted ? 'fp' : 'none';
  if (!predicted) return 'fn';
  return overlaps(gold, [predicted]) ? 'tp' : 'fp+fn';
}

/**
 * Scores the predicted quotes of one text against its gold attributions and
 * adds the result to `counts` (see the script for the rules in words).
 */
export function scoreText(text: string, gold: readonly GoldAttribution[], predicted: readonly PredictedAttribution[], counts: Counts = emptyCounts()): Counts {
  counts.gold += gold.length;
  counts.predicted += predicted.length;
  const goldExtent = gold.map((g) => trimmedExtent(text, g.content)!);
  const predictedExtent = predicted.map((p) => trimmedExtent(text, [p])!);
  const exact: [number, number, number, number][] = [];
  goldExtent.forEach((g, i) =>
    predictedExtent.forEach((p, j) => {
      if (g.start === p.start && g.end === p.end) exact.push([i, j, 1, 1]);
    }),
  );
  counts.exact += assign(exact).length;

  const tokens = wordTokens(text);
  const goldTokens = gold.map((g) => tokensIn(tokens, g.content));
  const predictedTokens = predicted.map((p) => tokensIn(tokens, [p]));
  const partial: [number, number, number, number][] = [];
  goldTokens.forEach((g, i) =>
    predictedTokens.forEach((p, j) => {
      const shorter = Math.min(g.size, p.size);
      if (shorter === 0) return;
      let shared = 0;
      for (const t of p) if (g.has(t)) shared++;
      const ratio = shared / shorter;
      // Ties on the ratio (a span inside another scores 1 against it) go to the closer pair: shared tokens over all tokens of both.
      if (ratio >= PARTIAL_OVERLAP) partial.push([i, j, ratio, shared / (g.size + p.size - shared)]);
    }),
  );
  for (const [i, j] of assign(partial)) {
    const g = gold[i]!;
    const p = predicted[j]!;
    counts.matched++;
    const source = spanOutcome(g.source, p.speakerMention);
    if (source === 'tp') counts.sourceTp++;
    if (source === 'fp' || source === 'fp+fn') counts.sourceFp++;
    if (source === 'fn' || source === 'fp+fn') counts.sourceFn++;
    if (g.source.length > 0) {
      counts.speakerGold++;
      if (source === 'tp') counts.speakerRight++;
    }
    const cue = spanOutcome(g.cue, p.cueSpan);
    if (cue === 'tp') counts.cueTp++;
    if (cue === 'fp' || cue === 'fp+fn') counts.cueFp++;
    if (cue === 'fn' || cue === 'fp+fn') counts.cueFn++;
  }
  return counts;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function prf(tp: number, predicted: number, gold: number): Prf {
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = gold === 0 ? 0 : tp / gold;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

export interface Scores {
  readonly contentExact: Prf;
  readonly contentPartial: Prf;
  readonly source: Prf;
  readonly speakerAccuracy: number;
  readonly cue: Prf;
}

export function scores(c: Counts): Scores {
  return {
    contentExact: prf(c.exact, c.predicted, c.gold),
    contentPartial: prf(c.matched, c.predicted, c.gold),
    source: prf(c.sourceTp, c.sourceTp + c.sourceFp, c.sourceTp + c.sourceFn),
    speakerAccuracy: c.speakerGold === 0 ? 0 : c.speakerRight / c.speakerGold,
    cue: prf(c.cueTp, c.cueTp + c.cueFp, c.cueTp + c.cueFn),
  };
}
