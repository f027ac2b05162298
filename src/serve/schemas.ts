/**
 * JSON Schemas of the HTTP API: request validation (query strings, path
 * parameters) and response serialisation.
 *
 * The article record's schema is not written here: it is the contract's
 * (`ArticleRecordSchema`, src/core/contract.ts), registered once with the
 * server under its `$id` and referenced by every response that carries a
 * record, so the API, /openapi.json and `analyze --json` share one source.
 *
 * Response objects are closed (`additionalProperties: false`): a route answers
 * exactly what its schema lists. fast-json-stringify drops unlisted
 * properties, so a field added to a response type must be added here too; the
 * API tests compare every answer with what the route returned and fail when
 * something was dropped. Maps whose keys are data (an outlet's term counts)
 * and a raw input's free-form `extra` metadata stay open.
 */
import { ARTICLE_RECORD_ID, QuantitySchema } from '../core/contract.js';

/** Largest page any list or search request gets, whatever `limit` asks for. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;

const nullableString = { type: ['string', 'null'] } as const;
const stringList = { type: 'array', items: { type: 'string' } } as const;

const range = {
  type: 'object',
  additionalProperties: false,
  required: ['start', 'end'],
  properties: { start: { type: 'integer' }, end: { type: 'integer' } },
} as const;

// ---------------------------------------------------------------------------
// Requests

const pagination = {
  limit: { type: 'integer', minimum: 1, default: DEFAULT_PAGE_SIZE },
  offset: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
} as const;

const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' } as const;
const idString = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._:-]+$' } as const;

export const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pagination,
    outlet: { type: 'string', minLength: 1, maxLength: 200, description: 'publisher name or domain' },
    from: { ...day, description: 'published on or after this day (YYYY-MM-DD)' },
    to: { ...day, description: 'published on or before this day (YYYY-MM-DD)' },
    entity: { ...idString, description: 'articles naming this entity id' },
    place: { type: 'string', minLength: 1, maxLength: 200, description: 'articles naming this gazetteer id (geonames:…)' },
    story: { ...idString, description: 'articles of this storyline' },
  },
} as const;

export const storiesQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...pagination, q: { type: 'string', maxLength: 500, description: 'words of the title, actors, places or outlets' } },
} as const;

export const entitiesQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pagination,
    q: { type: 'string', maxLength: 200, description: 'part of the name or of any alias' },
    type: { type: 'string', enum: ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT'] },
  },
} as const;

export const placesQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { story: idString, article: idString },
} as const;

export const pageQuerySchema = { type: 'object', additionalProperties: false, properties: pagination } as const;

export const gazetteerQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: { q: { type: 'string', minLength: 1, maxLength: 200 }, limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
} as const;

export const ingestBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { type: 'string', enum: ['text', 'html', 'url', 'feed'] },
    content: { type: 'string', minLength: 1, description: 'the text, the HTML source, or the feed XML' },
    url: { type: 'string', minLength: 1, maxLength: 2000, pattern: '^https?://', description: 'a page or feed URL' },
    name: { type: 'string', minLength: 1, maxLength: 300, description: 'a name for the input (a file name)' },
  },
} as const;

export const correctionBodySchema = {
  type: 'object',
  required: ['kind'],
  discriminator: { propertyName: 'kind' },
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'from', 'into'],
      properties: { kind: { const: 'merge-entities' }, from: idString, into: idString, note: { type: 'string', maxLength: 1000 } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'entity', 'names'],
      properties: {
        kind: { const: 'split-entity' },
        entity: idString,
        names: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 } },
        newId: idString,
        newType: { type: 'string', enum: ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT'] },
        note: { type: 'string', maxLength: 1000 },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'entity', 'gazetteerId'],
      properties: {
        kind: { const: 'fix-place' },
        entity: idString,
        gazetteerId: { type: 'string', minLength: 1, maxLength: 200 },
        article: idString,
        note: { type: 'string', maxLength: 1000 },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'article', 'target', 'text', 'start'],
      properties: {
        kind: { const: 'reject' },
        article: idString,
        target: { type: 'string', enum: ['entity', 'place', 'date', 'quote', 'claim', 'event'] },
        text: { type: 'string', minLength: 1, maxLength: 5000 },
        start: { type: 'integer', minimum: 0 },
        note: { type: 'string', maxLength: 1000 },
      },
    },
  ],
} as const;

export const correctionParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

export const searchQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: {
    ...pagination,
    // A query of spaces only is refused by the route, with a message people can read.
    q: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

/** Article ids are short slugs or hashes; anything else cannot name a stored article. */
export const articleParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._:-]+$' } },
} as const;

