/**
 * Ingestion jobs of a server over PostgreSQL: queued in the database, worked
 * by a queue worker, their progress read back from the database, the same
 * after the server restarts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { loadPipeline } from '../pipeline/index.js';
import { IngestQueue } from '../queue/queue.js';
import { FERRY } from '../store/articles.fixture.js';
import { openPostgresStore } from '../store/postgres.js';
import { createTestDatabase, pgUnavailable } from '../store/pg-testing.js';
import type { Job } from './api.js';
import { jobFromRow, QueueJobs } from './queue-jobs.js';
import { buildServer } from './server.js';

const skip = (await pgUnavailable()) ?? false;

test('a job is queued until its inputs are stored or failed, and counts what happened to each', () => {
  const base = { input: 'feed', createdAt: '2026-01-01T00:00:00.000Z', readAt: '2026-01-01T00:00:01.000Z', readErrors: [{ input: 'feed#item=3', reason: 'no text' }] };
  const input = (state: 'queued' | 'analysed' | 'applied' | 'failed', extra: object = {}) => ({ input: 'feed#item', state, result: null, articleId: null, error: null, known: false, finishedAt: null, ...extra });
  const queued = jobFromRow('j', { ...base, inputs: [input('queued'), input('queued')] });
  assert.equal(queued.status, 'queued');
  assert.equal(queued.done, 1);
  assert.equal(queued.total, 3);
  assert.equal(queued.finishedAt, null);
  const running = jobFromRow('j', { ...base, readAt: null, inputs: [input('analysed')] });
  assert.equal(running.status, 'running');
  assert.equal(running.total, null);
  const done = jobFromRow('j', {
    ...base,
    inputs: [
      input('applied', { result: 'new', articleId: 'a1', finishedAt: '2026-01-01T00:00:05.000Z' }),
      input('applied', { result: 'new', articleId: 'a2', known: true, finishedAt: '2026-01-01T00:00:02.000Z' }),
      input('failed', { error: 'analysis failed: x', finishedAt: '2026-01-01T00:00:03.000Z' }),
    ],
  });
  assert.equal(done.status, 'done');
  assert.deepEqual(done.counts, { new: 1, unchanged: 1, duplicate: 0, failed: 2 });
  assert.deepEqual(done.articles, ['a1', 'a2']);
  assert.equal(done.finishedAt, '2026-01-01T00:00:05.000Z');
  assert.deepEqual(done.errors.map((e) => e.reason), ['no text', 'analysis failed: x']);
  const failed = jobFromRow('j', { ...base, inputs: [input('failed', { error: 'bad' })] });
  assert.equal(failed.status, 'failed');
});

test('over PostgreSQL, API ingestion is queued for workers and its progress survives a restart', { skip, timeout: 90_000 }, async () => {
  Object.assign(process.env, { NEWSGRAPH_QUEUE_POLL: '0.5' });
  const database = await createTestDatabase();
  const store = await openPostgresStore(database.url);
  let queue = await IngestQueue.open(database.url);
  let app: FastifyInstance = await buildServer(store, { jobs: new QueueJobs(queue) });
  const worker = await IngestQueue.open(database.url, { supervise: true });
  try {
    const posted = await app.inject({ method: 'POST', url: '/api/ingest', payload: { kind: 'text', content: FERRY, name: 'ferry.txt' } });
    assert.equal(posted.statusCode, 202);
    const job = posted.json<Job>();
    assert.equal(job.status, 'queued');
    assert.equal(job.total, 1);
    assert.equal((await store.counts()).articles, 0, 'nothing is analysed in the server');

    // A job the server was reading when it stopped.
    await queue.createApiJob('0b8f4a1e-2f51-4c4e-9a59-5d0f3d3f0c11', 'https://example.invalid/feed');
    // Restart: a new server over the same database knows the job.
    await app.close();
    await queue.close();
    queue = await IngestQueue.open(database.url);
    const jobs = new QueueJobs(queue);
    assert.equal(await jobs.recover(), 1);
    app = await buildServer(store, { jobs });
    const again = (await app.inject({ method: 'GET', url: `/api/jobs/${job.id}` })).json<Job>();
    assert.equal(again.status, 'queued');
    assert.equal(again.createdAt, job.createdAt);
    const abandoned = (await app.inject({ method: 'GET', url: '/api/jobs/0b8f4a1e-2f51-4c4e-9a59-5d0f3d3f0c11' })).json<Job>();
    assert.equal(abandoned.status, 'failed');
    assert.match(abandoned.errors[0]!.reason, /server stopped while reading/);

    const pipeline = loadPipeline();
    const working = await worker.work(store, (raw) => pipeline.analyze(raw));
    let finished: Job = again;
    const end = Date.now() + 60_000;
    while (finished.status !== 'done') {
      assert.ok(Date.now() < end, `job did not finish: ${JSON.stringify(finished)}`);
      await new Promise((r) => setTimeout(r, 250));
      finished = (await app.inject({ method: 'GET', url: `/api/jobs/${job.id}` })).json<Job>();
    }
    await working.stop();
    assert.deepEqual(finished.counts, { new: 1, unchanged: 0, duplicate: 0, failed: 0 });
    assert.equal(finished.done, 1);
    assert.notEqual(finished.finishedAt, null);
    const [articleId] = finished.articles;
    assert.ok((await store.get(articleId!)) !== null);
    assert.equal((await store.storyOf(articleId!))?.article, articleId, 'placed in a story');

    // The same text again: no new job for a worker, the job is done at once and says unchanged.
    const repeat = (await app.inject({ method: 'POST', url: '/api/ingest', payload: { kind: 'text', content: FERRY, name: 'ferry.txt' } })).json<Job>();
    assert.equal(repeat.status, 'done');
    assert.deepEqual(repeat.counts, { new: 0, unchanged: 1, duplicate: 0, failed: 0 });
    assert.deepEqual(repeat.articles, [articleId]);
    assert.equal((await app.inject({ method: 'GET', url: '/api/jobs/5d0f3d3f-0000-4000-8000-000000000000' })).statusCode, 404);
  } finally {
    await app.close();
    await queue.close();
    await worker.close();
    await store.close();
    await database.drop();
  }
});
