/**
 * Ingestion jobs started from the API: text, HTML, a URL or a feed is read,
 * analysed, stored and placed in stories in the background while the client
 * polls the job's progress.
 *
 * Jobs run one at a time, in the order submitted, inside the server process:
 * placement continues the stored clusterer state, which two writers at once
 * would fork. Job records live in memory (the most recent ones are kept), so
 * a restart forgets them; the articles they stored are in the store.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RawInput } from '../core/doc.js';
import type { IngestItem } from '../ingest/index.js';
import { errorMessage, formatSize } from '../ingest/reasons.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../ingest/types.js';
import type { Pipeline } from '../pipeline/index.js';
import { PIPELINE_VERSION } from '../pipeline/version.js';
import { placeArticles } from '../stories/placement.js';
import { refreshStoryListings } from '../stories/listings.js';
import type { Store } from '../store/store.js';
import type { IngestRequest, Job } from './api.js';

/** How many finished jobs are remembered. */
const KEEP = 200;

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] extends object ? Mutable<T[K]> : T[K] };

export function inputName(request: IngestRequest): string {
  if (request.kind === 'url') return request.url ?? '';
  return request.name ?? (request.kind === 'feed' ? 'pasted feed' : request.kind === 'html' ? 'pasted page' : 'pasted text');
}

/** Why a request cannot become a job (with the HTTP status that says so), or null when it can. */
export function invalidRequest(request: IngestRequest): { status: number; reason: string } | null {
  if (request.kind === 'url') return request.url ? null : { status: 400, reason: 'a url is required for kind "url"' };
  if (!request.content || request.content.trim() === '') return { status: 400, reason: `content is required for kind "${request.kind}"` };
  // One article is capped as when read from a file; a feed document may hold many.
  const bytes = Buffer.byteLength(request.content, 'utf8');
  if (request.kind !== 'feed' && bytes > DEFAULT_MAX_ARTICLE_BYTES) {
    return { status: 413, reason: `content is ${formatSize(bytes)}, more than the ${formatSize(DEFAULT_MAX_ARTICLE_BYTES)} one article may be` };
  }
  return null;
}

/** The raw inputs a request names, one at a time; unreadable ones as failed items. The readers load with the first job. */
export async function itemsOf(request: IngestRequest): Promise<AsyncIterable<IngestItem> | Iterable<IngestItem>> {
  const input = inputName(request);
  switch (request.kind) {
    case 'url':
      return (await import('../ingest/index.js')).readInputs([input]);
    case 'feed':
      return (await import('../ingest/index.js')).readFeedText(input, request.content ?? '', 'utf-8 (posted)');
    case 'text':
    case 'html': {
      const raw: RawInput = { input, kind: request.kind, content: request.content ?? '', encoding: 'utf-8 (posted)', meta: { container: 'api' } };
      return [{ ok: true, raw }];
    }
  }
}

/**
 * Where the server's ingestion jobs run: in the server process (`IngestJobs`,
 * a SQLite store), or in a PostgreSQL store's job queue (`QueueJobs`,
 * queue-jobs.ts), whose workers may be anywhere.
 */
export interface JobRunner {
  /** Queues a request (checked with `invalidRequest` first) and returns its job. */
  submit(request: IngestRequest): Job | Promise<Job>;
  get(id: string): Job | null | Promise<Job | null>;
  /** Resolves when the work this process does for its jobs has finished (for shutdown and tests). */
  idle(): Promise<void>;
}

export class IngestJobs implements JobRunner {
  private readonly jobs = new Map<string, Mutable<Job>>();
  private queue: Promise<void> = Promise.resolve();
  private pipeline: Pipeline | null = null;

  constructor(private readonly store: Store) {}

  /** Queues a request (checked with `invalidRequest` first) and returns its job. */
  submit(request: IngestRequest): Job {
    const job: Mutable<Job> = {
      id: randomUUID(),
      status: 'queued',
      input: inputName(request),
      createdAt: new Date().toISOString(),
      finishedAt: null,
      done: 0,
      total: request.kind === 'text' || request.kind === 'html' ? 1 : null,
      counts: { new: 0, unchanged: 0, duplicate: 0, failed: 0 },
      articles: [],
      errors: [],
    };
    this.jobs.set(job.id, job);
    this.forgetOld();
    this.queue = this.queue.then(() => this.run(job, request));
    return structuredClone(job);
  }

  get(id: string): Job | null {
    const job = this.jobs.get(id);
    return job ? structuredClone(job) : null;
  }

  /** Resolves when every queued job has finished (for shutdown and tests). */
  async idle(): Promise<void> {
    await this.queue;
  }

  private async run(job: Mutable<Job>, request: IngestRequest): Promise<void> {
    job.status = 'running';
    try {
      for await (const item of await itemsOf(request)) {
        await this.ingestOne(job, item);
        job.done++;
        // Analysis is synchronous work: let progress requests through between articles.
        await yieldToEventLoop();
      }
      job.total = job.done;
      await placeArticles(this.store);
      await refreshStoryListings(this.store);
      job.status = job.counts.failed > 0 && job.articles.length === 0 ? 'failed' : 'done';
    } catch (err) {
      job.errors.push({ input: job.input, reason: errorMessage(err) });
      job.status = 'failed';
    }
    job.finishedAt = new Date().toISOString();
  }

  private async ingestOne(job: Mutable<Job>, item: IngestItem): Promise<void> {
    if (!item.ok) {
      job.counts.failed++;
      job.errors.push({ input: item.input, reason: item.reason });
      return;
    }
    try {
      const seen = await this.store.seen(item.raw);
      if (seen !== null) {
        job.counts.unchanged++;
        job.articles.push(seen);
        return;
      }
      // The pipeline (its stages' libraries and resources) loads with the first article a job analyses:
      // a server that only reads never pays for it.
      this.pipeline ??= (await import('../pipeline/index.js')).loadPipeline();
      // Recorded with the article, as `newsgraph ingest` does, so that `reprocess` can find what an older pipeline made.
      const result = await this.store.put(this.pipeline.analyze(item.raw), { pipelineVersion: PIPELINE_VERSION });
      job.counts[result.status]++;
      job.articles.push(result.duplicateOf ?? result.id);
    } catch (err) {
      job.counts.failed++;
      job.errors.push({ input: item.raw.input, reason: errorMessage(err) });
    }
  }

  private forgetOld(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEEP) return;
      if (job.finishedAt !== null) this.jobs.delete(id);
    }
  }
}
