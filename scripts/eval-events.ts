/**
 * `npm run eval:events`: the main event of each article against the
 * hand-annotated 5W1H of the GiveMe5W1H gold standard. The articles already
 * went through the pipeline users run (loadPipeline, every stage of
 * `analyze`); they now do so through the evaluations' shared product path
 * (scripts/lib/product.ts), and the events are `doc.events` (the events
 * stage's output; the script used to call the stage's function again on the
 * finished document, which gives the same events). Rules and data:
 * scripts/lib/events-eval.ts.
 *
 * The whole set of 96 is measured only (it is the set the event figures have
 * always been reported on). The repository's split is printed below it: the
 * 76 training articles are the development set the quality gate reads; the
 * 20 test articles are measured only.
 */
import { fileURLToPath } from 'node:url';
import { accuracy, evaluateEvents, readGoldStandard, type EventsResult, type Tally } from './lib/events-eval.js';

const pct = (h: number, n: number) => (n === 0 ? '   -  ' : `${((100 * h) / n).toFixed(1).padStart(5)}%`);

function printWhole(r: EventsResult): void {
  const analysed = r.articles - r.failed;
  console.log(`GiveMe5W1H gold standard: ${r.articles} articles, ${analysed} analysed${r.failed ? ` (${r.failed} failed)` : ''}`);
  console.log(`with an event: ${r.withEvent} (${pct(r.withEvent, analysed).trim()}); no event: ${analysed - r.withEvent} (${pct(analysed - r.withEvent, analysed).trim()})`);
  console.log('');
  console.log('field            gold   acc (all)   with event   acc (with event)');
  for (const [name, t] of [['when exact', r.when], ['when ±1 day', r.whenNear], ['where', r.where], ['who', r.who]] as const) {
    console.log(`${name.padEnd(15)} ${String(t.n).padStart(5)}   ${pct(t.hit, t.n)}     ${String(t.nWithEvent).padStart(8)}   ${pct(t.hitWithEvent, t.nWithEvent)}`);
  }
  console.log('');
  console.log(`main event types: ${[...r.types].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
}

function main(): void {
  printWhole(evaluateEvents(readGoldStandard()));
  console.log('\nBy the repository split (accuracy over all articles with that gold field):');
  console.log('| split | articles | with an event | when exact | when ±1 day | where | who |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [split, label] of [
    ['training', 'training (dev, gated)'],
    ['test', 'test (measured only)'],
  ] as const) {
    const r = evaluateEvents(readGoldStandard(split));
    const cell = (t: Tally) => `${(100 * accuracy(t)).toFixed(1)} (${t.hit}/${t.n})`;
    console.log(`| ${label} | ${r.articles} | ${r.withEvent} | ${cell(r.when)} | ${cell(r.whenNear)} | ${cell(r.where)} | ${cell(r.who)} |`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
