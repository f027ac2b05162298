/**
 * Body extraction scored as the article-extraction benchmark published by
 * ScrapingHub scores it (scrapinghub/article-extraction-benchmark,
 * evaluate.py): both texts are cut into word tokens (`\w+`), compared as
 * multisets of 4-token shingles, and TP/FP/FN are normalised per document so
 * long articles do not weigh more; precision and recall are averaged over
 * documents and F1 is computed from the two averages. Accuracy is the share
 * of documents whose token sequence matches the ground truth exactly.
 *
 * Three extractors are compared: Readability alone (a reader-view baseline),
 * the HTML extractor alone (`extractHtml`, the extract stage's component) and
 * the product path: the page through every stage of `analyze` as an HTML
 * input, scored on `doc.text` (the cleaned text every annotation points into),
 * with nothing for a page the pipeline refuses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractHtml } from '../../src/clean/html.js';
import { defaultProductPath, type ProductPath } from './product.js';

// ---------------------------------------------------------------------------
// Metric

/** TP, FP, FN of one document, normalised to sum to 1 (all 0 when both texts are empty). */
export interface ShingleMatch {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly accuracy: number;
}

/** Word tokens as Python's `re.findall(r'\w+', text)` finds them: letters, digits, underscore. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** Counts of n-token shingles; a text shorter than n tokens is one shingle of all its tokens. */
export function shingleCounts(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Multiset comparison of the shingles of ground truth and prediction. */
export function shingleMatch(truth: string, prediction: string, n = 4): ShingleMatch {
  const truthCounts = shingleCounts(truth, n);
  const predCounts = shingleCounts(prediction, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...truthCounts.keys(), ...predCounts.keys()])) {
    const t = truthCounts.get(key) ?? 0;
    const p = predCounts.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

function precisionOf({ tp, fp, fn }: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf({ tp, fp, fn }: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Whether the prediction has exactly the ground truth's tokens. */
export function exactMatch(truth: string, prediction: string): boolean {
  const a = tokenize(truth);
  const b = tokenize(prediction);
  return a.length === b.length && a.every((token, i) => token === b[i]);
}

/**
 * Corpus scores: precision averaged over documents with a prediction
 * (tp + fp > 0), recall over documents with a ground truth (tp + fn > 0),
 * F1 from those two averages, accuracy over all documents.
 */
export function aggregate(matches: readonly ShingleMatch[], exact: readonly boolean[]): Scores {
  const precision = mean(matches.filter((m) => m.tp + m.fp > 0).map(precisionOf));
  const recall = mean(matches.filter((m) => m.tp + m.fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: mean(exact.map((e) => (e ? 1 : 0))) };
}

/** Standard deviation of each score over bootstrap resamples of the documents (seeded, so runs repeat). */
export function bootstrapStd(matches: readonly ShingleMatch[], exact: readonly boolean[], rounds = 1000): Scores {
  let seed = 0x2545f491;
  const random = (): number => {
    // xorshift32: small, deterministic, good enough for resampling indices.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const samples: Scores[] = [];
  const n = matches.length;
  for (let r = 0; r < rounds && n > 0; r++) {
    const idx = Array.from({ length: n }, () => Math.floor(random() * n));
    samples.push(aggregate(idx.map((i) => matches[i]!), idx.map((i) => exact[i]!)));
  }
  const std = (key: keyof Scores): number => {
    const values = samples.map((s) => s[key]);
    const m = mean(values);
    return values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1)) : 0;
  };
  return { precision: std('precision'), recall: std('recall'), f1: std('f1'), accuracy: std('accuracy') };
}

// ---------------------------------------------------------------------------
// Extractors

/**
 * Readability on its own, as a reader-view baseline: the text of its article
 * HTML with a line break after each block, so that paragraphs do not run
 * into each other (Readability's own `textContent` glues them together).
 */
export function readabilityAlone(html: string): string {
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as Document).parse();
    if (!article?.content) return '';
    const spaced = article.content.replace(/<\/(p|div|h[1-6]|li|blockquote|pre|td|th|tr|figcaption|section|article)>|<br\s*\/?>/gi, '$&\n');
    return parseHTML(`<html><body>${spaced}</body></html>`).document.body.textContent ?? '';
  } catch {
    return '';
  }
}

/** The extract stage's HTML extractor alone: its body candidate, before the cleaning gates. */
export function newsgraphExtract(html: string, url?: string): string {
  return extractHtml(html, url).body;
}

/** The product path: the page through every stage of `analyze`; its cleaned text, or nothing when the pipeline refuses it. */
export function pipelineExtractor(path: ProductPath = defaultProductPath()): (html: string, url?: string) => string {
  let n = 0;
  return (html, url) => {
    const result = path.analyze(`page-${++n}.html`, html, url ? { container: 'http', url } : { container: 'file' }, 'html');
    return result instanceof Error ? '' : result.doc.text;
  };
}

export interface Case {
  readonly id: string;
  readonly html: string;
  readonly truth: string;
  readonly url?: string;
}

export interface Row {
  readonly name: string;
  readonly scores: Scores;
  readonly std: Scores;
  readonly msPerDoc: number;
}

export function evaluate(name: string, cases: readonly Case[], extract: (html: string, url?: string) => string): Row {
  const matches: ShingleMatch[] = [];
  const exact: boolean[] = [];
  const t0 = performance.now();
  for (const item of cases) {
    const prediction = extract(item.html, item.url);
    matches.push(shingleMatch(item.truth, prediction));
    exact.push(exactMatch(item.truth, prediction));
  }
  const msPerDoc = cases.length > 0 ? (performance.now() - t0) / cases.length : 0;
  return { name, scores: aggregate(matches, exact), std: bootstrapStd(matches, exact), msPerDoc };
}

export function printRows(title: string, count: number, rows: readonly Row[]): void {
  console.log(`\n${title} (${count} documents; ± is the bootstrap standard deviation)`);
  console.log('| extractor | precision | recall | F1 | accuracy | ms/doc |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const cell = (x: number, d: number) => `${x.toFixed(3)} ± ${d.toFixed(3)}`;
  for (const { name, scores: s, std: d, msPerDoc } of rows) {
    console.log(`| ${name} | ${cell(s.precision, d.precision)} | ${cell(s.recall, d.recall)} | **${cell(s.f1, d.f1)}** | ${cell(s.accuracy, d.accuracy)} | ${msPerDoc.toFixed(1)} |`);
  }
}

// ---------------------------------------------------------------------------
// Built-in check over this project's own fixtures

function reportParagraph(n: number): string {
  return (
    `Report paragraph ${n}: crews from the water board moved portable pumps overnight to the low-lying ` +
    `streets of ward ${n}, where volunteers had stacked sandbags along the canal since Sunday evening.`
  );
}

/** Ground truth of examples/article.html: the story paragraphs and subheading, chosen by hand by selector. */
function exampleTruth(html: string): string {
  const { document } = parseHTML(html);
  return Array.from(document.querySelectorAll('.story-body > p:not(.read-more), .story-body > h2'))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .join('\n\n');
}

export function builtinCases(): Case[] {
  const examplePath = fileURLToPath(new URL('../../examples/article.html', import.meta.url));
  const cases: Case[] = [];
  if (existsSync(examplePath)) {
    const html = readFileSync(examplePath, 'utf8');
    cases.push({ id: 'example-article', html, truth: exampleTruth(html) });
  }
  const split = [1, 2, 3, 4, 5, 6, 7, 8].map(reportParagraph);
  cases.push({
    id: 'split-by-gallery',
    truth: split.join('\n\n'),
    html: `<html><head><title>Canal pumps</title></head><body><nav><a href="/">Home</a> <a href="/local">Local</a></nav><main>
      <section class="top"><div class="text">${split.slice(0, 3).map((p) => `<p>${p}</p>`).join('')}</div></section>
      <section class="gallery"><img src="a.jpg"><img src="b.jpg"></section>
      <section class="bottom"><div class="text">${split.slice(3).map((p) => `<p>${p}</p>`).join('')}</div></section>
      </main><footer>About us · Contact</footer></body></html>`,
  });
  const full = [1, 2, 3, 4, 5, 6].map((n) => `Paragraph ${n} of the full story about the reservoir level and the release schedule agreed by the two districts.`);
  cases.push({
    id: 'paywall-jsonld',
    truth: full.join('\n\n'),
    html: `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Reservoir release agreed', articleBody: full.join('\n') })}</script></head>
      <body><article><h1>Reservoir release agreed</h1><p>${full[0]}</p><div class="paywall-message">Subscribe to read the rest of this article.</div></article></body></html>`,
  });
  cases.push({
    id: 'share-and-related-inside-article',
    truth: split.slice(0, 5).join('\n\n'),
    html: `<html><body><article><h1>Canal pumps</h1><div class="share-tools"><a href="#">Share on Facebook</a><a href="#">Share on X</a></div>
      ${split.slice(0, 3).map((p) => `<p>${p}</p>`).join('')}
      <figure><img src="p.jpg"><figcaption>Pumps on the canal bank on Monday evening.</figcaption></figure>
      ${split.slice(3, 5).map((p) => `<p>${p}</p>`).join('')}
      <div class="related-links"><h3>Related</h3><ul><li><a href="/a">Canal walls to be raised</a></li><li><a href="/b">Pump maintenance budget cut</a></li></ul></div>
      </article></body></html>`,
  });
  return cases;
}

// ---------------------------------------------------------------------------
// Benchmark folder

export function loadBenchmark(dir: string, limit: number): Case[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string; url?: string }>;
  const cases: Case[] = [];
  for (const [id, item] of Object.entries(truth)) {
    if (cases.length >= limit) break;
    const path = join(dir, 'html', `${id}.html.gz`);
    if (!existsSync(path)) {
      console.error(`eval-extract: ${path} is missing; document ${id} skipped`);
      continue;
    }
    const html = gunzipSync(readFileSync(path)).toString('utf8');
    cases.push({ id, html, truth: item.articleBody ?? '', ...(item.url ? { url: item.url } : {}) });
  }
  return cases;
}
