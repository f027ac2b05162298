/**
 * JSON Schemas of the HTTP API: request validation (query strings, path
 * parameters) and response serialisation.
 *
 * Response objects keep `additionalProperties: true` because the record
 * contract allows new fields: a field added to `ArticleRecord` later must reach
 * API clients without anyone remembering to edit this file. The listed
 * properties document the stable shape and give fast-json-stringify its types.
 */

/** Largest page any list or search request gets, whatever `limit` asks for. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;

const nullableString = { type: ['string', 'null'] } as const;
const stringList = { type: 'array', items: { type: 'string' } } as const;

const span = {
  type: 'object',
  required: ['start', 'end', 'text'],
  additionalProperties: true,
  properties: { start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } },
} as const;

const range = {
  type: 'object',
  required: ['start', 'end'],
  properties: { start: { type: 'integer' }, end: { type: 'integer' } },
} as const;

// ---------------------------------------------------------------------------
// Requests

const pagination = {
  limit: { type: 'integer', minimum: 1, default: DEFAULT_PAGE_SIZE },
  offset: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
} as const;

export const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pagination,
    outlet: { type: 'string', minLength: 1, maxLength: 200 },
  },
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
}
export interface SearchQuerystring extends PaginationQuery {
  q: string;
}
export interface ArticleParams {
  id: string;
}

// ---------------------------------------------------------------------------
// Responses

/** RFC 9457 problem details; `errors` lists what failed validation. */
export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  additionalProperties: true,
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { location: { type: 'string' }, pointer: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

const errorResponses = { '4xx': problemSchema, '5xx': problemSchema } as const;

const summaryProperties = {
  id: { type: 'string' },
  title: nullableString,
  outlet: nullableString,
  domain: nullableString,
  publishedAt: nullableString,
  input: { type: 'string' },
  words: { type: 'integer' },
} as const;

export const articleSummarySchema = {
  type: 'object',
  required: ['id', 'title', 'outlet', 'domain', 'publishedAt', 'input', 'words'],
  additionalProperties: true,
  properties: summaryProperties,
} as const;

export const searchHitSchema = {
  type: 'object',
  required: [...articleSummarySchema.required, 'score', 'snippet'],
  additionalProperties: true,
  properties: {
    ...summaryProperties,
    score: { type: 'number' },
    snippet: {
      type: 'object',
      required: ['text', 'highlights'],
      properties: { text: { type: 'string' }, highlights: { type: 'array', items: range } },
    },
  },
} as const;

function pageOf<T extends object>(item: T) {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    properties: {
      items: { type: 'array', items: item },
      total: { type: 'integer' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    },
  } as const;
}

const provenance = { source: { type: 'string' }, confidence: { type: 'number' } } as const;

const entitySchema = {
  type: 'object',
  required: ['id', 'name', 'type', 'aliases', 'mentions'],
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    type: { type: 'string' },
    aliases: stringList,
    mentions: { type: 'array', items: span },
    roles: stringList,
    confidence: { type: 'number' },
  },
} as const;

const placeSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    entity: { type: 'string' },
    name: { type: 'string' },
    gazetteerId: { type: 'string' },
    lat: { type: 'number' },
    lon: { type: 'number' },
    country: { type: 'string' },
    kind: { type: 'string' },
    gazetteerName: { type: 'string' },
    admin1: { type: 'string' },
    runnerUp: {
      type: ['object', 'null'],
      additionalProperties: true,
      properties: { gazetteerId: { type: 'string' }, name: { type: 'string' }, lat: { type: 'number' }, lon: { type: 'number' }, country: { type: 'string' }, confidence: { type: 'number' } },
    },
    evidence: stringList,
    ...provenance,
  },
} as const;

const geoFocusSchema = {
  type: ['object', 'null'],
  additionalProperties: true,
  properties: { country: { type: 'string' }, admin1: nullableString, confidence: { type: 'number' } },
} as const;

