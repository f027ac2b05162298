import type { ArticleRecord } from './contract.js';
import type { Doc, Removed } from './doc.js';

/**
 * The article record of ../CONTRACT.md (`newsgraph analyze --json`): the
 * public, stable projection of a `Doc`. Its type is derived from the one
 * JSON Schema of the record, `ArticleRecordSchema` in ./contract.ts. New
 * fields may be added (there first); none renamed.
 */
export type { ArticleRecord } from './contract.js';

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
