/**
 * One storyline as an analyst reads it (`newsgraph stories --json`, see
 * CONTRACT.md): its events, summary, timeline, actors, places, the claims
 * with who carries, corroborates or contradicts them, conflicting figures,
 * and the outlet comparison. A pure function of the stored article records
 * and their placement.
 */
import type { ArticleRecord } from '../core/record.js';
import { compareOutlets, outletOf, type Conflict, type OutletProfile, type StoryClaim } from './compare.js';
import { storyTitle, summarize, type SummarySentence } from './summary.js';
import { timeline, type TimelineEntry } from './timeline.js';

export interface StoryEvent {
  readonly id: string;
  readonly title: string;
  readonly articles: readonly string[];
  readonly start: string | null;
  readonly end: string | null;
}

export interface StoryView {
  readonly id: string;
  readonly title: string;
  /** Article ids, oldest first (undated last). */
  readonly articles: readonly string[];
  readonly start: string | null;
  readonly end: string | null;
  readonly events: readonly StoryEvent[];
  /** The summary sentences, each traceable through `summarySources`. */
  readonly summary: readonly string[];
  readonly summarySources: readonly SummarySentence[];
  readonly timeline: readonly (TimelineEntry & { readonly text: string; readonly article: string; readonly sources: number })[];
  readonly entities: readonly { readonly id: string; readonly name: string; readonly type: string; readonly articles: number; readonly mentions: number }[];
  readonly places: readonly { readonly entity: string; readonly name: string; readonly lat: number; readonly lon: number; readonly country: string; readonly kind: string; readonly articles: number; readonly mentions: number }[];
  readonly claims: readonly StoryClaim[];
  readonly conflicts: readonly Conflict[];
  readonly outlets: readonly OutletProfile[];
}

const dayOf = (r: Pick<ArticleRecord, 'publishedAt'>) => r.publishedAt?.slice(0, 10) ?? null;

/** Oldest first; undated articles after the dated ones, in the order given. */
function chronological<T extends Pick<ArticleRecord, 'publishedAt'>>(records: readonly T[]): T[] {
  return records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (dayOf(a.r) ?? '9999').localeCompare(dayOf(b.r) ?? '9999') || (a.r.publishedAt ?? '').localeCompare(b.r.publishedAt ?? '') || a.i - b.i)
    .map((x) => x.r);
}

/** First and last day among the articles' publication dates, else among the timeline's own dates. */
function span(records: readonly ArticleRecord[], dates: readonly string[] = []): { start: string | null; end: string | null } {
  const days = records.map(dayOf).filter((d): d is string => d !== null);
  const all = days.length > 0 ? days : dates.map((d) => d.slice(0, 10));
  if (all.length === 0) return { start: null, end: null };
  all.sort();
  return { start: all[0]!, end: all[all.length - 1]! };
}

function entitiesOf(records: readonly ArticleRecord[]): StoryView['entities'] {
  const placeIds = new Set(records.flatMap((r) => r.places.map((p) => p.entity)));
  const acc = new Map<string, { id: string; name: string; type: string; articles: number; mentions: number }>();
  for (const r of records)
    for (const e of r.entities) {
      if (placeIds.has(e.id)) continue;
      const a = acc.get(e.id) ?? acc.set(e.id, { id: e.id, name: e.name, type: e.type, articles: 0, mentions: 0 }).get(e.id)!;
      a.articles++;
      a.mentions += e.mentions.length;
      // The fullest name any article gives.
      if (e.name.length > a.name.length) a.name = e.name;
    }
  return [...acc.values()].sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.id.localeCompare(b.id));
}

function placesOf(records: readonly ArticleRecord[]): StoryView['places'] {
  const acc = new Map<string, { entity: string; name: string; lat: number; lon: number; country: string; kind: string; articles: number; mentions: number }>();
  for (const r of records)
    for (const p of r.places) {
      const key = p.gazetteerId || p.entity;
      const a = acc.get(key) ?? acc.set(key, { entity: p.entity, name: p.name, lat: p.lat, lon: p.lon, country: p.country, kind: p.kind, articles: 0, mentions: 0 }).get(key)!;
      a.articles++;
      a.mentions += r.entities.find((e) => e.id === p.entity)?.mentions.length ?? 1;
    }
  return [...acc.values()].sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.entity.localeCompare(b.entity));
}

/**
 * Builds a storyline's view. `events` are its event-level clusters (ids and
 * member article ids); `records` hold every article of the storyline.
 */
export function buildStory(id: string, events: readonly { id: string; articles: readonly string[] }[], records: readonly ArticleRecord[]): StoryView {
  const ordered = chronological(records);
  const byId = new Map(records.map((r) => [r.id, r]));
  const summarySources = summarize(ordered, { maxSentences: 5 });
  const entries = timeline(ordered.map((r) => ({ id: r.id, text: r.text, outlet: outletOf(r), events: r.events })));
  const comparison = compareOutlets(ordered);
  const eventViews = events.map((e) => {
    const members = chronological(e.articles.flatMap((a) => byId.get(a) ?? []));
    const lead = summarize(members, { maxSentences: 1 });
    return { id: e.id, title: storyTitle(members, lead), articles: members.map((m) => m.id), ...span(members) };
  });
  return {
    id,
    title: storyTitle(ordered, summarySources),
    articles: ordered.map((r) => r.id),
    ...span(ordered, entries.map((t) => t.date)),
    events: eventViews.sort((a, b) => (a.start ?? '9999').localeCompare(b.start ?? '9999') || a.id.localeCompare(b.id)),
    summary: summarySources.map((s) => s.text),
    summarySources,
    timeline: entries.map((t) => ({ ...t, text: t.reports[0]!.sentence, article: t.reports[0]!.article, sources: t.outlets })),
    entities: entitiesOf(records),
    places: placesOf(records),
    claims: comparison.claims,
    conflicts: comparison.conflicts,
    outlets: comparison.outlets,
  };
}
