/**
 * `npm run eval:quotes [-- --compartment train|dev|test ...]`: quote and
 * attribution extraction through the product path against the gold
 * attribution relations of PolNeAR (political news, 2016;
 * ../shared/data/polnear-attribution, or NEWSGRAPH_POLNEAR_FILE). Dev and
 * test by default; train is for development only, test is measured only.
 *
 * Product path: each text goes through every stage of `analyze` as a text
 * file; the quotes' content, speaker and cue spans are mapped back to the
 * input text (scripts/lib/quotes-eval.ts) and scored there, so what cleaning
 * removes is missed as a user would miss it.
 *
 * Gold: per text, the attributions of one annotation file, the alphabetically
 * first annotator's; each has content, cue and (not always) source spans, any
 * of them possibly discontinuous. A predicted quote's content is its
 * start/end, its source the speaker mention, its cue the cue span.
 *
 * Matching rules:
 * - Content, exact: the same extent (gold: first fragment start to last
 *   fragment end) after trimming whitespace, punctuation and quote marks at
 *   both ends.
 * - Content, partial: the two contents share at least half of the word tokens
 *   (runs of letters and digits) of the shorter one; a token counts as in a
 *   span when they share a character.
 * - Both are one-to-one: best overlap first, ties to the earlier gold and then
 *   the earlier prediction. Precision = matches / predicted quotes, recall =
 *   matches / gold attributions.
 * - Source and cue, over the partial content matches only: a hit when the
 *   predicted span shares a character with the gold span; a predicted span
 *   without a gold one (or not overlapping it) is a false positive, a gold span
 *   without an overlapping prediction a false negative.
 * - Speaker accuracy: among the matched gold attributions that have a source,
 *   the share whose predicted speaker mention overlaps it.
 * - Articles/s: the whole pipeline on the compartment's texts, one core,
 *   after one warm-up call (resources load on first use).
 */
import { fileURLToPath } from 'node:url';
import { COMPARTMENTS, readPolnear, scores } from './lib/polnear.js';
import type { Compartment, Prf } from './lib/polnear.js';
import { defaultProductPath } from './lib/product.js';
import { POLNEAR_ARCHIVE, evaluateQuotes } from './lib/quotes-eval.js';

/** The compartments named by `--compartment` (repeated or comma-separated), dev and test when none. */
export function requestedCompartments(argv: readonly string[]): Compartment[] {
  const named = argv.flatMap((a, i) => (argv[i - 1] === '--compartment' ? a.split(',') : a.startsWith('--compartment=') ? a.slice(14).split(',') : []));
  for (const name of named) {
    if (!(COMPARTMENTS as readonly string[]).includes(name)) throw new Error(`unknown compartment ${name}: use train, dev or test`);
  }
  return named.length === 0 ? ['dev', 'test'] : COMPARTMENTS.filter((c) => named.includes(c));
}

function main(): void {
  const compartments = requestedCompartments(process.argv.slice(2));
  const corpus = readPolnear(POLNEAR_ARCHIVE, compartments);
  defaultProductPath().analyze('warm-up', 'The minister said the talks would resume on Monday.');
  const pct = (x: number) => (x * 100).toFixed(2);
  const row = (name: string, s: Prf, n: string) => `| ${name} | ${pct(s.precision)} | ${pct(s.recall)} | **${pct(s.f1)}** | ${n} |`;
  for (const compartment of compartments) {
    const texts = corpus.get(compartment)!;
    const r = evaluateQuotes(texts);
    const { counts: c, seconds } = r;
    const s = scores(c);
    const role = compartment === 'test' ? 'test, measured only' : compartment === 'dev' ? 'development' : 'training';
    console.log(`\n### PolNeAR ${compartment} (${role}): ${texts.length} articles`);
    console.log('| measure | precision | recall | F1 | counts |');
    console.log('|---|---:|---:|---:|---|');
    console.log(row('content, exact', s.contentExact, `${c.exact} matched of ${c.gold} gold, ${c.predicted} predicted`));
    console.log(row('content, partial (≥50% tokens)', s.contentPartial, `${c.matched} matched of ${c.gold} gold, ${c.predicted} predicted`));
    console.log(row('source (over matched contents)', s.source, `${c.sourceTp} hits, ${c.sourceFp} false, ${c.sourceFn} missed`));
    console.log(row('cue (over matched contents)', s.cue, `${c.cueTp} hits, ${c.cueFp} false, ${c.cueFn} missed`));
    console.log(`| speaker accuracy | | | **${pct(s.speakerAccuracy)}** | ${c.speakerRight} of ${c.speakerGold} matched gold with a source |`);
    console.log(`\nThrough analyze: ${r.failed} texts refused; ${r.goldLost} gold attributions whose content cleaning removed; ${r.predictedUnmapped} predicted quotes with no counterpart in the input.`);
    console.log(`Speed: ${(texts.length / seconds).toFixed(1)} articles/s (the whole pipeline, one core).`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
