import type { Doc, Removed } from './doc.js';

/**
 * The article record of ../CONTRACT.md (`newsgraph analyze --json`): the
 * public, stable projection of a `Doc`. New fields may be added; none renamed.
 */
export interface ArticleRecord {
  readonly id: string;
  readonly input: string;
  readonly url: string | null;
  readonly outlet: string | null;
  readonly domain: string | null;
  readonly title: string | null;
  readonly byline: readonly string[];
  readonly publishedAt: string | null;
  readonly language: string | null;
  readonly text: string;
  readonly removed: readonly { readonly text: string; readonly reason: string }[];
  readonly entities: readonly {
    readonly id: string;
    readonly name: string;
    readonly type: string;
    readonly aliases: readonly string[];
    readonly mentions: readonly { readonly start: number; readonly end: number; readonly text: string }[];
    readonly roles: readonly string[];
    readonly confidence: number;
  }[];
  readonly places: Doc['places'];
  readonly geoFocus: Doc['geoFocus'];
  readonly dates: readonly {
    readonly start: number;
    readonly end: number;
    readonly text: string;
    readonly value: string | null;
    readonly grain: string;
    readonly confidence: number;
  }[];
  readonly quotes: Doc['quotes'];
  readonly claims: Doc['claims'];
  readonly events: Doc['events'];
}

const removedOut = (r: Removed) => ({ text: r.text, reason: r.reason });

export function toRecord(doc: Doc): ArticleRecord {
  return {
    id: doc.id,
    input: doc.raw.input,
    url: doc.meta.url,
    outlet: doc.meta.outlet,
    domain: doc.meta.domain,
    title: doc.meta.title,
    byline: doc.meta.byline,
    publishedAt: doc.meta.publishedAt,
    language: doc.meta.language,
    text: doc.text,
    removed: doc.removed.map(removedOut),
    entities: doc.entities.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: e.aliases,
      mentions: e.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text })),
      roles: e.roles,
      confidence: e.confidence,
    })),
    places: doc.places,
    geoFocus: doc.geoFocus,
    dates: doc.dates.map((d) => ({
      start: d.start,
      end: d.end,
      text: d.text,
      value: d.value,
      grain: d.grain,
      confidence: d.confidence,
    })),
    quotes: doc.quotes,
    claims: doc.claims,
    events: doc.events,
  };
}
