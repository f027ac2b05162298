/**
 * The API over PostgreSQL answers as over SQLite: the same analysed articles
 * (the bundled examples and the seeds) put into one store of each, then every
 * read endpoint, the exports and a correction compared answer for answer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Doc } from '../core/doc.js';
import { readInputs } from '../ingest/index.js';
import { loadPipeline } from '../pipeline/index.js';
import { HAVE_SEEDS, SEEDS_DIR } from '../pipeline/seeds.fixture.js';
import { placeArticles } from '../stories/placement.js';
import { openStore } from '../store/index.js';
import { createTestDatabase, pgUnavailable, type TestDatabase } from '../store/pg-testing.js';
import type { Store } from '../store/store.js';
import { buildServer } from './server.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

interface Side {
  store: Store;
  app: FastifyInstance;
}

let database: TestDatabase;
let sqlite: Side;
let postgres: Side;

async function side(location: string, docs: readonly Doc[]): Promise<Side> {
  const store = await openStore(location);
  for (const doc of docs) await store.put(doc);
  await placeArticles(store);
  return { store, app: await buildServer(store) };
}

/** The body of a GET on both servers, after checking both answered 200. */
async function both(url: string): Promise<{ sqlite: string; postgres: string }> {
  const [a, b] = await Promise.all([sqlite.app.inject({ method: 'GET', url }), postgres.app.inject({ method: 'GET', url })]);
  assert.equal(a.statusCode, 200, `${url} on SQLite: ${a.body}`);
  assert.equal(b.statusCode, 200, `${url} on PostgreSQL: ${b.body}`);
  return { sqlite: comparable(a.body), postgres: comparable(b.body) };
}

/** The stores were filled one after the other: when each stored an article differs, and only that. */
const comparable = (body: string): string => body.replace(/"storedAt":"[^"]*"/g, '"storedAt":"…"');

const skip = (await pgUnavailable()) ?? undefined;

describe('the API over PostgreSQL answers as over SQLite', { skip }, () => {
  before(async () => {
    const pipeline = loadPipeline();
    const docs: Doc[] = [];
    for await (const item of readInputs(HAVE_SEEDS ? [EXAMPLES, SEEDS_DIR] : [EXAMPLES])) if (item.ok) docs.push(pipeline.analyze(item.raw));
    database = await createTestDatabase();
    sqlite = await side(':memory:', docs);
    postgres = await side(database.url, docs);
  });

  after(async () => {
    for (const s of [sqlite, postgres]) {
      await s?.app.close();
      await s?.store.close();
    }
    await database?.drop();
  });

  test('stories, articles, entities, places and the exports are the same', async () => {
    const stories = JSON.parse((await both('/api/stories')).sqlite) as { items: { id: string }[] };
    assert.ok(stories.items.length > 0);
    const articles = JSON.parse((await both('/api/articles?limit=100')).sqlite) as { items: { id: string }[] };
    const entities = JSON.parse((await both('/api/entities?limit=5')).sqlite) as { items: { id: string }[] };
    const urls = [
      '/api/stories',
      ...stories.items.map((s) => `/api/stories/${encodeURIComponent(s.id)}`),
      '/api/articles?limit=100',
      ...articles.items.map((a) => `/api/articles/${encodeURIComponent(a.id)}`),
      '/api/entities?limit=100',
      '/api/entities?q=isl',
      ...entities.items.map((e) => `/api/entities/${encodeURIComponent(e.id)}`),
      `/api/articles?entity=${encodeURIComponent(entities.items[0]!.id)}`,
      '/api/places',
      '/api/export/articles.jsonl',
      '/api/export/events.csv',
      '/api/export/places.geojson',
    ];
    for (const url of urls) {
      const { sqlite: a, postgres: b } = await both(url);
      assert.equal(b, a, url);
    }
  });

  test('search finds the same articles, highlights in each snippet', async () => {
    for (const q of ['Raqqa', 'Islamic State', '"Syrian Democratic Forces"', 'coalition civilians']) {
      const { sqlite: a, postgres: b } = await both(`/api/search?q=${encodeURIComponent(q)}&limit=50`);
      // The rankers differ (bm25, ts_rank): which articles match must agree, not their order.
      const found = (body: string) => {
        const page = JSON.parse(body) as { total: number; items: { id: string; snippet: { highlights: unknown[] } }[] };
        assert.ok(page.items.every((h) => h.snippet.highlights.length > 0), `${q}: a snippet without a highlight`);
        return { total: page.total, ids: page.items.map((h) => h.id).sort() };
      };
      assert.deepEqual(found(b), found(a), q);
    }
  });

  test('a correction changes both the same way', async () => {
    const entity = (JSON.parse((await both('/api/entities?limit=2')).sqlite) as { items: { id: string }[] }).items;
    const payload = { kind: 'merge-entities', from: entity[1]!.id, into: entity[0]!.id, note: 'test merge' };
    for (const s of [sqlite, postgres]) {
      const res = await s.app.inject({ method: 'POST', url: '/api/corrections', payload });
      assert.equal(res.statusCode, 201, res.body);
    }
    for (const url of ['/api/entities?limit=100', '/api/export/articles.jsonl', '/api/stories']) {
      const { sqlite: a, postgres: b } = await both(url);
      assert.equal(b, a, url);
    }
  });
});
