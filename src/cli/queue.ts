/**
 * The queue's commands (src/queue/queue.ts says why there is a queue):
 * `ingest --queue` reads inputs and enqueues them, `worker` analyses and
 * stores, `jobs` shows what is queued, running, done and failed. All three
 * need a PostgreSQL store: the queue lives in its database.
 */
import { readInputs } from '../ingest/index.js';
import { loadPipeline, PIPELINE_VERSION, type Pipeline } from '../pipeline/index.js';
import { IngestQueue, type QueueStatus } from '../queue/queue.js';
import { isPostgresUrl, redactLocation, redactSecrets } from '../store/location.js';
import { diagnose, errorMessage, withStore, writeLine } from './io.js';

/** Null when `db` can hold a queue, else the usage error (reported). */
function requirePostgres(db: string, what: string): boolean {
  if (isPostgresUrl(db)) return true;
  diagnose(redactLocation(db), `${what} needs a PostgreSQL store (--db postgres://…); the job queue lives in its database, a SQLite file cannot be shared by workers`);
  return false;
}

async function openQueue(db: string, supervise = false): Promise<IngestQueue | null> {
  try {
    return await IngestQueue.open(db.trim(), { supervise });
  } catch (err) {
    diagnose(redactLocation(db), redactSecrets(errorMessage(err), db));
    return null;
  }
}

/** `newsgraph ingest --queue`: read inputs and enqueue them; nothing is analysed here. */
export async function enqueueCommand(inputs: string[], opts: { db: string }): Promise<number> {
  if (!requirePostgres(opts.db, '--queue')) return 2;
  // The store is opened (and migrated) first so that workers find it ready.
  return withStore(opts.db, async () => {
    const queue = await openQueue(opts.db);
    if (queue === null) return 2;
    let queued = 0;
    let known = 0;
    let failed = 0;
    try {
      for await (const item of readInputs(inputs)) {
        if (!item.ok) {
          failed++;
          diagnose(item.input, item.reason);
          continue;
        }
        try {
          const result = await queue.enqueue(item.raw);
          if (result.created) queued++;
          else known++;
        } catch (err) {
          failed++;
          diagnose(item.raw.input, `cannot enqueue: ${redactSecrets(errorMessage(err), opts.db)}`);
        }
      }
    } finally {
      await queue.close();
    }
    process.stdout.write(`queued ${queued} inputs, ${known} already queued, ${failed} failed; run \`newsgraph worker --db ${redactLocation(opts.db)}\` to process them\n`);
    return queued + known > 0 || failed === 0 ? 0 : 2;
  });
}

/**
 * `newsgraph worker`: process queued inputs until SIGINT/SIGTERM, or with
 * `--drain` until the queue is empty.
 */
export async function workerCommand(opts: { db: string; concurrency: string; drain?: boolean }): Promise<number> {
  if (!requirePostgres(opts.db, 'worker')) return 2;
  const concurrency = Number.parseInt(opts.concurrency, 10);
  if (!Number.isInteger(concurrency) || concurrency < 1 || String(concurrency) !== opts.concurrency.trim()) {
    diagnose('--concurrency', `not a positive whole number: ${opts.concurrency}`);
    return 2;
  }
  return withStore(
    opts.db,
    async (store) => {
      const queue = await openQueue(opts.db, true);
      if (queue === null) return 2;
      let pipeline: Pipeline | null = null;
      const analyze = (raw: Parameters<Pipeline['analyze']>[0]) => (pipeline ??= loadPipeline()).analyze(raw);
      try {
        const worker = await queue.work(store, analyze, { concurrency });
        process.stderr.write(`newsgraph: worker ${process.pid} on ${redactLocation(opts.db)}, ${concurrency} at a time\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
          if (opts.drain) {
            const check = setInterval(() => {
              queue
                .drained()
                .then((done) => {
                  if (done) {
                    clearInterval(check);
                    resolve();
                  }
                })
                .catch(() => {});
            }, 500);
          }
        });
        await worker.stop();
      } finally {
        await queue.close();
      }
      return 0;
    },
    { pipelineVersion: PIPELINE_VERSION },
  );
}

function formatStatus(s: QueueStatus): string {
  const j = s.jobs;
  const lines = [
    `jobs: ${j.created ?? 0} queued, ${j.retry ?? 0} waiting to retry, ${j.active ?? 0} active, ${j.completed ?? 0} completed, ${j.failed ?? 0} failed`,
    `inputs: ${s.inputs.queued} to analyse, ${s.inputs.analysed} analysed and waiting to be stored in order, ${s.inputs.applied} stored` +
      ` (${s.results.new ?? 0} new, ${s.results.duplicate ?? 0} duplicate, ${s.results.unchanged ?? 0} unchanged), ${s.inputs.failed} failed`,
  ];
  const final = s.failed.filter((f) => f.final);
  const retrying = s.failed.filter((f) => !f.final);
  if (final.length > 0) {
    lines.push(`failed (${final.length}):`);
    for (const f of final) lines.push(`  ${f.input}: ${f.reason} (${f.attempts} attempts)`);
  }
  if (retrying.length > 0) {
    lines.push(`failed, to be retried (${retrying.length}):`);
    for (const f of retrying) lines.push(`  ${f.input}: ${f.reason} (${f.attempts} attempts so far)`);
  }
  return lines.join('\n') + '\n';
}

/** `newsgraph jobs`: the queue's counts and failed inputs with their reasons. */
export async function jobsCommand(opts: { db: string; json?: boolean }): Promise<number> {
  if (!requirePostgres(opts.db, 'jobs')) return 2;
  const queue = await openQueue(opts.db);
  if (queue === null) return 2;
  try {
    const status = await queue.status();
    if (opts.json) await writeLine(process.stdout, JSON.stringify(status));
    else process.stdout.write(formatStatus(status));
    return 0;
  } finally {
    await queue.close();
  }
}
