import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { EMPTY_META, newDoc, spanOf, type Doc, type Entity, type EntityType, type TimeExpression } from '../core/doc.js';
import { fingerprintStage } from '../clean/dedup.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { buildServer, startServer } from './server.js';
import { CONTENT_SECURITY_POLICY } from './headers.js';

/** The built web UI (npm run build) and its sources. */
const WEB_DIST = new URL('../../dist/web/', import.meta.url);
const WEB_SRC = new URL('../../web/src/', import.meta.url);
const HOSTILE_SCRIPT = '<script>alert(1)</script>';
const HOSTILE_IMG = '<img src=x onerror=alert(1)>';

/** The span of the first occurrence of `phrase` in `text`; fails loudly if the fixture is wrong. */
function find(text: string, phrase: string, from = 0) {
  const start = text.indexOf(phrase, from);
  assert.ok(start >= 0, `fixture text lacks "${phrase}"`);
  return spanOf(text, start, start + phrase.length);
}

function entity(text: string, name: string, type: EntityType, surfaces: string[] = [name]): Entity {
  return {
    id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    name,
    type,
    aliases: surfaces,
    mentions: surfaces.map((surface) => find(text, surface)),
    roles: [],
    source: 'test',
    confidence: 0.9,
  };
}

function day(text: string, surface: string, value: string): TimeExpression {
  return { ...find(text, surface), value, grain: 'day', source: 'test', confidence: 0.8 };
}

interface Fixture {
  input: string;
  title: string;
  text: string;
  outlet?: string;
  byline?: string[];
  publishedAt?: string;
  rawContent?: string;
  entities?: (text: string) => Entity[];
  dates?: (text: string) => TimeExpression[];
}

/** A fully analysed document, as the pipeline would hand it to the store. */
function analysed(f: Fixture): Doc {
  const raw = {
    input: f.input,
    kind: 'html' as const,
    content: f.rawContent ?? `<html><body><h1>${f.title}</h1><p>${f.text}</p></body></html>`,
    encoding: 'utf-8 (declared)',
    meta: { container: 'file', title: f.title },
  };
  const doc: Doc = {
    ...newDoc(raw),
    id: createHash('sha256').update(f.text).digest('hex').slice(0, 8),
    text: f.text,
    removed: [{ text: 'Share on social media', reason: 'share', gate: 'share-widget' }],
    meta: {
      ...EMPTY_META,
      title: f.title,
      titleSource: 'page',
      outlet: f.outlet ?? 'The Coastal Ledger',
      domain: 'coastal-ledger.example',
      url: `https://coastal-ledger.example/${f.input}`,
      byline: f.byline ?? ['Mara Quill'],
      publishedAt: f.publishedAt ?? '2024-03-06',
      language: 'en',
    },
    entities: f.entities?.(f.text) ?? [],
    dates: f.dates?.(f.text) ?? [],
  };
  return fingerprintStage.run(doc, { resources: {} });
}

const HARBOUR_TEXT =
  'The harbour at Eastport reopened on Tuesday after three weeks of dredging, the Port Authority said.\n\n' +
  'Captain Ilse Varga, who pilots the ferry to Northholm, said the channel was deep enough again for laden ships.';

