/**
 * The server's ingestion jobs over a PostgreSQL store: a request's inputs go
 * into the store's job queue (src/queue/queue.ts) for `newsgraph worker`
 * processes to analyse and store, instead of running in the server process,
 * and a job's progress is read back from the database. A restart forgets
 * nothing: the job, its inputs and their outcome are rows.
 *
 * Pasted text and HTML are enqueued before the request is answered. A URL or
 * a feed is read by the server in the background, its articles enqueued as
 * they are read; a server stopped while reading marks such jobs, when it
 * starts again, as ended with that reason (the articles read are queued).
 */
import { randomUUID } from 'node:crypto';
import { errorMessage } from '../ingest/reasons.js';
import type { ApiJobRow, IngestQueue } from '../queue/queue.js';
import type { IngestRequest, Job, JobStatus } from './api.js';
import { inputName, itemsOf, type JobRunner } from './jobs.js';

/** The API's view of a job from its rows. */
export function jobFromRow(id: string, row: ApiJobRow): Job {
  const counts = { new: 0, unchanged: 0, duplicate: 0, failed: row.readErrors.length };
  const articles: string[] = [];
  const errors = [...row.readErrors];
  let done = row.readErrors.length;
  let started = false;
  let finishedAt = row.readAt;
  for (const input of row.inputs) {
    if (input.state === 'applied' || input.state === 'failed') {
      done++;
      started = true;
      if (input.finishedAt !== null && (finishedAt === null || input.finishedAt > finishedAt)) finishedAt = input.finishedAt;
    } else if (input.state === 'analysed') started = true;
    if (input.state === 'applied') {
      // Stored before this job asked: as the in-process jobs say of an input the store already has.
      counts[input.known ? 'unchanged' : (input.result ?? 'unchanged')]++;
      if (input.articleId !== null) articles.push(input.articleId);
    } else if (input.state === 'failed') {
      counts.failed++;
      errors.push({ input: input.input, reason: input.error ?? 'failed' });
    }
  }
  const read = row.readAt !== null;
  const finished = read && done === row.inputs.length + row.readErrors.length;
  const status: JobStatus = !finished ? (started ? 'running' : 'queued') : counts.failed > 0 && articles.length === 0 ? 'failed' : 'done';
  return {
    id,
    status,
    input: row.input,
    createdAt: row.createdAt,
    finishedAt: finished ? (finishedAt ?? row.createdAt) : null,
    done,
    total: read ? row.inputs.length + row.readErrors.length : null,
    counts,
    articles,
    errors,
  };
}

export class QueueJobs implements JobRunner {
  private reading: Promise<void> = Promise.resolve();

  constructor(private readonly queue: IngestQueue) {}

  /** Ends the jobs an earlier server stopped reading; call once at start. */
  async recover(): Promise<number> {
    return this.queue.abandonReading();
  }

  async submit(request: IngestRequest): Promise<Job> {
    const id = randomUUID();
    await this.queue.createApiJob(id, inputName(request));
    if (request.kind === 'text' || request.kind === 'html') {
      await this.read(id, request);
    } else {
      // URLs and feeds one at a time, as the in-process jobs read them.
      // A failure to record the end (the database gone) leaves the job to `recover` at the next start.
      this.reading = this.reading.then(() => this.read(id, request)).catch(() => {});
    }
    return (await this.get(id))!;
  }

  private async read(id: string, request: IngestRequest): Promise<void> {
    const errors: { input: string; reason: string }[] = [];
    let position = 0;
    try {
      for await (const item of await itemsOf(request)) {
        if (!item.ok) errors.push({ input: item.input, reason: item.reason });
        else {
          try {
            await this.queue.enqueue(item.raw, { job: id, position: position++ });
          } catch (err) {
            errors.push({ input: item.raw.input, reason: `cannot enqueue: ${errorMessage(err)}` });
          }
        }
      }
    } catch (err) {
      errors.push({ input: inputName(request), reason: errorMessage(err) });
    }
    await this.queue.finishReading(id, errors);
  }

  async get(id: string): Promise<Job | null> {
    const row = await this.queue.apiJob(id);
    return row ? jobFromRow(id, row) : null;
  }

  async idle(): Promise<void> {
    await this.reading;
  }
}
