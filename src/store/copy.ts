/**
 * Copies a whole store into another, empty one: SQLite into PostgreSQL (or
 * either way round). Rows are copied as stored, keys included, not re-derived:
 * articles, their raw inputs and duplicate links, LSH bands, the story
 * clusterer's state and members, the story list, corrections and the
 * corrected entity and place indexes. The target then reads exactly as the
 * source, and carries on numbering after the source's largest keys.
 */
import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { openDatabase } from './index.js';
import { isPostgresUrl, redactLocation } from './location.js';
import { SERIAL_KEYS, type Database, type SerialTable } from './schema.js';

/** Tables in an order where every row's references are copied before it. */
export const COPIED_TABLES = [
  'articles',
  'raw_inputs',
  'duplicates',
  'lsh_bands',
  'story_state',
  'story_members',
  'story_listings',
  'corrections',
  'article_entities',
  'article_places',
] as const satisfies readonly (keyof Database)[];

export type CopiedTable = (typeof COPIED_TABLES)[number];

/**
 * Rows per insert statement: articles have 18 columns, so a batch stays far
 * under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
 */
const COPY_BATCH = 200;
/**
 * Columns a database computes itself and refuses to be given: PostgreSQL's
 * generated full-text vector. The target computes its own.
 */
const GENERATED_COLUMNS = new Set(['fts']);

function withoutGenerated(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !GENERATED_COLUMNS.has(column)));
}

/** Whether a table holds no row. */
async function isEmpty(db: Kysely<Database>, table: CopiedTable): Promise<boolean> {
  return (await db.selectFrom(table).select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst()) === undefined;
}

/**
 * Copies the store at `from` into the store at `to` (created and migrated if
 * needed), in one transaction of the target: an interrupted copy leaves it
 * empty. Refuses a source that does not exist, a target that already holds
 * data, and copying a store onto itself. Returns the rows copied per table.
 */
export async function copyStore(from: string, to: string): Promise<Record<CopiedTable, number>> {
  const shownFrom = redactLocation(from);
  const shownTo = redactLocation(to);
  if (from.trim() === to.trim()) throw new Error(`${shownTo}: the source and the target are the same store`);
  // Opening a missing SQLite file would create an empty store and copy nothing.
  if (!isPostgresUrl(from) && from !== ':memory:' && !existsSync(from)) throw new Error(`${shownFrom}: no such store file`);
  const source = await openDatabase(from);
  try {
    const target = await openDatabase(to);
    try {
      for (const table of COPIED_TABLES) {
        if (!(await isEmpty(target.db, table))) {
          throw new Error(`${shownTo}: the target store is not empty (table ${table} has rows); copy into a new, empty database`);
        }
      }
      return await target.dialect.writeTransaction(target.db, async (trx) => {
        const copied = {} as Record<CopiedTable, number>;
        for (const table of COPIED_TABLES) copied[table] = await copyTable(source.db, trx, table);
        for (const table of Object.keys(SERIAL_KEYS) as SerialTable[]) await target.dialect.syncSerial(trx, table);
        return copied;
      });
    } finally {
      await target.db.destroy();
    }
  } finally {
    await source.db.destroy();
  }
}

/**
 * The primary key of each table, by which it is read in pages (keyset
 * pagination: each page starts after the last key of the one before, so a
 * page costs the same however far in it is, on every database).
 */
const PAGE_KEYS: Record<CopiedTable, readonly string[]> = {
  articles: ['seq'],
  raw_inputs: ['seq'],
  duplicates: ['raw_hash'],
  lsh_bands: ['band', 'key', 'article_id'],
  story_state: ['name'],
  story_members: ['article_id'],
  story_listings: ['storyline_id'],
  corrections: ['id'],
  article_entities: ['article_id', 'entity_id'],
  article_places: ['article_id', 'entity_id'],
};

/** The tables seen untyped: the rows go through unchanged, the same schema on both sides. */
type AnyTables = Kysely<Record<CopiedTable, Record<string, unknown>>>;

async function copyTable(source: Kysely<Database>, target: Kysely<Database>, table: CopiedTable): Promise<number> {
  const from = source as unknown as AnyTables;
  const keys = PAGE_KEYS[table];
  let copied = 0;
  let after: unknown[] | null = null;
  while (true) {
    let page = from.selectFrom(table).selectAll();
    if (after !== null) {
      const last = after;
      page = page.where((eb) => (keys.length === 1 ? eb(eb.ref(keys[0]!), '>', last[0]) : eb(eb.refTuple(...(keys as [string, string])), '>', eb.tuple(...(last as [unknown, unknown])))));
    }
    for (const key of keys) page = page.orderBy(key);
    const rows = await page.limit(COPY_BATCH).execute();
    if (rows.length === 0) return copied;
    await (target as unknown as AnyTables).insertInto(table).values(rows.map(withoutGenerated)).execute();
    copied += rows.length;
    const lastRow = rows[rows.length - 1]!;
    after = keys.map((key) => lastRow[key]);
    if (rows.length < COPY_BATCH) return copied;
  }
}
