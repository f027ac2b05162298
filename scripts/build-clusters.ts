/**
 * `npm run build:clusters`: learn word classes from the unlabelled news in
 * ../shared/data and write src/nlp/ner/model/word-clusters.tsv.gz, which the
 * recognizer's cluster features read (see src/nlp/ner/clusters.ts). Retrain
 * the recognizer (`npm run train:ner`) after rebuilding: the model records
 * the digest of the classes it was trained with and refuses others.
 *
 * Text: Reuters-21578, BBC News, FA-KES, BuzzFeed-Webis, GMB (words only),
 * WikiRef220 and the words of CoNLL-2003 eng.train and eng.testa. The
 * evaluation sets (eng.testb and the other test sets) are never read.
 * Sentences and tokens come from the project's own splitter and tokenizer,
 * so the classes cover words as the recognizer sees them.
 *
 * Deterministic: fixed input order, seeded projections and centres.
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { splitSentences } from '../src/nlp/sentences.js';
import { tokenize } from '../src/nlp/tokens.js';
import { readConllSplit } from '../src/nlp/ner/conll.js';
import { CLUSTER_LEVELS, CLUSTERS_PATH, formatClusters } from '../src/nlp/ner/clusters.js';
import { countPairs, embedRows, ppmi, sphericalKMeans } from './lib/word-vectors.js';

const repoRoot = new URL('../', import.meta.url);
const dataDir = process.env.NEWSGRAPH_DATA_DIR ?? fileURLToPath(new URL('../shared/data/', repoRoot));

/** Minimum count for a word to get classes; rarer words get no cluster feature. */
const MIN_COUNT = 3;
/** Context words: the most frequent lower-cased forms, at offsets -2, -1, +1, +2. */
const CONTEXT_WORDS = 2500;
const OFFSETS = [-2, -1, 1, 2] as const;
const DIMENSIONS = 100;
const SEED = 20240611;

type Sentences = string[][];

function tokenizeText(text: string): Sentences {
  const sentences = splitSentences(text);
  const tokens = tokenize(text, sentences);
  const out: Sentences = sentences.map(() => []);
  for (const t of tokens) out[t.sentence]!.push(t.text);
  return out.filter((s) => s.length > 0);
}

async function* jsonlTexts(file: string, field: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    const text = row[field];
    if (typeof text === 'string' && text.trim()) yield text;
  }
}

async function* corpus(): AsyncGenerator<{ name: string; sentences: Sentences }> {
  for await (const text of jsonlTexts(`${dataDir}/reuters21578/reuters21578.jsonl.gz`, 'body')) yield { name: 'reuters21578', sentences: tokenizeText(text) };
  for await (const text of jsonlTexts(`${dataDir}/bbc-news-2225/bbc_news.jsonl.gz`, 'text')) yield { name: 'bbc-news-2225', sentences: tokenizeText(text) };
  for await (const text of jsonlTexts(`${dataDir}/buzzfeed-webis-fakenews-2016/buzzfeed_webis_2016.jsonl.gz`, 'mainText')) yield { name: 'buzzfeed-webis', sentences: tokenizeText(text) };
  const fakes = parse(readFileSync(`${dataDir}/fakes-syria-news/FA-KES-Dataset.csv`), { columns: true, relax_quotes: true }) as Record<string, string>[];
  for (const row of fakes) if (row.article_content) yield { name: 'fa-kes', sentences: tokenizeText(row.article_content) };
  for (const line of readFileSync(`${dataDir}/wikiref220-topic-clusters/wikiref220.jsonl`, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text?: string }).text;
    if (text) yield { name: 'wikiref220', sentences: tokenizeText(text) };
  }
  // GMB: one word per row, "Sentence: N" in the first column starts a sentence; latin-1.
  const gmb = gunzipSync(readFileSync(`${dataDir}/gmb-ner-kaggle/ner_dataset.csv.gz`)).toString('latin1');
  const rows = parse(gmb, { from_line: 2, relax_quotes: true, relax_column_count: true }) as string[][];
  let sentence: string[] = [];
  const gmbSentences: Sentences = [];
  for (const row of rows) {
    if (row[0] && sentence.length > 0) {
      gmbSentences.push(sentence);
      sentence = [];
    }
    if (row[1]) sentence.push(row[1]);
  }
  if (sentence.length > 0) gmbSentences.push(sentence);
  yield { name: 'gmb', sentences: gmbSentences };
  const conllDir = process.env.NEWSGRAPH_CONLL_DIR ?? `${dataDir}/conll2003-en`;
  for (const split of ['eng.train', 'eng.testa']) {
    for (const doc of readConllSplit(conllDir, split)) yield { name: `conll ${split}`, sentences: doc.map((s) => [...s.words]) };
  }
}

