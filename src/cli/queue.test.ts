/**
 * The queue commands through the real binary (dist/, `npm run build`): what
 * they refuse, and `jobs` on a fresh PostgreSQL store. The queue at work is
 * src/queue/queue.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, pgUnavailable } from '../store/pg-testing.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/newsgraph.js');
const built = existsSync(join(root, 'dist/cli/main.js'));
// Asked before any test is declared (see cli.test.ts).
const noPostgres = !built ? 'not built' : ((await pgUnavailable()) ?? false);

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--queue, worker and jobs refuse a SQLite store, saying why', { skip: !built && 'not built' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsgraph-queue-cli-'));
  try {
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'The council met on Tuesday.\n');
    const db = join(dir, 'store.db');
    for (const args of [['ingest', file, '--db', db, '--queue'], ['worker', '--db', db], ['jobs', '--db', db]]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /needs a PostgreSQL store \(--db postgres:\/\/…\)/);
      assert.ok(r.stderr.includes(db), 'names the database');
    }
    assert.ok(!existsSync(db), 'no SQLite file was created');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker refuses a concurrency that is not a positive whole number', { skip: !built && 'not built' }, () => {
  for (const n of ['0', '-1', '2.5', 'many']) {
    const r = run(['worker', '--db', 'postgres://u:hunter2@127.0.0.1:1/x', '--concurrency', n]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--concurrency: not a positive whole number/);
  }
});

test('a database that cannot be reached is named without its password', { skip: !built && 'not built' }, () => {
  const r = run(['jobs', '--db', 'postgres://u:hunter2@127.0.0.1:1/x']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /u:\*\*\*@127\.0\.0\.1:1\/x/);
  assert.ok(!r.stderr.includes('hunter2'));
});

test('jobs on a fresh PostgreSQL store: nothing queued', { skip: noPostgres }, async () => {
  const database = await createTestDatabase();
  try {
    const r = run(['jobs', '--db', database.url, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const status = JSON.parse(r.stdout) as { jobs: Record<string, number>; inputs: Record<string, number>; failed: unknown[] };
    assert.deepEqual(status.inputs, { queued: 0, analysed: 0, applied: 0, failed: 0 });
    assert.equal(status.jobs.created, 0);
    assert.deepEqual(status.failed, []);
    const text = run(['jobs', '--db', database.url]);
    assert.match(text.stdout, /^jobs: 0 queued, 0 waiting to retry, 0 active, 0 completed, 0 failed\n/);
  } finally {
    await database.drop();
  }
});
