/**
 * `npm run eval:quotes [-- --compartment train|dev|test ...]`: quote and
 * attribution extraction (`analyzeQuotes`) against the gold attribution
 * relations of PolNeAR (political news, 2016; ../shared/data/polnear-attribution,
 * or NEWSGRAPH_POLNEAR_FILE). Dev and test by default; train is for
 * development only, test is measured only.
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
 * - Articles/s: analyzeQuotes alone on the compartment's texts, one core,
 *   after one warm-up call (models load lazily).
 */
import { fileURLToPath } from 'node:url';
import { analyzeCleanText } from '../src/pipeline/testing.js';

// Interim: the stages from sentences to quotes on the raw text (no cleaning); to be replaced by the product path.
const analyzeQuotes = (text: string) => analyzeCleanText(text, 'quotes').quotes;
import { COMPARTMENTS, emptyCounts, readPolnear, scoreText, scores } from './lib/polnear.js';
import type { Compartment, Counts, PolnearText, Prf } from './lib/polnear.js';

const repoRoot = new URL('../', import.meta.url);
const archive = process.env.NEWSGRAPH_POLNEAR_FILE ?? fileURLToPath(new URL('../shared/data/polnear-attribution/PolNeAR_text_attributions.tar.gz', repoRoot));

/** The compartments named by `--compartment` (repeated or comma-separated), dev and test when none. */
export function requestedCompartments(argv: readonly string[]): Compartment[] {
  const named = argv.flatMap((a, i) => (argv[i - 1] === '--compartment' ? a.split(',') : a.startsWith('--compartment=') ? a.slice(14).split(',') : []));
  for (const name of named) {
    if (!(COMPARTMENTS as readonly string[]).includes(name)) throw new Error(`unknown compartment ${name}: use train, dev or test`);
  }
  return named.length === 0 ? ['dev', 'test'] : COMPARTMENTS.filter((c) => named.includes(c));
}

function evaluate(texts: readonly PolnearText[]): { counts: Counts; seconds: number } {
  if (texts.length > 0) analyzeQuotes(texts[0]!.text);
  const counts = emptyCounts();
  let seconds = 0;
  for (const t of texts) {
    const t0 = process.hrtime.bigint();
    const predicted = analyzeQuotes(t.text);
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    scoreText(t.text, t.attributions, predicted, counts);
  }
  return { counts, seconds };
}

function main(): void {
  const compartments = requestedCompartments(process.argv.slice(2));
  const corpus = readPolnear(archive, compartments);
  const pct = (x: number) => (x * 100).toFixed(2);
  const row = (name: string, s: Prf, n: string) => `| ${name} | ${pct(s.precision)} | ${pct(s.recall)} | **${pct(s.f1)}** | ${n} |`;
  for (const compartment of compartments) {
    const texts = corpus.get(compartment)!;
    const { counts: c, seconds } = evaluate(texts);
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
    console.log(`\nSpeed: ${(texts.length / seconds).toFixed(1)} articles/s (analyzeQuotes, one core).`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
