/**
 * The shapes of the HTTP API's JSON, as TypeScript types: the server's routes
 * return them and the web UI (web/) imports them, type-only, so both sides
 * agree. The JSON Schemas in schemas.ts describe the same shapes for
 * validation and the OpenAPI document.
 */
import type { ArticleRecord } from '../core/record.js';
import type { StoryView } from '../stories/story.js';
import type { ArticleSummary, EntityListing, Page, SearchHit } from '../store/store.js';
import type { StoryListing } from '../stories/listing.js';
import type { CorrectedPlace, Correction } from '../corrections/types.js';

export type { ArticleRecord, ArticleSummary, Page, SearchHit, StoryView };

export interface Health {
  readonly status: 'ok';
  readonly articles: number;
  readonly duplicates: number;
  readonly raws: number;
}

/** GET /api/articles/:id */
export interface ArticleDetail {
  /** The record with the user's corrections applied. */
  readonly record: ArticleRecord;
  readonly raw: { readonly input: string; readonly kind: string; readonly encoding: string | null; readonly meta: Record<string, unknown> };
  readonly duplicates: readonly { readonly input: string; readonly similarity: number }[];
  readonly storedAt: string;
  /** The storyline and event the article belongs to, when placed. */
  readonly story: { readonly storyline: string; readonly event: string } | null;
  /** The corrections that changed this article. */
  readonly corrections: readonly Correction[];
}

/** One row of GET /api/stories. */
export type StorySummary = StoryListing;

/** GET /api/stories/:id: the story view plus a short line per member article. */
export interface StoryDetail extends StoryView {
  readonly articleSummaries: readonly ArticleSummary[];
  /** Entity co-occurrence: nodes are the story's entities and places, edges link two named in the same sentence. */
  readonly graph: EntityGraph;
}

export interface EntityGraph {
  readonly nodes: readonly { readonly id: string; readonly name: string; readonly type: string; readonly mentions: number }[];
  /** `weight`: number of sentences naming both. */
  readonly edges: readonly { readonly source: string; readonly target: string; readonly weight: number }[];
}

/** One row of GET /api/entities. */
export type EntitySummary = EntityListing;

/** GET /api/entities/:id */
export interface EntityDetail extends EntitySummary {
  /** Ids merged into this entity by corrections. */
  readonly merged: readonly string[];
  readonly articleList: Page<ArticleSummary>;
}

/** GET /api/places: GeoJSON. */
export interface PlaceFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly {
    readonly type: 'Feature';
    readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [number, number] };
    readonly properties: {
      readonly gazetteerId: string;
      readonly name: string;
      readonly gazetteerName: string;
      readonly country: string;
      readonly kind: string;
      /** Entity ids the articles used for it. */
      readonly entities: readonly string[];
      readonly articles: number;
      readonly mentions: number;
    };
  }[];
}

// ---------------------------------------------------------------------------
// Ingestion jobs

/** POST /api/ingest body. `content` for text/html/feed (a feed's XML); `url` for a page or feed URL. */
export interface IngestRequest {
  readonly kind: 'text' | 'html' | 'url' | 'feed';
  readonly content?: string;
  readonly url?: string;
  /** A name for the input (a file name); defaults to "pasted text" and the like. */
  readonly name?: string;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** POST /api/ingest answers 202 with this; GET /api/jobs/:id gives its progress. */
export interface Job {
  readonly id: string;
  readonly status: JobStatus;
  readonly input: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  /** Articles read so far, and how many there are when known (null while a feed is still being read). */
  readonly done: number;
  readonly total: number | null;
  readonly counts: { readonly new: number; readonly unchanged: number; readonly duplicate: number; readonly failed: number };
  /** Ids of the articles stored or found (new, unchanged or duplicate-of). */
  readonly articles: readonly string[];
  readonly errors: readonly { readonly input: string; readonly reason: string }[];
}

// ---------------------------------------------------------------------------
// Corrections

export type { Correction, CorrectionInput, CorrectionTarget } from '../corrections/types.js';

/** GET /api/gazetteer?q=: candidates for fixing a place. */
export interface GazetteerCandidate extends CorrectedPlace {
  readonly gazetteerId: string;
  readonly population: number;
}
