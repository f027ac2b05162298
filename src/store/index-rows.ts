/**
 * The rows an article record contributes to the entity and place indexes
 * (article_entities, article_places). Pure: the store writes them, the
 * migration that adds the tables back-fills them the same way.
 */
import type { ArticleRecord } from '../core/record.js';
import type { ArticleEntitiesTable, ArticlePlacesTable } from './schema.js';

export type EntityIndexRow = ArticleEntitiesTable;
export type PlaceIndexRow = ArticlePlacesTable;

type Indexed = Pick<ArticleRecord, 'id' | 'entities' | 'places'>;

export function entityRows(record: Indexed): EntityIndexRow[] {
  const rows = new Map<string, EntityIndexRow>();
  for (const e of record.entities) {
    // One row per entity id: a record should not repeat an id, but a correction could make it so.
    const row = rows.get(e.id);
    const forms = new Set([...(row ? row.aliases.split('\n') : []), e.name, ...e.aliases, ...e.mentions.map((m) => m.text)]);
    rows.set(e.id, {
      article_id: record.id,
      entity_id: e.id,
      name: row && row.name.length >= e.name.length ? row.name : e.name,
      type: row?.type ?? e.type,
      aliases: [...forms].filter((f) => f.trim() !== '').join('\n'),
      mentions: (row?.mentions ?? 0) + e.mentions.length,
    });
  }
  return [...rows.values()];
}

export function placeRows(record: Indexed): PlaceIndexRow[] {
  const mentions = new Map(record.entities.map((e) => [e.id, e.mentions.length]));
  const rows = new Map<string, PlaceIndexRow>();
  for (const p of record.places) {
    if (rows.has(p.entity)) continue;
    rows.set(p.entity, {
      article_id: record.id,
      entity_id: p.entity,
      gazetteer_id: p.gazetteerId,
      name: p.name,
      gazetteer_name: p.gazetteerName,
      lat: p.lat,
      lon: p.lon,
      country: p.country,
      kind: p.kind,
      mentions: mentions.get(p.entity) ?? 1,
    });
  }
  return [...rows.values()];
}
