import { openStore } from '../store/index.js';
import { startServer } from '../serve/server.js';
import { diagnose, errorMessage } from './io.js';

export async function serveCommand(opts: { db: string; port: string; host: string }): Promise<number> {
  const port = Number.parseInt(opts.port, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    diagnose('--port', `not a port number: ${opts.port}`);
    return 2;
  }
  let store;
  try {
    store = await openStore(opts.db);
  } catch (err) {
    diagnose(opts.db, `cannot open database: ${errorMessage(err)}`);
    return 2;
  }
  let server;
  try {
    server = await startServer(store, { port, host: opts.host });
  } catch (err) {
    diagnose(`${opts.host}:${port}`, errorMessage(err));
    await store.close();
    return 2;
  }
  process.stderr.write(`newsgraph: serving ${opts.db} at ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await store.close();
  return 0;
}
