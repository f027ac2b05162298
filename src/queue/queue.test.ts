/**
 * The queue's acceptance test, through the real `newsgraph` binary (dist/,
 * built by `npm run build`): three worker processes on one fresh PostgreSQL
 * database, one of them SIGKILLed mid-run, must leave the same store as one
 * `newsgraph ingest` into SQLite on the same inputs: the same articles,
 * duplicates, entities, places and story memberships, with every input
 * stored once and no job lost. Skipped without a PostgreSQL test server
 * (unless NEWSGRAPH_REQUIRE_PG=1), the seeds or the FA-KES dataset.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { openStore, type Store } from '../store/index.js';
import { createTestDatabase, pgUnavailable } from '../store/pg-testing.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/newsgraph.js');
const seeds = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const fakes = fileURLToPath(new URL('../../../shared/data/fakes-syria-news/FA-KES-Dataset.csv', import.meta.url));
/** Dataset rows added to the seeds. */
const ROWS = 40;
const WORKERS = 3;
const built = existsSync(join(root, 'dist/cli/main.js'));
// Asked before any test is declared (see src/cli/cli.test.ts).
const skip = !existsSync(seeds) || !existsSync(fakes) ? 'no seeds or FA-KES dataset in ../shared' : !built ? 'not built (npm run build)' : ((await pgUnavailable()) ?? false);

/** Settings that make a killed worker's job expire and retry within seconds. */
const QUEUE_ENV = { NEWSGRAPH_QUEUE_EXPIRE: '8', NEWSGRAPH_QUEUE_MAINTENANCE: '1', NEWSGRAPH_QUEUE_POLL: '0.5', NEWSGRAPH_QUEUE_RETRY_DELAY: '1' };

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root, maxBuffer: 64 * 2 ** 20, env: { ...process.env, ...QUEUE_ENV } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function quote(field: string): string {
  return `"${field.replaceAll('"', '""')}"`;
}

/** The inputs, in order: the seeds, the first ROWS dataset rows (written to a temp file at test time), and an exact copy of a seed. */
function writeInputs(dir: string): string[] {
  const rows = parse(readFileSync(fakes, 'utf8'), { relax_column_count: true }) as string[][];
  const csv = join(dir, 'fakes.csv');
  writeFileSync(csv, rows.slice(0, ROWS + 1).map((r) => r.map(quote).join(',')).join('\n') + '\n');
  const copy = join(dir, 'copy-of-seed.txt');
  copyFileSync(join(seeds, readdirSync(seeds).sort()[0]!), copy);
  return [seeds, csv, copy];
}

