/**
 * The queue in one process on a fresh PostgreSQL database: an input whose
 * analysis keeps failing is retried, then failed for good with its reason,
 * and does not hold up the inputs after it; enqueuing an input twice is one
 * job; applying again changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Doc, RawInput } from '../core/doc.js';
import { BUDGET, FERRY, makeDoc } from '../store/articles.fixture.js';
import { openPostgresStore } from '../store/postgres.js';
import { createTestDatabase, pgUnavailable } from '../store/pg-testing.js';
import { IngestQueue } from './queue.js';

const skip = (await pgUnavailable()) ?? false;

const raw = (input: string, content: string): RawInput => ({ input, kind: 'text', content, meta: { container: 'file' } });

test('a failing input is retried, then failed with its reason; the rest are stored in order', { skip, timeout: 60_000 }, async () => {
  Object.assign(process.env, { NEWSGRAPH_QUEUE_RETRIES: '1', NEWSGRAPH_QUEUE_RETRY_DELAY: '0', NEWSGRAPH_QUEUE_POLL: '0.5' });
  const database = await createTestDatabase();
  const store = await openPostgresStore(database.url);
  const queue = await IngestQueue.open(database.url, { supervise: true });
  try {
    const inputs = [raw('ferry.txt', FERRY), raw('bad.txt', 'cannot be analysed'), raw('budget.txt', BUDGET), raw('ferry-copy.txt', FERRY)];
    for (const r of inputs) assert.equal((await queue.enqueue(r)).created, true);
    assert.deepEqual(await queue.enqueue(inputs[0]!), { seq: 1, created: false });
    let attempts = 0;
    const analyze = (r: RawInput): Doc => {
      if (r.input === 'bad.txt') {
        attempts++;
        throw new Error('no text in it');
      }
      return { ...makeDoc({ input: r.input, text: r.content }), raw: r };
    };
    const errors: string[] = [];
    const worker = await queue.work(store, analyze, { concurrency: 2, onError: (m) => errors.push(m) });
    const end = Date.now() + 45_000;
    while (!(await queue.drained()) || (await queue.status()).jobs.failed === 0) {
      assert.ok(Date.now() < end, `queue did not drain: ${JSON.stringify(await queue.status())}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await worker.stop();
    assert.deepEqual(errors, []);
    assert.equal(attempts, 2, 'one try and one retry');
    const status = await queue.status();
    assert.deepEqual(status.inputs, { queued: 0, analysed: 0, applied: 3, failed: 1 });
    assert.deepEqual(status.results, { new: 2, duplicate: 1 });
    assert.equal(status.failed.length, 1);
    assert.equal(status.failed[0]!.input, 'bad.txt');
    assert.match(status.failed[0]!.reason, /analysis failed: no text in it/);
    assert.equal(status.jobs.failed, 1);
    assert.equal(status.jobs.completed, 3);
    // Stored in enqueue order, the copy linked to the first ferry article, both placed.
    const listed = await store.list({ limit: 10 });
    assert.deepEqual(listed.items.map((a) => a.input), ['ferry.txt', 'budget.txt']);
    assert.deepEqual(await store.counts(), { articles: 2, duplicates: 1, raws: 3 });
    assert.equal((await store.storyMembers()).length, 2);
    // Applying again: nothing more to store, nothing changes.
    const members = await store.storyMembers();
    assert.equal(await queue.applyReady(store), 0);
    assert.deepEqual(await store.storyMembers(), members);
    assert.deepEqual(await store.counts(), { articles: 2, duplicates: 1, raws: 3 });
  } finally {
    await queue.close();
    await store.close();
    await database.drop();
  }
});

test('an input stored by a worker that died before marking it is not stored or placed twice', { skip, timeout: 60_000 }, async () => {
  Object.assign(process.env, { NEWSGRAPH_QUEUE_POLL: '0.5' });
  const database = await createTestDatabase();
  const store = await openPostgresStore(database.url);
  const queue = await IngestQueue.open(database.url, { supervise: true });
  try {
    const input = raw('ferry.txt', FERRY);
    const analyze = (r: RawInput): Doc => ({ ...makeDoc({ input: r.input, text: r.content }), raw: r });
    await queue.enqueue(input);
    await queue.enqueue(raw('budget.txt', BUDGET));
    // The dead worker's put went through; its row was never marked applied and nothing was placed.
    assert.equal((await store.put(analyze(input))).status, 'new');
    const worker = await queue.work(store, analyze);
    const end = Date.now() + 30_000;
    while (!(await queue.drained()) || ((await queue.status()).jobs.completed ?? 0) < 2) {
      assert.ok(Date.now() < end, `queue did not drain: ${JSON.stringify(await queue.status())}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await worker.stop();
    assert.deepEqual((await queue.status()).results, { unchanged: 1, new: 1 });
    assert.deepEqual(await store.counts(), { articles: 2, duplicates: 0, raws: 2 });
    const members = await store.storyMembers();
    assert.equal(members.length, 2);
    assert.equal(new Set(members.map((m) => m.article)).size, 2);
  } finally {
    await queue.close();
    await store.close();
    await database.drop();
  }
});

test('the queue refuses a database it cannot reach, naming it without the password', { skip, timeout: 30_000 }, async () => {
  const url = 'postgres://someone:s3cret@127.0.0.1:1/nowhere';
  await assert.rejects(IngestQueue.open(url), (err: Error) => {
    assert.match(err.message, /someone:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    assert.ok(!err.message.includes('s3cret'));
    return true;
  });
});
