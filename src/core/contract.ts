/**
 * The article record's contract, written once: the JSON Schema of what
 * `toRecord` produces (`newsgraph analyze --json`, the API's article record,
 * the JSON Lines export), and the TypeScript types derived from it.
 *
 * Why TypeBox: it builds plain JSON Schema objects and infers the static type
 * of each (`Static<>`), so the schema and the type cannot drift apart. Fastify
 * takes JSON Schema natively (fast-json-stringify serialises responses from
 * it, @fastify/swagger turns it into /openapi.json), so the very object below
 * is used there as it is; zod would need a generator step to get there.
 *
 * The schema is exact and closed: every object lists every property the
 * pipeline writes, in the order it writes them (the API serialises in schema
 * order, so its JSON and the CLI's agree key for key), and
 * `additionalProperties: false` everywhere. A new field is added here first;
 * src/core/contract.test.ts fails when the records, this schema,
 * CONTRACT.md and the OpenAPI document disagree.
 *
 * Nullable values are written as `type: [T, 'null']` (not `anyOf`), which
 * Ajv, fast-json-stringify and OpenAPI 3.1 all read directly.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

// ---------------------------------------------------------------------------
// Helpers

/** `T | null` as `type: [T, 'null']`. */
function Nullable<T extends TSchema & { type: string }>(schema: T, options: { description?: string } = {}) {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'], ...options });
}

/** A closed set of strings as `{ type: 'string', enum }` (TypeBox's own unions would be `anyOf` of `const`s). */
function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** Every object of the contract is closed. */
const closed = { additionalProperties: false } as const;

/** Values of a readonly document: what the pipeline hands over is never mutated. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

// ---------------------------------------------------------------------------
// Closed sets

export const ENTITY_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT'] as const;
export const TIME_GRAINS = ['instant', 'day', 'month', 'year', 'range'] as const;
/** The gazetteer's feature kinds (src/geo/gazetteer.ts PLACE_KINDS). */
export const PLACE_KINDS = ['country', 'admin1', 'admin2', 'city', 'continent', 'region', 'sea', 'river', 'site', 'crossing'] as const;
/** How the wording bounds a figure: gt/lt exclusive, gte/lte inclusive, approx about. */
export const QUANTITY_QUALIFIERS = ['gt', 'gte', 'lt', 'lte', 'approx'] as const;

export const EntityTypeSchema = StringEnum(ENTITY_TYPES);
export const TimeGrainSchema = StringEnum(TIME_GRAINS);
export const PlaceKindSchema = StringEnum(PLACE_KINDS);

// ---------------------------------------------------------------------------
// Shared shapes

const offset = (description: string) => Type.Integer({ minimum: 0, description });
const confidence = Type.Number({ minimum: 0, maximum: 1, description: '0..1' });
const source = Type.String({ description: 'Name of the rule, gate, library or model that produced the value.' });
const lat = Type.Number({ minimum: -90, maximum: 90 });
const lon = Type.Number({ minimum: -180, maximum: 180 });

/** A view onto the cleaned text: `text.slice(start, end) === span.text` (UTF-16 offsets, `end` exclusive). */
export const SpanSchema = Type.Object(
  {
    start: offset('UTF-16 offset into the cleaned text'),
    end: offset('UTF-16 offset, exclusive'),
    text: Type.String({ description: 'text.slice(start, end)' }),
  },
  closed,
);

/** Offsets without the words: where a sentence lies. */
export const RangeSchema = Type.Object({ start: offset('UTF-16 offset into the cleaned text'), end: offset('UTF-16 offset, exclusive') }, closed);

// ---------------------------------------------------------------------------
// The record's parts

export const RemovedSchema = Type.Object(
  {
    text: Type.String(),
    reason: Type.String({
      description: "Reason code: 'chrome', 'share', 'tags', 'caption', 'credit', 'related', 'banner', 'byline', 'dateline', 'header', 'title', 'boilerplate', …",
    }),
  },
  { ...closed, description: 'Something cleaning dropped from the body, and why.' },
);

export const EntitySchema = Type.Object(
  {
    id: Type.String({ description: 'Slug of the canonical name, unique within the article.' }),
    name: Type.String(),
    type: EntityTypeSchema,
    aliases: Type.Array(Type.String(), { description: 'Surface forms seen in this article.' }),
    mentions: Type.Array(SpanSchema),
    roles: Type.Array(Type.String(), {
      description: 'Titles and roles written next to a person\'s name ("Iraqi Prime Minister", "YPG spokesman"), kept out of the name.',
    }),
    confidence,
  },
  { ...closed, description: 'One distinct real-world entity of the article.' },
);

