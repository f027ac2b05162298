/**
 * `npm run eval:extract [-- BENCH_DIR] [--limit N]`: body-extraction
 * quality side by side: Readability alone, the HTML extractor alone
 * (component) and the product path (the page through every stage of
 * `analyze`, scored on the cleaned `doc.text`). Metric and extractors:
 * scripts/lib/extract-eval.ts.
 *
 * BENCH_DIR (or NEWSGRAPH_EXTRACT_BENCH) is a folder in that benchmark's
 * layout: `ground-truth.json` ({id: {articleBody, url}}) and
 * `html/<id>.html.gz` (UTF-8). Without it only the built-in check over this
 * project's own fixtures runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinCases, evaluate, loadBenchmark, newsgraphExtract, pipelineExtractor, printRows, readabilityAlone, type Case } from './lib/extract-eval.js';

function compare(title: string, cases: readonly Case[]): void {
  // Resources load on the first analysis; keep that out of the product path's time per document.
  pipelineExtractor()('<html><body><p>The council met on Monday and approved the budget.</p></body></html>');
  printRows(title, cases.length, [
    evaluate('readability', cases, readabilityAlone),
    evaluate('extractHtml alone', cases, newsgraphExtract),
    evaluate('product path', cases, pipelineExtractor()),
  ]);
}

function main(): void {
  const args = process.argv.slice(2);
  const limitAt = args.indexOf('--limit');
  const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;
  const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--limit');
  const dir = positional[0] ?? process.env.NEWSGRAPH_EXTRACT_BENCH;

  compare('Built-in fixtures', builtinCases());

  if (!dir) {
    console.log(
      '\nNo benchmark folder given: pass one as an argument or set NEWSGRAPH_EXTRACT_BENCH to a folder in the ' +
        'scrapinghub/article-extraction-benchmark layout (ground-truth.json + html/<id>.html.gz).',
    );
    return;
  }
  if (!existsSync(join(dir, 'ground-truth.json')) || !existsSync(join(dir, 'html'))) {
    console.log(
      `\nBenchmark folder not found or incomplete: ${dir} (expected ground-truth.json and html/<id>.html.gz). ` +
        'The benchmark HTML is not part of this project; only the built-in check ran.',
    );
    return;
  }
  const cases = loadBenchmark(dir, Number.isFinite(limit) && limit > 0 ? limit : Infinity);
  compare(`Article extraction benchmark at ${dir}`, cases);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
