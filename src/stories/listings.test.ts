import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../store/sqlite.js';
import { analysedSeeds, HAVE_SEEDS } from '../pipeline/seeds.fixture.js';
import { placeArticles } from './placement.js';
import { refreshStoryListings } from './listings.js';

test('story-list rows are stored once built, read back while members and corrections hold, rebuilt when they change', { skip: !HAVE_SEEDS && 'seeds not present' }, async () => {
  const store = await openSqliteStore(':memory:');
  await store.migrate();
  const docs = analysedSeeds();
  for (const doc of docs.slice(0, 3)) await store.put(doc);
  await placeArticles(store);
  const first = await refreshStoryListings(store);
  assert.ok(first.rebuilt > 0 && first.rebuilt === first.listings.length);
  assert.equal((await store.storyListings()).size, first.listings.length);

  const again = await refreshStoryListings(store);
  assert.equal(again.rebuilt, 0, 'nothing changed: every row comes from the store');
  assert.deepEqual(again.listings, first.listings);

  for (const doc of docs.slice(3)) await store.put(doc);
  await placeArticles(store);
  const grown = await refreshStoryListings(store);
  assert.ok(grown.rebuilt >= 1, 'a storyline that gained articles is rebuilt');
  assert.equal(grown.listings.reduce((n, s) => n + s.articles, 0), docs.length);

  await store.addCorrection({ kind: 'merge-entities', from: 'daesh', into: 'islamic-state' });
  assert.equal((await refreshStoryListings(store)).rebuilt, grown.listings.length, 'a correction can change any row');

  await store.clearStories();
  assert.equal((await store.storyListings()).size, 0);
  await store.close();
});
