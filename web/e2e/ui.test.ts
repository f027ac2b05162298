/**
 * The web UI in a real browser (Debian's Chromium driven by playwright-core)
 * against `newsgraph serve` over a store filled from the examples and the
 * seed articles (../shared/seeds):
 * the seeds' Raqqa story with its map, timeline, claims and outlets; a
 * highlighted quote in the reader; an entity merge that survives re-ingest;
 * ingestion from the page; and script injection that never runs.
 *
 * Without Chromium the suite is skipped with a message, unless
 * NEWSGRAPH_REQUIRE_BROWSER=1 (CI), where a missing browser fails it.
 * Screenshots go to test-artifacts/browser/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readInputs } from '../../src/ingest/index.js';
import { loadPipeline } from '../../src/pipeline/index.js';
import { HAVE_SEEDS, SEEDS_DIR } from '../../src/pipeline/seeds.fixture.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { placeArticles } from '../../src/stories/placement.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const SHOTS = join(ROOT, 'test-artifacts', 'browser');
const CHROMIUM = process.env.NEWSGRAPH_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.NEWSGRAPH_REQUIRE_BROWSER === '1';
const BUILT = existsSync(join(ROOT, 'dist', 'web', 'index.html'));

function skipReason(): string | false {
  if (!existsSync(CHROMIUM)) {
    const why = `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set NEWSGRAPH_CHROMIUM)`;
    if (REQUIRED) throw new Error(why.replace('skipped', 'required'));
    process.stderr.write(`${why}\n`);
    return why;
  }
  if (!HAVE_SEEDS) {
    const why = `browser tests skipped: they need the seed articles in ${SEEDS_DIR}`;
    if (REQUIRED) throw new Error(why.replace('skipped', 'required'));
    process.stderr.write(`${why}\n`);
    return why;
  }
  if (!BUILT) {
    const why = 'browser tests skipped: the web UI is not built (npm run build)';
    if (REQUIRED) throw new Error(why.replace('skipped', 'required'));
    process.stderr.write(`${why}\n`);
    return why;
  }
  return false;
}
const skip = skipReason();

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
/** Everything the pages reported that must never happen: script errors, CSP violations, dialogs, injected code. */
const incidents: string[] = [];

async function ingestExamples(): Promise<void> {
  for await (const item of readInputs([EXAMPLES, SEEDS_DIR])) if (item.ok) await store.put(loadPipeline().analyze(item.raw));
  await placeArticles(store);
}

