/**
 * What the story clusterer reads of an analysed article.
 */
import type { ArticleRecord } from '../core/record.js';
import type { ClusterArticle } from './cluster.js';

/** Entity types that make an article's actors (places are taken from its resolved places). */
const ACTOR_TYPES = new Set(['PERSON', 'ORG', 'NORP', 'GPE', 'EVENT', 'FAC']);

export type ClusterSource = Pick<ArticleRecord, 'id' | 'title' | 'text' | 'entities' | 'places' | 'events' | 'publishedAt'>;

export function clusterArticle(record: ClusterSource): ClusterArticle {
  const places = new Set(record.places.map((p) => p.entity));
  return {
    id: record.id,
    title: record.title,
    text: record.text,
    entities: record.entities.filter((e) => ACTOR_TYPES.has(e.type) && !places.has(e.id)).map((e) => e.id),
    places: [...places],
    happenings: [...new Set(record.events.filter((e) => e.place !== null && e.type !== 'statement').map((e) => `${e.type}@${e.place}`))],
    publishedAt: record.publishedAt,
  };
}
