/**
 * The rows the news development set is drawn from, read from ../shared/data
 * (never copied into the repository): FA-KES (Syrian war, 15 outlets), BBC
 * News (politics and business) and the training split of the Giveme5W1H
 * gold standard (UK/US outlets, Nov 2016). The Giveme5W1H news_cluster set is
 * a test set and is not drawn from.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const SHARED_DATA = process.env.NEWSGRAPH_SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export interface DevRow {
  /** Dataset file, relative to ../shared/data. */
  readonly source: string;
  readonly row: string;
  readonly outlet: string;
  readonly title: string;
  readonly body: string;
  /** The dataset's own date column (YYYY-MM-DD), when it has one. */
  readonly date: string | null;
  readonly url: string | null;
}

export const FAKES = 'fakes-syria-news/FA-KES-Dataset.csv';
export const BBC = 'bbc-news-2225/bbc_news.jsonl.gz';
export const GIVEME = 'giveme5w1h-newscluster-5w1h/gold_standard_5w1h.jsonl';

export const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

const isoOfUsDate = (mdy: string): string | null => {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(mdy.trim());
  return m ? `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}` : null;
};

export function readFakes(): DevRow[] {
  const rows = parse(readFileSync(SHARED_DATA + FAKES), { columns: true, relax_quotes: true }) as Record<string, string>[];
  return rows.map((r) => ({ source: FAKES, row: r.unit_id!, outlet: r.source!, title: r.article_title ?? '', body: r.article_content ?? '', date: isoOfUsDate(r.date ?? ''), url: null }));
}

export function readBbc(): DevRow[] {
  return gunzipSync(readFileSync(SHARED_DATA + BBC))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; category: string; title: string; text: string })
    .map((r) => ({ source: BBC, row: r.id, outlet: 'bbc', title: r.title, body: r.text, date: null, url: null }));
}

export function readGiveme(): DevRow[] {
  const split = JSON.parse(readFileSync(SHARED_DATA + 'giveme5w1h-newscluster-5w1h/gold_standard_sampling.json', 'utf8')) as { training: string[] };
  const training = new Set(split.training.map((f) => f.replace(/\.json$/, '')));
  return readFileSync(SHARED_DATA + GIVEME, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { dId: string; publisher: string; title: string; text: string; date_publish: string | null; url: string | null })
    .filter((r) => training.has(r.dId))
    .map((r) => ({ source: GIVEME, row: r.dId, outlet: r.publisher, title: r.title, body: r.text, date: r.date_publish ? r.date_publish.slice(0, 10) : null, url: r.url }));
}

/** Every row of the three datasets, keyed `source#row`. */
export function readAllRows(): Map<string, DevRow> {
  const all = new Map<string, DevRow>();
  for (const r of [...readFakes(), ...readBbc(), ...readGiveme()]) all.set(`${r.source}#${r.row}`, r);
  return all;
}
