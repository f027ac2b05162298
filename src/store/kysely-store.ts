/**
 * The `Store` over the Kysely schema: everything that is the same on every
 * database. Adapters (`sqlite.ts`, later `postgres.ts`) open the connection
 * and hand over a `StoreDialect` with what differs.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Doc, Fingerprint, RawInput, SourceMeta } from '../core/doc.js';
import { toRecord, type ArticleRecord } from '../core/record.js';
import { estimateJaccard, fingerprint, isNearDuplicate, lshBandKeys } from '../clean/dedup.js';
import { migrateToLatest } from './migrations.js';
import { parseMarkedSnippet, parseSearchQuery } from './query.js';
import { decodeSignature, encodeSignature, type Database, type StoreDialect, type SummaryRow } from './schema.js';
import type { ArticleSummary, ListQuery, Page, PutResult, SearchHit, Store, StoredArticle, StoryMember } from './store.js';

export interface StoreOptions {
  /** Recorded with each article so that articles from an older pipeline can be found and re-processed. */
  readonly pipelineVersion?: number;
}

/** Page size limits for `list` and `search`. */
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
/** Raw inputs fetched per round trip by `raws()`. */
const RAWS_BATCH = 200;

/** The list/search summary of an article row. */
function summaryOf(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    domain: row.domain,
    publishedAt: row.published_at,
    input: row.input,
    words: Number(row.words),
  };
}

/** Identity of a raw input: the same input string with the same content is the same raw input. */
export function rawInputHash(raw: RawInput): string {
  return createHash('sha256').update(raw.input, 'utf8').update('\0').update(raw.content, 'utf8').digest('hex');
}

function countWords(text: string): number {
  return text.match(/\S+/gu)?.length ?? 0;
}

function now(): string {
  return new Date().toISOString();
}