export const RunnerUpSchema = Type.Object(
  { gazetteerId: Type.String(), name: Type.String(), lat, lon, country: Type.String(), confidence },
  closed,
);

export const PlaceSchema = Type.Object(
  {
    entity: Type.String({ description: 'The entity id this place resolves; its mentions are the entity\'s.' }),
    name: Type.String(),
    gazetteerId: Type.String({ description: "'geonames:…'" }),
    gazetteerName: Type.String({ description: 'The gazetteer\'s own name of the record ("Ar Raqqah" for "Raqqa").' }),
    lat,
    lon,
    country: Type.String({ description: "ISO 3166-1 alpha-2, '' for places in no country (seas, continents)." }),
    admin1: Type.String({ description: "First-level region code ('SY.04'), '' when none." }),
    kind: PlaceKindSchema,
    runnerUp: Nullable(RunnerUpSchema, { description: 'The next-best record when it kept a real share of the probability.' }),
    evidence: Type.Array(Type.String(), {
      description:
        'Which evidence favoured the choice: name, alternate-name, fuzzy-name, demonym, country, region, containment, nearby, type-word, dateline; user-correction for a fixed place; within (alone) for a place the gazetteer lacks, placed at the record of the city or region the text puts it in.',
    }),
    source,
    confidence,
  },
  { ...closed, description: 'A place entity resolved to a gazetteer record.' },
);

export const GeoFocusSchema = Type.Object(
  { country: Type.String(), admin1: Nullable(Type.String()), confidence },
  { ...closed, description: 'The country (and first-level region) the article is about, from its places, demonyms and dateline.' },
);

export const DateSchema = Type.Object(
  {
    ...SpanSchema.properties,
    value: Nullable(Type.String(), { description: 'ISO value; `start/end` for a range. Null when relative and no anchor is known.' }),
    grain: TimeGrainSchema,
    confidence,
  },
  { ...closed, description: 'A time expression, normalised against publishedAt when relative.' },
);

export const QuoteSchema = Type.Object(
  {
    ...SpanSchema.properties,
    direct: Type.Boolean({ description: 'False for reported speech ("X said that …").' }),
    speaker: Nullable(Type.String(), { description: 'Canonical name of the person or body, or the description of an unnamed source.' }),
    speakerEntity: Nullable(Type.String(), { description: 'Entity id, null if unnamed.' }),
    speakerMention: Nullable(SpanSchema, { description: 'The words that name the speaker here (the name, a pronoun, "the spokesman"), if any.' }),
    role: Nullable(Type.String(), { description: 'The speaker\'s title and affiliation as written ("YPG spokesman"), if any.' }),
    anonymous: Type.Boolean(),
    cue: Nullable(Type.String(), { description: 'The verb or phrase that introduces the statement ("said", "according to").' }),
    cueSpan: Nullable(SpanSchema),
    via: Type.Array(Type.String(), {
      description: 'Who relayed it, nearest first ("as quoted by Iraqi state television", "as reported by Reuters").',
    }),
    confidence,
    source,
  },
  {
    ...closed,
    description:
      'A quotation or reported statement. The span is the content: the words inside the quote marks for a direct quote, the reported clause for indirect speech.',
  },
);

export const QuantitySchema = Type.Object(
  {
    ...SpanSchema.properties,
    min: Nullable(Type.Number()),
    max: Nullable(Type.Number()),
    unit: Type.String({ description: 'What is counted ("fighters", "killed", "USD", "percent").' }),
    of: Nullable(Type.String({ description: 'Entity id of the owner ("Daesh fighters"), if named.' })),
    qualifier: Type.Optional(StringEnum(QUANTITY_QUALIFIERS, { description: 'The bound the wording set: gt/lt exclusive, gte/lte inclusive, approx about.' })),
    approximate: Type.Optional(Type.Boolean({ description: 'Present (true) for an estimate: "about", "nearly", "dozens", "two or three".' })),
    noun: Type.Optional(Type.String({ description: 'The counted noun when the unit is a state or a currency ("people" in "16 people killed").' })),
  },
  closed,
);

