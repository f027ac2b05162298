/**
 * The main event of each article against the hand-annotated 5W1H of the
 * GiveMe5W1H gold standard (96 English news articles, Nov 2016;
 * ../shared/data/giveme5w1h-newscluster-5w1h/gold_standard_5w1h.jsonl, or
 * NEWSGRAPH_5W1H_FILE). The repository's own split
 * (gold_standard_sampling.json) has 76 training and 20 test articles: the
 * training split is the development set (the quality gate uses it), the test
 * split and the whole set are measured only.
 *
 * Rules:
 * - Input (the product path): each article runs through every stage of
 *   `analyze` as {kind: 'text', content: title + "\n\n" + text, meta: {date:
 *   date_publish, container: 'jsonl'}}; its events are `doc.events`.
 * - Our main event: the most confident event whose sentence is one of the
 *   first three sentences of the cleaned text (the title counts as one),
 *   ties to the earlier; else the first event of the article.
 * - When: the event date against every gold `when` annotation's `parsed`
 *   date. Exact: the same day (a month or year date never matches). ±1 day:
 *   the days differ by at most one.
 * - Where: a hit when a word of the event place (the entity's name and
 *   aliases, the gazetteer's name of the record) is a word of a gold `where`
 *   text; words are lower-cased runs of letters and digits, function words
 *   dropped.
 * - Who: a hit when a word of an actor's name or aliases is a word of a
 *   gold `who` text, same words.
 * - Accuracy is over the articles that have a gold annotation of that kind;
 *   an article without a main event, or whose event lacks the field, is a
 *   miss. The same figures over the articles with an event are kept too.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc, NewsEvent } from '../../src/core/doc.js';
import { defaultProductPath, type ProductPath } from './product.js';

export const GOLD_5W1H_FILE = process.env.NEWSGRAPH_5W1H_FILE ?? fileURLToPath(new URL('../../../shared/data/giveme5w1h-newscluster-5w1h/gold_standard_5w1h.jsonl', import.meta.url));

interface Annotation {
  readonly text: string;
  readonly parsed?: string;
}

export interface GoldArticle {
  readonly _file: string;
  readonly title: string;
  readonly text: string;
  readonly date_publish: string;
  readonly fiveWoneH: Record<string, { annotated?: Annotation[] }>;
}

export type Split = 'training' | 'test';

/** The gold articles, all of them or one split of the repository's sampling file (which sits beside the data file). */
export function readGoldStandard(split?: Split, file: string = GOLD_5W1H_FILE): GoldArticle[] {
  const articles = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as GoldArticle);
  if (!split) return articles;
  const sampling = JSON.parse(readFileSync(join(dirname(file), 'gold_standard_sampling.json'), 'utf8')) as Record<Split, string[]>;
  const names = new Set(sampling[split]);
  return articles.filter((a) => names.has(a._file));
}

const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'by', 'from', 'with', 'near', 'its', 'his', 'her', 'their', 'mr', 'mrs', 'ms']);

/** Content words of a text, lower-cased. */
export function wordsOf(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !FUNCTION_WORDS.has(w)));
}

export const overlaps = (names: readonly string[], gold: readonly string[]): boolean => {
  const goldWords = new Set(gold.flatMap((g) => [...wordsOf(g ?? '')]));
  return names.some((n) => [...wordsOf(n)].some((w) => goldWords.has(w)));
};

/** The main event: the most confident in the first three sentences, else the first. */
export function mainEvent(doc: Pick<Doc, 'sentences'>, events: readonly NewsEvent[]): NewsEvent | null {
  const lead = doc.sentences.slice(0, 3);
  const inLead = events.filter((e) => lead.some((s) => s.start === e.sentence.start));
  const best = inLead.reduce<NewsEvent | null>((b, e) => (!b || e.confidence > b.confidence ? e : b), null);
  return best ?? events[0] ?? null;
}

const dayNumber = (iso: string): number | null => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) / 86_400_000 : null);

export function whenScore(date: string | null, gold: readonly string[]): { exact: boolean; near: boolean } {
  const ours = date ? dayNumber(date.slice(0, 10)) : null;
  if (ours === null || date!.length < 10) return { exact: false, near: false };
  const days = gold.map(dayNumber).filter((d): d is number => d !== null);
  return { exact: days.includes(ours), near: days.some((d) => Math.abs(d - ours) <= 1) };
}

function namesOf(doc: Doc, id: string): string[] {
  const e = doc.entities.find((x) => x.id === id);
  const place = doc.places.find((p) => p.entity === id);
  return [...(e ? [e.name, ...e.aliases] : [id.replace(/-/g, ' ')]), ...(place ? [place.gazetteerName] : [])];
}

export interface Tally {
  n: number;
  hit: number;
  nWithEvent: number;
  hitWithEvent: number;
}

const tally = (): Tally => ({ n: 0, hit: 0, nWithEvent: 0, hitWithEvent: 0 });
function count(t: Tally, hasEvent: boolean, hit: boolean): void {
  t.n++;
  if (hit) t.hit++;
  if (hasEvent) {
    t.nWithEvent++;
    if (hit) t.hitWithEvent++;
  }
}

export interface EventsResult {
  readonly articles: number;
  readonly failed: number;
  readonly withEvent: number;
  readonly when: Tally;
  readonly whenNear: Tally;
  readonly where: Tally;
  readonly who: Tally;
  /** Main event types and how often each was chosen. */
  readonly types: ReadonlyMap<string, number>;
}

export function evaluateEvents(articles: readonly GoldArticle[], path: ProductPath = defaultProductPath()): EventsResult {
  const when = tally();
  const whenNear = tally();
  const where = tally();
  const who = tally();
  let withEvent = 0;
  let failed = 0;
  const types = new Map<string, number>();
  for (const a of articles) {
    const result = path.analyze('gold', `${a.title}\n\n${a.text}`, { date: a.date_publish, container: 'jsonl' });
    if (result instanceof Error) {
      failed++;
      continue;
    }
    const { doc } = result;
    const event = mainEvent(doc, doc.events);
    const has = event !== null;
    if (has) {
      withEvent++;
      types.set(event.type, (types.get(event.type) ?? 0) + 1);
    }
    const gold = (k: string) => a.fiveWoneH[k]?.annotated ?? [];
    const goldWhen = gold('when').map((x) => x.parsed).filter((p): p is string => typeof p === 'string');
    if (goldWhen.length > 0) {
      const s = whenScore(event?.date ?? null, goldWhen);
      count(when, has, s.exact);
      count(whenNear, has, s.near);
    }
    if (gold('where').length > 0) count(where, has, event?.place ? overlaps(namesOf(doc, event.place), gold('where').map((x) => x.text)) : false);
    if (gold('who').length > 0) count(who, has, event ? overlaps(event.actors.flatMap((id) => namesOf(doc, id)), gold('who').map((x) => x.text)) : false);
  }
  return { articles: articles.length, failed, withEvent, when, whenNear, where, who, types };
}

/** Share of hits of a tally, 0..1 (0 when it counted nothing). */
export const accuracy = (t: Tally): number => (t.n === 0 ? 0 : t.hit / t.n);
