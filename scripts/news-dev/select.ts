/**
 * `node --import tsx scripts/news-dev/select.ts`: the seeded random draw of the
 * news development set, written to eval/news-dev/manifest.json (row ids and
 * body hashes only, no text). Deterministic: the same data and seed give the
 * same rows.
 *
 * - 40 FA-KES rows stratified by `source`: each outlet gets a share of 40 in
 *   proportion to its rows (largest remainders), at least one each;
 * - 12 BBC rows: 6 politics, 6 business;
 * - 8 rows of the Giveme5W1H gold standard's training split, one per publisher
 *   in a seeded order.
 */
import { writeFileSync } from 'node:fs';
import { readBbc, readFakes, readGiveme, sha1, type DevRow } from './corpus.js';
import { seededRandom } from '../../src/nlp/ner/perceptron.js';

const SEED = 20261203;

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Per-stratum counts summing to `total`: at least one each, the rest by largest remainder. */
export function allocate(sizes: ReadonlyMap<string, number>, total: number): Map<string, number> {
  const keys = [...sizes.keys()].sort();
  const out = new Map(keys.map((k) => [k, 1]));
  const rest = total - keys.length;
  const all = keys.reduce((s, k) => s + sizes.get(k)!, 0);
  const quotas = keys.map((k) => ({ k, q: (rest * sizes.get(k)!) / all }));
  let given = 0;
  for (const { k, q } of quotas) {
    out.set(k, out.get(k)! + Math.floor(q));
    given += Math.floor(q);
  }
  for (const { k } of quotas.sort((a, b) => (b.q % 1) - (a.q % 1) || a.k.localeCompare(b.k)).slice(0, rest - given)) out.set(k, out.get(k)! + 1);
  return out;
}

const usable = (r: DevRow) => r.body.trim().length >= 400;

function main(): void {
  const random = seededRandom(SEED);
  const picked: DevRow[] = [];
  const fakes = readFakes().filter(usable);
  const byOutlet = new Map<string, DevRow[]>();
  for (const r of fakes) byOutlet.set(r.outlet, [...(byOutlet.get(r.outlet) ?? []), r]);
  const counts = allocate(new Map([...byOutlet].map(([k, v]) => [k, v.length])), 40);
  for (const [outlet, n] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) picked.push(...shuffled(byOutlet.get(outlet)!, random).slice(0, n));
  const bbc = readBbc().filter(usable);
  for (const category of ['politics', 'business']) picked.push(...shuffled(bbc.filter((r) => r.row.startsWith(`${category}/`)), random).slice(0, 6));
  const giveme = shuffled(readGiveme().filter((r) => usable(r) && r.body.length <= 6000), random);
  const seen = new Set<string>();
  for (const r of giveme) {
    if (seen.has(r.outlet) || seen.size >= 8) continue;
    seen.add(r.outlet);
    picked.push(r);
  }
  const manifest = {
    seed: SEED,
    note: 'Rows of ../shared/data drawn by scripts/news-dev/select.ts. No article text is stored here.',
    articles: picked.map((r) => ({ source: r.source, row: r.row, outlet: r.outlet, bodySha1: sha1(r.body), chars: r.body.length })),
  };
  writeFileSync(new URL('../../eval/news-dev/manifest.json', import.meta.url), JSON.stringify(manifest, null, 1) + '\n');
  console.log(`${picked.length} articles from ${new Set(picked.map((r) => r.outlet)).size} outlets`);
}

main();
