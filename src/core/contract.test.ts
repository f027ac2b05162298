/**
 * One contract, three places that must agree with it: the records the
 * pipeline produces, CONTRACT.md, and the API's OpenAPI document. The record's
 * JSON Schema (./contract.ts) is the source; each test fails when one of the
 * others drifts from it, and the negative checks show that each would.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { readInputs } from '../ingest/index.js';
import { loadPipeline } from '../pipeline/index.js';
import { analysedSeeds, HAVE_SEEDS } from '../pipeline/seeds.fixture.js';
import { openStore } from '../store/index.js';
import { buildServer } from '../serve/server.js';
import { ARTICLE_RECORD_ID, ArticleRecordSchema } from './contract.js';
import { toRecord, type ArticleRecord } from './record.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const REPO_CONTRACT = fileURLToPath(new URL('../../CONTRACT.md', import.meta.url));
/** The steering copy, when it is checked out beside the repository. */
const SHARED_CONTRACT = fileURLToPath(new URL('../../../shared/CONTRACT.md', import.meta.url));

/**
 * Record fields that CONTRACT.md's `analyze --json` block does not show:
 * provenance, the extra detail of places and quotes, and the layers added
 * after the contract was written. Each is named in the repository's
 * CONTRACT.md, section "Fields beyond this contract", and described in
 * ./contract.ts (and /openapi.json). A new field goes into the schema, this
 * list and that section, or into the contract's block itself.
 */
const DOCUMENTED_ELSEWHERE = [
  // Entities: titles written next to a name, and how sure the recogniser is.
  'entities[].roles',
  'entities[].confidence',
  // Places: the gazetteer's own name and region, the next-best record, why this one, and who chose it.
  'places[].gazetteerName',
  'places[].admin1',
  'places[].runnerUp',
  'places[].runnerUp.gazetteerId',
  'places[].runnerUp.name',
  'places[].runnerUp.lat',
  'places[].runnerUp.lon',
  'places[].runnerUp.country',
  'places[].runnerUp.confidence',
  'places[].evidence',
  'places[].source',
  // The country (and region) the article is about.
  'geoFocus',
  'geoFocus.country',
  'geoFocus.admin1',
  'geoFocus.confidence',
  'dates[].confidence',
  // Quotes: where the speaker and the cue are written, the speaker's role, who relayed the words.
  'quotes[].speakerMention',
  'quotes[].speakerMention.start',
  'quotes[].speakerMention.end',
  'quotes[].speakerMention.text',
  'quotes[].role',
  'quotes[].cueSpan',
  'quotes[].cueSpan.start',
  'quotes[].cueSpan.end',
  'quotes[].cueSpan.text',
  'quotes[].via',
  'quotes[].confidence',
  'quotes[].source',
  'claims[].source',
  'claims[].confidence',
  // How a figure is bounded ("more than", "about") and the counted noun of a casualty figure.
  'claims[].quantities[].qualifier',
  'claims[].quantities[].approximate',
  'claims[].quantities[].noun',
  // Casualties by kind (the contract's block shows only `null`; its comment names them).
  'events[].casualties.killed',
  'events[].casualties.killed.min',
  'events[].casualties.killed.max',
  'events[].casualties.wounded',
  'events[].casualties.wounded.min',
  'events[].casualties.wounded.max',
  // The outlet's own word for the act.
  'events[].trigger',
  'events[].trigger.start',
  'events[].trigger.end',
  'events[].trigger.text',
  'events[].source',
] as const;

// ---------------------------------------------------------------------------
// Helpers

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/** A value as JSON text would give it back: TypeBox's symbol-keyed annotations dropped, nothing readonly. */
const plain = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

const isObjectSchema = (s: SchemaNode) => s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'));
const isArraySchema = (s: SchemaNode) => s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'));

/** Every property path of a schema: `places[].runnerUp.lat`. */
function schemaPaths(schema: SchemaNode, prefix = ''): string[] {
  if (isArraySchema(schema) && schema.items) return schemaPaths(schema.items, `${prefix}[]`);
  if (!isObjectSchema(schema) || !schema.properties) return [];
  return Object.entries(schema.properties).flatMap(([key, sub]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...schemaPaths(sub, path)];
  });
}

