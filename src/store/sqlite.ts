/**
 * The SQLite adapter: better-sqlite3 through Kysely's SqliteDialect, with
 * FTS5 for full-text search. One file holds everything; ':memory:' gives a
 * throw-away store.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { KyselyStore, type StoreOptions } from './kysely-store.js';
import { migrateToLatest } from './migrations.js';
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, toFts5Match } from './query.js';
import type { Database, FullTextRow, StoreDialect } from './schema.js';
import type { Store } from './store.js';

/** How long a writer waits for another process's lock before giving up. */
const BUSY_TIMEOUT_MS = 5000;
/** Tokens of context in a search snippet (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 24;
/** bm25 weights of the indexed columns: a word in the title counts five times a word in the body. */
const TITLE_WEIGHT = 5;
const TEXT_WEIGHT = 1;
/** Prepared statements kept for reuse; the store issues a few dozen distinct statements. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * FTS5 over title and text, as an external-content index: the text is stored
 * once, in `articles`. The index reads from a view that replaces the highlight
 * marker characters, so a marker in a snippet is always one FTS5 put there;
 * replacing one code unit by one keeps offsets. Triggers keep the index in
 * step with every insert, update and delete of an article.
 *
 * Tokenizer: unicode61 folds case and diacritics for every script; porter
 * stems English on top, so "schools" finds "school". Porter leaves words it
 * does not recognise as English mostly alone, and queries are stemmed the same
 * way as the text, so other languages still match on whole words.
 */
const FTS5_SCHEMA = [
  `create view articles_fts_source as
     select seq,
            replace(replace(title, char(57344), char(65533)), char(57345), char(65533)) as title,
            replace(replace(text, char(57344), char(65533)), char(57345), char(65533)) as text
     from articles`,
  `create virtual table articles_fts using fts5(
     title, text,
     content = 'articles_fts_source', content_rowid = 'seq',
     tokenize = 'porter unicode61 remove_diacritics 2')`,
  `create trigger articles_fts_insert after insert on articles begin
     insert into articles_fts (rowid, title, text)
       select seq, title, text from articles_fts_source where seq = new.seq;
   end`,
  // The 'delete' command must be given exactly the values that were indexed: those of the view
  // before the change. Before-triggers still see the old row.
  `create trigger articles_fts_delete before delete on articles begin
     insert into articles_fts (articles_fts, rowid, title, text)
       select 'delete', seq, title, text from articles_fts_source where seq = old.seq;
   end`,
  `create trigger articles_fts_update_old before update of title, text on articles begin
     insert into articles_fts (articles_fts, rowid, title, text)
       select 'delete', seq, title, text from articles_fts_source where seq = old.seq;
   end`,
  `create trigger articles_fts_update_new after update of title, text on articles begin
     insert into articles_fts (rowid, title, text)
       select seq, title, text from articles_fts_source where seq = new.seq;
   end`,
];

export const sqliteDialect: StoreDialect = {
  name: 'sqlite',
  serialType: 'integer',
  // AUTOINCREMENT: a deleted article's number is never reused, so stored order stays meaningful.
  serialPrimaryKey: (column) => column.primaryKey().autoIncrement(),
  binaryType: 'blob',
  // SQLite's text compares code points (BINARY collation) and its real is 8 bytes already.
  textType: 'text',
  floatType: 'real',
  keyOnlyTable: (table) => table.modifyEnd(sql`without rowid`),
  fullText: {
    async create(db) {
      for (const statement of FTS5_SCHEMA) await sql.raw(statement).execute(db);
    },
    async search(db, terms, { limit, offset }) {
      const match = toFts5Match(terms);
      const rows = await sql<FullTextRow>`
        select a.id, a.title, a.outlet, a.domain, a.published_at, a.input, a.words,
               -bm25(articles_fts, ${TITLE_WEIGHT}, ${TEXT_WEIGHT}) as score,
               snippet(articles_fts, 1, ${HIGHLIGHT_OPEN}, ${HIGHLIGHT_CLOSE}, '…', ${SNIPPET_TOKENS}) as snippet
        from articles_fts
        join articles a on a.seq = articles_fts.rowid
        where articles_fts match ${match}
        order by score desc, a.seq
        limit ${limit} offset ${offset}`.execute(db);
      const counted = await sql<{ total: number }>`
        select count(*) as total from articles_fts where articles_fts match ${match}`.execute(db);
      return { rows: rows.rows, total: Number(counted.rows[0]?.total ?? 0) };
    },
  },
  async writeTransaction(db, work) {
    // BEGIN IMMEDIATE takes the write lock at the start: with a deferred BEGIN, two
    // processes that both read first could deadlock when both try to write.
    return db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (err) {
        await sql`rollback`.execute(connection);
        throw err;
      }
    });
  },
  // AUTOINCREMENT records the largest key ever inserted, given or generated: nothing to move.
  syncSerial: async () => {},
};

/**
 * The connection as Kysely sees it, with prepared statements reused: Kysely
 * prepares every query anew, and compiling the SQL is a third of the cost of a
 * small query. Kysely compiles the same query shape to the same SQL text, so
 * the text is the cache key. Safe because Kysely runs one query at a time on
 * the one SQLite connection.
 */
function withStatementCache(connection: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => connection.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (statement === undefined) {
        statement = connection.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Opens (creating if needed) the SQLite database at `path` and brings its
 * schema up to date. Throws an error naming the file and the reason when the
 * file cannot be opened or is not a newsgraph database.
 */
export async function openSqliteStore(path: string, options: StoreOptions = {}): Promise<Store> {
  return new KyselyStore(await openSqliteDatabase(path), sqliteDialect, options);
}

/** The migrated database under `openSqliteStore`, for whole-store work such as copying a store. */
export async function openSqliteDatabase(path: string): Promise<Kysely<Database>> {
  let connection: BetterSqlite3.Database;
  try {
    connection = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
    // WAL: readers (the web server) never block the writer (ingest), and commits are cheaper.
    connection.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses at most the last commits on power loss, never consistency.
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
    connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (err) {
    throw new Error(`cannot open SQLite database ${path}: ${reason(err)}`, { cause: err });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, sqliteDialect);
  } catch (err) {
    await db.destroy();
    throw new Error(`cannot use SQLite database ${path}: ${reason(err)}`, { cause: err });
  }
  return db;
}
