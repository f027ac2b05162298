/**
 * Response times of the HTTP API over a store (in process, no network): the
 * first request of a story list or story view builds it from the records, a
 * second one is served from the server's cache.
 *
 *   npm run bench:api -- newsgraph.db
 */
import { openStore } from '../src/store/index.js';
import { buildServer } from '../src/serve/server.js';

async function main(): Promise<void> {
  const db = process.argv[2];
  if (!db) throw new Error('usage: npm run bench:api -- DATABASE');
  const store = await openStore(db);
  const app = await buildServer(store);
  const time = async (label: string, url: string) => {
    const start = performance.now();
    const res = await app.inject({ url });
    const ms = performance.now() - start;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    process.stdout.write(`${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  ${(res.body.length / 1024).toFixed(0).padStart(6)} KiB\n`);
    return res;
  };
  try {
    const counts = await store.counts();
    process.stdout.write(`${counts.articles} articles\n`);
    await time('GET /api/stories (first: builds every row)', '/api/stories?limit=20');
    await time('GET /api/stories (again: cached)', '/api/stories?limit=20');
    const all = await app.inject({ url: '/api/stories?limit=200' });
    const biggest = (all.json() as { items: { id: string; articles: number }[] }).items.sort((a, b) => b.articles - a.articles)[0];
    if (biggest) {
      await time(`GET /api/stories/{id} (${biggest.articles} articles, first)`, `/api/stories/${biggest.id}`);
      await time(`GET /api/stories/{id} (${biggest.articles} articles, again)`, `/api/stories/${biggest.id}`);
    }
    await time('GET /api/entities', '/api/entities?limit=20');
    await time('GET /api/entities?q=syria', '/api/entities?q=syria');
    await time('GET /api/articles?entity=islamic-state', '/api/articles?entity=islamic-state');
    await time('GET /api/places (GeoJSON, all)', '/api/places');
    await time('GET /api/search?q=raqqa', '/api/search?q=raqqa');
    await time('GET /api/export/events.csv', '/api/export/events.csv');
  } finally {
    await app.close();
    await store.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