export interface PaginationQuery {
  limit: number;
  offset: number;
}
export interface ListQuerystring extends PaginationQuery {
  outlet?: string;
  from?: string;
  to?: string;
  entity?: string;
  place?: string;
  story?: string;
}
export interface StoriesQuerystring extends PaginationQuery {
  q?: string;
}
export interface EntitiesQuerystring extends PaginationQuery {
  q?: string;
  type?: string;
}
export interface PlacesQuerystring {
  story?: string;
  article?: string;
}
export interface GazetteerQuerystring {
  q: string;
  limit: number;
}
export interface SearchQuerystring extends PaginationQuery {
  q: string;
}
export interface ArticleParams {
  id: string;
}

// ---------------------------------------------------------------------------
// Responses

/** An object schema with exactly these properties (OpenAPI wants `required` absent rather than empty). */
const closedObject = <P extends Record<string, unknown>, R extends readonly (keyof P & string)[]>(properties: P, required?: R) =>
  ({ type: 'object', additionalProperties: false, ...(required && required.length > 0 ? { required } : {}), properties }) as const;

/** Every property required. */
const exactObject = <P extends Record<string, unknown>>(properties: P) =>
  closedObject(properties, Object.keys(properties) as (keyof P & string)[]);

/** A map from data (words, outlets) to counts. */
const countMap = { type: 'object', additionalProperties: { type: 'integer' } } as const;

/** RFC 9457 problem details; `errors` lists what failed validation. */
export const problemSchema = closedObject(
  {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: exactObject({ location: { type: 'string' }, pointer: { type: 'string' }, message: { type: 'string' } }) },
  },
  ['type', 'title', 'status'],
);

const errorResponses = { '4xx': problemSchema, '5xx': problemSchema } as const;

/** The article record of CONTRACT.md, by reference to the contract's schema (registered by the server). */
export const articleRecordRef = { $ref: `${ARTICLE_RECORD_ID}#` } as const;

const summaryProperties = {
  id: { type: 'string' },
  title: nullableString,
  outlet: nullableString,
  domain: nullableString,
  publishedAt: nullableString,
  input: { type: 'string' },
  words: { type: 'integer' },
} as const;

export const articleSummarySchema = exactObject(summaryProperties);

export const searchHitSchema = exactObject({
  ...summaryProperties,
  score: { type: 'number' },
  snippet: exactObject({ text: { type: 'string' }, highlights: { type: 'array', items: range } }),
});

function pageOf<T extends object>(item: T) {
  return exactObject({
    items: { type: 'array', items: item },
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  });
}

/** What a correction said (the fields of its kind), when it was made, and for a fixed place the gazetteer record. */
export const correctionSchema = closedObject(
  {
    id: { type: 'integer' },
    kind: { type: 'string', enum: ['merge-entities', 'split-entity', 'fix-place', 'reject'] },
    createdAt: { type: 'string' },
    note: nullableString,
    from: { type: 'string' },
    into: { type: 'string' },
    entity: { type: 'string' },
    names: stringList,
    newId: { type: 'string' },
    newType: { type: 'string', enum: ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT'] },
    gazetteerId: { type: 'string' },
    article: { type: 'string' },
    target: { type: 'string', enum: ['entity', 'place', 'date', 'quote', 'claim', 'event'] },
    text: { type: 'string' },
    start: { type: 'integer' },
    place: exactObject({
      name: { type: 'string' },
      lat: { type: 'number' },
      lon: { type: 'number' },
      country: { type: 'string' },
      admin1: { type: 'string' },
      kind: { type: 'string' },
    }),
  },
  ['id', 'kind', 'createdAt', 'note'],
);

export const articleDetailExtra = {
  story: { ...exactObject({ storyline: { type: 'string' }, event: { type: 'string' } }), type: ['object', 'null'] },
  corrections: { type: 'array', items: correctionSchema },
} as const;

/** What the container stated about a raw input (`SourceMeta`); `extra` holds its other columns as found. */
const sourceMetaSchema = closedObject({
  url: { type: 'string' },
  id: { type: 'string' },
  title: { type: 'string' },
  date: { type: 'string' },
  outlet: { type: 'string' },
  authors: stringList,
  description: { type: 'string' },
  language: { type: 'string' },
  container: { type: 'string' },
  fetchedAt: { type: 'string' },
  extra: { type: 'object', additionalProperties: true },
});

/** The raw input without its content, which has its own endpoint (`/raw`). */
const rawInfoSchema = exactObject({
  input: { type: 'string' },
  kind: { type: 'string', enum: ['text', 'html', 'record'] },
  encoding: nullableString,
  meta: sourceMetaSchema,
});

export const listResponseSchema = { 200: pageOf(articleSummarySchema), ...errorResponses } as const;
export const searchResponseSchema = { 200: pageOf(searchHitSchema), ...errorResponses } as const;

export const articleResponseSchema = {
  200: exactObject({
    record: articleRecordRef,
    raw: rawInfoSchema,
    duplicates: { type: 'array', items: exactObject({ input: { type: 'string' }, similarity: { type: 'number' } }) },
    storedAt: { type: 'string' },
    ...articleDetailExtra,
  }),
  ...errorResponses,
} as const;

export const syntaxQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { sentence: { type: 'integer', minimum: 0, maximum: 100000, default: 0, description: 'index of the sentence in the article text (0-based)' } },
} as const;

