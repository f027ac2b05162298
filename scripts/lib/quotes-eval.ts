/**
 * PolNeAR attribution through the product path: each text goes through every
 * stage of `analyze` as a text file; each predicted quote's content span,
 * speaker mention and cue span are mapped back to the input text through the
 * alignment and scored with the corpus scorer (scripts/lib/polnear.ts) against
 * the gold offsets, which point into the input. A quote whose content has no
 * counterpart in the input still counts as predicted (it cannot match); a
 * speaker or cue span without one counts as absent.
 */
import { fileURLToPath } from 'node:url';
import { keptByCleaning, spanToInput } from './align.js';
import { emptyCounts, scoreText, type Counts, type PolnearText, type PredictedAttribution } from './polnear.js';
import { defaultProductPath, type ProductPath } from './product.js';

/** The corpus archive: NEWSGRAPH_POLNEAR_FILE or ../shared/data/polnear-attribution beside the repository. */
export const POLNEAR_ARCHIVE =
  process.env.NEWSGRAPH_POLNEAR_FILE ?? fileURLToPath(new URL('../../../shared/data/polnear-attribution/PolNeAR_text_attributions.tar.gz', import.meta.url));

export interface QuotesResult {
  readonly counts: Counts;
  readonly texts: number;
  /** Texts the pipeline refused: their attributions are all missed. */
  readonly failed: number;
  /** Gold attributions whose whole content cleaning removed or changed. */
  readonly goldLost: number;
  /** Predicted quotes whose content has no counterpart in the input. */
  readonly predictedUnmapped: number;
  /** Wall time of the pipeline runs alone (not the alignment or the scoring). */
  readonly seconds: number;
}

export function evaluateQuotes(texts: readonly PolnearText[], path: ProductPath = defaultProductPath()): QuotesResult {
  const counts = emptyCounts();
  let failed = 0;
  let goldLost = 0;
  let predictedUnmapped = 0;
  let seconds = 0;
  for (const t of texts) {
    const t0 = process.hrtime.bigint();
    const result = path.analyze(`polnear-${t.name}`, t.text);
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    if (result instanceof Error) {
      failed++;
      goldLost += t.attributions.length;
      scoreText(t.text, t.attributions, [], counts);
      continue;
    }
    const { doc, align } = result;
    goldLost += t.attributions.filter((a) => !a.content.some((c) => keptByCleaning(align, c))).length;
    const predicted: PredictedAttribution[] = [];
    for (const q of doc.quotes) {
      const content = spanToInput(align, q);
      if (!content) {
        predictedUnmapped++;
        continue;
      }
      predicted.push({
        ...content,
        speakerMention: q.speakerMention ? spanToInput(align, q.speakerMention) : null,
        cueSpan: q.cueSpan ? spanToInput(align, q.cueSpan) : null,
      });
    }
    scoreText(t.text, t.attributions, predicted, counts);
    counts.predicted += doc.quotes.length - predicted.length;
  }
  return { counts, texts: texts.length, failed, goldLost, predictedUnmapped, seconds };
}
