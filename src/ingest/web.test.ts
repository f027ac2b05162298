import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readInputs, type IngestItem, type IngestOptions } from './index.js';

/** Requests seen per path, to prove what was (not) fetched. */
const hits = new Map<string, number>();
let server: Server;
let base = '';

const ARTICLE_PAGE = (n: number): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Article ${n}</title></head><body><article><p>Full text of article ${n}, from the page.</p></article></body></html>`;
const LONG_CONTENT = `<p>${'The ferry service resumed after repairs to the pier were finished. '.repeat(12)}</p><p>More.</p>`;

function feed(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Loopback News</title><link>${base}/</link>
  <item><title>Summary only</title><link>${base}/article/1</link><description>A two-line teaser.</description><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate></item>
  <item><title>Full content</title><link>${base}/article/never</link><content:encoded><![CDATA[${LONG_CONTENT}]]></content:encoded></item>
  <item><title>Dead link</title><link>${base}/missing</link><description>Teaser of a removed story.</description></item>
  <item><title>Nothing at all</title></item>
  <item><title>Link behind a redirect</title><link>/go/2</link></item>
</channel></rss>`;
}

function route(request: IncomingMessage, response: ServerResponse): void {
  const path = request.url ?? '/';
  hits.set(path, (hits.get(path) ?? 0) + 1);
  if (path === '/page') {
    response.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
    response.end(Buffer.concat([Buffer.from('<html><body><p>'), Buffer.from([0x93]), Buffer.from('Quoted'), Buffer.from([0x94]), Buffer.from('</p></body></html>')]));
  } else if (path === '/feed.xml') {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.end(feed());
  } else if (path === '/mislabelled-feed') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(feed());
  } else if (path.startsWith('/article/')) {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(ARTICLE_PAGE(Number(path.slice('/article/'.length))));
  } else if (path.startsWith('/go/')) {
    response.writeHead(302, { location: `../article/${path.slice('/go/'.length)}` });
    response.end();
  } else if (path === '/loop') {
    response.writeHead(301, { location: '/loop' });
    response.end();
  } else if (path === '/hang') {
    // Never answers: the client's deadline must end the wait.
  } else if (path === '/big-declared') {
    response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(3 * 1024 * 1024) });
    response.end(Buffer.alloc(3 * 1024 * 1024, 0x61));
  } else if (path === '/big-streamed') {
    // No Content-Length: the cap must hold while streaming.
    response.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const push = (): void => {
      if (sent++ >= 48 || response.destroyed) return void response.end();
      response.write(chunk, push);
    };
    push();
  } else if (path === '/plain') {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Wire copy as plain text.\n');
  } else if (path === '/report.pdf') {
    response.writeHead(200, { 'content-type': 'application/pdf' });
    response.end('%PDF-1.4');
  } else {
    response.writeHead(404, { 'content-type': 'text/html' });
    response.end('<p>gone</p>');
  }
}

before(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function collect(inputs: string[], options?: IngestOptions): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readInputs(inputs, options)) items.push(item);
  return items;
}

async function reasonFor(url: string, options?: IngestOptions): Promise<string> {
  const items = await collect([url], options);
  assert.equal(items.length, 1);
  const [item] = items;
  assert.ok(item && !item.ok, `expected an error, got ${JSON.stringify(item)}`);
  assert.equal(item.input, url);
  return item.reason;
}

test('an HTML page becomes one html raw input, decoded by its Content-Type charset', async () => {
  const before = Date.now();
  const [item] = await collect([`${base}/page`]);
  assert.ok(item?.ok);
  assert.equal(item.raw.kind, 'html');
  assert.equal(item.raw.input, `${base}/page`);
  assert.equal(item.raw.content, '<html><body><p>\u201CQuoted\u201D</p></body></html>');
  assert.equal(item.raw.encoding, 'windows-1252 (declared)');
  assert.equal(item.raw.meta.url, `${base}/page`);
  assert.equal(item.raw.meta.container, 'http');
  const fetchedAt = Date.parse(item.raw.meta.fetchedAt ?? '');
  assert.ok(fetchedAt >= before - 1000 && fetchedAt <= Date.now() + 1000, 'fetchedAt is the crawl time');
  assert.equal(item.raw.meta.date, undefined, 'a crawl time is never a publication date');
});

