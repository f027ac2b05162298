/**
 * `npm run eval:geo [-- --corpus GWN|LGL|TR-News|GeoVirus ...] [--errors]`:
 * toponym resolution and end-to-end geoparsing on the news corpora in
 * ../shared/data/geoparsing-news (NEWSGRAPH_GEO_DIR).
 *
 * (a) Resolution of the gold toponym spans: a component figure, because the
 *     metric (the distance of each gold toponym's resolution) needs the gold
 *     spans given; `resolvePlaces` on the stored text.
 * (b) Product path: each article's text through every stage of `analyze`;
 *     predicted place mentions (GPE, LOC, FAC entities) mapped back to the
 *     input match gold toponyms by overlap; precision and recall of
 *     toponyms, and the distance scores of the places the pipeline resolved
 *     over the matched ones. Gold toponyms that cleaning removed are counted.
 *
 * Rules and scores: scripts/lib/geo-eval.ts. GeoWebNews is the development
 * set; LGL, TR-News and GeoVirus are test sets, measured only. `--errors`
 * prints every resolution error over 161 km (use it on GWN only).
 */
import { fileURLToPath } from 'node:url';
import { CORPUS_FILES, corpusRole, evaluateEndToEnd, evaluateResolution, readCorpus } from './lib/geo-eval.js';

const pct = (x: number) => (100 * x).toFixed(1);
const km = (x: number) => Math.round(x).toLocaleString('en-US');

function main(): void {
  const requested = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--corpus' ? [a] : []));
  const corpora = requested.length > 0 ? requested : Object.keys(CORPUS_FILES);
  const showErrors = process.argv.includes('--errors');
  const loaded = corpora.map((c) => ({ name: c, articles: readCorpus(c) }));

  console.log('(a) Resolution of the gold toponym spans (component: the metric needs the gold spans)');
  console.log('| corpus | role | toponyms | acc@161km | mean km | median km | AUC | unresolved | ms |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const { name, articles } of loaded) {
    const r = evaluateResolution(articles, undefined, showErrors ? (line) => console.log(line) : undefined);
    console.log(`| ${name} | ${corpusRole(name)} | ${r.n} | ${pct(r.acc)} | ${km(r.mean)} | ${km(r.median)} | ${r.auc.toFixed(3)} | ${r.unresolved} | ${Math.round(r.ms)} |`);
  }
  console.log('\n(b) Product path: articles through analyze; place mentions matched to gold toponyms by overlap, then their resolved places');
  console.log('| corpus | role | articles (refused) | gold (lost in cleaning) | toponym P | R | F1 | matched | acc@161km | mean km | median km | AUC | ms |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { name, articles } of loaded) {
    const r = evaluateEndToEnd(articles);
    console.log(
      `| ${name} | ${corpusRole(name)} | ${r.articles} (${r.failed}) | ${r.gold} (${r.goldLost}) | ${pct(r.precision)} | ${pct(r.recall)} | **${pct(r.f1)}** | ${r.n} | **${pct(r.acc)}** | ${km(r.mean)} | ${km(r.median)} | ${r.auc.toFixed(3)} | ${Math.round(r.ms)} |`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