/** Every key path of a JSON value, arrays as `[]`. */
function valuePaths(value: Json, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuePaths(v, `${prefix}[]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, sub]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...valuePaths(sub, path)];
  });
}

/** jsonc without its `//` comments (a `//` inside a string, as in a URL, is kept). */
function stripComments(jsonc: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < jsonc.length; i++) {
    const c = jsonc[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += jsonc[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && jsonc[i + 1] === '/') {
      while (i < jsonc.length && jsonc[i] !== '\n') i++;
      out += '\n';
    } else out += c;
  }
  return out;
}

/** The example record of CONTRACT.md: the first jsonc block of the `analyze --json` section. */
function contractExample(markdown: string): Json {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('`newsgraph analyze'));
  assert.ok(section, 'CONTRACT.md has a section for `newsgraph analyze … --json`');
  const block = /```jsonc\n([\s\S]*?)\n```/.exec(section);
  assert.ok(block, 'that section has a jsonc block');
  return JSON.parse(stripComments(block[1]!)) as Json;
}

/** The section of the repository's CONTRACT.md that names the fields its block does not show. */
function beyondSection(markdown: string): string {
  return markdown.split(/^## /m).find((s) => s.startsWith('Fields beyond this contract')) ?? '';
}

/**
 * How CONTRACT.md and the schema disagree: fields the contract shows that the
 * schema lacks, schema fields neither shown nor listed as documented
 * elsewhere, and listed extras the schema no longer has.
 */
function contractDrift(markdown: string, schema: SchemaNode, extras: readonly string[]): string[] {
  const inSchema = new Set(schemaPaths(schema));
  const inContract = new Set(valuePaths(contractExample(markdown)));
  const listed = new Set(extras);
  return [
    ...[...inContract].filter((p) => !inSchema.has(p)).map((p) => `CONTRACT.md shows ${p}, the schema has no such field`),
    ...[...inSchema].filter((p) => !inContract.has(p) && !listed.has(p)).map((p) => `the schema has ${p}, neither CONTRACT.md nor the extras name it`),
    ...[...listed].filter((p) => !inSchema.has(p)).map((p) => `${p} is listed as an extra, the schema has no such field`),
    ...[...listed].filter((p) => inContract.has(p)).map((p) => `${p} is listed as an extra but CONTRACT.md shows it`),
  ];
}

/** Where a value's keys are out of the schema's order (the API serialises in schema order). */
function keyOrderDrift(value: Json, schema: SchemaNode, path = '$'): string[] {
  if (Array.isArray(value)) return schema.items ? value.flatMap((v, i) => keyOrderDrift(v, schema.items!, `${path}[${i}]`)) : [];
  if (value === null || typeof value !== 'object' || !schema.properties) return [];
  const keys = Object.keys(value);
  const expected = Object.keys(schema.properties).filter((k) => k in value);
  const here = keys.join(',') === expected.join(',') ? [] : [`${path}: keys ${keys.join(',')}, schema order ${expected.join(',')}`];
  return [...here, ...keys.flatMap((k) => (schema.properties![k] ? keyOrderDrift(value[k]!, schema.properties![k]!, `${path}.${k}`) : []))];
}

function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`).join('\n');
}

// ---------------------------------------------------------------------------

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile<ArticleRecord>(plain(ArticleRecordSchema) as object);
const schema = plain(ArticleRecordSchema) as SchemaNode;

let records: { input: string; record: ArticleRecord }[] = [];

before(async () => {
  const seeds = analysedSeeds().map((doc) => ({ input: doc.raw.input, record: toRecord(doc) }));
  const examples: { input: string; record: ArticleRecord }[] = [];
  for await (const item of readInputs([EXAMPLES])) if (item.ok) examples.push({ input: item.raw.input, record: toRecord(loadPipeline().analyze(item.raw)) });
  assert.ok(examples.length >= 4, `the examples give ${examples.length} records`);
  records = [...seeds, ...examples];
});

describe('the records', () => {
  test('every record of the seeds and the examples validates against the schema', () => {
    if (HAVE_SEEDS) assert.ok(records.length >= 9, `${records.length} records`);
    for (const { input, record } of records) {
      // As written to stdout: JSON, not the objects in memory.
      assert.ok(validate(plain(record)), `${input}:\n${errorsOf(validate)}`);
    }
  });

  test("the records' keys come in the schema's order, so the API's JSON and the CLI's agree key for key", () => {
    for (const { input, record } of records) assert.deepEqual(keyOrderDrift(plain(record), schema), [], input);
  });

  test('between them the records use every field the schema lists', () => {
    const seen = new Set(records.flatMap(({ record }) => valuePaths(plain(record))));
    // Fields the seeds and examples happen not to produce; the schema still describes them.
    const rare = new Set(['events[].casualties.wounded', 'events[].casualties.wounded.min', 'events[].casualties.wounded.max']);
    if (!HAVE_SEEDS) return;
    assert.deepEqual(schemaPaths(schema).filter((p) => !seen.has(p) && !rare.has(p)), []);
  });

  test('a record that drifts from the schema is rejected', () => {
    const base = records.find(({ record }) => record.places.length > 0 && record.quotes.length > 0 && record.events.length > 0);
    assert.ok(base, 'a record with places, quotes and events');
    type Item = Record<string, unknown>;
    type Copy = Item & { places: Item[]; entities: Item[]; dates: Item[]; quotes: Item[]; events: (Item & { sentence: Item })[] };
    const mutations: [string, (r: Copy) => void][] = [
      ['an unknown top-level field', (r) => void (r.sentiment = 0.3)],
      ['an unknown field in a place', (r) => void (r.places[0]!.population = 100)],
      ['an entity type outside the closed set', (r) => void (r.entities[0]!.type = 'ANIMAL')],
      ['a date grain outside the closed set', (r) => void r.dates.push({ start: 0, end: 1, text: 'x', value: null, grain: 'week', confidence: 1 })],
      ['a required field missing', (r) => void delete r.geoFocus],
      ['a non-nullable field null', (r) => void (r.quotes[0]!.direct = null)],
      ['an unknown casualty kind', (r) => void (r.events[0]!.casualties = { displaced: { min: 1, max: 1 } })],
      ['a negative offset', (r) => void (r.events[0]!.sentence.start = -1)],
    ];
    for (const [what, mutate] of mutations) {
      const copy = plain(base.record) as unknown as Copy;
      assert.ok(validate(copy), 'the copy validates before it is changed');
      mutate(copy);
      assert.equal(validate(copy), false, `${what} is rejected`);
    }
    const { id, ...rest } = plain(base.record) as { [key: string]: Json };
    assert.notDeepEqual(keyOrderDrift({ ...rest, id: id! }, schema), [], 'keys out of order are noticed');
  });
});

describe('CONTRACT.md', () => {
  const copies = [REPO_CONTRACT, ...(existsSync(SHARED_CONTRACT) ? [SHARED_CONTRACT] : [])];

  for (const path of copies) {
    test(`every field of the analyze --json block is in the schema, and every schema field is there or documented elsewhere (${path.includes('/shared/') ? 'shared copy' : 'repository'})`, () => {
      assert.deepEqual(contractDrift(readFileSync(path, 'utf8'), schema, DOCUMENTED_ELSEWHERE), []);
    });
  }

  test('the repository copy names each field beyond the block in "Fields beyond this contract"', () => {
    const section = beyondSection(readFileSync(REPO_CONTRACT, 'utf8'));
    assert.ok(section.length > 0, 'CONTRACT.md has a "Fields beyond this contract" section');
    const named = new Set([...section.matchAll(/`([A-Za-z0-9[\].]+)`/g)].map((m) => m[1]!));
    assert.deepEqual(DOCUMENTED_ELSEWHERE.filter((p) => !named.has(p)), [], 'named in the section');
  });

  test('a contract that shows a field the records lack, or a schema field nobody documents, is noticed', () => {
    const text = readFileSync(REPO_CONTRACT, 'utf8');
    const withSentiment = text.replace('"language": "en",', '"language": "en", "sentiment": 0.1,');
    assert.notEqual(withSentiment, text);
    assert.deepEqual(contractDrift(withSentiment, schema, DOCUMENTED_ELSEWHERE), ['CONTRACT.md shows sentiment, the schema has no such field']);
    const renamed = text.replace('"cue": "said"', '"cueWord": "said"');
    assert.notEqual(renamed, text);
    assert.deepEqual(contractDrift(renamed, schema, DOCUMENTED_ELSEWHERE), [
      'CONTRACT.md shows quotes[].cueWord, the schema has no such field',
      'the schema has quotes[].cue, neither CONTRACT.md nor the extras name it',
    ]);
    assert.deepEqual(contractDrift(text, schema, [...DOCUMENTED_ELSEWHERE, 'events[].severity']), ['events[].severity is listed as an extra, the schema has no such field']);
    // A URL's `//` inside a string is not a comment.
    assert.deepEqual(JSON.parse(stripComments('{ "url": "http://x.example/a" } // note')), { url: 'http://x.example/a' });
  });
});

