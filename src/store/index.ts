/**
 * Opens a store from a location the user gave: a file path or ':memory:' for
 * SQLite, a `postgres://` or `postgresql://` URL for PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { isPostgresUrl } from './location.js';
import { openPostgresDatabase, openPostgresStore, postgresDialect } from './postgres.js';
import type { Database, StoreDialect } from './schema.js';
import { openSqliteDatabase, openSqliteStore, sqliteDialect } from './sqlite.js';
import type { StoreOptions } from './kysely-store.js';
import type { Store } from './store.js';

export type { StoreOptions } from './kysely-store.js';
export type * from './store.js';
export { openSqliteStore } from './sqlite.js';
export { openPostgresStore } from './postgres.js';
export { isPostgresUrl, redactLocation, redactSecrets } from './location.js';

function requireLocation(location: string): void {
  if (location.trim().length === 0) throw new Error('no database given: pass a file path, :memory: or a postgres:// URL');
}

export async function openStore(location: string, options: StoreOptions = {}): Promise<Store> {
  requireLocation(location);
  return isPostgresUrl(location) ? openPostgresStore(location.trim(), options) : openSqliteStore(location, options);
}

/** The migrated database at a location and its dialect, for whole-store work (copying a store). */
export async function openDatabase(location: string): Promise<{ db: Kysely<Database>; dialect: StoreDialect }> {
  requireLocation(location);
  return isPostgresUrl(location)
    ? { db: await openPostgresDatabase(location.trim()), dialect: postgresDialect }
    : { db: await openSqliteDatabase(location), dialect: sqliteDialect };
}
