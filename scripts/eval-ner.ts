/**
 * `npm run eval:ner`: entity-level precision, recall and F1 on CoNLL-2003
 * eng.testb (test, measured only) and eng.testa (dev), per CoNLL class and
 * overall, with conlleval semantics (exact span and class), two rows per
 * split side by side:
 *
 * - model alone: the saved statistical recognizer on the CoNLL gold tokens
 *   and sentences. The dataset's tokenization is used here because this is
 *   the figure the model is trained and compared on (token-level IOB).
 * - product path: each CoNLL document as a text file (tokens joined by
 *   spaces, one sentence per line, one document per input) through every
 *   stage of `analyze`; the entity mentions of `doc.entities` are mapped back
 *   to the input and converted to CoNLL classes (PERSON→PER, ORG→ORG,
 *   GPE/LOC/FAC→LOC, NORP/EVENT→MISC) and scored by exact character span and
 *   class. What cleaning removed is counted. Rules: scripts/lib/ner-eval.ts.
 *
 * Also the labelling speed of the model alone in tokens per second on one
 * core. Data folder: NEWSGRAPH_CONLL_DIR or ../shared/data/conll2003-en.
 */
import { fileURLToPath } from 'node:url';
import { readConllSplit } from '../src/nlp/ner/conll.js';
import type { ConllDocument, Scores } from '../src/nlp/ner/conll.js';
import { labelDocument } from '../src/nlp/ner/label.js';
import type { QuantizedScorer } from '../src/nlp/ner/model-file.js';
import { MODEL_TYPES } from '../src/nlp/ner/perceptron.js';
import { projectResources } from '../src/pipeline/resources.js';
import { CONLL_DIR, scoreModelAlone, scoreProductPath } from './lib/ner-eval.js';

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
  const model = projectResources().get('nerModel');
  const loadMs = Date.now() - t0;
  const test = readConllSplit(CONLL_DIR, 'eng.testb');
  const dev = readConllSplit(CONLL_DIR, 'eng.testa');
  const pct = (x: number) => (x * 100).toFixed(2);
  const cell = (s: Scores[keyof Scores], bold: boolean) => `${pct(s.precision)} / ${pct(s.recall)} / ${bold ? `**${pct(s.f1)}**` : pct(s.f1)}`;
  const rows: string[] = [
    '| split | class | model alone P / R / F1 | gold | predicted | product path P / R / F1 | gold | predicted |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  const notes: string[] = [];
  for (const [name, docs] of [
    ['testb (test)', test],
    ['testa (dev)', dev],
  ] as const) {
    const alone = scoreModelAlone(model, docs);
    const product = scoreProductPath(docs);
    for (const type of [...MODEL_TYPES, 'overall'] as const) {
      const a = alone[type];
      const p = product.scores[type];
      const bold = type === 'overall';
      rows.push(`| ${name} | ${type} | ${cell(a, bold)} | ${a.gold} | ${a.predicted} | ${cell(p, bold)} | ${p.gold} | ${p.predicted} |`);
    }
    notes.push(
      `${name}: ${product.documents} documents through analyze in ${(product.ms / 1000).toFixed(1)} s, ${product.failed} refused; ` +
        `cleaning removed ${product.linesRemoved} lines whole (${product.linesRemovedWithGold} with a gold entity); ` +
        `${product.goldLost} of ${product.gold} gold entities lost or changed by cleaning (counted as misses); ` +
        `${product.predictedUnmapped} predicted mentions with no counterpart in the input.`,
    );
  }
  console.log(rows.join('\n'));
  console.log(`\n${notes.join('\n')}`);
  console.log(`\nSpeed: ${Math.round(speed(model, test)).toLocaleString('en-US')} tokens/s on one core (model alone, eng.testb, features + Viterbi + margins).`);
  console.log(`Model: ${JSON.stringify(model.header.trainedWith)}; loaded in ${loadMs} ms.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
