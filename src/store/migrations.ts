/**
 * Schema migrations, written once for every database through Kysely's schema
 * builder; dialect differences come from the `StoreDialect` capabilities.
 *
 * Migrations are append-only: a released migration is never edited, a change
 * is a new migration with the next number. Kysely's `Migrator` records the
 * applied ones in `kysely_migration` and runs the rest in name order.
 *
 * Column types come from the dialect too (`textType`, `floatType`, ...): on
 * SQLite they are the very types the released migrations always used, so a
 * released migration's SQL there never changes.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { ArticleRecord } from '../core/record.js';
import { entityRows, placeRows, type EntityIndexRow, type PlaceIndexRow } from './index-rows.js';
import type { StoreDialect } from './schema.js';

/** Migrations work on an untyped database: they must not depend on today's `Database` type. */
type AnyDb = Kysely<unknown>;

function initialSchema(dialect: StoreDialect): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('articles')
        .addColumn('seq', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
        .addColumn('id', dialect.textType, (c) => c.notNull().unique())
        .addColumn('raw_hash', dialect.textType, (c) => c.notNull().unique())
        .addColumn('input', dialect.textType, (c) => c.notNull())
        .addColumn('url', dialect.textType)
        .addColumn('outlet', dialect.textType)
        .addColumn('domain', dialect.textType)
        .addColumn('title', dialect.textType)
        .addColumn('published_at', dialect.textType)
        .addColumn('language', dialect.textType)
        .addColumn('text', dialect.textType, (c) => c.notNull())
        .addColumn('words', 'integer', (c) => c.notNull())
        .addColumn('record', dialect.textType, (c) => c.notNull())
        .addColumn('minhash', dialect.binaryType, (c) => c.notNull())
        .addColumn('exact_hash', dialect.textType, (c) => c.notNull().unique())
        .addColumn('pipeline_version', 'integer')
        .addColumn('stored_at', dialect.textType, (c) => c.notNull())
        .addColumn('updated_at', dialect.textType)
        .execute();
      // Listing order: newest published first, then stored order.
      await db.schema.createIndex('articles_published').on('articles').columns(['published_at', 'seq']).execute();
      await db.schema.createIndex('articles_outlet').on('articles').column('outlet').execute();
      await db.schema.createIndex('articles_domain').on('articles').column('domain').execute();

      // Raw inputs point at articles, never the other way round through a foreign key:
      // articles.raw_hash is checked by the store, which writes both in one transaction.
      await db.schema
        .createTable('raw_inputs')
        .addColumn('seq', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
        .addColumn('hash', dialect.textType, (c) => c.notNull().unique())
        .addColumn('input', dialect.textType, (c) => c.notNull())
        .addColumn('kind', dialect.textType, (c) => c.notNull().check(sql`kind in ('text', 'html', 'record')`))
        .addColumn('content', dialect.textType, (c) => c.notNull())
        .addColumn('encoding', dialect.textType)
        .addColumn('meta', dialect.textType, (c) => c.notNull())
        .addColumn('article_id', dialect.textType, (c) => c.notNull().references('articles.id'))
        .addColumn('first_seen', dialect.textType, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('raw_inputs_article').on('raw_inputs').column('article_id').execute();

      await db.schema
        .createTable('duplicates')
        .addColumn('raw_hash', dialect.textType, (c) => c.primaryKey().references('raw_inputs.hash'))
        .addColumn('input', dialect.textType, (c) => c.notNull())
        .addColumn('article_id', dialect.textType, (c) => c.notNull().references('articles.id'))
        .addColumn('similarity', dialect.floatType, (c) => c.notNull())
        .addColumn('kind', dialect.textType, (c) => c.notNull().check(sql`kind in ('exact', 'near')`))
        .addColumn('found_at', dialect.textType, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('duplicates_article').on('duplicates').column('article_id').execute();

      // The primary key (band, key, article_id) is also the candidate lookup index,
      // and the whole row: stored key-only, each band key is written once, not twice.
      await dialect
        .keyOnlyTable(
          db.schema
            .createTable('lsh_bands')
            .addColumn('band', 'integer', (c) => c.notNull())
            .addColumn('key', dialect.textType, (c) => c.notNull())
            .addColumn('article_id', dialect.textType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
            .addPrimaryKeyConstraint('lsh_bands_pk', ['band', 'key', 'article_id']),
        )
        .execute();
      await db.schema.createIndex('lsh_bands_article').on('lsh_bands').column('article_id').execute();

      await dialect.fullText.create(db);
    },
  };
}

/** Stories: the clusterer's saved state, and each article's event and storyline. */
function storiesSchema(dialect: StoreDialect): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('story_state')
        .addColumn('name', dialect.textType, (c) => c.primaryKey())
        .addColumn('state', dialect.textType, (c) => c.notNull())
        .addColumn('updated_at', dialect.textType, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('story_members')
        .addColumn('article_id', dialect.textType, (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('event_id', dialect.textType, (c) => c.notNull())
        .addColumn('storyline_id', dialect.textType, (c) => c.notNull())
        .addColumn('assigned_at', dialect.textType, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('story_members_event').on('story_members').column('event_id').execute();
      await db.schema.createIndex('story_members_storyline').on('story_members').column('storyline_id').execute();
    },
  };
}

/**
 * The story list's rows, built by whoever places articles (or first asks for
 * the list), so a server that only reads never rebuilds them from records.
 */
function storyListingsSchema(dialect: StoreDialect): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('story_listings')
        .addColumn('storyline_id', dialect.textType, (c) => c.primaryKey())
        .addColumn('key', dialect.textType, (c) => c.notNull())
        .addColumn('listing', dialect.textType, (c) => c.notNull())
        .addColumn('updated_at', dialect.textType, (c) => c.notNull())
        .execute();
    },
  };
}