function pageBounds(what: string, options: { limit?: number; offset?: number }): { limit: number; offset: number } {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`${what}: limit must be a positive integer, got ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(`${what}: offset must be a non-negative integer, got ${offset}`);
  }
  return { limit: Math.min(limit, MAX_LIMIT), offset };
}

/** Checks what `put`/`replace` need from a document, naming the input when something is missing. */
function requireStorable(doc: Doc): Fingerprint {
  const input = doc.raw?.input ?? '(unknown input)';
  if (typeof doc.id !== 'string' || doc.id.length === 0) {
    throw new Error(`${input}: cannot store a document without an id (the metadata stage sets it)`);
  }
  if (doc.text.trim().length === 0) throw new Error(`${input}: cannot store an article without text`);
  return doc.fingerprint ?? fingerprint(doc.text);
}

/** The article columns that come from the analysis (shared by insert and replace). */
function analysisColumns(doc: Doc, id: string, fp: Fingerprint, pipelineVersion: number | null) {
  const record: ArticleRecord = { ...toRecord(doc), id };
  return {
    url: doc.meta.url,
    outlet: doc.meta.outlet,
    domain: doc.meta.domain,
    title: doc.meta.title,
    published_at: doc.meta.publishedAt,
    language: doc.meta.language,
    text: doc.text,
    words: countWords(doc.text),
    record: JSON.stringify(record),
    minhash: encodeSignature(fp.minhash),
    exact_hash: fp.exact,
    pipeline_version: pipelineVersion,
  };
}

interface RawRow {
  input: string;
  kind: RawInput['kind'];
  content: string;
  encoding: string | null;
  meta: string;
}

function rawFromRow(row: RawRow): RawInput {
  const meta = JSON.parse(row.meta) as SourceMeta;
  return row.encoding === null
    ? { input: row.input, kind: row.kind, content: row.content, meta }
    : { input: row.input, kind: row.kind, content: row.content, encoding: row.encoding, meta };
}

export class KyselyStore implements Store {
  private readonly pipelineVersion: number | null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
    options: StoreOptions = {},
  ) {
    this.pipelineVersion = options.pipelineVersion ?? null;
  }

  async migrate(): Promise<void> {
    await migrateToLatest(this.db as unknown as Kysely<unknown>, this.dialect);
  }

  async seen(raw: RawInput): Promise<string | null> {
    const row = await this.db
      .selectFrom('raw_inputs')
      .select('article_id')
      .where('hash', '=', rawInputHash(raw))
      .executeTakeFirst();
    return row ? row.article_id : null;
  }

  async put(doc: Doc): Promise<PutResult> {
    const fp = requireStorable(doc);
    const rawHash = rawInputHash(doc.raw);
    return this.dialect.writeTransaction(this.db, async (trx) => {
      const seen = await trx
        .selectFrom('raw_inputs as r')
        .leftJoin('duplicates as d', 'd.raw_hash', 'r.hash')
        .select(['r.article_id', 'd.similarity'])
        .where('r.hash', '=', rawHash)
        .executeTakeFirst();
      if (seen) {
        return seen.similarity === null
          ? { status: 'unchanged', id: seen.article_id }
          : { status: 'unchanged', id: doc.id, duplicateOf: seen.article_id, similarity: seen.similarity };
      }

      const match = await this.findDuplicate(trx, fp);
      if (match) {
        await this.insertRaw(trx, doc.raw, rawHash, match.id);
        await trx
          .insertInto('duplicates')
          .values({
            raw_hash: rawHash,
            input: doc.raw.input,
            article_id: match.id,
            similarity: match.similarity,
            kind: match.kind,
            found_at: now(),
          })
          .execute();
        return { status: 'duplicate', id: doc.id, duplicateOf: match.id, similarity: match.similarity };
      }

      const id = await this.freeId(trx, doc.id);
      await trx
        .insertInto('articles')
        .values({
          id,
          raw_hash: rawHash,
          input: doc.raw.input,
          ...analysisColumns(doc, id, fp, this.pipelineVersion),
          stored_at: now(),
          updated_at: null,
        })
        .execute();
      await this.insertRaw(trx, doc.raw, rawHash, id);
      await this.indexBands(trx, id, fp.minhash);
      return { status: 'new', id };
    });
  }

  /** The stored article this fingerprint duplicates: exact body first, else the most similar LSH candidate. */
  private async findDuplicate(
    trx: Kysely<Database>,
    fp: Fingerprint,
  ): Promise<{ id: string; similarity: number; kind: 'exact' | 'near' } | null> {
    const exact = await trx.selectFrom('articles').select('id').where('exact_hash', '=', fp.exact).executeTakeFirst();
    if (exact) return { id: exact.id, similarity: 1, kind: 'exact' };

    const keys = lshBandKeys(fp.minhash);
    const candidates = await trx
      .selectFrom('lsh_bands as b')
      .innerJoin('articles as a', 'a.id', 'b.article_id')
      .select(['a.id', 'a.minhash', 'a.seq'])
      .distinct()
      .where((eb) => eb.or(keys.map((key, band) => eb.and([eb('b.band', '=', band), eb('b.key', '=', key)]))))
      .orderBy('a.seq')
      .execute();
    let best: { id: string; similarity: number } | null = null;
    for (const candidate of candidates) {
      const similarity = estimateJaccard(fp.minhash, decodeSignature(candidate.minhash));
      // Strictly greater: on a tie the earlier stored article (the first copy) wins.
      if (isNearDuplicate(similarity) && (best === null || similarity > best.similarity)) {
        best = { id: candidate.id, similarity };
      }
    }
    return best && { ...best, kind: 'near' };
  }

  /**
   * The document's id, or, in the rare case that a different article already
   * holds it (ids are short hashes), the id with the first free `-N` suffix.
   */
  private async freeId(trx: Kysely<Database>, wanted: string): Promise<string> {
    const isTaken = async (id: string) =>
      (await trx.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    if (!(await isTaken(wanted))) return wanted;
    let n = 2;
    while (await isTaken(`${wanted}-${n}`)) n++;
    return `${wanted}-${n}`;
  }

  private async insertRaw(trx: Kysely<Database>, raw: RawInput, hash: string, articleId: string): Promise<void> {
    await trx
      .insertInto('raw_inputs')
      .values({
        hash,
        input: raw.input,
        kind: raw.kind,
        content: raw.content,
        encoding: raw.encoding ?? null,
        meta: JSON.stringify(raw.meta ?? {}),
        article_id: articleId,
        first_seen: now(),
      })
      .execute();
  }

  private async indexBands(trx: Kysely<Database>, id: string, signature: readonly number[]): Promise<void> {
    await trx
      .insertInto('lsh_bands')
      .values(lshBandKeys(signature).map((key, band) => ({ band, key, article_id: id })))
      .execute();
  }

  async get(id: string): Promise<StoredArticle | null> {
    const article = await this.db
      .selectFrom('articles')
      .select(['record', 'raw_hash', 'stored_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!article) return null;
    const raw = await this.db
      .selectFrom('raw_inputs')
      .select(['input', 'kind', 'content', 'encoding', 'meta'])
      .where('hash', '=', article.raw_hash)
      .executeTakeFirstOrThrow();
    const duplicates = await this.db
      .selectFrom('duplicates as d')
      .innerJoin('raw_inputs as r', 'r.hash', 'd.raw_hash')
      .select(['d.input', 'd.similarity'])
      .where('d.article_id', '=', id)
      .orderBy('r.seq')
      .execute();
    return {
      record: JSON.parse(article.record) as ArticleRecord,
      raw: rawFromRow(raw),
      duplicates,
      storedAt: article.stored_at,
    };
  }

  async list(query: ListQuery = {}): Promise<Page<ArticleSummary>> {
    const { limit, offset } = pageBounds('list', query);
    let selection = this.db.selectFrom('articles');
    // An outlet filter matches the publisher name or the registrable domain, whichever the caller knows.
    if (query.outlet !== undefined) {
      const outlet = query.outlet;
      selection = selection.where((eb) => eb.or([eb('outlet', '=', outlet), eb('domain', '=', outlet)]));
    }
    const { total } = await selection
      .select((eb) => eb.fn.countAll<number | string>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await selection
      .select(['id', 'title', 'outlet', 'domain', 'published_at', 'input', 'words'])
      // Newest published first, undated last; ties in stored order.
      .orderBy((eb) => eb.case().when('published_at', 'is', null).then(1).else(0).end())
      .orderBy('published_at', 'desc')
      .orderBy('seq')
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      items: rows.map(summaryOf),
      total: Number(total),
      limit,
      offset,
    };
  }

  async search(query: string, options: { limit?: number; offset?: number } = {}): Promise<Page<SearchHit>> {
    const page = pageBounds('search', options);
    const terms = parseSearchQuery(query);
    if (terms.length === 0) return { items: [], total: 0, ...page };
    const { rows, total } = await this.dialect.fullText.search(this.db, terms, page);
    return {
      items: rows.map((row) => ({
        ...summaryOf(row),
        score: row.score,
        snippet: parseMarkedSnippet(row.snippet),
      })),
      total,
      ...page,
    };
  }

  async *raws(): AsyncIterable<{ id: string; raw: RawInput; duplicate: boolean }> {
    // Keyset pages, not one open cursor: the caller writes (replace) between items,
    // and a single-connection database cannot write while a cursor holds it.
    let after = 0;
    while (true) {
      const rows = await this.db
        .selectFrom('raw_inputs as r')
        .leftJoin('duplicates as d', 'd.raw_hash', 'r.hash')
        .select(['r.seq', 'r.input', 'r.kind', 'r.content', 'r.encoding', 'r.meta', 'r.article_id', 'd.raw_hash as dup'])
        .where('r.seq', '>', after)
        .orderBy('r.seq')
        .limit(RAWS_BATCH)
        .execute();
      for (const row of rows) yield { id: row.article_id, raw: rawFromRow(row), duplicate: row.dup !== null };
      if (rows.length < RAWS_BATCH) return;
      after = Number(rows[rows.length - 1]?.seq);
    }
  }

  /**
   * Re-analysis of a stored raw input, under the article it is stored as.
   * The article's own raw input: its analysis, fingerprint, LSH bands and
   * full-text entry are replaced and its id is kept. A duplicate's raw input:
   * the duplicate link's similarity is re-estimated against the article.
   */
  async replace(id: string, doc: Doc): Promise<void> {
    const fp = requireStorable(doc);
    const rawHash = rawInputHash(doc.raw);
    await this.dialect.writeTransaction(this.db, async (trx) => {
      const article = await trx
        .selectFrom('articles')
        .select(['raw_hash', 'minhash', 'exact_hash'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!article) throw new Error(`${doc.raw.input}: no stored article with id "${id}"`);

      if (article.raw_hash !== rawHash) {
        const link = await trx
          .selectFrom('duplicates')
          .select('raw_hash')
          .where('raw_hash', '=', rawHash)
          .where('article_id', '=', id)
          .executeTakeFirst();
        if (!link) throw new Error(`${doc.raw.input}: this raw input is not stored under article "${id}"`);
        const exact = fp.exact === article.exact_hash;
        await trx
          .updateTable('duplicates')
          .set({
            similarity: exact ? 1 : estimateJaccard(fp.minhash, decodeSignature(article.minhash)),
            kind: exact ? 'exact' : 'near',
          })
          .where('raw_hash', '=', rawHash)
          .execute();
        return;
      }

      const clash = await trx
        .selectFrom('articles')
        .select('id')
        .where('exact_hash', '=', fp.exact)
        .where('id', '!=', id)
        .executeTakeFirst();
      if (clash) {
        throw new Error(
          `${doc.raw.input}: re-processed, article "${id}" has the same text as stored article "${clash.id}"; kept its earlier analysis`,
        );
      }
      await trx
        .updateTable('articles')
        .set({ ...analysisColumns(doc, id, fp, this.pipelineVersion), updated_at: now() })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('lsh_bands').where('article_id', '=', id).execute();
      await this.indexBands(trx, id, fp.minhash);
    });
  }

  async counts(): Promise<{ articles: number; duplicates: number; raws: number }> {
    const count = async (table: keyof Database) =>
      Number(
        (
          await this.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { articles: await count('articles'), duplicates: await count('duplicates'), raws: await count('raw_inputs') };
  }

  async records(ids: readonly string[]): Promise<ArticleRecord[]> {
    const byId = new Map<string, ArticleRecord>();
    // Chunked: databases cap the number of bound parameters.
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.selectFrom('articles').select(['id', 'record']).where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const row of rows) byId.set(row.id, JSON.parse(row.record) as ArticleRecord);
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async unplacedArticles(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('articles as a')
      .leftJoin('story_members as m', 'm.article_id', 'a.id')
      .select('a.id')
      .where('m.article_id', 'is', null)
      .orderBy('a.seq')
      .execute();
    return rows.map((r) => r.id);
  }

  async storyState(): Promise<string | null> {
    const row = await this.db.selectFrom('story_state').select('state').where('name', '=', 'stories').executeTakeFirst();
    return row?.state ?? null;
  }

  async saveStories(state: string, placed: readonly StoryMember[]): Promise<void> {
    await this.dialect.writeTransaction(this.db, async (trx) => {
      const at = now();
      await trx.deleteFrom('story_state').where('name', '=', 'stories').execute();
      await trx.insertInto('story_state').values({ name: 'stories', state, updated_at: at }).execute();
      for (let i = 0; i < placed.length; i += 200) {
        const rows = placed.slice(i, i + 200).map((m) => ({ article_id: m.article, event_id: m.event, storyline_id: m.storyline, assigned_at: at }));
        await trx
          .insertInto('story_members')
          .values(rows)
          .onConflict((oc) => oc.column('article_id').doUpdateSet((eb) => ({ event_id: eb.ref('excluded.event_id'), storyline_id: eb.ref('excluded.storyline_id'), assigned_at: eb.ref('excluded.assigned_at') })))
          .execute();
      }
    });
  }

  async storyMembers(): Promise<StoryMember[]> {
    const rows = await this.db
      .selectFrom('story_members as m')
      .innerJoin('articles as a', 'a.id', 'm.article_id')
      .select(['m.article_id', 'm.event_id', 'm.storyline_id'])
      .orderBy('a.seq')
      .execute();
    return rows.map((r) => ({ article: r.article_id, event: r.event_id, storyline: r.storyline_id }));
  }

  async clearStories(): Promise<void> {
    await this.dialect.writeTransaction(this.db, async (trx) => {
      await trx.deleteFrom('story_members').execute();
      await trx.deleteFrom('story_state').execute();
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
