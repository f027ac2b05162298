/**
 * Event clustering sets and their B-cubed scores. Every article goes through
 * the product path (every stage of `analyze`, as a dataset record with its
 * title, or as a text file for the seeds) and the clusterer reads the stored
 * record of the result, as the store's clustering job does.
 *
 *   dev:   WikiRef220 topic clusters and the GiveMe5W1H gold standard's story
 *          groups (`category`): the data the clustering options were set on;
 *   test:  GiveMe5W1H news_cluster (383 articles, 69 events, `newsCluster.EventId`),
 *          measured only;
 *   seeds: the five seed articles, against the expected events {000, 002},
 *          {001}, {003, 004} and one storyline; once as the files are (only
 *          003 states its date) and once with publication dates given, as a
 *          feed or dataset would give them.
 *
 * Articles arrive in publication order (undated last, then by id), as a store
 * would receive them. Data: ../shared (NEWSGRAPH_DATA_DIR, NEWSGRAPH_SEEDS_DIR).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import type { Doc } from '../../src/core/doc.js';
import { toRecord } from '../../src/core/record.js';
import { clusterArticle } from '../../src/stories/article.js';
import { DEFAULT_CLUSTER_OPTIONS, StoryClusterer, TwoLevelClusterer, bCubed } from '../../src/stories/cluster.js';
import type { ClusterArticle, ClusterOptions } from '../../src/stories/cluster.js';
import { defaultProductPath, type ProductPath } from './product.js';

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const STORIES_DATA_DIR = process.env.NEWSGRAPH_DATA_DIR ?? `${shared}data`;
const seedsDir = process.env.NEWSGRAPH_SEEDS_DIR ?? `${shared}seeds`;

export const STORY_SETS = ['dev', 'test', 'seeds'] as const;
export type StorySetName = (typeof STORY_SETS)[number];

export interface Labelled {
  readonly article: ClusterArticle;
  readonly label: string;
}

export interface LabelledSet {
  readonly name: string;
  readonly items: readonly Labelled[];
  /** Articles the pipeline refused (left out of the set, as a store would never hold them). */
  readonly failed: number;
}

export function clusterArticleOf(id: string, doc: Doc): ClusterArticle {
  return clusterArticle({ ...toRecord(doc), id });
}

const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

export const WIKIREF_FILE = `${STORIES_DATA_DIR}/wikiref220-topic-clusters/wikiref220.jsonl`;
export const GIVEME_GOLD_FILE = `${STORIES_DATA_DIR}/giveme5w1h-newscluster-5w1h/gold_standard_5w1h.jsonl`;

/** The labelled sets of `name`, every article through the product path. */
export function readStorySets(name: StorySetName, path: ProductPath = defaultProductPath()): LabelledSet[] {
  const out: { name: string; items: Labelled[]; failed: number }[] = [];
  const setNamed = (set: string) => out.find((s) => s.name === set) ?? out[out.push({ name: set, items: [], failed: 0 }) - 1]!;
  const push = (set: string, id: string, title: string, text: string, date: string | null, label: string) => {
    const result = path.analyze(id, text, { title, ...(date ? { date } : {}), container: 'jsonl' }, 'record');
    const target = setNamed(set);
    if (result instanceof Error) target.failed++;
    else target.items.push({ article: clusterArticleOf(id, result.doc), label });
  };
  if (name === 'dev') {
    for (const r of jsonl(WIKIREF_FILE)) push('WikiRef220 (dev)', String(r.file), '', String(r.text ?? ''), null, String(r.topic_label));
    // Only the articles of the dataset's own training split: its test split stays out of development.
    const sampling = JSON.parse(readFileSync(`${dirname(GIVEME_GOLD_FILE)}/gold_standard_sampling.json`, 'utf8')) as { training: string[] };
    const training = new Set(sampling.training);
    for (const r of jsonl(GIVEME_GOLD_FILE)) {
      if (!training.has(String(r._file))) continue;
      push('GiveMe5W1H gold categories, training split (dev)', String(r.dId), String(r.title ?? ''), String(r.text ?? ''), String(r.date_publish ?? '') || null, String(r.category));
    }
  } else if (name === 'test') {
    for (const r of jsonl(`${STORIES_DATA_DIR}/giveme5w1h-newscluster-5w1h/news_cluster.jsonl`)) {
      const cluster = r.newsCluster as { EventId?: number } | undefined;
      push('GiveMe5W1H news_cluster events (test)', String(r.dId ?? r._file), String(r.title ?? ''), String(r.text ?? ''), String(r.date_publish ?? '') || null, String(cluster?.EventId));
    }
  } else {
    const expected: Record<string, string> = { '000': 'a', '002': 'a', '001': 'b', '003': 'c', '004': 'c' };
    // The seed files carry only 003's publication date; a feed or dataset would carry them all.
    const dates: Record<string, string> = { '000': '2016-10-25', '002': '2016-10-27', '001': '2017-06-06', '004': '2017-10-14' };
    for (const withDates of [false, true]) {
      const set = setNamed(withDates ? 'seeds, publication dates given' : 'seeds');
      for (const f of readdirSync(seedsDir).sort()) {
        const date = withDates ? dates[f.slice(0, 3)] : undefined;
        const result = path.analyze(f, readFileSync(`${seedsDir}/${f}`, 'utf8'), date ? { container: 'file', date } : { container: 'file' });
        if (result instanceof Error) set.failed++;
        else set.items.push({ article: clusterArticleOf(f.slice(0, 3), result.doc), label: expected[f.slice(0, 3)] ?? f });
      }
    }
  }
  return out;
}

export const byArrival = (a: Labelled, b: Labelled) => (a.article.publishedAt ?? '9999').localeCompare(b.article.publishedAt ?? '9999') || a.article.id.localeCompare(b.article.id);

export interface ClusterRun {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly storyline: { readonly precision: number; readonly recall: number; readonly f1: number };
  readonly stories: number;
  readonly storylines: number;
  readonly meanCandidates: number;
  readonly assignments: ReadonlyMap<string, number>;
  readonly storylineAssignments: ReadonlyMap<string, number>;
}

/** The items clustered in the order given, scored against their labels. */
export function clusterAndScore(items: readonly Labelled[], options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): ClusterRun {
  const clusterer = new TwoLevelClusterer(new StoryClusterer(options));
  let candidates = 0;
  for (const it of items) {
    clusterer.add(it.article);
    candidates += clusterer.events.lastCandidates;
  }
  const gold = new Map(items.map((it) => [it.article.id, it.label]));
  const assignments = clusterer.events.assignments();
  return {
    ...bCubed(assignments, gold),
    storyline: bCubed(clusterer.storylines.assignments(), gold),
    stories: clusterer.events.storyCount,
    storylines: clusterer.storylines.storyCount,
    meanCandidates: candidates / (items.length || 1),
    assignments,
    storylineAssignments: clusterer.storylines.assignments(),
  };
}
