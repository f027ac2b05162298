import { COPIED_TABLES, copyStore } from '../store/copy.js';
import { redactLocation, redactSecrets } from '../store/index.js';
import { diagnose, errorMessage } from './io.js';

/** `newsgraph migrate-store`: copies a store (a SQLite file) into a new PostgreSQL database, or any store into an empty one. */
export async function migrateStoreCommand(opts: { from: string; to: string }): Promise<number> {
  let copied;
  try {
    copied = await copyStore(opts.from, opts.to);
  } catch (err) {
    diagnose(redactLocation(opts.to), `cannot copy the store ${redactLocation(opts.from)}: ${redactSecrets(redactSecrets(errorMessage(err), opts.from), opts.to)}`);
    return 2;
  }
  const rows = COPIED_TABLES.map((table) => `${copied[table]} ${table}`).join(', ');
  process.stderr.write(`newsgraph: copied ${redactLocation(opts.from)} to ${redactLocation(opts.to)}: ${rows}\n`);
  return 0;
}