async function openPage(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => incidents.push(`page error on ${path}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) incidents.push(`console on ${path}: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    incidents.push(`dialog on ${path}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(new URL(path, server.url).href);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(new URL(path, server.url), init);
  assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as T;
}

async function ingestViaApi(body: object): Promise<string[]> {
  const job = await api<{ id: string }>('/api/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  for (let i = 0; i < 400; i++) {
    const state = await api<{ status: string; articles: string[]; errors: unknown[] }>(`/api/jobs/${job.id}`);
    if (state.status === 'done') return state.articles;
    if (state.status === 'failed') throw new Error(`ingest failed: ${JSON.stringify(state.errors)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('ingest job did not finish');
}

async function raqqaStoryId(): Promise<string> {
  const { items } = await api<{ items: { id: string; articles: number }[] }>('/api/stories?q=raqqa%20mosul');
  const story = [...items].sort((a, b) => b.articles - a.articles)[0];
  assert.ok(story, 'the seeds form a story about Raqqa and Mosul');
  return story.id;
}

describe('web UI in Chromium', { skip }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), 'newsgraph-ui-'));
    store = await openStore(join(dir, 'ui.db'));
    await store.migrate();
    await ingestExamples();
    server = await startServer(store, { port: 0, host: '127.0.0.1', logger: false });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the story list links to the Raqqa story: map markers, timeline, claims and outlet comparison', async () => {
    const page = await openPage('/');
    const rows = page.getByTestId('story-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 3);
    const id = await raqqaStoryId();
    await page.locator(`a[href="#/stories/${id}"]`).first().click();

    await page.getByTestId('story-map').waitFor();
    // Places far from the story's focus ("US-led", "Britain-based") lie outside the framed view; one in it is drawn.
    await page.locator('.place-marker >> visible=true').first().waitFor();
    assert.ok((await page.locator('.place-marker').count()) >= 4, 'markers on the map');
    const names = (await page.getByTestId('place-name').allTextContents()).join(' | ');
    for (const place of [/Raqqa/, /Mosul/, /Deir/, /Mayadin/]) assert.match(names, place);
    assert.ok((await page.getByTestId('timeline-entry').count()) >= 1, 'timeline entries');
    assert.ok((await page.getByTestId('claims-table').locator('tr').count()) >= 2, 'claims table rows');
    const outlets = await page.getByTestId('outlet-comparison').textContent();
    assert.match(outlets ?? '', /sputniknews\.com/);
    assert.match(outlets ?? '', /anonymous/i);
    await page.getByTestId('entity-graph').locator('canvas').first().waitFor();
    await shot(page, 'story');
    await page.close();
  });

  test('the article reader highlights a quote, shows removed debris and links the raw input', async () => {
    const id = await raqqaStoryId();
    const story = await api<{ articles: string[] }>(`/api/stories/${id}`);
    const records = await store.records(story.articles);
    const quoted = records.find((r) => r.quotes.length > 0);
    assert.ok(quoted);
    const page = await openPage(`/#/articles/${quoted.id}`);
    const quote = page.getByTestId('hl-quote').first();
    await quote.waitFor();
    assert.ok(((await quote.textContent()) ?? '').length > 0);
    assert.ok(await page.locator(`a[href="/api/articles/${quoted.id}/raw"]`).count(), 'raw input link');
    // The debris cleaning removed, one click away.
    const debris = page.locator('details', { hasText: 'Removed debris' });
    await debris.locator('summary').click();
    if (quoted.removed.length > 0) await debris.getByText(quoted.removed[0]!.text.slice(0, 30), { exact: false }).first().waitFor();
    await shot(page, 'article');
    // A sentence's parse on demand: arcs drawn, one table row per word, the next sentence one click away.
    const parse = page.locator('details', { hasText: 'Sentence structure' });
    await parse.locator('summary').click();
    await parse.locator('svg .parse-arc').first().waitFor();
    const rows = await parse.locator('table.parse-table tbody tr').count();
    assert.ok(rows > 2, `parse table rows: ${rows}`);
    assert.equal(await parse.locator('svg .parse-arc').count(), rows - 1, 'one arc per word but the root');
    await parse.getByRole('button', { name: /next/ }).click();
    await parse.getByText(/Sentence 2 of \d+/).waitFor();
    await shot(page, 'article-parse');
    await page.close();
  });

  test('merging two entities in the page persists after re-ingesting and re-processing', async () => {
    // "Kurds" and "Kurdish" name the same people; the pipeline keeps them apart.
    const from = 'kurds';
    const into = 'kurdish';
    const page = await openPage(`/#/entities/${into}`);
    await page.getByTestId('merge-from').fill(from);
    await page.getByTestId('merge-submit').click();
    await page.getByText(from, { exact: true }).first().waitFor();

    // Re-ingest every example through the API (unchanged inputs) and one seed as a new paste, then re-process.
    const seed = readFileSync(join(SEEDS_DIR, '001_d9a8878862ae51fe.txt'), 'utf8');
    await ingestViaApi({ kind: 'text', content: seed, name: '001_d9a8878862ae51fe.txt' });
    for await (const { id, raw } of store.raws()) await store.replace(id, loadPipeline().analyze(raw));

    const after = await api<{ merged: string[] }>(`/api/entities/${into}`);
    assert.deepEqual(after.merged, [from]);
    const gone = await fetch(new URL(`/api/entities/${from}`, server.url));
    assert.equal(gone.status, 404, 'the merged id names no entity any more');
    await page.reload();
    await page.getByText(from, { exact: true }).first().waitFor();
    await shot(page, 'entity-merged');
    await page.close();
  });

  test('marking a date wrong and fixing a place from the reader; both listed and withdrawn on the Corrections page', async () => {
    const id = await raqqaStoryId();
    const story = await api<{ articles: string[] }>(`/api/stories/${id}`);
    const records = await store.records(story.articles);
    const article = records.find((r) => r.dates.length > 0 && r.places.some((p) => p.entity === 'mosul'));
    assert.ok(article, 'a seed article with dates that names Mosul');
    const page = await openPage(`/#/articles/${article.id}`);
    const dates = page.locator('section.panel-section', { has: page.getByRole('heading', { name: /^Dates/ }) });
    await dates.getByRole('button', { name: /^Mark as wrong/ }).first().click();
    await dates.getByRole('heading', { name: `Dates (${article.dates.length - 1})` }).waitFor();

    await page.getByRole('button', { name: 'Fix place: Mosul' }).first().click();
    await page.locator('.fix-place input[type="search"]').fill('Raqqa');
    await page.locator('.fix-place').getByRole('button', { name: 'Find' }).click();
    await page.locator('.fix-place').getByRole('button', { name: 'Use' }).first().click();
    const { items: [raqqa] } = await api<{ items: { gazetteerId: string }[] }>('/api/gazetteer?q=Raqqa');
    for (let i = 0; i < 100; i++) {
      const { record } = await api<{ record: { places: { entity: string; gazetteerId: string }[] } }>(`/api/articles/${article.id}`);
      if (record.places.find((p) => p.entity === 'mosul')?.gazetteerId === raqqa!.gazetteerId) break;
      assert.ok(i < 99, 'the place was fixed');
      await page.waitForTimeout(50);
    }
    await shot(page, 'corrected-article');

    await page.goto(new URL('/#/corrections', server.url).href);
    const remove = page.getByRole('button', { name: /^Delete correction/ });
    await remove.first().waitFor();
    const before = (await api<{ items: { kind: string }[] }>('/api/corrections')).items;
    assert.ok(before.some((c) => c.kind === 'reject') && before.some((c) => c.kind === 'fix-place'));
    for (let n = await remove.count(); n > 0; n--) {
      await remove.first().click();
      await page.waitForFunction((left) => document.querySelectorAll('button[aria-label^="Delete correction"]').length === left, n - 1);
    }
    const { record } = await api<{ record: { dates: unknown[] } }>(`/api/articles/${article.id}`);
    assert.equal(record.dates.length, article.dates.length, 'withdrawn: the date is back');
    await page.close();
  });

  test('ingest from the page: pasted text shows progress and the stored article', async () => {
    const page = await openPage('/#/ingest');
    await page.locator('textarea').first().fill(
      'ERBIL — The Kurdistan Regional Government reopened the Erbil–Mosul road on Sunday, a ministry spokesman said. ' +
        'Checkpoints near Khazir will stay in place, he said, and trucks will be inspected at night.',
    );
    await page.getByRole('button', { name: /ingest/i }).first().click();
    await page.getByTestId('ingest-progress').waitFor();
    await page.locator('a[href^="#/articles/"]').first().waitFor({ timeout: 20_000 });
    await shot(page, 'ingest');
    await page.close();
  });

  test('script injected through a title, body, byline or feed item never runs', async () => {
    const payload = (n: number) => `<img src=x onerror="window.__pwned=${n}"><script>window.__pwned=${n}</script>`;
    const feed =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>' +
      `<title>Storm ${escapeXml(payload(1))} warning</title><author>${escapeXml(payload(2))}</author>` +
      '<pubDate>Tue, 09 Jul 2024 08:00:00 GMT</pubDate>' +
      `<description>${escapeXml(`GDANSK — The storm closed the port of Gdansk on Tuesday, the harbour master said. ${payload(3)} Ferries to Sweden were cancelled.`)}</description>` +
      '</item></channel></rss>';
    const [fromFeed] = await ingestViaApi({ kind: 'feed', content: feed, name: 'hostile-feed.xml' });
    const html =
      `<html><head><title>Rain ${payload(4)} in Split</title><meta name="author" content='${payload(5)}'></head><body><article>` +
      `<h1>Rain ${payload(4)} in Split</h1><p>SPLIT — Heavy rain flooded the old town of Split on Monday, the mayor said. ${payload(6)}</p>` +
      '<p>The Riva promenade was closed and boats were moved to the marina.</p></article></body></html>';
    const [fromPage] = await ingestViaApi({ kind: 'html', content: html, name: 'hostile.html' });
    for (const id of [fromFeed, fromPage]) {
      const page = await openPage(`/#/articles/${id}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      assert.equal(await page.locator('main script, main img[src="x"]').count(), 0, 'no element made from article data');
      // Whatever of the markup survived into the title is shown as text.
      const { record } = await api<{ record: { title: string } }>(`/api/articles/${id}`);
      assert.equal((await page.getByRole('heading', { level: 1 }).first().textContent())?.trim(), record.title.trim());
      await shot(page, `injection-${id}`);
      await page.close();
    }
    const list = await openPage('/#/articles');
    await list.locator('a[href^="#/articles/"]').first().waitFor();
    assert.equal(await list.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await list.close();
  });

  test('the API docs page renders every operation of the OpenAPI document', async () => {
    const doc = await api<{ paths: Record<string, Record<string, unknown>> }>('/openapi.json');
    const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    const page = await openPage('/docs');
    await page.locator('.opblock').first().waitFor();
    assert.equal(await page.locator('.opblock').count(), operations);
    await shot(page, 'api-docs');
    await page.close();
  });

  test('no page error, console error, CSP violation or dialog happened', () => {
    assert.deepEqual(incidents, []);
  });
});

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
