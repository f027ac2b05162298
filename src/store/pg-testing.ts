/**
 * Throw-away PostgreSQL databases for tests: each test that needs a fresh
 * store gets its own uniquely named database on the test server, dropped
 * when the test is done. Creating one is a file copy of template1 on the
 * server (a tenth of a second), cheaper and surer than truncating a shared one.
 *
 * The server: NEWSGRAPH_TEST_PG, else postgres://postgres@127.0.0.1:5432/postgres.
 * When it cannot be reached the PostgreSQL tests are skipped with the reason,
 * unless NEWSGRAPH_REQUIRE_PG=1 (CI), where that is an error.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactLocation, redactSecrets } from './location.js';
import { describeError } from './postgres.js';

export const TEST_SERVER = process.env.NEWSGRAPH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REQUIRED = process.env.NEWSGRAPH_REQUIRE_PG === '1';
/**
 * A test server that does not answer in this time is taken as absent. The
 * timer runs on the event loop: a test file must ask before it declares tests,
 * whose synchronous work would otherwise hold the answer up past it.
 */
const CONNECT_TIMEOUT_MS = 10_000;
/** Prefix of the test databases, so a leftover one is recognisable. */
const DATABASE_PREFIX = 'newsgraph_test';

export interface TestDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  /** Runs SQL statements on it (outside any store). */
  exec(statements: string): Promise<void>;
  /** Drops it; stores on it must be closed first (their connections would be cut). */
  drop(): Promise<void>;
}

function urlOf(database: string): string {
  const url = new URL(TEST_SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Why PostgreSQL tests cannot run here (null when they can). Throws instead
 * when NEWSGRAPH_REQUIRE_PG=1.
 */
export async function pgUnavailable(): Promise<string | null> {
  try {
    await onServer(TEST_SERVER, (client) => client.query('select 1'));
    return null;
  } catch (err) {
    const reason = `no PostgreSQL test server at ${redactLocation(TEST_SERVER)} (${redactSecrets(describeError(err), TEST_SERVER)}); set NEWSGRAPH_TEST_PG to use another`;
    if (REQUIRED) throw new Error(`NEWSGRAPH_REQUIRE_PG=1: ${reason}`, { cause: err });
    return `${reason}; skipped`;
  }
}

let created = 0;

/** A new, empty database on the test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${DATABASE_PREFIX}_${process.pid}_${++created}_${randomBytes(4).toString('hex')}`;
  await onServer(TEST_SERVER, async (client) => {
    await client.query(`create database ${name}`);
    // Commits need not wait for the disk: a test database is thrown away, and the suite's thousands of small commits stay fast.
    await client.query(`alter database ${name} set synchronous_commit = off`);
  });
  const url = urlOf(name);
  return {
    url,
    exec: (statements) => onServer(url, async (client) => void (await client.query(statements))),
    // WITH (FORCE): a connection a failed test left open must not keep the database alive.
    drop: () => onServer(TEST_SERVER, async (client) => void (await client.query(`drop database if exists ${name} with (force)`))),
  };
}
