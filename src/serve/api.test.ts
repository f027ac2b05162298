/**
 * The API over a store filled by the real pipeline from the bundled examples
 * (the five seed articles about Mosul and Raqqa among them): OpenAPI, stories,
 * filters, entities, places, ingestion jobs, corrections and exports.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { readInputs } from '../ingest/index.js';
import { loadPipeline, PIPELINE_VERSION } from '../pipeline/index.js';
import { HAVE_SEEDS, SEEDS_DIR } from '../pipeline/seeds.fixture.js';
import { placeArticles } from '../stories/placement.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import type { ArticleDetail, EntityDetail, Job, Page, PlaceFeatureCollection, StoryDetail, StorySummary } from './api.js';
import { buildServer } from './server.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
/** Most checks look at the story the five seed articles (../shared/seeds) form. */
const needsSeeds = !HAVE_SEEDS && 'seeds not present (../shared/seeds)';

let dir: string;
let store: Store;
let app: FastifyInstance;

/**
 * Response schemas are closed and fast-json-stringify drops what they do not
 * list: every JSON answer is compared with what its route returned, so a
 * field missing from a schema fails here instead of vanishing from the API.
 */
const returned = new Map<string, unknown>();
const dropped: string[] = [];
let compared = 0;

function watchSerialisation(server: FastifyInstance): void {
  server.addHook('preSerialization', async (request, _reply, payload) => {
    returned.set(request.id, JSON.parse(JSON.stringify(payload)));
    return payload;
  });
  server.addHook('onSend', async (request, _reply, payload) => {
    if (!returned.has(request.id) || typeof payload !== 'string') return payload;
    compared++;
    try {
      assert.deepStrictEqual(JSON.parse(payload), returned.get(request.id));
    } catch (err) {
      dropped.push(`${request.method} ${request.url}: ${(err as Error).message.slice(0, 2000)}`);
    }
    returned.delete(request.id);
    return payload;
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsgraph-api-'));
  store = await openStore(join(dir, 'api.db'));
  await store.migrate();
  for await (const item of readInputs(HAVE_SEEDS ? [EXAMPLES, SEEDS_DIR] : [EXAMPLES])) if (item.ok) await store.put(loadPipeline().analyze(item.raw));
  await placeArticles(store);
  app = await buildServer(store);
  watchSerialisation(app);
});

after(async () => {
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: 'GET', url });
const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });

function ok<T>(res: LightMyRequestResponse, status = 200): T {
  assert.equal(res.statusCode, status, res.body);
  return res.json() as T;
}

function problem(res: LightMyRequestResponse, status: number): { detail: string; status: number } {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  return res.json();
}

