/**
 * `npm run eval:news [-- --misses] [-- --json FILE] [-- --article N] [-- --agreement]`:
 * the news development set (eval/news-dev, ../shared/ANNOTATION.md) scored
 * through the product path. Every manifest row is read from its dataset file
 * by the ingest code (product-rows.ts) and analysed by the whole pipeline as
 * `newsgraph analyze` runs it (scripts/lib/product.ts); predicted offsets are
 * mapped from the cleaned text back onto the row's body, which gold points
 * into. What each figure means, and every tolerance, is written at the top of
 * scripts/news-dev/score.ts. These are dev figures: the set is for choosing
 * rules and thresholds, not for reporting a held-out result.
 *
 *   --misses      each miss per article: what gold had, what was predicted nearest, and a tally of kinds
 *   --json FILE   the figures (and counts) as JSON
 *   --article N   score manifest article N only
 *   --agreement   score the second pass (eval/news-dev/second-pass) against gold with the same scorer
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultProductPath, type ProductPath } from './lib/product.js';
import { readAllRows } from './news-dev/corpus.js';
import { manifestInputs } from './news-dev/product-rows.js';
import type { Manifest, NewsAnnotation } from './news-dev/schema.js';
import { addCounts, emptyCounts, figures, scoreArticle, type Counts, type Figures, type Layer, type Miss } from './news-dev/score.js';
import { refusedSide, sideOfAnnotation, sideOfDoc } from './news-dev/sides.js';

const devDir = new URL('../eval/news-dev/', import.meta.url);
const annotationFile = (dir: 'gold' | 'second-pass', i: number) => new URL(`${dir}/${String(i).padStart(2, '0')}.json`, devDir);
const readAnnotation = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as NewsAnnotation;

/** The gold articles `indices` (all by default) through `path`, as a user's `analyze` of the dataset files reads them. */
export async function scoreNewsDev(path: ProductPath, manifest: Manifest = readManifest(), indices: readonly number[] = manifest.articles.map((_, i) => i)): Promise<{ total: Counts; scored: Scored[] }> {
  const inputs = await manifestInputs(manifest);
  const total = emptyCounts();
  const scored: Scored[] = [];
  for (const i of indices) {
    const gold = readAnnotation(annotationFile('gold', i));
    const raw = inputs[i]!;
    const result = path.analyze(raw.input, raw.content, raw.meta, raw.kind);
    const predicted = result instanceof Error ? refusedSide(result.message) : sideOfDoc(result.doc, result.align);
    const s = scoreArticle(sideOfAnnotation(gold), predicted, raw.content);
    addCounts(total, s.counts);
    scored.push({ index: i, misses: s.misses });
  }
  return { total, scored };
}

export const NEWS_DEV_MANIFEST = fileURLToPath(new URL('manifest.json', devDir));
const readManifest = () => JSON.parse(readFileSync(NEWS_DEV_MANIFEST, 'utf8')) as Manifest;

interface Options {
  readonly misses: boolean;
  readonly json: string | null;
  readonly article: number | null;
  readonly agreement: boolean;
}