const contextForm = (word: string) => word.toLowerCase().replace(/\p{N}/gu, '0');
const hasLetter = (word: string) => /\p{L}/u.test(word);

async function main(): Promise<void> {
  const started = Date.now();
  const sentences: Sentences = [];
  const sizes = new Map<string, number>();
  for await (const part of corpus()) {
    for (const s of part.sentences) sentences.push(s);
    sizes.set(part.name, (sizes.get(part.name) ?? 0) + part.sentences.reduce((n, s) => n + s.length, 0));
  }
  const totalTokens = [...sizes.values()].reduce((a, b) => a + b, 0);
  console.log(`read ${sentences.length} sentences, ${totalTokens} tokens in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const [name, n] of sizes) console.log(`  ${name}: ${n} tokens`);

  const wordCount = new Map<string, number>();
  const contextCount = new Map<string, number>();
  for (const s of sentences) {
    for (const w of s) {
      wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
      const c = contextForm(w);
      contextCount.set(c, (contextCount.get(c) ?? 0) + 1);
    }
  }
  const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const vocabulary = [...wordCount.entries()].filter(([w, n]) => n >= MIN_COUNT && hasLetter(w)).sort(byCount);
  const wordIndex = new Map(vocabulary.map(([w], i) => [w, i]));
  const contexts = ['<s>', '</s>', ...[...contextCount.entries()].sort(byCount).slice(0, CONTEXT_WORDS).map(([c]) => c)];
  const contextIndex = new Map(contexts.map((c, i) => [c, i]));
  const cols = contexts.length * OFFSETS.length;
  if (vocabulary.length * cols >= 2 ** 32) throw new Error('build-clusters: vocabulary x contexts exceeds the pair key range');
  console.log(`vocabulary ${vocabulary.length} words (count >= ${MIN_COUNT}), ${contexts.length} context words`);

  let pairCount = 0;
  for (const s of sentences) for (const w of s) if (wordIndex.has(w)) pairCount += OFFSETS.length;
  const pairs = new Uint32Array(pairCount);
  let p = 0;
  for (const s of sentences) {
    const ctx = s.map((w) => contextIndex.get(contextForm(w)) ?? -1);
    s.forEach((w, i) => {
      const row = wordIndex.get(w);
      if (row === undefined) return;
      OFFSETS.forEach((offset, o) => {
        const j = i + offset;
        const c = j < 0 ? 0 : j >= s.length ? 1 : ctx[j]!;
        // A context outside the context vocabulary still counts for the word's total: give it no column.
        pairs[p++] = c < 0 ? 0xffffffff : row * cols + o * contexts.length + c;
      });
    });
  }
  const kept = pairs.subarray(0, p).filter((x) => x !== 0xffffffff);
  const counts = countPairs(kept, vocabulary.length, cols);
  console.log(`${kept.length} context pairs, ${counts.value.length} distinct (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  const vectors = embedRows(ppmi(counts), DIMENSIONS, SEED);
  console.log(`embedded in ${DIMENSIONS} dimensions (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  // Centres start among words seen at least 20 times, whose vectors are well estimated.
  const frequent = vocabulary.filter(([, n]) => n >= 20).length;
  const levels = CLUSTER_LEVELS.map((k, i) => {
    const assignment = sphericalKMeans(vectors, DIMENSIONS, k, SEED + i, 12, frequent);
    console.log(`k-means ${k} done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return assignment;
  });
  const text = formatClusters(
    vocabulary.map(([w], r) => ({ word: w, classes: levels.map((a) => a[r]!) })),
    { tokens: totalTokens, minCount: MIN_COUNT, contextWords: CONTEXT_WORDS, dimensions: DIMENSIONS, seed: SEED },
  );
  const out = new URL(CLUSTERS_PATH, repoRoot);
  writeFileSync(out, gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
  console.log(`wrote ${fileURLToPath(out)}: ${vocabulary.length} words, levels ${CLUSTER_LEVELS.join('/')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

await main();