export const ClaimSchema = Type.Object(
  {
    text: Type.String(),
    speaker: Nullable(Type.String()),
    anonymous: Type.Boolean(),
    quote: Nullable(Type.Integer({ minimum: 0 }), { description: "Index into quotes, null for the outlet's own statement." }),
    quantities: Type.Array(QuantitySchema),
    source,
    confidence,
  },
  { ...closed, description: 'A quote or attributed statement, or a figure the outlet states itself.' },
);

export const CasualtyRangeSchema = Type.Object({ min: Nullable(Type.Number()), max: Nullable(Type.Number()) }, closed);

export const CasualtiesSchema = Type.Object(
  { killed: Type.Optional(CasualtyRangeSchema), wounded: Type.Optional(CasualtyRangeSchema) },
  { ...closed, description: 'Casualty counts stated in the sentence, by kind (src/events/data/cues.json).' },
);

export const EventSchema = Type.Object(
  {
    type: Type.String({ description: 'Event type of the taxonomy (src/events/data): territory-captured, airstrike, armed-clash, …' }),
    date: Nullable(Type.String()),
    place: Nullable(Type.String({ description: 'Entity id of the place.' })),
    actors: Type.Array(Type.String({ description: 'Entity id' })),
    targets: Type.Array(Type.String({ description: 'Entity id' })),
    casualties: Nullable(CasualtiesSchema),
    sentence: RangeSchema,
    trigger: Type.Optional(
      Type.Object(SpanSchema.properties, { ...closed, description: 'The words that name the act ("seized", "pulled out of"): the outlet\'s own word for it.' }),
    ),
    source,
    confidence,
  },
  { ...closed, description: 'Who did what to whom, where, when.' },
);

/** The `$id` the record schema is registered under in Fastify, and its name in /openapi.json's components. */
export const ARTICLE_RECORD_ID = 'ArticleRecord';

export const ArticleRecordSchema = Type.Object(
  {
    id: Type.String({ description: 'Stable: same input bytes, same id.' }),
    input: Type.String({ description: 'Path or URL as given.' }),
    url: Nullable(Type.String(), { description: 'Canonical URL if known.' }),
    outlet: Nullable(Type.String(), { description: 'Publisher name if known.' }),
    domain: Nullable(Type.String(), { description: 'Registrable domain if known.' }),
    title: Nullable(Type.String(), { description: 'Best title; derived from the URL slug if the text has none.' }),
    byline: Type.Array(Type.String(), { description: 'Authors and agencies credited.' }),
    publishedAt: Nullable(Type.String(), { description: 'ISO-8601; null when unknown, never a crawl date.' }),
    language: Nullable(Type.String(), { description: 'ISO 639-1' }),
    text: Type.String({ description: 'Cleaned body; every span points into it.' }),
    removed: Type.Array(RemovedSchema),
    entities: Type.Array(EntitySchema),
    places: Type.Array(PlaceSchema),
    geoFocus: Nullable(GeoFocusSchema),
    dates: Type.Array(DateSchema),
    quotes: Type.Array(QuoteSchema),
    claims: Type.Array(ClaimSchema),
    events: Type.Array(EventSchema),
  },
  { ...closed, $id: ARTICLE_RECORD_ID, description: 'The article record of CONTRACT.md (`newsgraph analyze --json`).' },
);

// ---------------------------------------------------------------------------
// Types

type Of<T extends TSchema> = DeepReadonly<Static<T>>;

export type EntityType = Static<typeof EntityTypeSchema>;
export type TimeGrain = Static<typeof TimeGrainSchema>;
export type PlaceKind = Static<typeof PlaceKindSchema>;
export type Span = Of<typeof SpanSchema>;
export type Range = Of<typeof RangeSchema>;
export type RecordRemoved = Of<typeof RemovedSchema>;
export type RecordEntity = Of<typeof EntitySchema>;
export type Place = Of<typeof PlaceSchema>;
export type GeoFocus = Of<typeof GeoFocusSchema>;
export type RecordDate = Of<typeof DateSchema>;
export type Quote = Of<typeof QuoteSchema>;
export type Quantity = Of<typeof QuantitySchema>;
export type Claim = Of<typeof ClaimSchema>;
export type Casualties = Of<typeof CasualtiesSchema>;
export type NewsEvent = Of<typeof EventSchema>;
export type ArticleRecord = Of<typeof ArticleRecordSchema>;