export interface SyntaxQuerystring {
  sentence: number;
}

/** One sentence's parse: its words (UD syntactic words) with tags, lemma and the head each depends on. */
export const syntaxResponseSchema = {
  200: exactObject({
    article: { type: 'string' },
    sentences: { type: 'integer', description: 'how many sentences the article text has' },
    sentence: { type: 'integer' },
    start: { type: 'integer' },
    end: { type: 'integer' },
    text: { type: 'string' },
    words: {
      type: 'array',
      items: exactObject({
        form: { type: 'string' },
        start: { type: 'integer' },
        end: { type: 'integer' },
        lemma: { type: 'string' },
        upos: { type: 'string' },
        xpos: { type: 'string' },
        head: { type: 'integer', description: 'index of the head word in `words`, -1 for the root' },
        deprel: { type: 'string' },
      }),
    },
  }),
  ...errorResponses,
} as const;

/** The raw content is sent as text/plain, which Fastify never passes through a JSON serialiser. */
export const rawResponseSchema = { ...errorResponses } as const;

export const healthResponseSchema = {
  200: exactObject({
    status: { type: 'string', enum: ['ok'] },
    articles: { type: 'integer' },
    duplicates: { type: 'integer' },
    raws: { type: 'integer' },
  }),
  ...errorResponses,
} as const;

const storyListingSchema = exactObject({
  id: { type: 'string' },
  title: { type: 'string' },
  articles: { type: 'integer' },
  start: nullableString,
  end: nullableString,
  outlets: stringList,
  activity: { type: 'array', items: exactObject({ day: { type: 'string' }, count: { type: 'integer' } }) },
  entities: { type: 'array', items: exactObject({ id: { type: 'string' }, name: { type: 'string' } }) },
  places: stringList,
});

export const storiesResponseSchema = { 200: pageOf(storyListingSchema), ...errorResponses } as const;

const storyClaimSchema = exactObject({
  id: { type: 'integer' },
  text: { type: 'string' },
  speaker: nullableString,
  anonymous: { type: 'boolean' },
  article: { type: 'string' },
  articles: stringList,
  quantities: { type: 'array', items: QuantitySchema },
  carriedBy: stringList,
  corroboratedBy: stringList,
  contradictedBy: stringList,
  corroborating: { type: 'array', items: { type: 'integer' } },
  contradicting: { type: 'array', items: { type: 'integer' } },
});

const figureSchema = exactObject({
  text: { type: 'string' },
  min: { type: ['number', 'null'] },
  max: { type: ['number', 'null'] },
  unit: { type: 'string' },
  of: nullableString,
  claim: { type: 'integer' },
  speaker: nullableString,
  anonymous: { type: 'boolean' },
  outlet: { type: 'string' },
  article: { type: 'string' },
});

const outletProfileSchema = exactObject({
  domain: { type: 'string' },
  name: nullableString,
  articles: { type: 'integer' },
  terms: countMap,
  termsByEntity: { type: 'array', items: exactObject({ entity: { type: 'string' }, name: { type: 'string' }, forms: countMap }) },
  labels: countMap,
  acts: { type: 'object', additionalProperties: countMap },
  sources: exactObject({ named: { type: 'integer' }, anonymous: { type: 'integer' }, anonymousShare: { type: ['number', 'null'] } }),
  exclusiveClaims: { type: 'integer' },
});

