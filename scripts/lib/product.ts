/**
 * Evaluations run what users run: the whole pipeline (STAGES, as `analyze`
 * runs them) on the evaluation's text given as input, and map the gold
 * offsets, which point into that input, onto the cleaned text.
 */
import type { Doc, RawInput, SourceMeta } from '../../src/core/doc.js';
import { loadPipeline, type Pipeline } from '../../src/pipeline/index.js';
import { alignTexts, type TextAlignment } from './align.js';

let pipeline: Pipeline | null = null;

export interface ProductResult {
  readonly doc: Doc;
  readonly align: TextAlignment;
}

/**
 * `content` analysed as `analyze` would read it (a text file by default; a
 * dataset row with `kind: 'record'`), or an Error when the pipeline refuses it
 * (the evaluation counts it as a miss, as a user would get nothing).
 */
export function analyzeAsUser(input: string, content: string, meta: SourceMeta = { container: 'file' }, kind: RawInput['kind'] = 'text'): ProductResult | Error {
  pipeline ??= loadPipeline();
  try {
    const doc = pipeline.analyze({ input, kind, content, meta });
    return { doc, align: alignTexts(content, doc.text) };
  } catch (e) {
    return e as Error;
  }
}
