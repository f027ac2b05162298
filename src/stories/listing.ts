/**
 * A storyline as one row of a list: title, size, date span, outlets, a
 * day-by-day activity count for a sparkline, its main actors and places.
 * Cheaper than the full view (no claim comparison, no timeline).
 */
import type { ArticleRecord } from '../core/record.js';
import { outletOf } from './compare.js';
import { storyTitle, summarize } from './summary.js';

export interface StoryListing {
  readonly id: string;
  readonly title: string;
  readonly articles: number;
  readonly start: string | null;
  readonly end: string | null;
  readonly outlets: readonly string[];
  readonly activity: readonly { readonly day: string; readonly count: number }[];
  readonly entities: readonly { readonly id: string; readonly name: string }[];
  readonly places: readonly string[];
}

const TOP = 5;

/** Ids ranked by the number of articles naming them, then by mentions. */
function ranked<T extends { id: string }>(items: Iterable<T & { articles: number; mentions: number }>): T[] {
  return [...items].sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.id.localeCompare(b.id));
}

export function storyListing(id: string, records: readonly ArticleRecord[]): StoryListing {
  const days = new Map<string, number>();
  for (const r of records) {
    const day = r.publishedAt?.slice(0, 10);
    if (day) days.set(day, (days.get(day) ?? 0) + 1);
  }
  const activity = [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count }));
  const placeIds = new Set(records.flatMap((r) => r.places.map((p) => p.entity)));
  const actors = new Map<string, { id: string; name: string; articles: number; mentions: number }>();
  const places = new Map<string, { id: string; name: string; articles: number; mentions: number }>();
  for (const r of records) {
    for (const e of r.entities) {
      const into = placeIds.has(e.id) ? places : actors;
      const a = into.get(e.id) ?? into.set(e.id, { id: e.id, name: e.name, articles: 0, mentions: 0 }).get(e.id)!;
      a.articles++;
      a.mentions += e.mentions.length;
      if (e.name.length > a.name.length) a.name = e.name;
    }
  }
  // Placed articles come in arrival order; the title reads best from the oldest.
  const ordered = [...records].sort((a, b) => (a.publishedAt ?? '9999').localeCompare(b.publishedAt ?? '9999'));
  return {
    id,
    title: storyTitle(ordered, summarize(ordered, { maxSentences: 1 })),
    articles: records.length,
    start: activity[0]?.day ?? null,
    end: activity[activity.length - 1]?.day ?? null,
    outlets: [...new Set(records.map(outletOf))].sort(),
    activity,
    entities: ranked(actors.values()).slice(0, TOP).map(({ id: entityId, name }) => ({ id: entityId, name })),
    places: ranked(places.values()).slice(0, TOP).map((p) => p.name),
  };
}

/** Whether every word of `q` occurs in the story's title, actors or places (case-insensitive). */
export function listingMatches(listing: StoryListing, q: string): boolean {
  const hay = [listing.title, ...listing.entities.map((e) => e.name), ...listing.places, ...listing.outlets].join(' ').toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
    .every((w) => hay.includes(w));
}
