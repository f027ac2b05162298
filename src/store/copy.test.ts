/** Copying a SQLite store into PostgreSQL (`newsgraph migrate-store`): the copy reads as the original. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotatedFerryDoc, FERRY, FERRY_UPDATED, makeDoc, seed } from './articles.fixture.js';
import { copyStore } from './copy.js';
import { openStore } from './index.js';
import { createTestDatabase, pgUnavailable } from './pg-testing.js';
import type { Store } from './store.js';

/** Everything a reader of the store sees, through the Store interface only. */
async function view(store: Store) {
  const list = await store.list({ limit: 1000 });
  const ids = list.items.map((a) => a.id);
  const articles = [];
  for (const id of ids) {
    const stored = await store.get(id);
    articles.push({ ...stored, storedAt: stored?.storedAt });
  }
  const search = async (q: string) => {
    const page = await store.search(q);
    // Scores and snippets are each engine's own (bm25 and snippet(), ts_rank and ts_headline): the matches and their order must agree.
    return { total: page.total, ids: page.items.map((hit) => hit.id) };
  };
  return {
    counts: await store.counts(),
    list,
    articles,
    entities: await store.entities({ limit: 1000 }),
    places: await store.places(),
    corrections: await store.corrections(),
    storyState: await store.storyState(),
    storyMembers: await store.storyMembers(),
    storyListings: [...(await store.storyListings())],
    unplaced: await store.unplacedArticles(),
    search: { ferry: await search('ferry'), phrase: await search('"night bus"'), lindholm: await search('Lindholm budget') },
  };
}

const skip = (await pgUnavailable()) ?? undefined;

describe('copyStore: between SQLite and PostgreSQL', { skip }, () => {
  test('articles, duplicates, stories, listings, corrections and indexes read the same; numbering carries on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ng-copy-'));
    const target = await createTestDatabase();
    try {
      const file = join(dir, 'news.db');
      const source = await openStore(file);
      const docs = await seed(source);
      await source.put(makeDoc({ input: 'wire/ferry-update.txt', text: FERRY_UPDATED }));
      await source.saveStories('{"clusters":2}', [
        { article: docs.ferry!.id, event: 'e1', storyline: 's1' },
        { article: docs.budget!.id, event: 'e2', storyline: 's2' },
      ]);
      await source.saveStoryListings([{ storyline: 's1', key: 'k1', listing: '{"id":"s1"}' }], new Set(['s1']));
      await source.addCorrection({ kind: 'merge-entities', from: 'sark-minor', into: 'lindholm' }, { note: 'one place' });
      const rejected = await source.addCorrection({ kind: 'reject', article: docs.ferry!.id, target: 'entity', text: 'Lindholm', start: FERRY.indexOf('Lindholm') });
      await source.deleteCorrection(rejected.id);
      const before = await view(source);
      await source.close();

      const copied = await copyStore(file, target.url);
      assert.equal(copied.articles, 5);
      assert.equal(copied.raw_inputs, 6);
      assert.equal(copied.duplicates, 1);
      assert.equal(copied.corrections, 1);
      assert.equal(copied.story_members, 2);
      assert.ok(copied.lsh_bands > 0 && copied.article_entities > 0 && copied.article_places === 1, JSON.stringify(copied));

      const copy = await openStore(target.url);
      try {
        assert.deepEqual(await view(copy), before);
        // New rows are numbered after the copied ones: listed after them, a correction id not reused.
        const later = await copy.put(makeDoc({ input: 'late.txt', text: 'A late report on the regatta at Lindholm harbour, written after the copy.' }));
        assert.equal(later.status, 'new');
        assert.equal((await copy.unplacedArticles()).at(-1), later.id);
        const next = await copy.addCorrection({ kind: 'merge-entities', from: 'a', into: 'b' });
        assert.ok(next.id > before.corrections[0]!.id);
      } finally {
        await copy.close();
      }

      await assert.rejects(copyStore(file, target.url), /the target store is not empty \(table articles has rows\)/);
      await assert.rejects(copyStore(join(dir, 'typo.db'), target.url), /typo\.db: no such store file/);
    } finally {
      await target.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a copy back from PostgreSQL into a new SQLite file reads the same too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ng-copy-'));
    const database = await createTestDatabase();
    try {
      const original = await openStore(database.url);
      await seed(original);
      await original.put(annotatedFerryDoc());
      const before = await view(original);
      await original.close();
      const file = join(dir, 'back.db');
      await copyStore(database.url, file);
      const back = await openStore(file);
      try {
        assert.deepEqual(await view(back), before);
      } finally {
        await back.close();
      }
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