export function parseOptions(argv: readonly string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    if (i < 0) return null;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const known = new Set(['--misses', '--json', '--article', '--agreement']);
  argv.forEach((a, i) => {
    if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown option ${a}`);
    if (!a.startsWith('--') && !['--json', '--article'].includes(argv[i - 1] ?? '')) throw new Error(`unexpected argument ${a}`);
  });
  const article = value('--article');
  if (article !== null && !/^\d+$/.test(article)) throw new Error(`--article takes a manifest index, not ${article}`);
  return { misses: argv.includes('--misses'), json: value('--json'), article: article === null ? null : Number(article), agreement: argv.includes('--agreement') };
}

interface Scored {
  readonly index: number;
  readonly misses: readonly Miss[];
}

const LAYERS: readonly Layer[] = ['publishedAt', 'entities', 'places', 'quotes', 'dates', 'events'];

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

function table(title: string, rows: readonly (readonly [string, number | null, string])[]): void {
  console.log(`\n### ${title}`);
  console.log('| figure | value | counts |');
  console.log('|---|---:|---|');
  for (const [name, v, counts] of rows) console.log(`| ${name} | ${pct(v)} | ${counts} |`);
}

function printFigures(label: string, f: Figures, c: Counts): void {
  const of = (a: number, b: number) => `${a} of ${b}`;
  table(`${label} · publishedAt (${f.articles} articles${f.failed ? `, ${f.failed} refused by the pipeline` : ''})`, [['day accuracy (both none counts as right)', f.publishedAt.accuracy, of(c.published.right, c.published.total)]]);
  table(`${label} · entities`, [
    ['precision', f.entities.precision, of(c.entities.right, c.entities.predicted) + ' predicted'],
    ['recall', f.entities.recall, of(c.entities.found, c.entities.gold) + ' gold'],
    ['F1', f.entities.f1, `${c.entities.split} gold entities split over several predicted`],
  ]);
  table(`${label} · places`, [
    ['acc@distance (country by code, region 150 km, else 50 km)', f.places.accuracy, of(c.places.right, c.places.gold) + ' gold'],
    ['acc@161km', f.places.acc161km, of(c.places.within161, c.places.gold) + ' gold'],
    ['gold places with a predicted place of that name', f.places.named, of(c.places.named, c.places.gold)],
    ['predicted places named like a gold place', f.places.predictedNamed, of(c.places.predictedNamed, c.places.predicted)],
  ]);
  const q = c.quotes;
  table(`${label} · quotes`, [
    ['share found (content start)', f.quotes.found, of(q.found, q.gold) + ' gold'],
    ['precision', f.quotes.precision, of(q.predictedMatched, q.predicted) + ' predicted'],
    ['speaker accuracy (over all gold quotes)', f.quotes.speaker, of(q.speakerRight, q.gold)],
    ['anonymous gold: found', f.quotes.anonymous.found, of(q.anonymous.found, q.anonymous.gold)],
    ['anonymous gold: speaker accuracy', f.quotes.anonymous.speaker, of(q.anonymous.speakerRight, q.anonymous.gold)],
    ['named gold: found', f.quotes.named.found, of(q.named.found, q.named.gold)],
    ['named gold: speaker accuracy', f.quotes.named.speaker, of(q.named.speakerRight, q.named.gold)],
  ]);
  table(`${label} · dates`, [
    ['value at gold grain (over gold dates)', f.dates.accuracy, of(c.dates.right, c.dates.gold)],
    ['found (spans overlap)', f.dates.found, of(c.dates.found, c.dates.gold)],
    ['precision', f.dates.precision, of(c.dates.right, c.dates.predicted) + ' predicted'],
  ]);
  const e = c.events;
  table(`${label} · events`, [
    ['precision, type + day', f.events.precision, of(e.matched, e.predicted) + ' predicted'],
    ['recall, type + day', f.events.recall, of(e.matched, e.gold) + ' gold'],
    ['F1, type + day', f.events.f1, ''],
    ['precision, type only', f.events.typePrecision, of(e.typeMatched, e.predicted)],
    ['recall, type only', f.events.typeRecall, of(e.typeMatched, e.gold)],
    ['F1, type only', f.events.typeF1, ''],
  ]);
  console.log(`\n### ${label} · summary (${f.articles} articles)`);
  console.log('| layer | figure | value |');
  console.log('|---|---|---:|');
  const summary: [string, string, number | null][] = [
    ['publishedAt', 'day accuracy', f.publishedAt.accuracy],
    ['entities', `F1 (P ${pct(f.entities.precision)} / R ${pct(f.entities.recall)})`, f.entities.f1],
    ['places', 'acc@distance', f.places.accuracy],
    ['places', 'acc@161km', f.places.acc161km],
    ['quotes', 'share found', f.quotes.found],
    ['quotes', 'precision', f.quotes.precision],
    ['quotes', 'speaker accuracy', f.quotes.speaker],
    ['dates', 'value at gold grain', f.dates.accuracy],
    ['dates', 'precision', f.dates.precision],
    ['events', 'F1 type + day', f.events.f1],
    ['events', 'F1 type only', f.events.typeF1],
  ];
  for (const [layer, name, v] of summary) console.log(`| ${layer} | ${name} | ${pct(v)} |`);
}

/** Miss kinds per layer, most frequent first. */
function tally(scored: readonly Scored[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const layer of LAYERS) out[layer] = {};
  for (const s of scored) for (const m of s.misses) out[m.layer]![m.kind] = (out[m.layer]![m.kind] ?? 0) + 1;
  for (const layer of LAYERS) out[layer] = Object.fromEntries(Object.entries(out[layer]!).sort((a, b) => b[1] - a[1]));
  return out;
}

function printMisses(scored: readonly Scored[], manifest: Manifest, label: string): void {
  console.log(`\n### ${label} · misses per article`);
  for (const s of scored) {
    if (s.misses.length === 0) continue;
    const a = manifest.articles[s.index]!;
    console.log(`\n#### article ${s.index}: ${a.source.split('/')[0]} row ${a.row} (${a.outlet})`);
    for (const layer of LAYERS) {
      for (const m of s.misses.filter((x) => x.layer === layer)) console.log(`  ${layer.padEnd(11)} ${m.kind.padEnd(30)} gold: ${m.gold || '-'}  |  predicted: ${m.predicted || '-'}`);
    }
  }
  console.log(`\n### ${label} · kinds of misses`);
  for (const [layer, kinds] of Object.entries(tally(scored))) {
    const list = Object.entries(kinds);
    if (list.length) console.log(`- ${layer}: ${list.map(([k, n]) => `${k} ${n}`).join('; ')}`);
  }
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const t0 = performance.now();
  const manifest = readManifest();
  let indices = manifest.articles.map((_, i) => i);
  if (opts.agreement) indices = indices.filter((i) => existsSync(annotationFile('second-pass', i)));
  if (opts.article !== null) {
    if (!indices.includes(opts.article)) throw new Error(`article ${opts.article} is not in ${opts.agreement ? 'the second pass' : 'the manifest'}`);
    indices = [opts.article];
  }
  const scored: Scored[] = [];
  const total = emptyCounts();
  if (opts.agreement) {
    const rows = readAllRows();
    for (const i of indices) {
      const gold = readAnnotation(annotationFile('gold', i));
      const second = readAnnotation(annotationFile('second-pass', i));
      const body = rows.get(`${gold.source}#${gold.row}`)?.body;
      if (body === undefined) throw new Error(`article ${i}: row ${gold.row} not found`);
      const s = scoreArticle(sideOfAnnotation(gold), sideOfAnnotation(second), body);
      addCounts(total, s.counts);
      scored.push({ index: i, misses: s.misses });
    }
  } else {
    const run = await scoreNewsDev(defaultProductPath(), manifest, indices);
    addCounts(total, run.total);
    scored.push(...run.scored);
  }
  const label = opts.agreement ? 'dev agreement (second pass scored against gold)' : 'dev (product path)';
  const f = figures(total);
  if (opts.misses) printMisses(scored, manifest, label);
  printFigures(label, f, total);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`\n${indices.length} articles in ${seconds.toFixed(1)} s`);
  if (opts.json) {
    const out = { label: 'dev', mode: opts.agreement ? 'agreement' : 'product', articles: indices, figures: f, counts: total, missKinds: tally(scored) };
    writeFileSync(opts.json, JSON.stringify(out, null, 2) + '\n');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error((e as Error).message);
    process.exitCode = 1;
  });
}
