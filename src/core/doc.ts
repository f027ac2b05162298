/**
 * The one document model that every pipeline stage reads and annotates.
 *
 * A `Doc` starts as a `RawInput` (what an ingest source read) and each stage
 * returns a new `Doc` with more layers filled. Every extracted value points
 * back into the cleaned `text` through `{start, end, text}` (UTF-16 offsets,
 * `end` exclusive) and says which rule or model produced it (`source`) and how
 * sure it is (`confidence`, 0..1).
 *
 * The layers that reach the article record (places, quotes, claims, events
 * and their spans) have their shapes in ./contract.ts, the record's one JSON
 * Schema; they are re-exported here under the names the stages use.
 */
import type { Claim, EntityType, GeoFocus, NewsEvent, Place, Quote, Span, TimeGrain } from './contract.js';

export type { Claim, EntityType, GeoFocus, NewsEvent, Place, Quantity, Quote, Span, TimeGrain } from './contract.js';
export { ENTITY_TYPES } from './contract.js';

/** Where a value came from and how much to trust it. */
export interface Provenance {
  /** Name of the rule, gate, library or model that produced the value. */
  readonly source: string;
  /** 0..1 */
  readonly confidence: number;
}

export type Annotation = Span & Provenance;

// ---------------------------------------------------------------------------
// Raw input: what ingest hands to the pipeline.

/** How the content of a raw input is to be read. */
export type RawKind = 'text' | 'html' | 'record';

/**
 * Metadata that the container of an article already states: a dataset's
 * columns, a feed item's fields, HTTP headers. Values are strings as found;
 * the metadata stage decides what to trust.
 */
export interface SourceMeta {
  readonly url?: string;
  readonly id?: string;
  readonly title?: string;
  /** A publication date stated by the container (dataset column, feed item). */
  readonly date?: string;
  readonly outlet?: string;
  readonly authors?: readonly string[];
  readonly description?: string;
  readonly language?: string;
  /** Which container stated these values: 'csv', 'jsonl', 'feed', 'http', 'file'. */
  readonly container?: string;
  /** When the page was fetched: a crawl date, never a publication date. */
  readonly fetchedAt?: string;
  /** Other columns or fields, kept verbatim. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface RawInput {
  /** The path or URL as given; dataset rows add `#row=N` (1-based data row). */
  readonly input: string;
  readonly kind: RawKind;
  /** Decoded content: text, HTML source, or the body field of a record. */
  readonly content: string;
  /** How the bytes were decoded, e.g. 'utf-8 (declared)', 'windows-1252 (sniffed)'. */
  readonly encoding?: string;
  readonly meta: SourceMeta;
}

// ---------------------------------------------------------------------------
// Layers added by the stages.

/** Something cleaning dropped from the body, and why. */
export interface Removed {
  readonly text: string;
  /** Reason code: 'chrome', 'share', 'tags', 'caption', 'credit', 'related', 'banner', 'byline', 'dateline', 'header', 'boilerplate', … */
  readonly reason: string;
  /** The gate that removed it. */
  readonly gate: string;
}

/** Page-level metadata found by extraction (HTML head, text header lines). */
export interface PageMeta {
  readonly title?: string;
  readonly url?: string;
  readonly siteName?: string;
  readonly authors?: readonly string[];
  readonly description?: string;
  /** Candidate publication dates with the evidence for each. */
  readonly dates?: readonly DateEvidence[];
  readonly language?: string;
}

/**
 * A candidate publication date and how it was found. `trust` orders the
 * evidence: structured metadata beats a date printed in a page header.
 */
export interface DateEvidence {
  readonly value: string;
  readonly evidence: string;
  readonly source: string;
  readonly trust: 'structured' | 'stated' | 'header';
}

/** The body candidate before the cleaning gates run. */
export interface Extracted {
  /** Paragraphs separated by blank lines. */
  readonly body: string;
  readonly page: PageMeta;
  /** What extraction itself dropped (e.g. header lines of a scraped text file). */
  readonly removed: readonly Removed[];
  readonly source: string;
}