const FIXTURES: Fixture[] = [
  {
    input: 'ledger/harbour.html',
    title: 'Eastport harbour reopens after dredging',
    text: HARBOUR_TEXT,
    entities: (t) => [
      entity(t, 'Eastport', 'GPE'),
      entity(t, 'Port Authority', 'ORG'),
      entity(t, 'Ilse Varga', 'PERSON'),
      entity(t, 'Northholm', 'GPE'),
    ],
    dates: (t) => [day(t, 'Tuesday', '2024-03-05')],
  },
  {
    input: 'ledger/council.html',
    title: 'Council delays vote on tram extension',
    text: 'The city council postponed its vote on the tram extension to the western suburbs until the spring budget is settled.',
    outlet: 'Metro Daily',
  },
  {
    input: 'ledger/orchard.html',
    title: 'Late frost threatens the apple orchards',
    text: 'Growers in the upper valley covered young apple trees with fleece as a late frost swept down from the hills overnight.',
  },
  {
    input: 'ledger/library.html',
    title: 'Library extends evening hours',
    text: 'The central library will stay open until nine in the evening on weekdays from next month, the trustees announced.',
  },
  {
    input: 'ledger/hostile.html',
    title: `Breaking ${HOSTILE_SCRIPT} news`,
    text: `A reader comment contained ${HOSTILE_SCRIPT} and ${HOSTILE_IMG} which must stay inert text in every view.`,
    byline: [`${HOSTILE_IMG} Staff`],
    rawContent: `<html><body>${HOSTILE_SCRIPT}<p>${HOSTILE_IMG}</p></body></html>`,
  },
];

const docs = FIXTURES.map(analysed);
const harbour = docs[0]!;
const hostile = docs[4]!;

let dir: string;
let store: Store;
let app: FastifyInstance;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsgraph-serve-'));
  store = await openStore(join(dir, 'news.db'));
  for (const doc of docs) await store.put(doc);
  // The same harbour story seen again under another name: stored as a duplicate of the first copy.
  await store.put(analysed({ ...FIXTURES[0]!, input: 'mirror/harbour-copy.html' }));
  app = await buildServer(store);
});

after(async () => {
  await app?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: 'GET', url });

function assertProblem(res: Awaited<ReturnType<typeof get>>, status: number) {
  assert.equal(res.statusCode, status);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.status, status);
  for (const field of ['type', 'title', 'detail', 'instance']) assert.equal(typeof body[field], 'string', field);
  return body;
}

describe('article list', () => {
  test('pages through every stored article exactly once', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < docs.length; offset += 2) {
      const res = await get(`/api/articles?limit=2&offset=${offset}`);
      assert.equal(res.statusCode, 200);
      const page = res.json();
      assert.equal(page.total, docs.length, 'the duplicate copy is not listed');
      assert.equal(page.limit, 2);
      assert.equal(page.offset, offset);
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((item: { id: string }) => item.id));
    }
    assert.deepEqual([...seen].sort(), docs.map((d) => d.id).sort());
  });

  test('summaries carry title, outlet, date, input and word count', async () => {
    const page = (await get('/api/articles?limit=200')).json();
    const item = page.items.find((i: { id: string }) => i.id === harbour.id);
    assert.equal(item.title, harbour.meta.title);
    assert.equal(item.outlet, 'The Coastal Ledger');
    assert.equal(item.publishedAt, '2024-03-06');
    assert.equal(item.input, 'ledger/harbour.html');
    assert.ok(item.words > 20, `word count ${item.words}`);
  });

  test('clamps a page size above the maximum to 200', async () => {
    const page = (await get('/api/articles?limit=5000')).json();
    assert.equal(page.limit, 200);
    assert.equal(page.items.length, docs.length);
  });

  test('filters by outlet', async () => {
    const page = (await get('/api/articles?outlet=Metro%20Daily')).json();
    assert.deepEqual(
      page.items.map((i: { title: string }) => i.title),
      ['Council delays vote on tram extension'],
    );
  });
});

