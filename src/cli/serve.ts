import { startServer } from '../serve/server.js';
import { redactLocation } from '../store/index.js';
import { diagnose, errorMessage, withStore } from './io.js';
import { placeQuietly } from './stories.js';

export async function serveCommand(opts: { db: string; port: string; host: string }): Promise<number> {
  const port = Number.parseInt(opts.port, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    diagnose('--port', `not a port number: ${opts.port}`);
    return 2;
  }
  return withStore(opts.db, async (store) => {
    // A store written before stories existed, or by an interrupted ingest, has articles in no story yet.
    await placeQuietly(store);
    let server;
    try {
      server = await startServer(store, { port, host: opts.host });
    } catch (err) {
      diagnose(redactLocation(opts.db), errorMessage(err));
      return 2;
    }
    process.stderr.write(`newsgraph: serving ${redactLocation(opts.db)} at ${server.url}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await server.close();
    return 0;
  });
}