export const storyResponseSchema = {
  200: exactObject({
    id: { type: 'string' },
    title: { type: 'string' },
    articles: stringList,
    start: nullableString,
    end: nullableString,
    events: {
      type: 'array',
      items: exactObject({ id: { type: 'string' }, title: { type: 'string' }, articles: stringList, start: nullableString, end: nullableString }),
    },
    summary: stringList,
    summarySources: {
      type: 'array',
      items: exactObject({ text: { type: 'string' }, article: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, score: { type: 'number' } }),
    },
    timeline: {
      type: 'array',
      items: exactObject({
        date: { type: 'string' },
        type: { type: 'string' },
        place: nullableString,
        actors: stringList,
        targets: stringList,
        reports: { type: 'array', items: exactObject({ article: { type: 'string' }, outlet: nullableString, sentence: { type: 'string' } }) },
        outlets: { type: 'integer' },
        confidence: { type: 'number' },
        text: { type: 'string' },
        article: { type: 'string' },
        sources: { type: 'integer' },
      }),
    },
    entities: {
      type: 'array',
      items: exactObject({ id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, articles: { type: 'integer' }, mentions: { type: 'integer' } }),
    },
    places: {
      type: 'array',
      items: exactObject({
        entity: { type: 'string' },
        name: { type: 'string' },
        lat: { type: 'number' },
        lon: { type: 'number' },
        country: { type: 'string' },
        kind: { type: 'string' },
        articles: { type: 'integer' },
        mentions: { type: 'integer' },
      }),
    },
    claims: { type: 'array', items: storyClaimSchema },
    conflicts: { type: 'array', items: exactObject({ quantity: { type: 'string' }, figures: { type: 'array', items: figureSchema } }) },
    outlets: { type: 'array', items: outletProfileSchema },
    articleSummaries: { type: 'array', items: articleSummarySchema },
    graph: exactObject({
      nodes: {
        type: 'array',
        items: exactObject({ id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, mentions: { type: 'integer' } }),
      },
      edges: {
        type: 'array',
        items: exactObject({ source: { type: 'string' }, target: { type: 'string' }, weight: { type: 'integer' } }),
      },
    }),
  }),
  ...errorResponses,
} as const;

const entityListingProperties = {
  id: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string' },
  aliases: stringList,
  articles: { type: 'integer' },
  mentions: { type: 'integer' },
} as const;

export const entitiesResponseSchema = { 200: pageOf(exactObject(entityListingProperties)), ...errorResponses } as const;
export const entityResponseSchema = {
  200: exactObject({ ...entityListingProperties, merged: stringList, articleList: pageOf(articleSummarySchema) }),
  ...errorResponses,
} as const;

/** Places as a GeoJSON FeatureCollection of points ([lon, lat]). */
const placeFeatureCollectionSchema = exactObject({
  type: { type: 'string', enum: ['FeatureCollection'] },
  features: {
    type: 'array',
    items: exactObject({
      type: { type: 'string', enum: ['Feature'] },
      geometry: exactObject({
        type: { type: 'string', enum: ['Point'] },
        coordinates: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
      }),
      properties: exactObject({
        gazetteerId: { type: 'string' },
        name: { type: 'string' },
        gazetteerName: { type: 'string' },
        country: { type: 'string' },
        kind: { type: 'string' },
        entities: stringList,
        articles: { type: 'integer' },
        mentions: { type: 'integer' },
      }),
    }),
  },
});

export const placesResponseSchema = { 200: placeFeatureCollectionSchema, ...errorResponses } as const;

export const jobSchema = exactObject({
  id: { type: 'string' },
  status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
  input: { type: 'string' },
  createdAt: { type: 'string' },
  finishedAt: nullableString,
  done: { type: 'integer' },
  total: { type: ['integer', 'null'] },
  counts: exactObject({ new: { type: 'integer' }, unchanged: { type: 'integer' }, duplicate: { type: 'integer' }, failed: { type: 'integer' } }),
  articles: stringList,
  errors: { type: 'array', items: exactObject({ input: { type: 'string' }, reason: { type: 'string' } }) },
});

export const jobResponseSchema = { 200: jobSchema, 202: jobSchema, ...errorResponses } as const;
export const correctionsResponseSchema = { 200: exactObject({ items: { type: 'array', items: correctionSchema } }), ...errorResponses } as const;
export const correctionResponseSchema = { 201: correctionSchema, ...errorResponses } as const;
export const emptyResponseSchema = { 204: { type: 'null', description: 'no content' }, ...errorResponses } as const;
export const gazetteerResponseSchema = {
  200: exactObject({
    items: {
      type: 'array',
      items: exactObject({
        gazetteerId: { type: 'string' },
        name: { type: 'string' },
        lat: { type: 'number' },
        lon: { type: 'number' },
        country: { type: 'string' },
        admin1: { type: 'string' },
        kind: { type: 'string' },
        population: { type: 'number' },
      }),
    },
  }),
  ...errorResponses,
} as const;

/**
 * Exports stream text, which Fastify never passes through a serialiser; the
 * schemas document each line (JSON Lines: one article record per line) or
 * the document. Errors are JSON problem documents.
 */
const exported = (description: string, mediaType: string, schema: object) =>
  ({ 200: { description, content: { [mediaType]: { schema } } }, ...errorResponses }) as const;

export const articlesExportResponseSchema = exported('One article record per line (JSON Lines)', 'application/jsonl', articleRecordRef);
export const eventsExportResponseSchema = exported('ACLED-like CSV, one row per event', 'text/csv', { type: 'string' });
export const placesExportResponseSchema = exported('GeoJSON FeatureCollection', 'application/geo+json', placeFeatureCollectionSchema);
