/**
 * Opens a store from a location the user gave: a file path or ':memory:' for
 * SQLite, a `postgres://` URL for PostgreSQL.
 */
import { openSqliteStore } from './sqlite.js';
import type { StoreOptions } from './kysely-store.js';
import type { Store } from './store.js';

export type { StoreOptions } from './kysely-store.js';
export type * from './store.js';
export { openSqliteStore } from './sqlite.js';

export async function openStore(location: string, options: StoreOptions = {}): Promise<Store> {
  if (location.trim().length === 0) throw new Error('no database given: pass a file path, :memory: or a postgres:// URL');
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new Error(`${location.replace(/\/\/[^@/]*@/, '//…@')}: PostgreSQL support is not available yet`);
  }
  return openSqliteStore(location, options);
}
