import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../store/sqlite.js';
import { analysedSeeds, HAVE_SEEDS } from '../pipeline/seeds.fixture.js';
import { loadStories, loadStory, placeArticles } from './placement.js';

const skip = !HAVE_SEEDS && 'seeds not present';

async function placed(batches: number[][]) {
  const store = await openSqliteStore(':memory:');
  await store.migrate();
  const docs = analysedSeeds();
  let total = 0;
  for (const batch of batches) {
    for (const i of batch) await store.put(docs[i]!);
    total += await placeArticles(store);
  }
  const members = await store.storyMembers();
  const stories = [];
  for await (const s of loadStories(store)) stories.push(s);
  const one = await loadStory(store, members[0]!.storyline);
  const none = await loadStory(store, 'no-such-story');
  await store.close();
  return { total, members, stories, one, none };
}

test('placing articles in several runs continues the saved stories: same result as one run', { skip }, async () => {
  const once = await placed([[0, 1, 2, 3, 4]]);
  const inSteps = await placed([[0, 1], [2], [3, 4]]);
  assert.equal(once.total, 5);
  assert.equal(inSteps.total, 5);
  assert.deepEqual(inSteps.members, once.members);
  assert.equal(once.stories.length, new Set(once.members.map((m) => m.storyline)).size);
  assert.ok(once.one && once.one.articles.length >= 1);
  assert.equal(once.none, null);
  // Every article belongs to exactly one event and one storyline; events lie inside one storyline.
  const lineOfEvent = new Map<string, string>();
  for (const m of once.members) {
    assert.equal(lineOfEvent.get(m.event) ?? m.storyline, m.storyline);
    lineOfEvent.set(m.event, m.storyline);
  }
});

test('nothing to place is a no-op', async () => {
  const store = await openSqliteStore(':memory:');
  await store.migrate();
  assert.equal(await placeArticles(store), 0);
  assert.equal(await store.storyState(), null);
  await store.close();
});
