import { readInputs } from '../ingest/index.js';
import { loadPipeline, PIPELINE_VERSION, type Pipeline } from '../pipeline/index.js';
import { toRecord } from '../core/record.js';
import type { Doc } from '../core/doc.js';
import { placeQuietly } from './stories.js';
import type { Store } from '../store/store.js';
import { diagnose, errorMessage, openStoreOrReport, writeLine } from './io.js';

function humanLine(doc: Doc): string {
  const m = doc.meta;
  const parts = [
    doc.id,
    m.publishedAt ?? 'undated',
    m.outlet ?? m.domain ?? 'unknown outlet',
    JSON.stringify(m.title ?? ''),
    `${doc.text.split(/\s+/).filter(Boolean).length} words`,
    `${doc.entities.length} entities`,
    `${doc.dates.length} dates`,
  ];
  return parts.join('  ');
}

/** `newsgraph analyze`: one record per article on stdout, in input order; diagnostics on stderr. */
export async function analyzeCommand(inputs: string[], opts: { json?: boolean; db?: string }): Promise<number> {
  let store: Store | null = null;
  if (opts.db) {
    store = await openStoreOrReport(opts.db, { pipelineVersion: PIPELINE_VERSION });
    if (store === null) return 2;
  }
  let analysed = 0;
  let pipeline: Pipeline | null = null;
  try {
    for await (const item of readInputs(inputs)) {
      if (!item.ok) {
        diagnose(item.input, item.reason);
        continue;
      }
      let doc: Doc;
      try {
        doc = (pipeline ??= loadPipeline()).analyze(item.raw);
      } catch (err) {
        diagnose(item.raw.input, errorMessage(err));
        continue;
      }
      analysed++;
      if (store) await store.put(doc);
      await writeLine(process.stdout, opts.json ? JSON.stringify(toRecord(doc)) : humanLine(doc));
    }
    if (store) await placeQuietly(store);
  } finally {
    await store?.close();
  }
  if (analysed === 0) {
    process.stderr.write('newsgraph: no article could be analysed\n');
    return 2;
  }
  return 0;
}
