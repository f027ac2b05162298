/**
 * Places newly stored articles into events and storylines, continuing from
 * the clusterer state the store saved last time: the stories already there
 * are not re-clustered, and each new article scores only the stories that
 * share a term, an actor or a place with it.
 */
import type { ArticleRecord } from '../core/record.js';
import type { Store, StoryMember } from '../store/store.js';
import { clusterArticle } from './article.js';
import { contentWords, TwoLevelClusterer, type TwoLevelSnapshot } from './cluster.js';
import { buildStory, type StoryView } from './story.js';

interface SavedState {
  readonly version: 1;
  readonly clusters: TwoLevelSnapshot;
  /** Stable ids of the events and storylines, by clusterer index. */
  readonly eventIds: readonly string[];
  readonly storylineIds: readonly string[];
}

/** A readable, stable id: a few words of the first article's title or text and a piece of its id. */
export function storyId(prefix: string, first: Pick<ArticleRecord, 'id' | 'title' | 'text'>, taken: ReadonlySet<string>): string {
  const words = contentWords(first.title ?? first.text.slice(0, 200)).slice(0, 5);
  const base = `${prefix}${words.join('-') || 'story'}-${first.id.slice(0, 6)}`.replace(/[^a-z0-9-]/g, '');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Records are read in batches so a large backlog never sits in memory at once. */
const BATCH = 200;

/** Places every article the store has not placed yet; returns how many were placed. */
export async function placeArticles(store: Store): Promise<number> {
  const pending = await store.unplacedArticles();
  if (pending.length === 0) return 0;
  const saved = await store.storyState();
  const state = saved ? (JSON.parse(saved) as SavedState) : null;
  const clusterer = state ? TwoLevelClusterer.restore(state.clusters) : new TwoLevelClusterer();
  const eventIds = [...(state?.eventIds ?? [])];
  const storylineIds = [...(state?.storylineIds ?? [])];
  const taken = new Set([...eventIds, ...storylineIds]);
  const placed: StoryMember[] = [];
  for (let i = 0; i < pending.length; i += BATCH) {
    for (const record of await store.records(pending.slice(i, i + BATCH))) {
      const at = clusterer.add(clusterArticle(record));
      if (eventIds[at.event] === undefined) taken.add((eventIds[at.event] = storyId('', record, taken)));
      if (storylineIds[at.storyline] === undefined) taken.add((storylineIds[at.storyline] = storyId('line-', record, taken)));
      placed.push({ article: record.id, event: eventIds[at.event]!, storyline: storylineIds[at.storyline]! });
    }
  }
  const next: SavedState = { version: 1, clusters: clusterer.snapshot(), eventIds, storylineIds };
  await store.saveStories(JSON.stringify(next), placed);
  return placed.length;
}

/** Storyline id -> its events (id -> article ids), in stored order. */
export function groupMembers(members: readonly StoryMember[]): Map<string, Map<string, string[]>> {
  const lines = new Map<string, Map<string, string[]>>();
  for (const m of members) {
    const events = lines.get(m.storyline) ?? lines.set(m.storyline, new Map()).get(m.storyline)!;
    (events.get(m.event) ?? events.set(m.event, []).get(m.event)!).push(m.article);
  }
  return lines;
}

/** The view of one storyline from its events' members. */
async function viewOf(store: Store, id: string, events: ReadonlyMap<string, string[]>): Promise<StoryView> {
  const records = await store.records([...events.values()].flat());
  return buildStory(id, [...events].map(([eventId, articles]) => ({ id: eventId, articles })), records);
}

/** The articles of one storyline, in stored order (none when there is no such storyline). */
export async function storylineArticles(store: Store, id: string): Promise<string[]> {
  return (await store.storyMembers()).filter((m) => m.storyline === id).map((m) => m.article);
}

/** One storyline's view, or null when no such storyline exists. */
export async function loadStory(store: Store, id: string): Promise<StoryView | null> {
  const events = groupMembers(await store.storyMembers()).get(id);
  return events ? viewOf(store, id, events) : null;
}

/** Every storyline's view, newest activity first. */
export async function* loadStories(store: Store): AsyncIterable<StoryView> {
  const lines = groupMembers(await store.storyMembers());
  const views: StoryView[] = [];
  for (const [id, events] of lines) views.push(await viewOf(store, id, events));
  views.sort((a, b) => (b.end ?? '').localeCompare(a.end ?? '') || b.articles.length - a.articles.length || a.id.localeCompare(b.id));
  yield* views;
}
