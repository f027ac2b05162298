/**
 * The durable ingestion queue of a PostgreSQL store: `ingest --queue` (and
 * the server) enqueue raw inputs, any number of `newsgraph worker`
 * processes, on any machines that reach the database, analyse and store them.
 *
 * Why pg-boss: it keeps jobs in the same PostgreSQL database as the store
 * (no second service to run), hands each job to one worker with
 * SKIP LOCKED, retries failed jobs with exponential backoff, expires the
 * jobs of a worker that died and so retries them, and keeps failed jobs with
 * their error. graphile-worker would do too, but it wants its own schema
 * migrations run by its CLI and is built around task files; pg-boss is a
 * library we call. pg-boss 10 is the last release that runs on Node 20.
 *
 * What pg-boss does not give is order, and the store needs it: which copy of
 * a duplicate is "the first", the ids of articles, and the stories an
 * article is placed in all depend on the order articles arrive. So:
 *
 *  - Every raw input is a row of `queue_inputs` (the whole input, so a worker
 *    elsewhere can process it), numbered in enqueue order (`seq`) and keyed
 *    by the store's raw-input hash (input name and content), so enqueuing the
 *    same input again is no new job. The row and its job are written in one
 *    transaction: there is never a row without a job or the other way round.
 *  - A job analyses its row's input, in parallel with other jobs, and leaves
 *    the analysed document in the row (state 'analysed').
 *  - Storing and placing in stories ("applying") is one step at a time,
 *    guarded by a PostgreSQL advisory lock that whichever worker gets it
 *    holds: it stores every analysed row whose seq is the next one, in order,
 *    and stops at the first row not analysed yet. The articles thus reach the
 *    store in enqueue order, exactly as one `newsgraph ingest` process would
 *    store them, and are placed with the existing clusterer and its state.
 *  - A row whose job failed for good (retries exhausted) is marked failed
 *    with the reason and skipped, so one bad input never holds up the rest.
 *
 * A job retried after a crash changes nothing twice: analysis only writes
 * the row's document; a row is marked applied after the store's put, and a
 * put of an input the store already holds is 'unchanged' (it keys inputs by
 * the same hash); placement saves the clusterer state and the new story
 * members in one transaction and only ever places unplaced articles.
 */
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Doc, RawInput } from '../core/doc.js';
import { errorMessage } from '../ingest/reasons.js';
import { rawInputHash } from '../store/kysely-store.js';
import { redactLocation, redactSecrets } from '../store/location.js';
import { describeError } from '../store/postgres.js';
import type { PutStatus, Store } from '../store/store.js';
import { docFromJson, docToJson } from './doc-json.js';

/** The pg-boss queue of analysis jobs. */
export const ANALYZE_QUEUE = 'newsgraph-analyze';
/**
 * Key of the advisory lock the applying worker holds (session level, so a
 * worker that dies lets go with its connection). 'nqap' in ASCII; distinct
 * from the store's write lock.
 */
const APPLY_LOCK_KEY = 0x6e716170;
/**
 * Placing is per batch (its result the same as placing all at once, in
 * stored order), and each placement restores the clusterer's whole saved
 * state: while more inputs are still being analysed, stored articles wait
 * for this many more or this long before they are placed.
 */