test('a feed URL: summary-only items get their page, full items do not, failures fall back or are reported', async () => {
  hits.clear();
  const feedUrl = `${base}/feed.xml`;
  const items = await collect([feedUrl]);
  assert.deepEqual(items.map((item) => (item.ok ? item.raw.input : item.input)), [1, 2, 3, 4, 5].map((n) => `${feedUrl}#item=${n}`));
  const [summaryOnly, full, deadLink, nothing, redirected] = items;

  assert.ok(summaryOnly?.ok);
  assert.equal(summaryOnly.raw.kind, 'html');
  assert.equal(summaryOnly.raw.content, ARTICLE_PAGE(1));
  assert.equal(summaryOnly.raw.meta.url, `${base}/article/1`);
  assert.equal(summaryOnly.raw.meta.title, 'Summary only');
  assert.equal(summaryOnly.raw.meta.outlet, 'Loopback News');
  assert.equal(summaryOnly.raw.meta.date, 'Tue, 05 Mar 2024 08:00:00 GMT');
  assert.equal(summaryOnly.raw.meta.description, 'A two-line teaser.');
  assert.equal(summaryOnly.raw.meta.container, 'feed');
  assert.ok(summaryOnly.raw.meta.fetchedAt);

  assert.ok(full?.ok);
  assert.equal(full.raw.kind, 'html');
  assert.equal(full.raw.content, LONG_CONTENT);
  assert.equal(hits.get('/article/never'), undefined, 'an item with full content is not fetched');

  assert.ok(deadLink?.ok);
  assert.equal(deadLink.raw.kind, 'record');
  assert.equal(deadLink.raw.content, 'Teaser of a removed story.');
  assert.deepEqual(deadLink.raw.meta.extra?.fetchError, 'HTTP 404 Not Found');

  assert.deepEqual(nothing, { ok: false, input: `${feedUrl}#item=4`, reason: 'item has neither content nor link' });

  assert.ok(redirected?.ok, JSON.stringify(redirected));
  assert.equal(redirected.raw.content, ARTICLE_PAGE(2));
  assert.equal(redirected.raw.meta.url, `${base}/article/2`, 'the relative link and the relative redirect both resolve');
});

test('followFeedLinks: false keeps the summary and fetches no item page', async () => {
  hits.clear();
  const items = await collect([`${base}/feed.xml`], { followFeedLinks: false });
  const [summaryOnly, , , , linkOnly] = items;
  assert.ok(summaryOnly?.ok && summaryOnly.raw.kind === 'record' && summaryOnly.raw.content === 'A two-line teaser.');
  assert.ok(linkOnly && !linkOnly.ok && /following item links is turned off/.test(linkOnly.reason));
  assert.deepEqual([...hits.keys()], ['/feed.xml']);
});

test('a feed served as text/html is still read as a feed', async () => {
  const items = await collect([`${base}/mislabelled-feed`], { followFeedLinks: false });
  assert.equal(items.length, 5);
});

test('a server that never answers times out', async () => {
  const started = performance.now();
  assert.equal(await reasonFor(`${base}/hang`, { fetch: { timeoutMs: 200 } }), 'timed out after 0.2 s');
  assert.ok(performance.now() - started < 2000);
});

test('a redirect loop stops after maxRedirects', async () => {
  hits.clear();
  assert.equal(await reasonFor(`${base}/loop`), 'too many redirects (> 5)');
  assert.equal(hits.get('/loop'), 6, 'the first request and five redirects');
  assert.equal(await reasonFor(`${base}/loop`, { fetch: { maxRedirects: 1 } }), 'too many redirects (> 1)');
});

test('an oversize body is refused, by Content-Length or while streaming', async () => {
  const limit = { fetch: { maxBytes: 1024 * 1024 } };
  assert.equal(await reasonFor(`${base}/big-declared`, limit), 'too large (> 1 MiB)');
  assert.equal(await reasonFor(`${base}/big-streamed`, limit), 'too large (> 1 MiB)');
});

test('HTTP errors, unsupported content types and schemes, refused connections', async () => {
  assert.equal(await reasonFor(`${base}/nowhere`), 'HTTP 404 Not Found');
  assert.equal(await reasonFor(`${base}/report.pdf`), 'unsupported content type application/pdf');
  assert.equal(await reasonFor('ftp://files.example.org/a.txt'), 'unsupported scheme ftp: (only http and https)');
  // A port nobody listens on: bind one, note it, close it.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  assert.match(await reasonFor(`http://127.0.0.1:${port}/`), /^connection refused by 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
});

test('a text/plain response is a text raw input', async () => {
  const [item] = await collect([`${base}/plain`]);
  assert.ok(item?.ok);
  assert.equal(item.raw.kind, 'text');
  assert.equal(item.raw.content, 'Wire copy as plain text.\n');
  assert.equal(item.raw.encoding, 'utf-8 (declared)');
});
