/**
 * The storage schema, typed once for Kysely and shared by every adapter.
 *
 * Values the schema does not query by (raw metadata, the full article
 * record) are JSON text, in SQLite and PostgreSQL alike, so the adapters read
 * and write them the same way. What differs between databases (auto-numbered
 * keys, binary columns, full-text search, how a write transaction starts)
 * sits behind `StoreDialect`, a small capability object each adapter supplies.
 */
import type { ColumnDataType, ColumnDefinitionBuilder, ColumnType, CreateTableBuilder, Expression, Generated, Kysely } from 'kysely';
import type { RawKind } from '../core/doc.js';
import type { SearchTerm } from './query.js';

/** Every raw input the store has seen, duplicates included, so nothing read is ever lost. */
export interface RawInputsTable {
  /** Stored order. */
  seq: Generated<number>;
  /** sha256 of the input string and the content (see `rawInputHash`). */
  hash: string;
  input: string;
  kind: RawKind;
  content: string;
  encoding: string | null;
  /** JSON of `SourceMeta`. */
  meta: string;
  /** The article this input is stored as: its own, or the first copy it duplicates. */
  article_id: string;
  first_seen: string;
}

export interface ArticlesTable {
  /** Stored order; also the row id the full-text index points at. */
  seq: Generated<number>;
  /** The public article id (`ArticleRecord.id`). */
  id: string;
  /** The raw input this article was analysed from. */
  raw_hash: string;
  input: string;
  url: string | null;
  outlet: string | null;
  domain: string | null;
  title: string | null;
  published_at: string | null;
  language: string | null;
  text: string;
  /** Whitespace-separated words of `text`, for listings. */
  words: number;
  /** JSON of the full `ArticleRecord`. */
  record: string;
  /** MinHash signature, 128 unsigned 32-bit little-endian values (see `encodeSignature`). */
  minhash: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
  /** sha256 of the normalised body; unique, so an exact duplicate can never be stored twice. */
  exact_hash: string;
  pipeline_version: number | null;
  stored_at: string;
  /** When `replace` last re-analysed the article; null if never. */
  updated_at: string | null;
}

export type DuplicateKind = 'exact' | 'near';

/** A raw input found to be a copy of a stored article. */
export interface DuplicatesTable {
  raw_hash: string;
  input: string;
  article_id: string;
  /** Estimated Jaccard similarity of the bodies; 1 for an exact duplicate. */
  similarity: number;
  kind: DuplicateKind;
  found_at: string;
}

/** LSH band keys of stored articles: articles sharing a (band, key) are near-duplicate candidates. */
export interface LshBandsTable {
  band: number;
  key: string;
  article_id: string;
}

/** Saved state of the story clusterer (one row, name 'stories'), JSON. */
export interface StoryStateTable {
  name: string;
  state: string;
  updated_at: string;
}

/** The event and storyline each article belongs to. */
export interface StoryMembersTable {
  article_id: string;
  event_id: string;
  storyline_id: string;
  assigned_at: string;
}

/** User corrections (see src/corrections), applied when records are read. */
export interface CorrectionsTable {
  id: Generated<number>;
  kind: string;
  /** JSON of the `CorrectionInput` (and the resolved place of a fix-place). */
  body: string;
  note: string | null;
  created_at: string;
}

/**
 * Which entities each article names, after corrections: the index behind the
 * entity filter and the entity listing. Rebuilt for an article whenever it is
 * stored, re-analysed, or a correction touches it.
 */
export interface ArticleEntitiesTable {
  article_id: string;
  entity_id: string;
  name: string;
  type: string;
  /** The surface forms, newline-separated. */
  aliases: string;
  mentions: number;
}

/** The places each article names, after corrections: the place filter and GeoJSON. */
export interface ArticlePlacesTable {
  article_id: string;
  entity_id: string;
  gazetteer_id: string;
  name: string;
  gazetteer_name: string;
  lat: number;
  lon: number;
  country: string;
  kind: string;
  mentions: number;
}

/** Each storyline's row of the story list, kept with the key of the members and corrections it was built from. */
export interface StoryListingsTable {
  storyline_id: string;
  key: string;
  listing: string;
  updated_at: string;
}

export interface Database {
  raw_inputs: RawInputsTable;
  articles: ArticlesTable;
  duplicates: DuplicatesTable;
  lsh_bands: LshBandsTable;
  story_state: StoryStateTable;
  story_members: StoryMembersTable;
  story_listings: StoryListingsTable;
  corrections: CorrectionsTable;
  article_entities: ArticleEntitiesTable;
  article_places: ArticlePlacesTable;
}

/** The article columns that make an `ArticleSummary`. */
export interface SummaryRow {
  id: string;
  title: string | null;
  outlet: string | null;
  domain: string | null;
  published_at: string | null;
  input: string;
  words: number | string | bigint;
}

/** One full-text match, before it is shaped into a `SearchHit`. */
export interface FullTextRow extends SummaryRow {
  words: number;
  /** Higher is better. */
  score: number;
  /** Snippet of the body with matches wrapped in HIGHLIGHT_OPEN / HIGHLIGHT_CLOSE. */
  snippet: string;
}

/** What differs between the databases a store can run on. */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Column type of an auto-numbered key. */
  readonly serialType: 'integer' | 'bigserial';
  /** Makes a column the auto-numbered primary key. */
  serialPrimaryKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  readonly binaryType: 'blob' | 'bytea';
  /**
   * Column type of text: keys, names, JSON. It must compare and sort code
   * point by code point, as SQLite's text does, so that every ordering and
   * `lower()` is the same on every database whatever the server's locale.
   */
  readonly textType: ColumnDataType | Expression<unknown>;
  /** Column type of a floating-point number (similarity, latitude, longitude): 8 bytes, as SQLite's real. */
  readonly floatType: 'real' | 'double precision';
  /**
   * Declares a table that is all primary key (no separate row storage), where
   * the database makes that distinction: SQLite's WITHOUT ROWID.
   */
  keyOnlyTable<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
  readonly fullText: {
    /** Creates the index over articles.title + articles.text and whatever keeps it in sync with writes. */
    create(db: Kysely<unknown>): Promise<void>;
    /** One page of matches, best first, and the number of all matches. */
    search(
      db: Kysely<Database>,
      terms: readonly SearchTerm[],
      page: { limit: number; offset: number },
    ): Promise<{ rows: FullTextRow[]; total: number }>;
  };
  /**
   * Runs `work` in one transaction that takes the write lock up front, so a
   * read-then-write (is this a duplicate? then insert) cannot interleave with
   * another writer.
   */
  writeTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Moves the auto-numbering of `table.column` past its largest value, after
   * rows were inserted with their keys given (a store copied from another).
   */
  syncSerial(db: Kysely<Database>, table: SerialTable): Promise<void>;
}

/** The tables with an auto-numbered key, and that key. */
export const SERIAL_KEYS = { articles: 'seq', raw_inputs: 'seq', corrections: 'id' } as const;
export type SerialTable = keyof typeof SERIAL_KEYS;

/** Packs a MinHash signature as unsigned 32-bit little-endian values. */
export function encodeSignature(signature: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  signature.forEach((value, i) => view.setUint32(i * 4, value, true));
  return bytes;
}

export function decodeSignature(bytes: Uint8Array): number[] {
  if (bytes.byteLength % 4 !== 0) throw new RangeError(`a stored MinHash signature of ${bytes.byteLength} bytes is corrupt`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = new Array<number>(bytes.byteLength / 4);
  for (let i = 0; i < signature.length; i++) signature[i] = view.getUint32(i * 4, true);
  return signature;
}
