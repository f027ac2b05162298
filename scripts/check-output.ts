/**
 * `npm run check:output [-- --write] [-- --seeds]`: proves that a change left
 * `analyze --json` byte-identical, or names what changed. Runs the whole
 * pipeline, as `analyze` does, over the seed articles (../shared/seeds) and
 * FA-KES + BBC News, and compares every record's JSON with the digests in
 * eval/output-digests.json: per record one digest (the first 12 hex of the
 * SHA-1 of its JSON line), and per top-level field one digest over the whole
 * run, so a difference is named by record and by field.
 *
 * A change that means to alter the output rewrites the digests (`--write`) in
 * the same commit, and its message names the fix. `--seeds` checks only the
 * seeds (a few seconds; the unit suite does this).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readInputs } from '../src/ingest/index.js';
import { loadPipeline } from '../src/pipeline/index.js';
import { toRecord } from '../src/core/record.js';

export const DIGESTS_FILE = fileURLToPath(new URL('../eval/output-digests.json', import.meta.url));
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
export const SEED_INPUTS = [`${shared}seeds`];
export const CORPUS_INPUTS = [`${shared}data/fakes-syria-news/FA-KES-Dataset.csv`, `${shared}data/bbc-news-2225/bbc_news.jsonl.gz`];

export interface OutputDigests {
  /** Input set name -> record key ("input" of the record + its index) -> digest. */
  readonly records: Record<string, Record<string, string>>;
  /** Input set name -> top-level field -> digest over every record of the set, in order. */
  readonly fields: Record<string, Record<string, string>>;
}

const sha = (s: string) => createHash('sha1').update(s).digest('hex');
/** A dataset row by its row number, a file by its name: enough to find the record again. */
const shortName = (input: string) => input.slice(input.lastIndexOf('/') + 1).replace(/^.*#/, '');

const relativeInput = (input: string) => (input.startsWith(shared) ? input.slice(shared.length) : input);

/** Digests of every record the pipeline writes for `inputs`, and of each field across them. */
export async function digestOutputs(inputs: readonly string[]): Promise<{ records: Record<string, string>; fields: Record<string, string> }> {
  const pipeline = loadPipeline();
  const records: Record<string, string> = {};
  const fieldHashes = new Map<string, ReturnType<typeof createHash>>();
  let n = 0;
  for await (const item of readInputs([...inputs])) {
    if (!item.ok) continue;
    let line: string;
    try {
      // The input is a path: digested relative to ../shared, so a clone elsewhere gives the same digests.
      const record = { ...toRecord(pipeline.analyze(item.raw)), input: relativeInput(item.raw.input) };
      line = JSON.stringify(record);
      for (const [field, value] of Object.entries(record)) {
        let h = fieldHashes.get(field);
        if (!h) fieldHashes.set(field, (h = createHash('sha1')));
        h.update(JSON.stringify(value) + '\n');
      }
    } catch (e) {
      line = `error: ${(e as Error).message}`;
    }
    records[`${n++} ${shortName(item.raw.input)}`] = sha(line).slice(0, 12);
  }
  return { records, fields: Object.fromEntries([...fieldHashes].map(([f, h]) => [f, h.digest('hex').slice(0, 12)])) };
}

/** What differs between two digest sets: changed, missing and new records, and the fields that changed. */
export function compareDigests(want: { records: Record<string, string>; fields: Record<string, string> }, got: { records: Record<string, string>; fields: Record<string, string> }): string[] {
  const out: string[] = [];
  const fields = [...new Set([...Object.keys(want.fields), ...Object.keys(got.fields)])].filter((f) => want.fields[f] !== got.fields[f]);
  if (fields.length) out.push(`fields that changed: ${fields.join(', ')}`);
  for (const key of new Set([...Object.keys(want.records), ...Object.keys(got.records)])) {
    if (!(key in got.records)) out.push(`record ${key}: gone`);
    else if (!(key in want.records)) out.push(`record ${key}: new`);
    else if (want.records[key] !== got.records[key]) out.push(`record ${key}: changed`);
  }
  return out;
}

export function readDigests(): OutputDigests {
  return JSON.parse(readFileSync(DIGESTS_FILE, 'utf8')) as OutputDigests;
}

async function main(argv: string[]): Promise<number> {
  const sets: [string, string[]][] = [['seeds', SEED_INPUTS]];
  if (!argv.includes('--seeds')) sets.push(['fakes+bbc', CORPUS_INPUTS]);
  const write = argv.includes('--write');
  const have: OutputDigests = existsSync(DIGESTS_FILE) ? readDigests() : { records: {}, fields: {} };
  const next: OutputDigests = { records: { ...have.records }, fields: { ...have.fields } };
  let differences = 0;
  for (const [name, inputs] of sets) {
    const t0 = performance.now();
    const got = await digestOutputs(inputs);
    next.records[name] = got.records;
    next.fields[name] = got.fields;
    const diff = compareDigests({ records: have.records[name] ?? {}, fields: have.fields[name] ?? {} }, got);
    console.log(`${name}: ${Object.keys(got.records).length} records in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${diff.length === 0 ? 'identical' : `${diff.length} differences`}`);
    for (const line of diff.slice(0, 40)) console.log(`  ${line}`);
    if (diff.length > 40) console.log(`  … ${diff.length - 40} more`);
    differences += diff.length;
  }
  if (write) {
    writeFileSync(DIGESTS_FILE, JSON.stringify(next, null, 1) + '\n');
    console.log(`wrote ${DIGESTS_FILE}`);
    return 0;
  }
  return differences === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
