/**
 * The PostgreSQL adapter: node-postgres (`pg`) through Kysely's
 * PostgresDialect, with a weighted `tsvector` and a GIN index for full-text
 * search. The schema and every query are those of the SQLite adapter
 * (kysely-store.ts); only what `StoreDialect` names differs.
 */
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { KyselyStore, type StoreOptions } from './kysely-store.js';
import { redactLocation, redactSecrets } from './location.js';
import { migrateToLatest } from './migrations.js';
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, toWebSearchQuery } from './query.js';
import { SERIAL_KEYS, type Database, type FullTextRow, type StoreDialect } from './schema.js';
import type { Store } from './store.js';

/** How long opening a connection may take before the store reports the server unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Connections kept open; the server and a running ingest each need only a few. */
const POOL_SIZE = 10;
/** OID of `bigint` (int8): counts, sums and bigserial keys. */
const INT8_OID = 20;
/**
 * Key of the advisory lock every write transaction takes first: the store's
 * one write lock, as SQLite's BEGIN IMMEDIATE. Advisory locks are per
 * database, so stores in different databases of one server never wait on
 * each other. The value is arbitrary ('news' in ASCII).
 */
const WRITE_LOCK_KEY = 0x6e657773;
/** The text search configuration and stemming dictionary the migration creates. */
const TS_CONFIG = 'newsgraph';
const TS_STEM = 'newsgraph_stem';
/**
 * ts_rank weights of the indexed parts, as SQLite's bm25 weights: a word in
 * the title counts five times a word in the body. The title is weight class
 * A, the body D; ts_rank takes the weights in the order {D, C, B, A}.
 */
const TITLE_WEIGHT = 1;
const TEXT_WEIGHT = 0.2;
/** ts_rank normalisation 1: divide by 1 + log(document length), so long articles do not win on length alone (bm25 does likewise). */
const RANK_NORMALISATION = 1;
/** Words in a search snippet, about SQLite's 24 tokens; a fragment is at least half of that. */
const SNIPPET_WORDS = 24;
const SNIPPET_MIN_WORDS = 12;
/** What a snippet cut out of a longer text starts or ends with, as SQLite's snippet(). */
const ELLIPSIS = '…';
/** Stands in for a highlight marker character found in article text (U+FFFD, as the SQLite index). */
const REPLACEMENT = '\uFFFD';

/**
 * Full text: a text search configuration like SQLite's tokenizer (unicode61
 * remove_diacritics + porter): words are lower-cased, accents dropped where
 * the server has the `unaccent` extension, and English-stemmed (snowball), so
 * "schools" finds "school". Unlike PostgreSQL's 'english' configuration it
 * keeps stop words: SQLite keeps them too, and a quoted phrase must still
 * match "the ferry to the island". The vector is a generated column, so
 * every insert and update keeps it in step without triggers.
 */
async function createFullText(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`create text search dictionary ${TS_STEM} (template = snowball, language = english)`).execute(db);
  await sql.raw(`create text search configuration ${TS_CONFIG} (copy = simple)`).execute(db);
  await sql
    .raw(`alter text search configuration ${TS_CONFIG} alter mapping for asciiword, asciihword, hword_asciipart with ${TS_STEM}`)
    .execute(db);
  const unaccent = (await hasUnaccent(db)) ? 'unaccent, ' : '';
  await sql
    .raw(`alter text search configuration ${TS_CONFIG} alter mapping for word, hword, hword_part with ${unaccent}${TS_STEM}`)
    .execute(db);
  await sql
    .raw(
      `alter table articles add column fts tsvector generated always as (
         setweight(to_tsvector('${TS_CONFIG}', coalesce(title, '')), 'A') || setweight(to_tsvector('${TS_CONFIG}', text), 'D')
       ) stored`,
    )
    .execute(db);
  await sql.raw('create index articles_fts on articles using gin (fts)').execute(db);
}

/**
 * Installs `unaccent` if the server ships it and the user may install it (it
 * is a trusted extension: a database owner may). Without it, search still
 * works; accented and plain spellings are then different words. A savepoint
 * keeps a refusal from aborting the migration's transaction.
 */
async function hasUnaccent(db: Kysely<unknown>): Promise<boolean> {
  const available = await sql<{ n: number }>`select count(*) as n from pg_available_extensions where name = 'unaccent'`.execute(db);
  if (Number(available.rows[0]?.n ?? 0) === 0) return false;
  await sql`savepoint unaccent`.execute(db);
  try {
    await sql`create extension if not exists unaccent`.execute(db);
    await sql`release savepoint unaccent`.execute(db);
    return true;
  } catch {
    await sql`rollback to savepoint unaccent`.execute(db);
    return false;
  }
}

/** The snippet options of ts_headline: the same markers as SQLite's snippet(), one fragment. */
const HEADLINE_OPTIONS = [
  `StartSel=${HIGHLIGHT_OPEN}`,
  `StopSel=${HIGHLIGHT_CLOSE}`,
  `MaxWords=${SNIPPET_WORDS}`,
  `MinWords=${SNIPPET_MIN_WORDS}`,
  'ShortWord=0',
  'MaxFragments=1',
].join(', ');

/** Adjacent highlighted words: one range, as SQLite gives a matched phrase. */
const ADJACENT_HIGHLIGHTS = new RegExp(`${HIGHLIGHT_CLOSE}(\\s+)${HIGHLIGHT_OPEN}`, 'gu');