describe('one article', () => {
  test('returns the record, the raw input without its content, duplicates and storage time', async () => {
    const res = await get(`/api/articles/${harbour.id}`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.record.id, harbour.id);
    assert.equal(body.record.text, HARBOUR_TEXT);
    assert.deepEqual(body.record.byline, ['Mara Quill']);
    assert.deepEqual(body.record.removed, [{ text: 'Share on social media', reason: 'share' }]);
    const varga = body.record.entities.find((e: { name: string }) => e.name === 'Ilse Varga');
    assert.equal(varga.type, 'PERSON');
    for (const m of varga.mentions) assert.equal(HARBOUR_TEXT.slice(m.start, m.end), m.text);
    assert.equal(body.record.dates[0].value, '2024-03-05');
    assert.deepEqual(Object.keys(body.raw).sort(), ['encoding', 'input', 'kind', 'meta']);
    assert.equal(body.raw.kind, 'html');
    assert.equal(body.raw.meta.title, harbour.meta.title);
    assert.deepEqual(
      body.duplicates.map((d: { input: string }) => d.input),
      ['mirror/harbour-copy.html'],
    );
    assert.ok(!Number.isNaN(Date.parse(body.storedAt)), `storedAt ${body.storedAt}`);
  });

  test('an unknown id is a 404 problem document', async () => {
    const body = assertProblem(await get('/api/articles/ffffffff'), 404);
    assert.equal(body.title, 'Not Found');
    assert.equal(body.instance, '/api/articles/ffffffff');
    assert.match(body.detail, /ffffffff/);
  });

  test('an unknown route is a 404 problem document too', async () => {
    assertProblem(await get('/api/nothing-here'), 404);
    assertProblem(await get('/api/articles/ffffffff/raw'), 404);
  });
});

describe('validation', () => {
  test('bad pagination values are a 400 problem listing each failure', async () => {
    const body = assertProblem(await get('/api/articles?limit=0&offset=-3'), 400);
    const pointers = body.errors.map((e: { pointer: string }) => e.pointer).sort();
    assert.deepEqual(pointers, ['/limit', '/offset']);
    assert.ok(body.errors.every((e: { location: string }) => e.location === 'querystring'));
  });

  test('a limit that is not a number is refused', async () => {
    const body = assertProblem(await get('/api/articles?limit=many'), 400);
    assert.equal(body.errors[0].pointer, '/limit');
  });

  test('search needs a query with at least one word', async () => {
    assert.equal(assertProblem(await get('/api/search'), 400).errors[0].pointer, '/q');
    assert.equal(assertProblem(await get('/api/search?q=%20%20'), 400).errors[0].pointer, '/q');
  });

  test('an id with characters no article id has is refused', async () => {
    const body = assertProblem(await get('/api/articles/not%20an%20id'), 400);
    assert.equal(body.errors[0].location, 'params');
  });

  test('a malformed URL is a 400 problem with the security headers', async () => {
    const res = await get('/api/articles/%zz');
    assertProblem(res, 400);
    assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  });
});

describe('search', () => {
  test('finds articles and marks the matched words in the snippet', async () => {
    const res = await get('/api/search?q=dredging');
    assert.equal(res.statusCode, 200);
    const page = res.json();
    assert.equal(page.total, 1);
    const [hit] = page.items;
    assert.equal(hit.id, harbour.id);
    assert.equal(typeof hit.score, 'number');
    assert.ok(hit.snippet.highlights.length > 0, 'no highlight ranges');
    for (const h of hit.snippet.highlights) {
      assert.match(hit.snippet.text.slice(h.start, h.end), /^dredging$/i);
    }
  });

  test('a query that matches nothing is an empty page, not an error', async () => {
    const page = (await get('/api/search?q=zeppelin')).json();
    assert.deepEqual(page.items, []);
    assert.equal(page.total, 0);
  });
});

describe('raw input', () => {
  test('is served as plain text that browsers must not sniff or render', async () => {
    const res = await get(`/api/articles/${hostile.id}/raw`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-disposition'], 'inline');
    assert.match(String(res.headers['content-security-policy']), /; sandbox$/);
    assert.equal(res.body, hostile.raw.content);
  });
});

describe('security headers', () => {
  const paths = ['/', '/favicon.svg', '/api/health', '/api/articles', `/api/articles/${harbour.id}`, '/api/articles/ffffffff', '/api/articles?limit=x', '/missing.html'];
  for (const path of paths) {
    test(`${path} carries the content security policy`, async () => {
      const res = await get(path);
      assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
    });
  }

  test('the policy allows nothing from other origins and no inline code', () => {
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) {
      assert.ok(CONTENT_SECURITY_POLICY.includes(directive), directive);
    }
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|https?:|\*/);
  });

  test('hostile markup in article fields comes back as JSON strings, unchanged', async () => {
    const res = await get(`/api/articles/${hostile.id}`);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const { record } = res.json();
    assert.equal(record.title, `Breaking ${HOSTILE_SCRIPT} news`);
    assert.deepEqual(record.byline, [`${HOSTILE_IMG} Staff`]);
    assert.ok(record.text.includes(HOSTILE_SCRIPT) && record.text.includes(HOSTILE_IMG));
    const listed = (await get('/api/articles?limit=200')).json().items.find((i: { id: string }) => i.id === hostile.id);
    assert.equal(listed.title, record.title);
  });
});

