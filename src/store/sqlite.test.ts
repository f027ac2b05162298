/** What is particular to the SQLite adapter; the storage contract itself is in store.test.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { newDoc, type Doc } from '../core/doc.js';
import { fingerprintStage } from '../clean/dedup.js';
import { openStore } from './index.js';

function tempDir(): { dir: string; [Symbol.dispose](): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ng-sqlite-'));
  return { dir, [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
}

function docOf(input: string, text: string, id: string, title: string | null = null): Doc {
  const doc = newDoc({ input, kind: 'text', content: text, meta: {} });
  return fingerprintStage.run({ ...doc, id, text, meta: { ...doc.meta, title } }, { resources: {} });
}

test('openStore: an empty location is refused clearly', async () => {
  await assert.rejects(openStore(' '), /no database given/);
});

test('openStore: an unusable file is an error naming the file and the reason', async () => {
  using tmp = tempDir();
  const missingDir = join(tmp.dir, 'no', 'such', 'dir', 'news.db');
  await assert.rejects(openStore(missingDir), (err: Error) => err.message.includes(missingDir) && /directory does not exist/.test(err.message));
  const notADatabase = join(tmp.dir, 'notes.db');
  writeFileSync(notADatabase, 'these are my notes, not a database\n'.repeat(200));
  await assert.rejects(openStore(notADatabase), (err: Error) => err.message.includes(notADatabase) && /not a database/.test(err.message));
});

test('a database file is in WAL mode with the schema migrated once', async () => {
  using tmp = tempDir();
  const path = join(tmp.dir, 'news.db');
  await (await openStore(path)).close();
  await (await openStore(path)).close();
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    const applied = raw.prepare('select name from kysely_migration').all() as { name: string }[];
    assert.deepEqual(applied.map((m) => m.name), ['0001_initial', '0002_stories', '0003_workbench', '0004_story_listings']);
    const tables = (raw.prepare("select name from sqlite_master where type in ('table', 'view')").all() as { name: string }[]).map((t) => t.name);
    for (const name of ['articles', 'raw_inputs', 'duplicates', 'lsh_bands', 'articles_fts', 'story_state', 'story_members', 'corrections', 'article_entities', 'article_places']) assert.ok(tables.includes(name), name);
  } finally {
    raw.close();
  }
});

test('the near-duplicate candidate lookup uses the band index', async () => {
  using tmp = tempDir();
  const path = join(tmp.dir, 'plan.db');
  await (await openStore(path)).close();
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    const plan = raw
      .prepare(
        `explain query plan select distinct a.id from lsh_bands b join articles a on a.id = b.article_id
         where (b.band = 0 and b.key = 'x') or (b.band = 1 and b.key = 'y')`,
      )
      .all() as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    assert.doesNotMatch(details, /SCAN b\b/, details);
  } finally {
    raw.close();
  }
});

// ---------------------------------------------------------------------------
// Throughput on synthetic articles (measured, reported, not asserted).

const VOCABULARY = (
  'council harbour minister police river school hospital election market bridge village storm court ' +
  'budget farmers railway protest museum airport border festival union factory energy water rescue ' +
  'said on tuesday after the a of in to and with for from by about more than new old north south ' +
  'report officials residents workers students judges voters engineers doctors drivers traders'
).split(' ');

/** A deterministic PRNG (mulberry32), so every run stores the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticText(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(VOCABULARY[Math.floor(next() * VOCABULARY.length)] as string);
  return `${out.join(' ')}.`;
}

test('put throughput on 3,000 synthetic articles, one in ten a re-run copy', async (t) => {
  const next = random(20240301);
  const docs: Doc[] = [];
  for (let i = 0; i < 3000; i++) {
    const original = i % 10 === 9 ? docs[i - 5] : undefined;
    const text = original
      ? `${original.text} Updated with comment from ${VOCABULARY[i % VOCABULARY.length]} officials.`
      : syntheticText(next, 250 + Math.floor(next() * 300));
    docs.push(docOf(`synthetic/${i}.txt`, text, `s${i.toString(16).padStart(7, '0')}`, `Report ${i}`));
  }
  using tmp = tempDir();
  const store = await openStore(join(tmp.dir, 'bench.db'));
  try {
    const statuses = new Map<string, number>();
    const t0 = performance.now();
    for (const doc of docs) {
      const { status } = await store.put(doc);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    const seconds = (performance.now() - t0) / 1000;
    t.diagnostic(`put: ${docs.length} docs in ${seconds.toFixed(2)} s = ${(docs.length / seconds).toFixed(0)} docs/s (file database, WAL)`);
    assert.equal(statuses.get('new'), 2700);
    assert.equal(statuses.get('duplicate'), 300);
    assert.deepEqual(await store.counts(), { articles: 2700, duplicates: 300, raws: 3000 });

    const s0 = performance.now();
    const hits = await store.search('harbour minister');
    t.diagnostic(`search over 2,700 articles: ${hits.total} matches in ${(performance.now() - s0).toFixed(1)} ms`);
    assert.ok(hits.total > 0);
  } finally {
    await store.close();
  }
});

test('each article records the pipeline version that produced it: the store default, or what the put says', async () => {
  using tmp = tempDir();
  const path = join(tmp.dir, 'versions.db');
  const store = await openStore(path, { pipelineVersion: 2 });
  try {
    await store.put(docOf('a.txt', 'The first article of the versions test, about the regatta on the lake.', 'ver-a'));
    await store.put(docOf('b.txt', 'The second article of the versions test, about the harbour festival.', 'ver-b'), { pipelineVersion: 7 });
  } finally {
    await store.close();
  }
  const unversioned = await openStore(path);
  try {
    await unversioned.put(docOf('c.txt', 'The third article of the versions test, about the tram line works.', 'ver-c'));
  } finally {
    await unversioned.close();
  }
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    const rows = raw.prepare('select id, pipeline_version as v from articles order by id').all();
    assert.deepEqual(rows, [
      { id: 'ver-a', v: 2 },
      { id: 'ver-b', v: 7 },
      { id: 'ver-c', v: null },
    ]);
  } finally {
    raw.close();
  }
});
