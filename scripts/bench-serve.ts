/**
 * `npm run bench:serve -- DB`: how a server that only reads starts over a
 * stored database: `newsgraph serve` is started as its own process on a free
 * loopback port, the time until it answers `GET /api/articles` is taken, and
 * its resident memory is read from /proc after the first answers and after
 * the background refresh of the story list has had time to run.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/newsgraph.js', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const residentMB = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
};

async function main(db: string | undefined): Promise<number> {
  if (!db) {
    console.error('usage: npm run bench:serve -- DB');
    return 2;
  }
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    let first = NaN;
    for (let i = 0; i < 600 && Number.isNaN(first); i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/articles?limit=5`);
        if (r.ok) first = performance.now() - t0;
      } catch {
        await sleep(25);
      }
    }
    if (Number.isNaN(first)) throw new Error('the server did not answer within 15 s');
    const afterFirst = residentMB(child.pid!);
    const timed = async (path: string) => {
      const s = performance.now();
      const r = await fetch(`http://127.0.0.1:${port}${path}`);
      await r.arrayBuffer();
      return `${path} ${r.status} ${(performance.now() - s).toFixed(0)} ms`;
    };
    const answers = [await timed('/api/stories'), await timed('/api/articles?limit=20'), await timed('/api/entities?limit=20')];
    await sleep(5000);
    console.log(`serve ${db}: first answer ${(first / 1000).toFixed(2)} s after start; resident ${afterFirst.toFixed(0)} MB then, ${residentMB(child.pid!).toFixed(0)} MB 5 s later`);
    for (const a of answers) console.log(`  ${a}`);
    return 0;
  } finally {
    child.kill('SIGTERM');
  }
}

main(process.argv[2]).then((code) => (process.exitCode = code));
