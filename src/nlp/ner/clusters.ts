/**
 * Word classes learned from unlabelled news (scripts/build-clusters.ts): each
 * known word has one class id at each granularity in CLUSTER_LEVELS. The
 * recognizer uses them as features, so a name missing from the labelled
 * training data still looks like the names it resembles in use.
 *
 * File: gzipped text. A first line `#` + JSON facts (levels, how it was
 * built), then `word<TAB>class<TAB>class...` per word, most frequent first.
 * A model records the digest of the classes it was trained with; loading a
 * model against other classes fails (see model-file.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Number of classes at each granularity, coarse to fine. */
export const CLUSTER_LEVELS = [64, 256, 1024] as const;

/** Where the build script writes the classes, relative to the repository root. */
export const CLUSTERS_PATH = 'src/nlp/ner/model/word-clusters.tsv.gz';

export interface WordClusters {
  /** sha256 (16 hex) of the uncompressed file: what a model was trained with. */
  readonly digest: string;
  readonly levels: readonly number[];
  /** A word's classes, one per level, by its exact form. */
  readonly classes: ReadonlyMap<string, readonly number[]>;
}

export interface ClusterEntry {
  readonly word: string;
  readonly classes: readonly number[];
}

export function formatClusters(entries: readonly ClusterEntry[], facts: Readonly<Record<string, unknown>>): string {
  const lines = [`#${JSON.stringify({ format: 'newsgraph-word-clusters', version: 1, levels: CLUSTER_LEVELS, ...facts })}`];
  for (const e of entries) {
    if (/[\t\n]/.test(e.word)) continue;
    lines.push([e.word, ...e.classes].join('\t'));
  }
  return lines.join('\n') + '\n';
}

/** Parse the uncompressed text; `name` only labels errors. */
export function parseClusters(text: string, name: string): WordClusters {
  const newline = text.indexOf('\n');
  const first = text.slice(0, newline < 0 ? text.length : newline);
  if (!first.startsWith('#')) throw new Error(`word clusters ${name}: missing the header line`);
  let header: { format?: string; levels?: number[] };
  try {
    header = JSON.parse(first.slice(1)) as typeof header;
  } catch (e) {
    throw new Error(`word clusters ${name}: unreadable header (${(e as Error).message})`, { cause: e });
  }
  if (header.format !== 'newsgraph-word-clusters' || !Array.isArray(header.levels)) throw new Error(`word clusters ${name}: not a word-cluster file`);
  const levels = header.levels;
  const classes = new Map<string, readonly number[]>();
  let lineNo = 1;
  for (const line of text.slice(newline + 1).split('\n')) {
    lineNo++;
    if (!line) continue;
    const parts = line.split('\t');
    if (parts.length !== levels.length + 1) throw new Error(`word clusters ${name}: line ${lineNo} has ${parts.length - 1} classes, expected ${levels.length}`);
    classes.set(parts[0]!, parts.slice(1).map(Number));
  }
  return { digest: createHash('sha256').update(text).digest('hex').slice(0, 16), levels, classes };
}

export function loadClusters(path: string | URL): WordClusters {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`word clusters ${String(path)}: cannot read (${(e as Error).message}); run \`npm run build:clusters\``, { cause: e });
  }
  return parseClusters(gunzipSync(bytes).toString('utf8'), String(path));
}

/**
 * The classes of a word as the text writes it, else of its lower-case or
 * capitalised form: headlines shout ("MOSUL"), sentences start with capitals.
 */
export function classesOf(clusters: WordClusters, word: string): readonly number[] | undefined {
  const exact = clusters.classes.get(word);
  if (exact) return exact;
  const lower = word.toLowerCase();
  return clusters.classes.get(lower) ?? clusters.classes.get(lower.charAt(0).toUpperCase() + lower.slice(1));
}
