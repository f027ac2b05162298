import type { Writable } from 'node:stream';
import { openStore, redactLocation, redactSecrets, type StoreOptions } from '../store/index.js';
import type { Store } from '../store/store.js';

/** Writes a line, waiting for the stream to drain so a large run never buffers the corpus in memory. */
export async function writeLine(stream: Writable, line: string): Promise<void> {
  if (stream.destroyed || !stream.writable) return;
  if (!stream.write(line + '\n')) {
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        resolve();
      };
      stream.once('drain', done);
      stream.once('close', done);
      stream.once('error', done);
    });
  }
}

/** One diagnostic line on stderr naming the input and the reason. */
export function diagnose(input: string, reason: string): void {
  process.stderr.write(`newsgraph: ${input}: ${reason}\n`);
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * Opens the database, or reports on stderr why it cannot be opened and gives
 * null. The report names the database without its password.
 */
export async function openStoreOrReport(db: string, options?: StoreOptions): Promise<Store | null> {
  try {
    return await openStore(db, options);
  } catch (err) {
    diagnose(redactLocation(db), `cannot open database: ${redactSecrets(errorMessage(err), db)}`);
    return null;
  }
}

/**
 * Opens the database, runs `use`, and always closes it. A database that
 * cannot be opened is reported on stderr with the reason, and gives exit code 2.
 */
export async function withStore(db: string, use: (store: Store) => Promise<number>, options?: StoreOptions): Promise<number> {
  const store = await openStoreOrReport(db, options);
  if (store === null) return 2;
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
