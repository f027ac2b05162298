/**
 * The `Store` over the Kysely schema: everything that is the same on every
 * database. Adapters (`sqlite.ts`, `postgres.ts`) open the connection
 * and hand over a `StoreDialect` with what differs.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Doc, Fingerprint, RawInput, SourceMeta } from '../core/doc.js';
import { toRecord, type ArticleRecord } from '../core/record.js';
import { estimateJaccard, fingerprint, isNearDuplicate, lshBandKeys } from '../clean/dedup.js';
import { applyCorrections, slugOf } from '../corrections/apply.js';
import type { CorrectedPlace, Correction, CorrectionInput } from '../corrections/types.js';
import { entityRows, placeRows } from './index-rows.js';
import { migrateToLatest } from './migrations.js';
import { parseMarkedSnippet, parseSearchQuery } from './query.js';
import { decodeSignature, encodeSignature, type Database, type StoreDialect, type SummaryRow } from './schema.js';
import type {
  ArticleSummary,
  EntityListing,
  EntityQuery,
  ListQuery,
  Page,
  PlaceListing,
  PutOptions,
  PutResult,
  SearchHit,
  Store,
  StoredArticle,
  StoryMember,
} from './store.js';

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
function analysisColumns(doc: Doc, record: ArticleRecord, fp: Fingerprint, pipelineVersion: number | null) {
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

  async put(doc: Doc, options: PutOptions = {}): Promise<PutResult> {
    const fp = requireStorable(doc);
    const pipelineVersion = options.pipelineVersion ?? this.pipelineVersion;
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
      const record: ArticleRecord = { ...toRecord(doc), id };
      await trx
        .insertInto('articles')
        .values({
          id,
          raw_hash: rawHash,
          input: doc.raw.input,
          ...analysisColumns(doc, record, fp, pipelineVersion),
          stored_at: now(),
          updated_at: null,
        })
        .execute();
      await this.insertRaw(trx, doc.raw, rawHash, id);
      await this.indexBands(trx, id, fp.minhash);
      await this.writeIndex(trx, record, await loadCorrections(trx));
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
    const { record, applied } = applyCorrections(JSON.parse(article.record) as ArticleRecord, await loadCorrections(this.db));
    return { record, raw: rawFromRow(raw), duplicates, storedAt: article.stored_at, corrections: applied };
  }

  async list(query: ListQuery = {}): Promise<Page<ArticleSummary>> {
    const { limit, offset } = pageBounds('list', query);
    let selection = this.db.selectFrom('articles');
    // An outlet filter matches the publisher name or the registrable domain, whichever the caller knows.
    if (query.outlet !== undefined) {
      const outlet = query.outlet;
      selection = selection.where((eb) => eb.or([eb('outlet', '=', outlet), eb('domain', '=', outlet)]));
    }
    const { from, to, entity, place, ids } = query;
    if (from !== undefined) selection = selection.where('published_at', '>=', from);
    // Dates are ISO strings: every instant of day `to` sorts below the next day.
    if (to !== undefined) selection = selection.where('published_at', '<', nextDay(to));
    if (entity !== undefined) {
      selection = selection.where('id', 'in', (eb) => eb.selectFrom('article_entities').select('article_id').where('entity_id', '=', entity));
    }
    if (place !== undefined) {
      selection = selection.where('id', 'in', (eb) => eb.selectFrom('article_places').select('article_id').where('gazetteer_id', '=', place));
    }
    if (ids !== undefined) {
      if (ids.length === 0) return { items: [], total: 0, limit, offset };
      selection = selection.where('id', 'in', [...ids]);
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
      const record: ArticleRecord = { ...toRecord(doc), id };
      await trx
        .updateTable('articles')
        .set({ ...analysisColumns(doc, record, fp, this.pipelineVersion), updated_at: now() })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('lsh_bands').where('article_id', '=', id).execute();
      await this.indexBands(trx, id, fp.minhash);
      await this.writeIndex(trx, record, await loadCorrections(trx));
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
    const corrections = await loadCorrections(this.db);
    return (await storedRecords(this.db, ids)).map((r) => applyCorrections(r, corrections).record);
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

  async storyOf(article: string): Promise<StoryMember | null> {
    const row = await this.db
      .selectFrom('story_members')
      .select(['article_id', 'event_id', 'storyline_id'])
      .where('article_id', '=', article)
      .executeTakeFirst();
    return row ? { article: row.article_id, event: row.event_id, storyline: row.storyline_id } : null;
  }

  async clearStories(): Promise<void> {
    await this.dialect.writeTransaction(this.db, async (trx) => {
      await trx.deleteFrom('story_members').execute();
      await trx.deleteFrom('story_state').execute();
      await trx.deleteFrom('story_listings').execute();
    });
  }

  async storyListings(): Promise<Map<string, { key: string; listing: string }>> {
    const rows = await this.db.selectFrom('story_listings').select(['storyline_id', 'key', 'listing']).execute();
    return new Map(rows.map((r) => [r.storyline_id, { key: r.key, listing: r.listing }]));
  }

  async saveStoryListings(rows: readonly { storyline: string; key: string; listing: string }[], keep: ReadonlySet<string>): Promise<void> {
    await this.dialect.writeTransaction(this.db, async (trx) => {
      const at = now();
      for (let i = 0; i < rows.length; i += 200) {
        const values = rows.slice(i, i + 200).map((r) => ({ storyline_id: r.storyline, key: r.key, listing: r.listing, updated_at: at }));
        await trx
          .insertInto('story_listings')
          .values(values)
          .onConflict((oc) => oc.column('storyline_id').doUpdateSet((eb) => ({ key: eb.ref('excluded.key'), listing: eb.ref('excluded.listing'), updated_at: eb.ref('excluded.updated_at') })))
          .execute();
      }
      const stale = (await trx.selectFrom('story_listings').select('storyline_id').execute()).map((r) => r.storyline_id).filter((id) => !keep.has(id));
      for (let i = 0; i < stale.length; i += 200) await trx.deleteFrom('story_listings').where('storyline_id', 'in', stale.slice(i, i + 200)).execute();
    });
  }

  async entities(query: EntityQuery = {}): Promise<Page<EntityListing>> {
    const { limit, offset } = pageBounds('entities', query);
    let selection = this.db.selectFrom('article_entities');
    const q = query.q?.trim().toLowerCase();
    if (q) selection = selection.where(sql<boolean>`lower(aliases) like ${`%${escapeLike(q)}%`} escape '\\'`);
    if (query.type !== undefined) selection = selection.where('type', '=', query.type);
    const { total } = await selection
      .select((eb) => eb.fn.count<number | string>('entity_id').distinct().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await selection
      .select((eb) => ['entity_id', eb.fn.countAll<number | string>().as('articles'), eb.fn.sum<number | string>('mentions').as('mentions')])
      .groupBy('entity_id')
      .orderBy('articles', 'desc')
      .orderBy('mentions', 'desc')
      .orderBy('entity_id')
      .limit(limit)
      .offset(offset)
      .execute();
    const names = await this.entityNames(rows.map((r) => r.entity_id));
    return {
      items: rows.map((r) => ({ id: r.entity_id, ...names.get(r.entity_id)!, articles: Number(r.articles), mentions: Number(r.mentions) })),
      total: Number(total),
      limit,
      offset,
    };
  }

  async entity(id: string): Promise<EntityListing | null> {
    const row = await this.db
      .selectFrom('article_entities')
      .select((eb) => [eb.fn.countAll<number | string>().as('articles'), eb.fn.sum<number | string>('mentions').as('mentions')])
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(row.articles) === 0) return null;
    const names = await this.entityNames([id]);
    return { id, ...names.get(id)!, articles: Number(row.articles), mentions: Number(row.mentions) };
  }

  /** Name (the form with most mentions among the articles' names), type and aliases (most used first) of entities. */
  private async entityNames(ids: readonly string[]): Promise<Map<string, { name: string; type: string; aliases: string[] }>> {
    const tallies = new Map<string, { names: Map<string, number>; types: Map<string, number>; aliases: Map<string, number> }>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('article_entities as e')
        .innerJoin('articles as a', 'a.id', 'e.article_id')
        .select(['e.entity_id', 'e.name', 'e.type', 'e.aliases', 'e.mentions'])
        .where('e.entity_id', 'in', ids.slice(i, i + 500))
        // First seen = in stored order of the articles: ties are broken the same way on every database.
        .orderBy('a.seq')
        .execute();
      for (const row of rows) {
        const t = tallies.get(row.entity_id) ?? tallies.set(row.entity_id, { names: new Map(), types: new Map(), aliases: new Map() }).get(row.entity_id)!;
        const weight = Number(row.mentions);
        tally(t.names, row.name, weight);
        tally(t.types, row.type, weight);
        for (const alias of row.aliases.split('\n')) tally(t.aliases, alias, 1);
      }
    }
    const out = new Map<string, { name: string; type: string; aliases: string[] }>();
    for (const [id, t] of tallies) out.set(id, { name: top(t.names)[0] ?? id, type: top(t.types)[0] ?? '', aliases: top(t.aliases) });
    return out;
  }

  async places(articles?: readonly string[]): Promise<PlaceListing[]> {
    if (articles !== undefined && articles.length === 0) return [];
    const acc = new Map<string, { -readonly [K in keyof PlaceListing]: PlaceListing[K] } & { entities: string[]; seen: Set<string> }>();
    const chunks = articles === undefined ? [undefined] : chunk(articles, 500);
    for (const ids of chunks) {
      let selection = this.db.selectFrom('article_places as p').innerJoin('articles as a', 'a.id', 'p.article_id').selectAll('p');
      if (ids !== undefined) selection = selection.where('p.article_id', 'in', ids);
      // Within a place, in stored order of the articles: its name and entity list come out the same on every database.
      for (const row of await selection.orderBy('p.gazetteer_id').orderBy('a.seq').orderBy('p.entity_id').execute()) {
        const p =
          acc.get(row.gazetteer_id) ??
          acc
            .set(row.gazetteer_id, {
              gazetteerId: row.gazetteer_id,
              name: row.name,
              gazetteerName: row.gazetteer_name,
              lat: Number(row.lat),
              lon: Number(row.lon),
              country: row.country,
              kind: row.kind,
              entities: [],
              articles: 0,
              mentions: 0,
              seen: new Set(),
            })
            .get(row.gazetteer_id)!;
        if (!p.entities.includes(row.entity_id)) p.entities.push(row.entity_id);
        if (!p.seen.has(row.article_id)) {
          p.seen.add(row.article_id);
          p.articles++;
        }
        p.mentions += Number(row.mentions);
      }
    }
    return [...acc.values()]
      .map(({ seen: _seen, ...p }) => p)
      .sort((a, b) => b.mentions - a.mentions || b.articles - a.articles || a.name.localeCompare(b.name));
  }

  async corrections(): Promise<Correction[]> {
    return loadCorrections(this.db);
  }

  async addCorrection(input: CorrectionInput, extra: { note?: string | null; place?: CorrectedPlace } = {}): Promise<Correction> {
    return this.dialect.writeTransaction(this.db, async (trx) => {
      const createdAt = now();
      const body = extra.place === undefined ? input : { ...input, place: extra.place };
      const row = await trx
        .insertInto('corrections')
        .values({ kind: input.kind, body: JSON.stringify(body), note: extra.note ?? null, created_at: createdAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.reindex(trx, await touchedArticles(trx, input));
      return { ...body, id: Number(row.id), createdAt, note: extra.note ?? null };
    });
  }

  async deleteCorrection(id: number): Promise<boolean> {
    return this.dialect.writeTransaction(this.db, async (trx) => {
      const row = await trx.selectFrom('corrections').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return false;
      const correction = correctionOf(row);
      // Found before the delete: the articles now indexed under the correction's result.
      const touched = await touchedArticles(trx, correction);
      await trx.deleteFrom('corrections').where('id', '=', id).execute();
      await this.reindex(trx, touched);
      return true;
    });
  }

  /** Rebuilds the entity and place index rows of these articles under the current corrections. */
  private async reindex(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
    const corrections = await loadCorrections(trx);
    for (const record of await storedRecords(trx, ids)) await this.writeIndex(trx, record, corrections);
  }

  private async writeIndex(trx: Kysely<Database>, stored: ArticleRecord, corrections: readonly Correction[]): Promise<void> {
    const { record } = applyCorrections(stored, corrections);
    await trx.deleteFrom('article_entities').where('article_id', '=', record.id).execute();
    await trx.deleteFrom('article_places').where('article_id', '=', record.id).execute();
    for (const rows of chunk(entityRows(record), 50)) await trx.insertInto('article_entities').values(rows).execute();
    for (const rows of chunk(placeRows(record), 50)) await trx.insertInto('article_places').values(rows).execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function tally(counts: Map<string, number>, key: string, weight: number): void {
  if (key.trim() !== '') counts.set(key, (counts.get(key) ?? 0) + weight);
}

/** Keys, most counted first (ties in first-seen order). */
const top = (counts: ReadonlyMap<string, number>): string[] => [...counts].sort((a, b) => b[1] - a[1]).map(([k]) => k);

/** `%` and `_` in user words match themselves. */
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The ISO day after `day` (YYYY-MM-DD). */
function nextDay(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function correctionOf(row: { id: number | string; body: string; note: string | null; created_at: string }): Correction {
  return { ...(JSON.parse(row.body) as CorrectionInput), id: Number(row.id), createdAt: row.created_at, note: row.note };
}

async function loadCorrections(db: Kysely<Database>): Promise<Correction[]> {
  const rows = await db.selectFrom('corrections').selectAll().orderBy('id').execute();
  return rows.map(correctionOf);
}

/** The stored (uncorrected) records of these articles, in the order given; unknown ids are left out. */
async function storedRecords(db: Kysely<Database>, ids: readonly string[]): Promise<ArticleRecord[]> {
  const byId = new Map<string, ArticleRecord>();
  // Chunked: databases cap the number of bound parameters.
  for (const part of chunk(ids, 500)) {
    const rows = await db.selectFrom('articles').select(['id', 'record']).where('id', 'in', part).execute();
    for (const row of rows) byId.set(row.id, JSON.parse(row.record) as ArticleRecord);
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Articles whose index a correction changes: those naming the entities it is about, or its one article. */
async function touchedArticles(db: Kysely<Database>, c: CorrectionInput): Promise<string[]> {
  if (c.kind === 'reject' || (c.kind === 'fix-place' && c.article !== undefined)) return [c.article!];
  const entities =
    c.kind === 'merge-entities' ? [c.from, c.into] : c.kind === 'split-entity' ? [c.entity, c.newId ?? slugOf(c.names[0] ?? '')] : [c.entity];
  const rows = await db.selectFrom('article_entities').select('article_id').distinct().where('entity_id', 'in', entities).execute();
  return rows.map((r) => r.article_id);
}