interface HeadlineRow extends FullTextRow {
  at_start: boolean;
  at_end: boolean;
}

/** A ts_headline fragment in the shape of SQLite's snippet(): phrases one range, an ellipsis where text was cut. */
function snippetOf(row: HeadlineRow): string {
  const merged = row.snippet.replace(ADJACENT_HIGHLIGHTS, '$1');
  return `${row.at_start ? '' : ELLIPSIS}${merged}${row.at_end ? '' : ELLIPSIS}`;
}

export const postgresDialect: StoreDialect = {
  name: 'postgres',
  serialType: 'bigserial',
  // A bigserial is never reused after a delete either, so stored order stays meaningful.
  serialPrimaryKey: (column) => column.primaryKey(),
  binaryType: 'bytea',
  // "C": code-point order and ASCII-only lower(), exactly SQLite's text, whatever the server's locale.
  textType: sql`text collate "C"`,
  floatType: 'double precision',
  // PostgreSQL keeps rows apart from the primary key's index in any case.
  keyOnlyTable: (table) => table,
  fullText: {
    create: createFullText,
    async search(db, terms, { limit, offset }) {
      const query = sql`websearch_to_tsquery(${sql.lit(TS_CONFIG)}::regconfig, ${toWebSearchQuery(terms)})`;
      const weights = sql.raw(`'{${TEXT_WEIGHT}, 0, 0, ${TITLE_WEIGHT}}'::float4[]`);
      // Marker characters in the text become U+FFFD first, so a marker in the headline is always one ts_headline put there.
      const body = sql`replace(replace(a.text, ${HIGHLIGHT_OPEN}, ${REPLACEMENT}), ${HIGHLIGHT_CLOSE}, ${REPLACEMENT})`;
      // Ranked and paged first; the headline, the costly part, only for the page.
      const rows = await sql<HeadlineRow>`
        select a.id, a.title, a.outlet, a.domain, a.published_at, a.input, a.words, p.score, h.snippet,
               starts_with(${body}, h.plain) as at_start,
               right(${body}, length(h.plain)) = h.plain as at_end
        from (
          select seq, ts_rank(${weights}, fts, ${query}, ${RANK_NORMALISATION}) as score
          from articles where fts @@ ${query}
          order by score desc, seq
          limit ${limit} offset ${offset}
        ) p
        join articles a on a.seq = p.seq
        cross join lateral (
          select hl as snippet, translate(hl, ${HIGHLIGHT_OPEN + HIGHLIGHT_CLOSE}, '') as plain
          from ts_headline(${sql.lit(TS_CONFIG)}::regconfig, ${body}, ${query}, ${HEADLINE_OPTIONS}) as hl
        ) h
        order by p.score desc, p.seq`.execute(db);
      const counted = await sql<{ total: number }>`select count(*) as total from articles where fts @@ ${query}`.execute(db);
      return {
        rows: rows.rows.map((row) => ({ ...row, snippet: snippetOf(row) })),
        total: Number(counted.rows[0]?.total ?? 0),
      };
    },
  },
  async writeTransaction(db, work) {
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
      return work(trx);
    });
  },
  async syncSerial(db, table) {
    const column = SERIAL_KEYS[table];
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
                            coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  },
};

/** U+0000, which SQLite text holds and PostgreSQL text refuses. */
const NUL = '\u0000';

function withoutNul(value: unknown): unknown {
  return typeof value === 'string' && value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value;
}

/**
 * The pool as Kysely sees it, with every U+0000 in a string parameter
 * written as U+FFFD: PostgreSQL refuses NUL in text ("invalid byte sequence
 * for encoding UTF8: 0x00"), and an article whose feed or JSON record carried
 * one would otherwise not be stored at all. One code unit for one, so every
 * span offset into the text still holds. The record itself is JSON, where
 * U+0000 is an escape, and reads back unchanged. Hashes are taken before,
 * from the input as read, so re-ingesting it is still recognised as unchanged.
 */
function nulSafe(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      const query = (text: string, parameters: readonly unknown[]) => client.query(text, parameters.map(withoutNul));
      return { query, release: () => client.release() } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/** The driver's reason, also when it is an AggregateError without a message (every address of the host refused). */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.message === '') return err.errors.map(describeError).join('; ');
  if (err instanceof Error) return err.message || (err as NodeJS.ErrnoException).code || err.name;
  return String(err);
}

/**
 * Opens the PostgreSQL database at `url` (postgres:// or postgresql://) and
 * brings its schema up to date. Throws an error naming the database, without
 * its password, and the reason when the server cannot be reached or the
 * database is not a newsgraph store.
 */
export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<Store> {
  return new KyselyStore(await openPostgresDatabase(url), postgresDialect, options);
}

/** The migrated database under `openPostgresStore`, for whole-store work such as copying a store. */
export async function openPostgresDatabase(url: string): Promise<Kysely<Database>> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'newsgraph',
    // bigint as a JavaScript number: keys and counts stay far below 2^53.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // An idle connection the server dropped: the pool discards it, and the next query opens another
  // (or reports why it cannot). Without a listener, the event would end the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: nulSafe(pool) }) });
  const fail = async (what: string, err: unknown) => {
    await db.destroy();
    return new Error(`${what} PostgreSQL database ${redactLocation(url)}: ${redactSecrets(describeError(err), url)}`, { cause: err });
  };
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    throw await fail('cannot connect to', err);
  }
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, postgresDialect);
  } catch (err) {
    throw await fail('cannot use', err);
  }
  return db;
}
