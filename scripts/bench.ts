/**
 * `npm run bench`: throughput of `analyze` over the FA-KES and BBC corpora
 * (3,005 articles), with each stage's share of the time and peak memory.
 * Reads ../shared/data (development corpora); prints a table and the machine.
 */
import os from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readInputs } from '../src/ingest/index.js';
import { projectResources } from '../src/pipeline/resources.js';
import { loadPipeline } from '../src/pipeline/index.js';
import nlp from 'compromise';
import { toRecord } from '../src/core/record.js';
import { clusterArticle } from '../src/stories/article.js';
import { TwoLevelClusterer } from '../src/stories/cluster.js';

/** Our stages that do the same work as the peer: sentences, tokens, entities. */
const NLP_STAGES = ['sentences', 'tokens', 'ner', 'resolve-entities'];

const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const corpora = [
  `${shared}fakes-syria-news/FA-KES-Dataset.csv`,
  `${shared}bbc-news-2225/bbc_news.jsonl.gz`,
];

async function main(): Promise<void> {
  const missing = corpora.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    console.error(`bench: corpus not found: ${missing.join(', ')} (the benchmark reads ../shared/data)`);
    process.exitCode = 2;
    return;
  }
  const timings = new Map<string, number>();
  let articles = 0;
  let words = 0;
  let failed = 0;
  let readMs = 0;
  let peakRss = process.memoryUsage().rss;
  // Peer, side by side on the same cleaned text: compromise (a widely used
  // JavaScript NLP library) splitting sentences and finding people, places
  // and organisations.
  let peerMs = 0;
  let peerEntities = 0;
  let peerSentences = 0;
  let ourEntities = 0;
  // Story placement, in arrival order, measured per block of 500 articles:
  // its cost must follow the stories an article resembles, not the store size.
  const clusterer = new TwoLevelClusterer();
  let clusterMs = 0;
  const blocks: { articles: number; ms: number; scored: number; stories: number }[] = [];
  // Resources load before the clock starts; their cost is reported apart.
  const loader = projectResources();
  const pipeline = loadPipeline(loader);
  const t0 = performance.now();
  let tRead = performance.now();
  for await (const item of readInputs(corpora)) {
    readMs += performance.now() - tRead;
    if (!item.ok) {
      failed++;
    } else {
      try {
        const doc = pipeline.analyze(item.raw, timings);
        articles++;
        words += doc.tokens.length;
        ourEntities += doc.mentions.length;
        const tp = performance.now();
        const parsed = nlp(doc.text);
        peerSentences += parsed.sentences().length;
        peerEntities += parsed.people().length + parsed.places().length + parsed.organizations().length;
        peerMs += performance.now() - tp;
        const tc = performance.now();
        const record = toRecord(doc);
        clusterer.add(clusterArticle(record));
        const spent = performance.now() - tc;
        clusterMs += spent;
        const block = blocks[Math.floor((articles - 1) / 500)] ?? (blocks[Math.floor((articles - 1) / 500)] = { articles: 0, ms: 0, scored: 0, stories: 0 });
        block.articles++;
        block.ms += spent;
        block.scored += clusterer.lastCandidates;
        block.stories = clusterer.events.storyCount + clusterer.storylines.storyCount;
      } catch {
        failed++;
      }
    }
    if (articles % 200 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    tRead = performance.now();
  }
  const totalMs = performance.now() - t0 - peerMs - clusterMs;
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`newsgraph bench — ${new Date().toISOString().slice(0, 10)}`);
  console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`);
  console.log(`input: FA-KES (780 rows) + BBC News (2,225 rows); ${articles} analysed, ${failed} failed`);
  console.log(`resources: ${loader.facts.map((f) => `${f.name} ${Math.round(f.ms)} ms (+${Math.round(f.heapMB)} MB heap)`).join(', ')}`);
  console.log('');
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| articles/s | ${(articles / (totalMs / 1000)).toFixed(1)} |`);
  console.log(`| words (tokens)/s | ${Math.round(words / (totalMs / 1000)).toLocaleString('en-US')} |`);
  console.log(`| total time | ${(totalMs / 1000).toFixed(2)} s |`);
  console.log(`| peak RSS | ${(peakRss / 2 ** 20).toFixed(0)} MiB |`);
  const ourNlpMs = NLP_STAGES.reduce((sum, name) => sum + (timings.get(name) ?? 0), 0);
  console.log('');
  console.log(`Side by side on the same cleaned texts (sentences + tokens + entities); compromise found ${peerSentences} sentences:`);
  console.log('| system | ms | tokens/s | entity mentions | speed ratio |');
  console.log('|---|---|---|---|---|');
  console.log(`| newsgraph (${NLP_STAGES.join(', ')}) | ${ourNlpMs.toFixed(0)} | ${Math.round(words / (ourNlpMs / 1000)).toLocaleString('en-US')} | ${ourEntities} | 1.00 |`);
  console.log(`| compromise ${nlpVersion()} (sentences, people, places, organizations) | ${peerMs.toFixed(0)} | ${Math.round(words / (peerMs / 1000)).toLocaleString('en-US')} | ${peerEntities} | ${(ourNlpMs / peerMs).toFixed(2)} (newsgraph is ${(peerMs / ourNlpMs).toFixed(1)}x faster) |`);
  console.log('');
  console.log('Story placement (events + storylines), per block of arrivals; a full scan would score every story in the store:');
  console.log('| articles | ms per article | stories scored per article | stories in the store (both levels) |');
  console.log('|---|---|---|---|');
  blocks.forEach((b, i) => console.log(`| ${i * 500 + 1}–${i * 500 + b.articles} | ${(b.ms / b.articles).toFixed(2)} | ${(b.scored / b.articles).toFixed(1)} | ${b.stories} |`));
  console.log(`total placement time ${(clusterMs / 1000).toFixed(2)} s, not counted in articles/s above`);
  console.log('');
  console.log('| stage | ms | share |');
  console.log('|---|---|---|');
  const stageTotal = [...timings.values()].reduce((a, b) => a + b, 0) + readMs;
  const rows: [string, number][] = [['ingest (read+decode)', readMs], ...timings.entries()];
  for (const [stage, ms] of rows) {
    console.log(`| ${stage} | ${ms.toFixed(0)} | ${((100 * ms) / stageTotal).toFixed(1)}% |`);
  }
}

function nlpVersion(): string {
  return (nlp as unknown as { version?: string }).version ?? '';
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