export interface ArticleMeta {
  readonly url: string | null;
  readonly outlet: string | null;
  readonly domain: string | null;
  readonly title: string | null;
  /** Where the title came from: 'text' | 'page' | 'container' | 'url-slug' | 'lead'. */
  readonly titleSource: string | null;
  readonly byline: readonly string[];
  readonly publishedAt: string | null;
  /** Why publishedAt was chosen (or why candidates were rejected). */
  readonly publishedEvidence: string | null;
  readonly language: string | null;
}

export interface Sentence extends Span {
  readonly index: number;
}

export interface Token extends Span {
  readonly sentence: number;
}

/** The label sets that the syntax arrays index: the tagger's and the parser's own. */
export interface SyntaxTables {
  readonly upos: readonly string[];
  readonly xpos: readonly string[];
  readonly deprel: readonly string[];
}

/**
 * The syntax of one sentence (tagger, lemmatiser, dependency parser), over its
 * syntactic words as Universal Dependencies splits them ("do" + "n't",
 * "well" + "-" + "known"): typed arrays parallel to the words rather than an
 * object per token. `upos`, `xpos` and `deprel` index `tables`; `head` is the
 * index of the head word within the sentence, -1 for the root. Each word
 * keeps its character span and the token it was cut from, so the parse maps
 * back onto the document's tokens.
 */
export interface SentenceSyntax {
  readonly sentence: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Index in `Doc.tokens` of the token each word comes from. */
  readonly token: Int32Array;
  readonly upos: Uint8Array;
  readonly xpos: Uint8Array;
  readonly head: Int16Array;
  readonly deprel: Uint8Array;
  readonly lemma: readonly string[];
  readonly tables: SyntaxTables;
}

export interface Mention extends Annotation {
  readonly type: EntityType;
}

export interface Entity extends Provenance {
  /** Slug of the canonical name, unique within the document. */
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  readonly aliases: readonly string[];
  readonly mentions: readonly Span[];
  /** Titles and roles written next to a person's name ("Iraqi Prime Minister", "YPG spokesman"), kept out of the name. */
  readonly roles: readonly string[];
}

export interface TimeExpression extends Annotation {
  /** ISO value; for a range `start/end`. Null when relative and no anchor is known. */
  readonly value: string | null;
  readonly grain: TimeGrain;
}

/** A MinHash signature of the normalised body, for near-duplicate detection. */
export interface Fingerprint {
  /** sha256 of the normalised body (hex): equal for exact duplicates. */
  readonly exact: string;
  readonly minhash: readonly number[];
}

/** The article as it flows through the pipeline. */
export interface Doc {
  /** Stable id, set by the metadata stage from the normalised body. */
  readonly id: string;
  readonly raw: RawInput;
  readonly extracted: Extracted | null;
  /** Cleaned body text; every span points into it. */
  readonly text: string;
  readonly removed: readonly Removed[];
  readonly meta: ArticleMeta;
  readonly sentences: readonly Sentence[];
  readonly tokens: readonly Token[];
  /** One entry per sentence once a syntax stage runs; empty before. */
  readonly syntax: readonly SentenceSyntax[];
  readonly mentions: readonly Mention[];
  readonly entities: readonly Entity[];
  readonly dates: readonly TimeExpression[];
  readonly places: readonly Place[];
  readonly geoFocus: GeoFocus | null;
  readonly quotes: readonly Quote[];
  readonly claims: readonly Claim[];
  readonly events: readonly NewsEvent[];
  readonly fingerprint: Fingerprint | null;
  /** Notes from stages about this document (not errors: those stop the document). */
  readonly notes: readonly string[];
}

export const EMPTY_META: ArticleMeta = {
  url: null,
  outlet: null,
  domain: null,
  title: null,
  titleSource: null,
  byline: [],
  publishedAt: null,
  publishedEvidence: null,
  language: null,
};

/** A fresh document for a raw input, with every layer empty. */
export function newDoc(raw: RawInput): Doc {
  return {
    id: '',
    raw,
    extracted: null,
    text: '',
    removed: [],
    meta: EMPTY_META,
    sentences: [],
    tokens: [],
    syntax: [],
    mentions: [],
    entities: [],
    dates: [],
    places: [],
    geoFocus: null,
    quotes: [],
    claims: [],
    events: [],
    fingerprint: null,
    notes: [],
  };
}

/** A span of `text` from offsets, so that the span invariant holds by construction. */
export function spanOf(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}
