import type { SearchHit } from '../store/store.js';
import { diagnose, withStore, writeLine } from './io.js';

/** Marks the highlighted ranges: bold on a terminal, [[…]] in plain output. */
export function markSnippet(hit: SearchHit, tty: boolean): string {
  const { text, highlights } = hit.snippet;
  const [open, close] = tty ? ['\x1b[1m', '\x1b[22m'] : ['[[', ']]'];
  let out = '';
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    out += text.slice(at, h.start) + open + text.slice(h.start, h.end) + close;
    at = h.end;
  }
  return out + text.slice(at);
}

export async function searchCommand(query: string, opts: { db: string; limit: string; json?: boolean }): Promise<number> {
  const limit = Number.parseInt(opts.limit, 10);
  if (!Number.isFinite(limit) || limit <= 0) {
    diagnose('--limit', `not a positive number: ${opts.limit}`);
    return 2;
  }
  return withStore(opts.db, async (store) => {
    const page = await store.search(query, { limit });
    const tty = Boolean(process.stdout.isTTY);
    for (const [rank, hit] of page.items.entries()) {
      if (opts.json) {
        await writeLine(process.stdout, JSON.stringify(hit));
        continue;
      }
      const head = `${rank + 1}. ${hit.title ?? '(untitled)'} — ${hit.outlet ?? hit.domain ?? 'unknown outlet'}, ${hit.publishedAt ?? 'undated'} [${hit.id}]`;
      await writeLine(process.stdout, `${head}\n   ${markSnippet(hit, tty)}`);
    }
    if (!opts.json) process.stderr.write(`${page.items.length} of ${page.total} matching articles\n`);
    return 0;
  });
}
