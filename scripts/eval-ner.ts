/**
 * `node --import tsx scripts/eval-ner.ts`: entity-level precision, recall and
 * F1 of the saved statistical recognizer on CoNLL-2003 eng.testb (test) and
 * eng.testa (dev), per type and overall, with conlleval semantics (exact
 * span and type), plus the labelling speed in tokens per second on one core.
 * Prints a markdown table. Data folder: NEWSGRAPH_CONLL_DIR or ../shared/data/conll2003-en.
 */
import { fileURLToPath } from 'node:url';
import { EntityScorer, readConllSplit } from '../src/nlp/ner/conll.js';
import type { ConllDocument, Scores } from '../src/nlp/ner/conll.js';
import { labelDocument } from '../src/nlp/ner/label.js';
import { loadModelFile } from '../src/nlp/ner/model-file.js';
import { loadClusters } from '../src/nlp/ner/clusters.js';
import { WORD_CLUSTERS_URL } from '../src/nlp/ner/features.js';
import type { QuantizedScorer } from '../src/nlp/ner/model-file.js';
import { MODEL_TYPES, tagsToSpans } from '../src/nlp/ner/perceptron.js';

const repoRoot = new URL('../', import.meta.url);
const conllDir = process.env.NEWSGRAPH_CONLL_DIR ?? fileURLToPath(new URL('../shared/data/conll2003-en/', repoRoot));
const modelUrl = new URL('src/nlp/ner/model/ner-model.bin.gz', repoRoot);

const readSplit = (file: string): ConllDocument[] => readConllSplit(conllDir, file);

function score(model: QuantizedScorer, docs: readonly ConllDocument[]): Scores {
  const scorer = new EntityScorer();
  for (const doc of docs) {
    const decoded = labelDocument(
      model,
      model.gazetteer,
      doc.map((s) => s.words),
    );
    doc.forEach((s, i) => scorer.add(s.spans, tagsToSpans(decoded[i]!.tags)));
  }
  return scorer.scores();
}

/** Tokens per second of feature extraction + Viterbi with margins (what recognizeStatistical runs), best of 3 passes. */
function speed(model: QuantizedScorer, docs: readonly ConllDocument[]): number {
  const tokenDocs = docs.map((d) => d.map((s) => s.words));
  const tokens = tokenDocs.reduce((n, d) => n + d.reduce((m, s) => m + s.length, 0), 0);
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = process.hrtime.bigint();
    for (const doc of tokenDocs) labelDocument(model, model.gazetteer, doc, true);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return tokens / best;
}

function main(): void {
  const t0 = Date.now();
  const model = loadModelFile(modelUrl, loadClusters(WORD_CLUSTERS_URL));
  const loadMs = Date.now() - t0;
  const test = readSplit('eng.testb');
  const dev = readSplit('eng.testa');
  const pct = (x: number) => (x * 100).toFixed(2);
  const rows: string[] = ['| split | type | precision | recall | F1 | gold | predicted |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const [name, docs] of [
    ['testb (test)', test],
    ['testa (dev)', dev],
  ] as const) {
    const scores = score(model, docs);
    for (const type of [...MODEL_TYPES, 'overall'] as const) {
      const s = scores[type];
      rows.push(`| ${name} | ${type} | ${pct(s.precision)} | ${pct(s.recall)} | ${type === 'overall' ? `**${pct(s.f1)}**` : pct(s.f1)} | ${s.gold} | ${s.predicted} |`);
    }
  }
  console.log(rows.join('\n'));
  console.log(`\nSpeed: ${Math.round(speed(model, test)).toLocaleString('en-US')} tokens/s on one core (eng.testb, features + Viterbi + margins).`);
  console.log(`Model: ${JSON.stringify(model.header.trainedWith)}; loaded in ${loadMs} ms.`);
}

main();
