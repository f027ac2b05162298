import { startServer } from '../serve/server.js';
import type { JobRunner } from '../serve/jobs.js';
import { isPostgresUrl, redactLocation, redactSecrets } from '../store/index.js';
import type { Store } from '../store/store.js';
import { diagnose, errorMessage, withStore } from './io.js';
import { placeQuietly } from './stories.js';

/**
 * Over PostgreSQL, ingestion goes into the store's job queue for `newsgraph
 * worker` processes, and placing articles at start is the queue's ordered
 * step under its lock (workers may be placing at the same time). Null when
 * the queue cannot be opened (reported).
 */
async function queueJobs(db: string, store: Store): Promise<{ jobs: JobRunner; close: () => Promise<void> } | null> {
  const { IngestQueue } = await import('../queue/queue.js');
  const { QueueJobs } = await import('../serve/queue-jobs.js');
  let queue;
  try {
    queue = await IngestQueue.open(db.trim());
  } catch (err) {
    diagnose(redactLocation(db), redactSecrets(errorMessage(err), db));
    return null;
  }
  const jobs = new QueueJobs(queue);
  try {
    const abandoned = await jobs.recover();
    if (abandoned > 0) diagnose('jobs', `${abandoned} ingestion job(s) were being read when the server stopped; they are ended with that reason`);
    await queue.applyReady(store);
  } catch (err) {
    diagnose('stories', `placing articles into stories failed: ${redactSecrets(errorMessage(err), db)}`);
  }
  return { jobs, close: () => queue.close() };
}

export async function serveCommand(opts: { db: string; port: string; host: string }): Promise<number> {
  const port = Number.parseInt(opts.port, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    diagnose('--port', `not a port number: ${opts.port}`);
    return 2;
  }
  return withStore(opts.db, async (store) => {
    const queued = isPostgresUrl(opts.db) ? await queueJobs(opts.db, store) : null;
    if (isPostgresUrl(opts.db) && queued === null) return 2;
    // A store written before stories existed, or by an interrupted ingest, has articles in no story yet.
    if (queued === null) await placeQuietly(store);
    let server;
    try {
      server = await startServer(store, { port, host: opts.host, ...(queued ? { jobs: queued.jobs } : {}) });
    } catch (err) {
      diagnose(redactLocation(opts.db), errorMessage(err));
      await queued?.close();
      return 2;
    }
    process.stderr.write(`newsgraph: serving ${redactLocation(opts.db)} at ${server.url}\n`);
    if (queued) process.stderr.write(`newsgraph: ingestion is queued in the database; run \`newsgraph worker --db ${redactLocation(opts.db)}\` to process it\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await server.close();
    await queued?.close();
    return 0;
  });
}
