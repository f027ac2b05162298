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

/** An object schema that lets new fields through (OpenAPI 3.0 wants `required` absent rather than empty). */
const looseObject = (properties: Record<string, unknown>, required: readonly string[] = []) =>
  ({ type: 'object', additionalProperties: true, ...(required.length > 0 ? { required } : {}), properties }) as const;

export const correctionSchema = looseObject(
  { id: { type: 'integer' }, kind: { type: 'string' }, createdAt: { type: 'string' }, note: nullableString },
  ['id', 'kind', 'createdAt', 'note'],
);

export const articleDetailExtra = {
  story: { type: ['object', 'null'], properties: { storyline: { type: 'string' }, event: { type: 'string' } } },
  corrections: { type: 'array', items: correctionSchema },
} as const;

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
      ...articleDetailExtra,
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

const storyListingSchema = looseObject(
  {
    id: { type: 'string' },
    title: { type: 'string' },
    articles: { type: 'integer' },
    start: nullableString,
    end: nullableString,
    outlets: stringList,
    activity: { type: 'array', items: looseObject({ day: { type: 'string' }, count: { type: 'integer' } }) },
    entities: { type: 'array', items: looseObject({ id: { type: 'string' }, name: { type: 'string' } }) },
    places: stringList,
  },
  ['id', 'title', 'articles', 'start', 'end', 'outlets', 'activity'],
);

export const storiesResponseSchema = { 200: pageOf(storyListingSchema), ...errorResponses } as const;

export const storyResponseSchema = {
  200: looseObject(
    {
      id: { type: 'string' },
      title: { type: 'string' },
      articles: stringList,
      start: nullableString,
      end: nullableString,
      events: { type: 'array', items: looseObject({}) },
      summary: stringList,
      summarySources: { type: 'array', items: looseObject({}) },
      timeline: { type: 'array', items: looseObject({}) },
      entities: { type: 'array', items: looseObject({}) },
      places: { type: 'array', items: looseObject({}) },
      claims: { type: 'array', items: looseObject({}) },
      conflicts: { type: 'array', items: looseObject({}) },
      outlets: { type: 'array', items: looseObject({}) },
      articleSummaries: { type: 'array', items: articleSummarySchema },
      graph: looseObject({ nodes: { type: 'array', items: looseObject({}) }, edges: { type: 'array', items: looseObject({}) } }),
    },
    ['id', 'title', 'articles', 'timeline', 'places', 'claims', 'outlets'],
  ),
  ...errorResponses,
} as const;

const ENTITY_LISTING_REQUIRED = ['id', 'name', 'type', 'aliases', 'articles', 'mentions'] as const;
const entityListingSchema = looseObject(
  {
    id: { type: 'string' },
    name: { type: 'string' },
    type: { type: 'string' },
    aliases: stringList,
    articles: { type: 'integer' },
    mentions: { type: 'integer' },
  },
  ENTITY_LISTING_REQUIRED,
);

export const entitiesResponseSchema = { 200: pageOf(entityListingSchema), ...errorResponses } as const;
export const entityResponseSchema = {
  200: looseObject(
    { ...entityListingSchema.properties, merged: stringList, articleList: pageOf(articleSummarySchema) },
    [...ENTITY_LISTING_REQUIRED, 'merged', 'articleList'],
  ),
  ...errorResponses,
} as const;

export const placesResponseSchema = {
  200: looseObject(
    {
      type: { type: 'string', enum: ['FeatureCollection'] },
      features: {
        type: 'array',
        items: looseObject({
          type: { type: 'string' },
          geometry: looseObject({ type: { type: 'string' }, coordinates: { type: 'array', items: { type: 'number' } } }),
          properties: looseObject({}),
        }),
      },
    },
    ['type', 'features'],
  ),
  ...errorResponses,
} as const;

export const jobSchema = looseObject(
  {
    id: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
    input: { type: 'string' },
    createdAt: { type: 'string' },
    finishedAt: nullableString,
    done: { type: 'integer' },
    total: { type: ['integer', 'null'] },
    counts: looseObject({ new: { type: 'integer' }, unchanged: { type: 'integer' }, duplicate: { type: 'integer' }, failed: { type: 'integer' } }),
    articles: stringList,
    errors: { type: 'array', items: looseObject({ input: { type: 'string' }, reason: { type: 'string' } }) },
  },
  ['id', 'status', 'input', 'createdAt', 'finishedAt', 'done', 'total', 'counts', 'articles', 'errors'],
);

export const jobResponseSchema = { 200: jobSchema, 202: jobSchema, ...errorResponses } as const;
export const correctionsResponseSchema = { 200: looseObject({ items: { type: 'array', items: correctionSchema } }, ['items']), ...errorResponses } as const;
export const correctionResponseSchema = { 201: correctionSchema, ...errorResponses } as const;
export const emptyResponseSchema = { 204: { type: 'null', description: 'no content' }, ...errorResponses } as const;
export const gazetteerResponseSchema = {
  200: looseObject(
    {
      items: {
        type: 'array',
        items: looseObject({
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
    },
    ['items'],
  ),
  ...errorResponses,
} as const;
/** Exports stream text (JSON Lines, CSV, GeoJSON); only errors are JSON. */
export const exportResponseSchema = { ...errorResponses } as const;