/** Every file under a folder, recursively, as URLs. */
async function filesUnder(root: URL): Promise<URL[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => new URL(`${e.parentPath}/${e.name}`, 'file://'));
}

describe('web page', () => {
  test('/ serves the built page, which loads only its own scripts and stylesheets', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
    assert.doesNotMatch(res.body, /<script>|<script [^>]*>[^<]|<style|style="|\son[a-z]+=/i, 'no inline script, style or handler');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(res.body)![1]!;
    const script = await get(asset);
    assert.equal(script.statusCode, 200);
    assert.equal(script.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  });

  test('no built web file loads anything from another origin', async () => {
    for (const file of await filesUnder(WEB_DIST)) {
      if (!/\.(html|css)$/.test(file.pathname)) continue;
      const source = await readFile(file, 'utf8');
      assert.doesNotMatch(source, /(?:src|href|url\()\s*=?\s*["']?(?:https?:)?\/\//i, `${file.pathname} loads from another origin`);
      assert.doesNotMatch(source, /@import|@font-face/i, `${file.pathname} imports a stylesheet or font`);
    }
  });

  test('the UI code never turns data into HTML', async () => {
    const sources = (await filesUnder(WEB_SRC)).filter((f) => /\.tsx?$/.test(f.pathname));
    assert.ok(sources.length > 3);
    for (const file of sources) {
      const source = await readFile(file, 'utf8');
      assert.doesNotMatch(source, /dangerouslySetInnerHTML|\.(?:innerHTML|outerHTML)\s*[+]?=/, `${file.pathname} writes HTML`);
      assert.doesNotMatch(source, /insertAdjacentHTML|document\.write|createContextualFragment|\beval\(|new Function\(/, file.pathname);
      // Leaflet reads a string tooltip or popup as HTML: they must be given DOM nodes.
      assert.doesNotMatch(source, /bind(?:Tooltip|Popup)\(\s*[`'"]/, `${file.pathname} gives Leaflet an HTML string`);
    }
  });
});

describe('health and failures', () => {
  test('health reports the store counts', async () => {
    const body = (await get('/api/health')).json();
    assert.equal(body.status, 'ok');
    assert.equal(body.articles, docs.length);
    assert.equal(body.duplicates, 1);
  });

  test('a failing store gives a 500 problem that does not leak the error', async () => {
    const broken = await openStore(join(dir, 'closed.db'));
    const server = await buildServer(broken);
    await broken.close();
    try {
      const res = await server.inject({ url: '/api/articles' });
      const body = assertProblem(res, 500);
      assert.match(body.detail, /^The server failed while handling this request/);
      assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    } finally {
      await server.close();
    }
  });
});

describe('startServer', () => {
  test('listens on a free loopback port and answers over HTTP', async () => {
    const running = await startServer(store, { port: 0, host: '127.0.0.1', logger: false });
    try {
      assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const res = await fetch(new URL('api/health', running.url));
      assert.equal(res.status, 200);
      assert.equal((await res.json()).articles, docs.length);
    } finally {
      await running.close();
    }
  });

  test('a port in use is reported with the address', async () => {
    const first = await startServer(store, { port: 0, logger: false });
    const port = Number(new URL(first.url).port);
    try {
      await assert.rejects(startServer(store, { port, logger: false }), new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}`));
    } finally {
      await first.close();
    }
  });
});