/** Everything the two stores must agree on. */
async function contents(store: Store) {
  const page = await store.list({ limit: 1000 });
  const ids = page.items.map((a) => a.id);
  const duplicates: Record<string, unknown> = {};
  for (const id of ids) duplicates[id] = (await store.get(id))?.duplicates;
  return {
    counts: await store.counts(),
    articles: page.items,
    records: await store.records(ids),
    duplicates,
    entities: (await store.entities({ limit: 1000 })).items,
    places: await store.places(),
    members: await store.storyMembers(),
  };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

test('three workers, one killed mid-run, store what one process stores', { skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsgraph-queue-'));
  const database = await createTestDatabase();
  const workers: ChildProcess[] = [];
  const logs: string[] = [];
  const client = new pg.Client({ connectionString: database.url });
  try {
    const inputs = writeInputs(dir);
    const reference = join(dir, 'reference.db');
    const single = run(['ingest', ...inputs, '--db', reference]);
    assert.equal(single.code, 0, single.stderr);

    const started = Date.now();
    const enqueued = run(['ingest', ...inputs, '--db', database.url, '--queue']);
    assert.equal(enqueued.code, 0, enqueued.stderr);
    const total = ROWS + readdirSync(seeds).length + 1;
    assert.match(enqueued.stdout, new RegExp(`queued ${total} inputs, 0 already queued, 0 failed`));
    // The same inputs again are no new jobs.
    assert.match(run(['ingest', ...inputs, '--db', database.url, '--queue']).stdout, new RegExp(`queued 0 inputs, ${total} already queued`));

    for (let i = 0; i < WORKERS; i++) {
      const child = spawn(process.execPath, [bin, 'worker', '--db', database.url], { cwd: root, env: { ...process.env, ...QUEUE_ENV }, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr!.on('data', (chunk: Buffer) => logs.push(`[worker ${i}] ${chunk.toString()}`));
      workers.push(child);
    }
    await client.connect();
    const count = async (where: string) => Number((await client.query<{ n: string }>(`select count(*) as n from queue_inputs where ${where}`)).rows[0]!.n);
    const until = async (what: string, done: () => Promise<boolean>, ms: number) => {
      const end = Date.now() + ms;
      while (!(await done())) {
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}; worker logs:\n${logs.join('')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // Mid-run: some inputs stored, and worker 0 has a job in hand.
    const active = async () => Number((await client.query<{ n: string }>(`select count(*) as n from pgboss.job where state = 'active'`)).rows[0]!.n);
    await until('the first stored inputs while jobs are active', async () => (await count(`state = 'applied'`)) >= 3 && (await active()) > 0, 60_000);
    workers[0]!.kill('SIGKILL');
    await exited(workers[0]!);
    const appliedAtKill = await count(`state = 'applied'`);
    assert.ok(appliedAtKill < total, 'the worker was killed before the queue was done');

    // Drained: every input stored or failed, and every job finished (the killed worker's job expires and is retried).
    const unfinishedJobs = async () => Number((await client.query<{ n: string }>(`select count(*) as n from pgboss.job where state not in ('completed', 'failed')`)).rows[0]!.n);
    await until('the queue to drain', async () => (await count(`state in ('queued', 'analysed')`)) === 0 && (await unfinishedJobs()) === 0, 90_000);
    const seconds = (Date.now() - started) / 1000;
    for (const w of workers.slice(1)) w.kill('SIGTERM');
    for (const w of workers.slice(1)) assert.equal(await exited(w), 0, logs.join(''));

    // No job lost, none applied twice: every input stored once, every job completed once.
    assert.equal(await count(`state = 'applied'`), total, logs.join(''));
    const jobs = await client.query<{ state: string; n: string; retried: string }>(
      `select state, count(*) as n, sum(case when retry_count > 0 then 1 else 0 end) as retried from pgboss.job group by state`,
    );
    const byState = Object.fromEntries(jobs.rows.map((r) => [r.state, Number(r.n)]));
    assert.deepEqual(byState, { completed: total });
    const status = JSON.parse(run(['jobs', '--db', database.url, '--json']).stdout) as { inputs: Record<string, number>; results: Record<string, number>; failed: unknown[] };
    assert.deepEqual(status.inputs, { queued: 0, analysed: 0, applied: total, failed: 0 });
    assert.deepEqual(status.failed, []);

    const pgStore = await openStore(database.url);
    const sqliteStore = await openStore(reference);
    try {
      const got = await contents(pgStore);
      const want = await contents(sqliteStore);
      assert.equal(got.counts.raws, total);
      assert.ok(got.counts.duplicates >= 1, 'the copied seed is a duplicate');
      assert.equal(status.results.new, got.counts.articles);
      assert.equal(status.results.duplicate, got.counts.duplicates);
      assert.ok(got.members.length === got.counts.articles, 'every article is placed');
      assert.deepEqual(got, want);
    } finally {
      await pgStore.close();
      await sqliteStore.close();
    }
    const retried = jobs.rows.reduce((n, r) => n + Number(r.retried), 0);
    process.stderr.write(`queue acceptance: ${total} inputs, ${WORKERS} workers (one killed after ${appliedAtKill} stored), drained in ${seconds.toFixed(1)} s, ${retried} job(s) retried\n`);
  } finally {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await Promise.all(workers.map(exited));
    await client.end().catch(() => {});
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
