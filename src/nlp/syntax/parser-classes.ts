/**
 * The parser's copy of the word classes (ner/clusters.ts): an open-addressing
 * table from the hash of a word form to its classes at 256 and 1024 classes,
 * saved inside the parser model. Loading is then three typed-array views,
 * instead of parsing the 48k-line cluster file into a Map (slow to load and
 * tens of MB resident); a 32-bit hash collision between a known and an
 * unknown word is rare enough not to matter to a feature.
 */
import { hash32 } from '../../core/hash.js';
import type { WordClusters } from '../ner/clusters.js';

export interface WordClassTable {
  /** Word-form hashes (0 = empty slot); the length is a power of two. */
  readonly keys: Uint32Array;
  /** Class + 1 at 256 and at 1024 classes. */
  readonly medium: Uint16Array;
  readonly fine: Uint16Array;
  /** Digest of the cluster file the table was built from. */
  readonly digest: string;
}

const keyOf = (word: string) => hash32(word) || 1;

export function buildWordClassTable(clusters: WordClusters): WordClassTable {
  let size = 1024;
  while (size < clusters.classes.size * 2) size *= 2;
  const keys = new Uint32Array(size);
  const medium = new Uint16Array(size);
  const fine = new Uint16Array(size);
  // Insert in file order (most frequent first), so a probe sequence never depends on Map internals.
  for (const [word, classes] of clusters.classes) {
    const key = keyOf(word);
    let i = key & (size - 1);
    while (keys[i] !== 0 && keys[i] !== key) i = (i + 1) & (size - 1);
    if (keys[i] === key) continue;
    keys[i] = key;
    medium[i] = classes[1]! + 1;
    fine[i] = classes[2]! + 1;
  }
  return { keys, medium, fine, digest: clusters.digest };
}

function slot(table: WordClassTable, key: number): number {
  const mask = table.keys.length - 1;
  let i = key & mask;
  for (;;) {
    const k = table.keys[i]!;
    if (k === key) return i;
    if (k === 0) return -1;
    i = (i + 1) & mask;
  }
}

/** The table slot of a word as written, else lower-cased, else capitalised (as ner/clusters.ts classesOf); -1 when unknown. */
export function wordClassSlot(table: WordClassTable, word: string): number {
  const exact = slot(table, keyOf(word));
  if (exact >= 0) return exact;
  const lower = word.toLowerCase();
  if (lower !== word) {
    const i = slot(table, keyOf(lower));
    if (i >= 0) return i;
  }
  const capitalised = lower.charAt(0).toUpperCase() + lower.slice(1);
  return capitalised === word ? -1 : slot(table, keyOf(capitalised));
}