describe('the OpenAPI document', () => {
  let openapi: {
    openapi: string;
    components: { schemas: Record<string, unknown> };
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  };

  before(async () => {
    const store = await openStore(':memory:');
    const app = await buildServer(store);
    try {
      const res = await app.inject({ url: '/openapi.json' });
      assert.equal(res.statusCode, 200);
      openapi = res.json();
    } finally {
      await app.close();
      await store.close();
    }
  });

  test('its ArticleRecord component is the contract schema, as it is', () => {
    assert.match(openapi.openapi, /^3\.1\./, 'OpenAPI 3.1: schemas are JSON Schema, nothing is rewritten');
    // OpenAPI components carry no `$id`: the component's name is the id.
    const { $id, ...expected } = plain(ArticleRecordSchema) as { [key: string]: Json };
    assert.equal($id, ARTICLE_RECORD_ID);
    assert.deepStrictEqual(openapi.components.schemas[ARTICLE_RECORD_ID], expected);
    const changed = structuredClone(expected) as { properties: { [key: string]: Json } };
    delete changed.properties.geoFocus;
    assert.notDeepStrictEqual(openapi.components.schemas[ARTICLE_RECORD_ID], changed, 'a changed schema would be noticed');
  });

  test('the routes that answer with records refer to that component', () => {
    const ref = { $ref: `#/components/schemas/${ARTICLE_RECORD_ID}` };
    const detail = openapi.paths['/api/articles/{id}']?.get?.responses['200']?.content?.['application/json']?.schema as { properties: { record: unknown } };
    assert.deepStrictEqual(detail.properties.record, ref);
    const exported = openapi.paths['/api/export/articles.jsonl']?.get?.responses['200']?.content?.['application/jsonl']?.schema;
    assert.deepStrictEqual(exported, ref);
  });
});