/** Rows inserted per statement when back-filling: well under every database's bound-parameter cap. */
const BACKFILL_CHUNK = 50;

/**
 * Corrections, and the entity and place indexes behind the API's filters,
 * back-filled from the stored records (there are no corrections yet).
 */
function workbenchSchema(dialect: StoreDialect): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('corrections')
        .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
        .addColumn('kind', dialect.textType, (c) => c.notNull())
        .addColumn('body', dialect.textType, (c) => c.notNull())
        .addColumn('note', dialect.textType)
        .addColumn('created_at', dialect.textType, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('article_entities')
        .addColumn('article_id', dialect.textType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('entity_id', dialect.textType, (c) => c.notNull())
        .addColumn('name', dialect.textType, (c) => c.notNull())
        .addColumn('type', dialect.textType, (c) => c.notNull())
        .addColumn('aliases', dialect.textType, (c) => c.notNull())
        .addColumn('mentions', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_entities_pk', ['article_id', 'entity_id'])
        .execute();
      await db.schema.createIndex('article_entities_entity').on('article_entities').column('entity_id').execute();
      await db.schema
        .createTable('article_places')
        .addColumn('article_id', dialect.textType, (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('entity_id', dialect.textType, (c) => c.notNull())
        .addColumn('gazetteer_id', dialect.textType, (c) => c.notNull())
        .addColumn('name', dialect.textType, (c) => c.notNull())
        .addColumn('gazetteer_name', dialect.textType, (c) => c.notNull())
        .addColumn('lat', dialect.floatType, (c) => c.notNull())
        .addColumn('lon', dialect.floatType, (c) => c.notNull())
        .addColumn('country', dialect.textType, (c) => c.notNull())
        .addColumn('kind', dialect.textType, (c) => c.notNull())
        .addColumn('mentions', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_places_pk', ['article_id', 'entity_id'])
        .execute();
      await db.schema.createIndex('article_places_gazetteer').on('article_places').column('gazetteer_id').execute();

      const typed = db as Kysely<{ articles: { seq: number; id: string; record: string }; article_entities: EntityIndexRow; article_places: PlaceIndexRow }>;
      let after = 0;
      while (true) {
        const rows = await typed.selectFrom('articles').select(['seq', 'id', 'record']).where('seq', '>', after).orderBy('seq').limit(200).execute();
        for (const row of rows) {
          const record = { ...(JSON.parse(row.record) as ArticleRecord), id: row.id };
          const entities = entityRows(record);
          const places = placeRows(record);
          for (let i = 0; i < entities.length; i += BACKFILL_CHUNK) {
            await typed.insertInto('article_entities').values(entities.slice(i, i + BACKFILL_CHUNK)).execute();
          }
          for (let i = 0; i < places.length; i += BACKFILL_CHUNK) {
            await typed.insertInto('article_places').values(places.slice(i, i + BACKFILL_CHUNK)).execute();
          }
        }
        if (rows.length < 200) break;
        after = Number(rows[rows.length - 1]!.seq);
      }
    },
  };
}

export function migrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001_initial': initialSchema(dialect),
    '0002_stories': storiesSchema(dialect),
    '0003_workbench': workbenchSchema(dialect),
    '0004_story_listings': storyListingsSchema(dialect),
  };
}

/** Brings the schema up to date; throws naming the migration that failed. */
export async function migrateToLatest(db: AnyDb, dialect: StoreDialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `schema migration ${failed} failed: ${reason}` : `schema migration failed: ${reason}`, {
      cause: error,
    });
  }
}