const dateSchema = {
  type: 'object',
  required: ['start', 'end', 'text', 'value', 'grain'],
  additionalProperties: true,
  properties: {
    start: { type: 'integer' },
    end: { type: 'integer' },
    text: { type: 'string' },
    value: nullableString,
    grain: { type: 'string' },
    confidence: { type: 'number' },
  },
} as const;

const quoteSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    start: { type: 'integer' },
    end: { type: 'integer' },
    text: { type: 'string' },
    direct: { type: 'boolean' },
    speaker: nullableString,
    speakerEntity: nullableString,
    anonymous: { type: 'boolean' },
    cue: nullableString,
    role: nullableString,
    speakerMention: { ...span, type: ['object', 'null'] },
    cueSpan: { ...span, type: ['object', 'null'] },
    via: stringList,
    ...provenance,
  },
} as const;

const quantitySchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    start: { type: 'integer' },
    end: { type: 'integer' },
    text: { type: 'string' },
    min: { type: ['number', 'null'] },
    max: { type: ['number', 'null'] },
    unit: { type: 'string' },
    of: nullableString,
  },
} as const;

const claimSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    text: { type: 'string' },
    speaker: nullableString,
    anonymous: { type: 'boolean' },
    quote: { type: ['integer', 'null'] },
    quantities: { type: 'array', items: quantitySchema },
    ...provenance,
  },
} as const;

const eventSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    type: { type: 'string' },
    date: nullableString,
    place: nullableString,
    actors: stringList,
    targets: stringList,
    // { killed: {min, max}, injured: … } or null: open-ended by design.
    casualties: {},
    sentence: range,
    ...provenance,
  },
} as const;

export const articleRecordSchema = {
  type: 'object',
  required: ['id', 'input', 'url', 'outlet', 'domain', 'title', 'byline', 'publishedAt', 'language', 'text'],
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    input: { type: 'string' },
    url: nullableString,
    outlet: nullableString,
    domain: nullableString,
    title: nullableString,
    byline: stringList,
    publishedAt: nullableString,
    language: nullableString,
    text: { type: 'string' },
    removed: {
      type: 'array',
      items: {
        type: 'object',
        required: ['text', 'reason'],
        additionalProperties: true,
        properties: { text: { type: 'string' }, reason: { type: 'string' } },
      },
    },
    entities: { type: 'array', items: entitySchema },
    places: { type: 'array', items: placeSchema },
    geoFocus: geoFocusSchema,
    dates: { type: 'array', items: dateSchema },
    quotes: { type: 'array', items: quoteSchema },
    claims: { type: 'array', items: claimSchema },
    events: { type: 'array', items: eventSchema },
  },
} as const;

/** The raw input without its content, which has its own endpoint (`/raw`). */
const rawInfoSchema = {
  type: 'object',
  required: ['input', 'kind', 'encoding', 'meta'],
  properties: {
    input: { type: 'string' },
    kind: { type: 'string' },
    encoding: nullableString,
    meta: { type: 'object', additionalProperties: true },
  },
} as const;

export const listResponseSchema = { 200: pageOf(articleSummarySchema), ...errorResponses } as const;
export const searchResponseSchema = { 200: pageOf(searchHitSchema), ...errorResponses } as const;

export const articleResponseSchema = {
  200: {
    type: 'object',
    required: ['record', 'raw', 'duplicates', 'storedAt'],
    properties: {
      record: articleRecordSchema,
      raw: rawInfoSchema,
      duplicates: {
        type: 'array',
        items: {
          type: 'object',
          required: ['input', 'similarity'],
          properties: { input: { type: 'string' }, similarity: { type: 'number' } },
        },
      },
      storedAt: { type: 'string' },
    },
  },
  ...errorResponses,
} as const;

/** The raw content is sent as text/plain, which Fastify never passes through a JSON serialiser. */
export const rawResponseSchema = { ...errorResponses } as const;

export const healthResponseSchema = {
  200: {
    type: 'object',
    required: ['status', 'articles', 'duplicates', 'raws'],
    properties: {
      status: { type: 'string', enum: ['ok'] },
      articles: { type: 'integer' },
      duplicates: { type: 'integer' },
      raws: { type: 'integer' },
    },
  },
  ...errorResponses,
} as const;