async function waitForJob(id: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const job = ok<Job>(await get(`/api/jobs/${id}`));
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

/** "get /api/articles/{id}" for every route, from Fastify's printed route tree (4 characters per level). */
function routeList(server: FastifyInstance): string[] {
  const paths: string[] = [];
  const out: string[] = [];
  for (const line of server.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[├└]── (\S+) \(([^)]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = `${paths[depth - 1] ?? ''}${m[2]!}`.replace(/\/{2,}/g, '/');
    paths[depth] = path;
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD') out.push(`${method.toLowerCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return out;
}

async function raqqaStory(): Promise<StoryDetail> {
  const stories = ok<Page<StorySummary>>(await get('/api/stories?q=raqqa%20mosul'));
  const biggest = [...stories.items].sort((a, b) => b.articles - a.articles)[0];
  assert.ok(biggest, 'a story about Raqqa and Mosul');
  return ok<StoryDetail>(await get(`/api/stories/${biggest.id}`));
}

describe('OpenAPI', () => {
  test('/openapi.json is a valid OpenAPI 3 document that lists every API route', async () => {
    const doc = ok<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(await get('/openapi.json'));
    assert.match(doc.openapi, /^3\./);
    await SwaggerParser.validate(structuredClone(doc) as never);
    const routes = routeList(app).filter((r) => / \/api\//.test(r));
    assert.ok(routes.length >= 15, `found ${routes.length} API routes`);
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      assert.ok(doc.paths[path]?.[method], `${route} is in the OpenAPI document`);
    }
  });

  test('/docs serves the browsable API documentation', async () => {
    const res = await app.inject({ url: '/docs/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /swagger/i);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
  });
});

describe('stories', { skip: needsSeeds }, () => {
  test('the Raqqa storyline has the seed articles, their places, a timeline, claims and outlets', async () => {
    const story = await raqqaStory();
    assert.ok(story.articles.length >= 5);
    const places = story.places.map((p) => p.name).join(' | ');
    for (const name of [/Raqqa/, /Mosul/, /Deir/, /Mayadin/]) assert.match(places, name);
    assert.ok(story.timeline.length > 0);
    assert.ok(story.claims.length > 0);
    assert.ok(story.outlets.length >= 3);
    assert.equal(story.articleSummaries.length, story.articles.length);
    assert.ok(story.graph.nodes.some((n) => n.id === 'islamic-state'));
    assert.ok(story.graph.edges.length > 0);
  });

  test('the list gives activity, outlets and paging; unknown stories are 404 problems', async () => {
    const all = ok<Page<StorySummary>>(await get('/api/stories?limit=2'));
    assert.equal(all.items.length, 2);
    assert.ok(all.total > 2);
    for (const s of all.items) assert.ok(s.outlets.length >= 1 && s.title.length > 0);
    problem(await get('/api/stories/no-such-story'), 404);
    problem(await get('/api/stories?limit=0'), 400);
  });
});

describe('articles', { skip: needsSeeds }, () => {
  test('filter by entity, place, storyline and publication day', async () => {
    const story = await raqqaStory();
    const byEntity = ok<Page<{ id: string }>>(await get('/api/articles?entity=islamic-state&limit=200'));
    assert.ok(byEntity.total >= 5);
    const raqqa = ok<PlaceFeatureCollection>(await get(`/api/places?story=${story.id}`)).features.find((f) => /Raqqa/.test(f.properties.name));
    assert.ok(raqqa);
    const byPlace = ok<Page<{ id: string }>>(await get(`/api/articles?place=${encodeURIComponent(raqqa.properties.gazetteerId)}&limit=200`));
    assert.ok(byPlace.total >= 5);
    const byStory = ok<Page<{ id: string }>>(await get(`/api/articles?story=${story.id}&limit=200`));
    assert.deepEqual(new Set(byStory.items.map((a) => a.id)), new Set(story.articles));
    const recent = ok<Page<{ publishedAt: string }>>(await get('/api/articles?from=2024-01-01&to=2024-12-31&limit=200'));
    assert.ok(recent.total > 0);
    for (const a of recent.items) assert.match(a.publishedAt, /^2024-/);
    problem(await get('/api/articles?from=last-week'), 400);
  });

  test('one article carries its story and its annotations', async () => {
    const story = await raqqaStory();
    const detail = ok<ArticleDetail>(await get(`/api/articles/${story.articles[0]}`));
    assert.equal(detail.story?.storyline, story.id);
    assert.ok(detail.record.entities.length > 0);
    for (const e of detail.record.entities) for (const m of e.mentions) assert.equal(detail.record.text.slice(m.start, m.end), m.text);
  });

  test("a sentence's parse on request: words with spans in the text, tags, one root, heads inside the sentence", async () => {
    const story = await raqqaStory();
    const id = story.articles[0]!;
    const text = ok<ArticleDetail>(await get(`/api/articles/${id}`)).record.text;
    const parse = ok<{ sentences: number; sentence: number; start: number; end: number; text: string; words: { form: string; start: number; end: number; upos: string; head: number; deprel: string }[] }>(
      await get(`/api/articles/${id}/syntax?sentence=1`),
    );
    assert.equal(parse.sentence, 1);
    assert.ok(parse.sentences > 3);
    assert.equal(text.slice(parse.start, parse.end), parse.text);
    assert.ok(parse.words.length > 3);
    for (const w of parse.words) {
      assert.equal(text.slice(w.start, w.end), w.form);
      assert.ok(w.head >= -1 && w.head < parse.words.length);
      assert.ok(w.upos.length > 0 && w.deprel.length > 0);
    }
    assert.equal(parse.words.filter((w) => w.head === -1).length, 1);
    problem(await get(`/api/articles/${id}/syntax?sentence=${parse.sentences}`), 404);
    problem(await get(`/api/articles/${id}/syntax?sentence=-1`), 400);
  });
});

describe('entities and places', { skip: needsSeeds }, () => {
  test('entities are searchable by any alias', async () => {
    const found = ok<Page<{ id: string; aliases: string[] }>>(await get('/api/entities?q=daesh'));
    const is = found.items.find((e) => e.id === 'islamic-state');
    assert.ok(is, 'Daesh finds islamic-state');
    assert.ok(is.aliases.includes('ISIS'));
    const detail = ok<EntityDetail>(await get('/api/entities/islamic-state?limit=3'));
    assert.equal(detail.articleList.items.length, 3);
    assert.ok(detail.articleList.total >= 5);
    problem(await get('/api/entities/no-such-entity'), 404);
  });

  test('places are GeoJSON points in [lon, lat] order', async () => {
    const all = ok<PlaceFeatureCollection>(await get('/api/places'));
    assert.equal(all.type, 'FeatureCollection');
    const mosul = all.features.find((f) => f.properties.name === 'Mosul');
    assert.ok(mosul);
    const [lon, lat] = mosul.geometry.coordinates;
    assert.ok(Math.abs(lon - 43.1) < 0.5 && Math.abs(lat - 36.3) < 0.5, `Mosul at ${lon}, ${lat}`);
  });
});

describe('ingestion jobs', () => {
  test('pasted text is analysed, stored and placed; its job reports progress and the article', async () => {
    const text =
      'KIRKUK — Engineers reopened the old bridge over the Khasa river in Kirkuk on Tuesday, the provincial council said. ' +
      'Traffic had been diverted for three months while cracks in two piers were repaired.';
    const accepted = ok<Job>(await post('/api/ingest', { kind: 'text', content: text, name: 'kirkuk-bridge.txt' }), 202);
    assert.equal(accepted.input, 'kirkuk-bridge.txt');
    const job = await waitForJob(accepted.id);
    assert.equal(job.status, 'done');
    assert.deepEqual(job.counts, { new: 1, unchanged: 0, duplicate: 0, failed: 0 });
    const detail = ok<ArticleDetail>(await get(`/api/articles/${job.articles[0]}`));
    assert.ok(detail.record.places.some((p) => p.name === 'Kirkuk'));
    assert.ok(detail.story, 'placed in a story');
    const again = await waitForJob(ok<Job>(await post('/api/ingest', { kind: 'text', content: text, name: 'kirkuk-bridge.txt' }), 202).id);
    assert.equal(again.counts.unchanged, 1);
  });

  test('an article ingested through the API records the pipeline version that analysed it, as the CLI does', async () => {
    const text =
      'ERBIL — The airport reopened to commercial flights on Sunday after a week of repairs to the runway lights, the civil aviation authority said. ' +
      'Two airlines resumed their daily services to Baghdad and Istanbul.';
    const job = await waitForJob(ok<Job>(await post('/api/ingest', { kind: 'text', content: text, name: 'erbil-airport.txt' }), 202).id);
    assert.equal(job.status, 'done', JSON.stringify(job.errors));
    // The store under test was opened without a pipeline version: the job itself says which one analysed the article.
    const raw = new BetterSqlite3(join(dir, 'api.db'), { readonly: true });
    try {
      const row = raw.prepare('select pipeline_version as v from articles where id = ?').get(job.articles[0]) as { v: number | null } | undefined;
      assert.equal(row?.v, PIPELINE_VERSION);
    } finally {
      raw.close();
    }
  });

  test('a page URL is fetched; a broken feed fails with the input and the reason', async () => {
    const page = '<html><head><title>Port of Umm Qasr reopens</title></head><body><article><h1>Port of Umm Qasr reopens</h1>' +
      '<p>BASRA — The port of Umm Qasr reopened on Monday after dredging cleared the channel, the port authority said.</p>' +
      '<p>Ships queued in the Gulf for two days before pilots guided the first tanker in.</p></article></body></html>';
    const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as { port: number };
      const job = await waitForJob(ok<Job>(await post('/api/ingest', { kind: 'url', url: `http://127.0.0.1:${port}/umm-qasr` }), 202).id);
      assert.equal(job.status, 'done', JSON.stringify(job.errors));
      assert.equal(ok<ArticleDetail>(await get(`/api/articles/${job.articles[0]}`)).record.title, 'Port of Umm Qasr reopens');
    } finally {
      server.close();
    }
    const broken = await waitForJob(ok<Job>(await post('/api/ingest', { kind: 'feed', content: '<rss><channel><item>', name: 'broken.xml' }), 202).id);
    assert.equal(broken.status, 'failed');
    assert.equal(broken.errors[0]?.input, 'broken.xml');
    problem(await post('/api/ingest', { kind: 'url' }), 400);
    assert.match(problem(await post('/api/ingest', { kind: 'text', content: 'word '.repeat(2_200_000) }), 413).detail, /more than the 10 MiB one article may be/);
    problem(await post('/api/ingest', { kind: 'text', content: 'x', extra: 1 }), 400);
    problem(await get('/api/jobs/00000000-0000-4000-8000-000000000000'), 404);
  });

  test('hostile markup in a feed item is stored and served as plain strings', async () => {
    const feed =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Flood &lt;script&gt;alert(1)&lt;/script&gt; warning</title>' +
      '<author>&lt;img src=x onerror=alert(2)&gt;</author><pubDate>Tue, 09 Jul 2024 08:00:00 GMT</pubDate>' +
      '<description>HAMBURG — The river Elbe rose above the warning mark on Tuesday, the city said, and the fish market was closed to traffic while pumps ran through the night.</description></item></channel></rss>';
    const job = await waitForJob(ok<Job>(await post('/api/ingest', { kind: 'feed', content: feed, name: 'wire.xml' }), 202).id);
    assert.equal(job.status, 'done', JSON.stringify(job.errors));
    const res = await get(`/api/articles/${job.articles[0]}`);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    // Feed titles may carry markup; it is read as text (tags dropped), never kept as live HTML.
    const { record } = res.json();
    assert.match(record.title, /^Flood .*alert\(1\).* warning$/);
    assert.match(record.text, /^HAMBURG/);
  });
});

describe('corrections', { skip: needsSeeds }, () => {
  test('a merge applies everywhere, survives re-processing, and can be withdrawn', async () => {
    // "Kurds" and "Kurdish" name the same people; the pipeline keeps them apart.
    const from = 'kurds';
    const into = 'kurdish';
    const before = ok<Page<{ id: string }>>(await get(`/api/articles?entity=${from}&limit=200`));
    assert.ok(before.total > 0, `the examples name ${from}`);
    const made = ok<{ id: number }>(await post('/api/corrections', { kind: 'merge-entities', from, into, note: 'same actor' }), 201);
    assert.equal(ok<Page<unknown>>(await get(`/api/articles?entity=${from}`)).total, 0);
    const merged = ok<EntityDetail>(await get(`/api/entities/${into}?limit=200`));
    assert.deepEqual(merged.merged, [from]);
    for (const a of before.items) assert.ok(merged.articleList.items.some((m) => m.id === a.id));

    // Re-process every stored input with the pipeline: the merge still holds.
    for await (const { id, raw } of store.raws()) await store.replace(id, loadPipeline().analyze(raw));
    const article = ok<ArticleDetail>(await get(`/api/articles/${before.items[0]!.id}`));
    assert.ok(!article.record.entities.some((e) => e.id === from));
    assert.ok(article.record.entities.some((e) => e.id === into));
    assert.ok(article.corrections.some((c) => c.id === made.id));

    assert.equal((await app.inject({ method: 'DELETE', url: `/api/corrections/${made.id}` })).statusCode, 204);
    assert.equal(ok<Page<unknown>>(await get(`/api/articles?entity=${from}&limit=200`)).total, before.total);
    problem(await app.inject({ method: 'DELETE', url: `/api/corrections/${made.id}` }), 404);
  });

  test('rejecting a quote hides it; fixing a place moves it; bad corrections are refused', async () => {
    const story = await raqqaStory();
    const withQuote = (await store.records(story.articles)).find((r) => r.quotes.length > 0)!;
    const quote = withQuote.quotes[0]!;
    ok(await post('/api/corrections', { kind: 'reject', article: withQuote.id, target: 'quote', text: quote.text, start: quote.start }), 201);
    const after = ok<ArticleDetail>(await get(`/api/articles/${withQuote.id}`));
    assert.equal(after.record.quotes.length, withQuote.quotes.length - 1);

    const candidates = ok<{ items: { gazetteerId: string; name: string; country: string }[] }>(await get('/api/gazetteer?q=Raqqa'));
    const place = candidates.items[0]!;
    assert.equal(place.country, 'SY');
    const mosulArticle = (await store.records(story.articles)).find((r) => r.places.some((p) => p.name === 'Mosul'))!;
    ok(await post('/api/corrections', { kind: 'fix-place', entity: 'mosul', gazetteerId: place.gazetteerId, article: mosulArticle.id }), 201);
    const moved = ok<ArticleDetail>(await get(`/api/articles/${mosulArticle.id}`)).record.places.find((p) => p.entity === 'mosul');
    assert.equal(moved?.gazetteerId, place.gazetteerId);

    problem(await post('/api/corrections', { kind: 'fix-place', entity: 'mosul', gazetteerId: 'geonames:0' }), 400);
    problem(await post('/api/corrections', { kind: 'merge-entities', from: 'a', into: 'a' }), 400);
    problem(await post('/api/corrections', { kind: 'rename', from: 'a' }), 400);
    const all = ok<{ items: { kind: string }[] }>(await get('/api/corrections'));
    assert.deepEqual(all.items.map((c) => c.kind), ['reject', 'fix-place']);
  });
});

describe('exports', { skip: needsSeeds }, () => {
  test('articles as JSON Lines, events as ACLED-like CSV, places as GeoJSON', async () => {
    const { articles } = ok<{ articles: number }>(await get('/api/health'));
    const jsonl = await get('/api/export/articles.jsonl');
    const lines = jsonl.body.trim().split('\n');
    assert.equal(lines.length, articles);
    assert.ok(lines.every((l) => typeof JSON.parse(l).id === 'string'));
    const csv = await get('/api/export/events.csv');
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const rows = csv.body.trim().split('\r\n');
    assert.match(rows[0]!, /^event_id_cnty,event_date,year,event_type,actor1/);
    assert.ok(rows.length > 5);
    const geo = JSON.parse((await get('/api/export/places.geojson')).body) as PlaceFeatureCollection;
    assert.equal(geo.type, 'FeatureCollection');
    assert.ok(geo.features.length > 10);
  });
});

describe('response schemas', () => {
  test('every JSON answer carries all that its route returned, nothing dropped by a closed schema', () => {
    assert.ok(compared >= 10, `compared ${compared} answers`);
    assert.deepEqual(dropped, []);
  });
});