const PLACE_EVERY = 50;
const PLACE_WITHIN_MS = 5_000;

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number of seconds, got "${raw}"`);
  return n;
}

/** Retry and expiry settings; the environment may shorten them (tests). */
export interface QueueSettings {
  /** Attempts after the first. */
  readonly retryLimit: number;
  /** Seconds before the first retry; doubled each time (pg-boss backoff). */
  readonly retryDelay: number;
  /** Seconds a job may stay active before it is taken as lost (its worker died) and retried. */
  readonly expireInSeconds: number;
  /** Seconds between pg-boss maintenance runs (which expire lost jobs). */
  readonly maintenanceIntervalSeconds: number;
  /** Seconds between polls of an idle worker. */
  readonly pollingIntervalSeconds: number;
}

export function queueSettings(): QueueSettings {
  return {
    retryLimit: Math.floor(envNumber('NEWSGRAPH_QUEUE_RETRIES', 3)),
    retryDelay: envNumber('NEWSGRAPH_QUEUE_RETRY_DELAY', 10),
    expireInSeconds: Math.max(1, envNumber('NEWSGRAPH_QUEUE_EXPIRE', 600)),
    maintenanceIntervalSeconds: Math.max(1, envNumber('NEWSGRAPH_QUEUE_MAINTENANCE', 60)),
    pollingIntervalSeconds: Math.max(0.5, envNumber('NEWSGRAPH_QUEUE_POLL', 2)),
  };
}

export type RowState = 'queued' | 'analysed' | 'applied' | 'failed';

export interface EnqueueResult {
  readonly seq: number;
  /** False when this input was enqueued before (no new job). */
  readonly created: boolean;
}

export interface QueueStatus {
  /** pg-boss job states: created, retry, active, completed, failed, cancelled. */
  readonly jobs: Record<string, number>;
  /** Inputs by state: queued (not analysed), analysed (waiting to be stored in order), applied, failed. */
  readonly inputs: Record<RowState, number>;
  /** Stored results of the applied inputs: new, unchanged, duplicate. */
  readonly results: Record<string, number>;
  /** Failed inputs, and (`final: false`) those whose last attempt failed and that wait for a retry. */
  readonly failed: readonly { seq: number; input: string; reason: string; attempts: number; final: boolean }[];
}

/** What the store knows of an API ingestion job (the server builds its `Job` from it). */
export interface ApiJobRow {
  readonly input: string;
  readonly createdAt: string;
  /** When all its inputs were read; null while a URL or feed is still being read. */
  readonly readAt: string | null;
  readonly readErrors: readonly { input: string; reason: string }[];
  readonly inputs: readonly {
    readonly input: string;
    readonly state: RowState;
    readonly result: PutStatus | null;
    readonly articleId: string | null;
    readonly error: string | null;
    /** Enqueued before this job (by another job or `ingest --queue`). */
    readonly known: boolean;
    readonly finishedAt: string | null;
  }[];
}

interface JobData {
  readonly seq: number;
}

const CREATE_TABLE = `
create table if not exists queue_inputs (
  seq bigserial primary key,
  hash text not null unique,
  input text not null,
  raw text not null,
  doc text,
  state text not null default 'queued',
  job_id text,
  result text,
  article_id text,
  error text,
  attempts integer not null default 0,
  enqueued_at timestamptz not null default now(),
  finished_at timestamptz
);
create index if not exists queue_inputs_pending on queue_inputs (seq) where state in ('queued', 'analysed');
create table if not exists queue_api_jobs (
  id text primary key,
  input text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  read_errors text not null default '[]'
);
create table if not exists queue_api_job_inputs (
  job_id text not null references queue_api_jobs (id),
  position integer not null,
  seq bigint not null references queue_inputs (seq),
  known boolean not null,
  primary key (job_id, position)
);
`;

/** An error naming the database (without its password) and the reason. */
function dbError(url: string, what: string, err: unknown): Error {
  return new Error(`${what} PostgreSQL database ${redactLocation(url)}: ${redactSecrets(describeError(err), url)}`, { cause: err });
}

export class IngestQueue {
  /** Whether this process has refreshed the story list once. */
  private placedOnce = false;
  private lastPlaced = 0;

  private constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
    private readonly boss: PgBoss,
    readonly settings: QueueSettings,
  ) {}

  /** Connects to the store's database, creating the queue's table and pg-boss schema if needed. */
  static async open(url: string, options: { supervise?: boolean } = {}): Promise<IngestQueue> {
    const settings = queueSettings();
    const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000, application_name: 'newsgraph-queue' });
    pool.on('error', () => {});
    try {
      await pool.query(CREATE_TABLE);
    } catch (err) {
      await pool.end();
      throw dbError(url, 'cannot set up the queue in', err);
    }
    const boss = new PgBoss({
      connectionString: url,
      max: 4,
      application_name: 'newsgraph-queue',
      supervise: options.supervise ?? false,
      schedule: false,
      maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
    });
    // pg-boss reports connection trouble as events; without a listener they would end the process.
    boss.on('error', (err) => process.stderr.write(`newsgraph: queue: ${redactSecrets(describeError(err), url)}\n`));
    try {
      await boss.start();
      if (!(await boss.getQueue(ANALYZE_QUEUE))) {
        await boss.createQueue(ANALYZE_QUEUE, {
          name: ANALYZE_QUEUE,
          retryLimit: settings.retryLimit,
          retryDelay: settings.retryDelay,
          retryBackoff: true,
          expireInSeconds: settings.expireInSeconds,
        });
      }
    } catch (err) {
      await boss.stop({ graceful: false, wait: true }).catch(() => {});
      await pool.end();
      throw dbError(url, 'cannot start the job queue in', err);
    }
    return new IngestQueue(url, pool, boss, settings);
  }

  /**
   * Adds an input (once: the same input name and content again is no new
   * job). `link` records it as an API job's `position`th input, in the same
   * transaction; `known` there says it was enqueued before.
   */
  async enqueue(raw: RawInput, link?: { job: string; position: number }): Promise<EnqueueResult> {
    const hash = rawInputHash(raw);
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const inserted = await client.query<{ seq: string }>(
        'insert into queue_inputs (hash, input, raw) values ($1, $2, $3) on conflict (hash) do nothing returning seq',
        [hash, raw.input.replaceAll('\u0000', '\uFFFD'), JSON.stringify(raw)],
      );
      const linkTo = async (seq: number, known: boolean) => {
        if (link) {
          await client.query('insert into queue_api_job_inputs (job_id, position, seq, known) values ($1, $2, $3, $4) on conflict do nothing', [link.job, link.position, seq, known]);
        }
      };
      if (inserted.rows.length === 0) {
        const existing = await client.query<{ seq: string }>('select seq from queue_inputs where hash = $1', [hash]);
        const seq = Number(existing.rows[0]!.seq);
        await linkTo(seq, true);
        await client.query('commit');
        return { seq, created: false };
      }
      const seq = Number(inserted.rows[0]!.seq);
      const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
      const jobId = await this.boss.send(ANALYZE_QUEUE, { seq } satisfies JobData, { db });
      await client.query('update queue_inputs set job_id = $1 where seq = $2', [jobId, seq]);
      await linkTo(seq, false);
      await client.query('commit');
      return { seq, created: true };
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Works on the queue until `stop` is called: `concurrency` jobs at a time
   * (analysis is CPU-bound, so run a worker process per core rather than a
   * high concurrency), applying analysed inputs in order after each job and
   * every few seconds, which also picks up after a worker that died holding
   * the apply lock.
   */
  async work(store: Store, analyze: (raw: RawInput) => Doc, options: { concurrency?: number; onError?: (message: string) => void } = {}): Promise<{ stop: () => Promise<void> }> {
    const report = options.onError ?? ((m: string) => process.stderr.write(`newsgraph: ${m}\n`));
    const applyQuietly = async () => {
      try {
        await this.applyReady(store);
      } catch (err) {
        report(`storing queued articles failed (will try again): ${redactSecrets(errorMessage(err), this.url)}`);
      }
    };
    const concurrency = Math.max(1, options.concurrency ?? 1);
    // pg-boss's offWork does not wait for the handlers running: stop does.
    const inflight = new Set<Promise<void>>();
    for (let i = 0; i < concurrency; i++) {
      let workerId = '';
      workerId = await this.boss.work<JobData>(
        ANALYZE_QUEUE,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.settings.pollingIntervalSeconds },
        async ([job]) => {
          if (!job) return;
          const running = (async () => {
            await this.analyseOne(job, analyze);
            await applyQuietly();
          })();
          const tracked = running.catch(() => {}).finally(() => inflight.delete(tracked));
          inflight.add(tracked);
          try {
            await running;
          } finally {
            // pg-boss waits a polling interval after every job; with a job done there may be more: fetch at once.
            this.boss.notifyWorker(workerId);
          }
        },
      );
    }
    let applying: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      applying = applying.then(applyQuietly);
    }, this.settings.pollingIntervalSeconds * 1000);
    await applyQuietly();
    return {
      stop: async () => {
        clearInterval(timer);
        await this.boss.offWork(ANALYZE_QUEUE);
        await Promise.all(inflight);
        await applying;
        // What this process stored and left for a later batch is placed now (when no input before it is missing).
        await applyQuietly();
      },
    };
  }

  /** One job: analyse the row's input and keep the document in the row (a retried job finds it there and does nothing). */
  private async analyseOne(job: PgBoss.JobWithMetadata<JobData>, analyze: (raw: RawInput) => Doc): Promise<void> {
    const seq = job.data.seq;
    const found = await this.pool.query<{ state: RowState; raw: string }>('select state, raw from queue_inputs where seq = $1', [seq]);
    const row = found.rows[0];
    if (!row) throw new Error(`queued input ${seq} is missing from queue_inputs`);
    if (row.state !== 'queued') return;
    await this.pool.query('update queue_inputs set attempts = attempts + 1 where seq = $1', [seq]);
    const raw = JSON.parse(row.raw) as RawInput;
    try {
      const doc = docToJson(analyze(raw));
      await this.pool.query(`update queue_inputs set doc = $1, state = 'analysed', error = null where seq = $2 and state = 'queued'`, [doc, seq]);
    } catch (err) {
      const reason = `analysis failed: ${errorMessage(err)}`;
      const last = job.retryCount >= job.retryLimit;
      // The last attempt marks the row failed, so applying goes past it; earlier ones keep the reason for `jobs`.
      await this.pool.query(`update queue_inputs set error = $1${last ? `, state = 'failed', finished_at = now()` : ''} where seq = $2 and state = 'queued'`, [reason, seq]);
      throw new Error(`${raw.input}: ${reason}`, { cause: err });
    }
  }

  /**
   * Stores, in enqueue order, every analysed input up to the first one not
   * analysed yet, and places them in stories; does nothing when another
   * worker holds the apply lock. Returns how many inputs it applied.
   */
  async applyReady(store: Store, place: (store: Store, refresh: boolean) => Promise<void> = placeAndList): Promise<number> {
    const client = await this.pool.connect();
    let applied = 0;
    let unplaced = 0;
    try {
      const locked = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [APPLY_LOCK_KEY]);
      if (!locked.rows[0]?.ok) return 0;
      let gap = false;
      try {
        for (;;) {
          const next = await client.query<{ seq: string; state: RowState; doc: string | null; job_id: string | null; input: string }>(
            `select seq, state, doc, job_id, input from queue_inputs where state in ('queued', 'analysed') order by seq limit 1`,
          );
          const row = next.rows[0];
          if (!row) break;
          const seq = Number(row.seq);
          if (row.state === 'queued') {
            // A gap: stop, unless its job has failed for good (its worker died on the last attempt).
            if (!(await this.markIfJobFailed(client, seq, row.job_id))) {
              gap = true;
              break;
            }
            continue;
          }
          let status: PutStatus;
          let articleId: string;
          try {
            const result = await store.put(docFromJson<Doc>(row.doc!));
            status = result.status;
            articleId = result.duplicateOf ?? result.id;
          } catch (err) {
            await client.query(`update queue_inputs set state = 'failed', error = $1, doc = null, finished_at = now() where seq = $2`, [`storing failed: ${errorMessage(err)}`, seq]);
            continue;
          }
          // The document has done its work; the raw input stays for `jobs` and re-runs.
          await client.query(`update queue_inputs set state = 'applied', result = $1, article_id = $2, doc = null, finished_at = now() where seq = $3`, [status, articleId, seq]);
          applied++;
          if (status === 'new' && ++unplaced >= PLACE_EVERY) {
            await place(store, true);
            unplaced = 0;
          }
        }
        // Also what a worker that died between storing and placing left unplaced; the story list is rebuilt
        // when something was placed, and once per process for a worker that died before that.
        const waiting = (await store.unplacedArticles()).length;
        const due = !gap || waiting >= PLACE_EVERY || Date.now() - this.lastPlaced >= PLACE_WITHIN_MS;
        if ((waiting > 0 && due) || (!this.placedOnce && !gap)) {
          await place(store, !this.placedOnce);
          this.placedOnce = true;
          this.lastPlaced = Date.now();
        }
      } finally {
        await client.query('select pg_advisory_unlock($1)', [APPLY_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
    return applied;
  }

  /** Marks a queued row failed when pg-boss has given its job up; true when it did. */
  private async markIfJobFailed(client: pg.PoolClient, seq: number, jobId: string | null): Promise<boolean> {
    if (jobId === null) return false;
    const job = await this.boss.getJobById<JobData>(ANALYZE_QUEUE, jobId, { includeArchive: true });
    if (job?.state !== 'failed' && job?.state !== 'cancelled') return false;
    const reason = job.state === 'cancelled' ? 'job cancelled' : `job failed after ${job.retryCount + 1} attempts: ${outputReason(job.output)}`;
    await client.query(`update queue_inputs set state = 'failed', error = coalesce(error, $1), finished_at = now() where seq = $2 and state = 'queued'`, [reason, seq]);
    return true;
  }

  /** Counts of jobs and inputs, and the failed inputs with their reasons. */
  async status(): Promise<QueueStatus> {
    const jobs: Record<string, number> = { created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 };
    const byState = await this.pool.query<{ state: string; n: string }>(
      `select state, count(*) as n from (select state from pgboss.job where name = $1 union all select state from pgboss.archive where name = $1) j group by state`,
      [ANALYZE_QUEUE],
    );
    for (const r of byState.rows) jobs[r.state] = Number(r.n);
    const inputs: Record<RowState, number> = { queued: 0, analysed: 0, applied: 0, failed: 0 };
    const results: Record<string, number> = {};
    const rows = await this.pool.query<{ state: RowState; result: string | null; n: string }>('select state, result, count(*) as n from queue_inputs group by state, result');
    for (const r of rows.rows) {
      inputs[r.state] = (inputs[r.state] ?? 0) + Number(r.n);
      if (r.result !== null) results[r.result] = (results[r.result] ?? 0) + Number(r.n);
    }
    const failedRows = await this.pool.query<{ seq: string; input: string; error: string | null; attempts: number; state: RowState }>(
      `select seq, input, error, attempts, state from queue_inputs where state = 'failed' or (state = 'queued' and error is not null) order by seq`,
    );
    const failed = failedRows.rows.map((r) => ({ seq: Number(r.seq), input: r.input, reason: r.error ?? 'failed', attempts: r.attempts, final: r.state === 'failed' }));
    return { jobs, inputs, results, failed };
  }

  /** Records an API job (its inputs are linked as they are enqueued). */
  async createApiJob(id: string, input: string): Promise<void> {
    await this.pool.query('insert into queue_api_jobs (id, input) values ($1, $2)', [id, input.replaceAll('\u0000', '\uFFFD')]);
  }

  /** The API job's inputs are all read (enqueued or failed to read, with these reasons). */
  async finishReading(id: string, errors: readonly { input: string; reason: string }[]): Promise<void> {
    await this.pool.query('update queue_api_jobs set read_at = now(), read_errors = $2 where id = $1', [id, JSON.stringify(errors)]);
  }

  /** API jobs a server stopped reading (it was stopped or died): marked read, with the reason, so they end. */
  async abandonReading(): Promise<number> {
    const r = await this.pool.query(
      `update queue_api_jobs set read_at = now(), read_errors = $1 where read_at is null`,
      [JSON.stringify([{ input: '(server)', reason: 'the server stopped while reading this input; what was read before is queued, submit it again for the rest' }])],
    );
    return r.rowCount ?? 0;
  }

  /** An API job and the state of each of its inputs, or null when there is no such job. */
  async apiJob(id: string): Promise<ApiJobRow | null> {
    const job = await this.pool.query<{ input: string; created_at: Date; read_at: Date | null; read_errors: string }>(
      'select input, created_at, read_at, read_errors from queue_api_jobs where id = $1',
      [id],
    );
    const row = job.rows[0];
    if (!row) return null;
    const inputs = await this.pool.query<{ input: string; state: RowState; result: PutStatus | null; article_id: string | null; error: string | null; known: boolean; finished_at: Date | null }>(
      `select q.input, q.state, q.result, q.article_id, q.error, l.known, q.finished_at
       from queue_api_job_inputs l join queue_inputs q on q.seq = l.seq where l.job_id = $1 order by l.position`,
      [id],
    );
    return {
      input: row.input,
      createdAt: row.created_at.toISOString(),
      readAt: row.read_at?.toISOString() ?? null,
      readErrors: JSON.parse(row.read_errors) as { input: string; reason: string }[],
      inputs: inputs.rows.map((r) => ({ input: r.input, state: r.state, result: r.result, articleId: r.article_id, error: r.error, known: r.known, finishedAt: r.finished_at?.toISOString() ?? null })),
    };
  }

  /** True when every input is applied or failed for good. */
  async drained(): Promise<boolean> {
    const r = await this.pool.query<{ n: string }>(`select count(*) as n from queue_inputs where state in ('queued', 'analysed')`);
    return Number(r.rows[0]!.n) === 0;
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    await this.pool.end();
  }
}

/** The reason pg-boss kept with a failed job (the handler's error, or its own, e.g. on expiry). */
function outputReason(output: unknown): string {
  if (output && typeof output === 'object' && 'message' in output && typeof output.message === 'string') return output.message;
  if (output && typeof output === 'object' && 'value' in output) return String((output as { value: unknown }).value);
  return output === null || output === undefined ? 'no reason given' : JSON.stringify(output);
}

/** Places unplaced articles in stored order; refreshes the story list when some were placed or `refresh` asks. */
async function placeAndList(store: Store, refresh: boolean): Promise<void> {
  const { placeArticles } = await import('../stories/placement.js');
  const { refreshStoryListings } = await import('../stories/listings.js');
  if ((await placeArticles(store)) > 0 || refresh) await refreshStoryListings(store);
}
