import type { Doc, RawInput } from '../core/doc.js';
import type { ArticleRecord } from '../core/record.js';
import type { CorrectedPlace, Correction, CorrectionInput } from '../corrections/types.js';

/**
 * The one storage interface. Adapters (`sqlite`, `postgres`) implement
 * it over the same Kysely schema; the pipeline and the server never import a
 * driver.
 */
export interface Store {
  /** Create or upgrade the schema; safe to call on every open. */
  migrate(): Promise<void>;
  /**
   * Store an analysed document and its raw input. Re-putting the same input
   * changes nothing. An exact or near duplicate of a stored article is linked
   * to the first copy and not stored again.
   */
  put(doc: Doc, options?: PutOptions): Promise<PutResult>;
  /**
   * The article id a raw input was stored under, or null if this exact input
   * (same input name and content) was never stored: lets ingest skip analysis.
   */
  seen(raw: RawInput): Promise<string | null>;
  get(id: string): Promise<StoredArticle | null>;
  list(query: ListQuery): Promise<Page<ArticleSummary>>;
  search(query: string, options?: { limit?: number; offset?: number }): Promise<Page<SearchHit>>;
  /**
   * Every stored raw input, one at a time in stored order, for re-processing
   * by a newer pipeline. `id` is the article the input is stored as; for a
   * duplicate (`duplicate: true`) that is the first copy it was linked to.
   */
  raws(): AsyncIterable<{ id: string; raw: RawInput; duplicate?: boolean }>;
  /**
   * Replace the analysis of a stored article (same raw input, newer pipeline),
   * keeping its id. Given the raw input of one of its duplicates instead, the
   * duplicate link's similarity is re-estimated and the article is untouched.
   */
  replace(id: string, doc: Doc): Promise<void>;
  counts(): Promise<{ articles: number; duplicates: number; raws: number }>;
  /** Full records of these articles (unknown ids are left out), in the order given. */
  records(ids: readonly string[]): Promise<ArticleRecord[]>;
  /** Articles not yet placed in a story, in stored (arrival) order. */
  unplacedArticles(): Promise<string[]>;
  /** The story clusterer's saved state (JSON), or null before the first article is placed. */
  storyState(): Promise<string | null>;
  /** Saves the clusterer's state and the placement of newly placed articles, together. */
  saveStories(state: string, placed: readonly StoryMember[]): Promise<void>;
  /** Every article's event and storyline. */
  storyMembers(): Promise<StoryMember[]>;
  /** One article's event and storyline, or null when it is not placed. */
  storyOf(article: string): Promise<StoryMember | null>;
  /** Forgets every story (before clustering everything again). */
  clearStories(): Promise<void>;
  /** The stored story-list rows: storyline id -> the key they were built for and the row (JSON). */
  storyListings(): Promise<Map<string, { key: string; listing: string }>>;
  /** Stores (replaces) story-list rows, and drops those of storylines that no longer exist. */
  saveStoryListings(rows: readonly { storyline: string; key: string; listing: string }[], keep: ReadonlySet<string>): Promise<void>;
  /** Entities named in the stored articles (after corrections), most articles first. */
  entities(query: EntityQuery): Promise<Page<EntityListing>>;
  /** One entity's listing, or null when no stored article names it. */
  entity(id: string): Promise<EntityListing | null>;
  /** Places named in the articles (all, or these ones), one per gazetteer record, most mentioned first. */
  places(articles?: readonly string[]): Promise<PlaceListing[]>;
  /** Every correction, oldest first. */
  corrections(): Promise<Correction[]>;
  /** Stores a correction and re-indexes the articles it touches. */
  addCorrection(input: CorrectionInput, extra?: { note?: string | null; place?: CorrectedPlace }): Promise<Correction>;
  /** Removes a correction (false when there is none with this id) and re-indexes what it touched. */
  deleteCorrection(id: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoryMember {
  readonly article: string;
  readonly event: string;
  readonly storyline: string;
}

export interface PutOptions {
  /** The pipeline version that analysed `doc`, stored with it; default: the store's (`StoreOptions.pipelineVersion`). */
  readonly pipelineVersion?: number;
}

export type PutStatus = 'new' | 'unchanged' | 'duplicate';

export interface PutResult {
  readonly status: PutStatus;
  readonly id: string;
  /** For a duplicate: the id of the first stored copy. */
  readonly duplicateOf?: string;
  /** For a duplicate: 'exact' or 'near' (with the estimated Jaccard similarity). */
  readonly similarity?: number;
}

export interface StoredArticle {
  readonly record: ArticleRecord;
  readonly raw: RawInput;
  /** Inputs that were found to be duplicates of this article. */
  readonly duplicates: readonly { readonly input: string; readonly similarity: number }[];
  readonly storedAt: string;
  /** The corrections that changed `record` (already applied to it). */
  readonly corrections: readonly Correction[];
}

export interface EntityQuery {
  readonly limit?: number;
  readonly offset?: number;
  /** Words of the name or any alias. */
  readonly q?: string;
  readonly type?: string;
}

export interface EntityListing {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly aliases: readonly string[];
  readonly articles: number;
  readonly mentions: number;
}

export interface PlaceListing {
  readonly gazetteerId: string;
  readonly name: string;
  readonly gazetteerName: string;
  readonly lat: number;
  readonly lon: number;
  readonly country: string;
  readonly kind: string;
  readonly entities: readonly string[];
  readonly articles: number;
  readonly mentions: number;
}

export interface ArticleSummary {
  readonly id: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly domain: string | null;
  readonly publishedAt: string | null;
  readonly input: string;
  readonly words: number;
}

export interface ListQuery {
  readonly limit?: number;
  readonly offset?: number;
  readonly outlet?: string;
  /** Publication day bounds, YYYY-MM-DD, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Articles naming this entity id (after corrections). */
  readonly entity?: string;
  /** Articles naming this gazetteer record. */
  readonly place?: string;
  /** Only these articles (a story's members). */
  readonly ids?: readonly string[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface SearchHit extends ArticleSummary {
  readonly score: number;
  /** Snippet as plain text with the matched ranges (never HTML). */
  readonly snippet: { readonly text: string; readonly highlights: readonly { start: number; end: number }[] };
}
