/**
 * Evaluations run what users run: the whole pipeline (STAGES, as `analyze`
 * runs them) on the evaluation's text given as input, and map the gold
 * offsets, which point into that input, onto the cleaned text.
 */
import type { Doc, RawInput, SourceMeta } from '../../src/core/doc.js';
import { loadPipeline, type Pipeline } from '../../src/pipeline/index.js';
import { alignTexts, type TextAlignment } from './align.js';

export interface ProductResult {
  readonly doc: Doc;
  readonly align: TextAlignment;
}

/** One way in for every evaluation: a pipeline (the full one unless a test breaks a stage) behind `analyze`'s input handling. */
export interface ProductPath {
  /**
   * `content` analysed as `analyze` would read it (a text file by default; a
   * dataset row with `kind: 'record'`, a page with `kind: 'html'`), or an
   * Error when the pipeline refuses it (the evaluation counts it as a miss,
   * as a user would get nothing).
   */
  analyze(input: string, content: string, meta?: SourceMeta, kind?: RawInput['kind']): ProductResult | Error;
}

export function productPath(pipeline: Pipeline): ProductPath {
  return {
    analyze(input, content, meta = { container: 'file' }, kind = 'text') {
      try {
        const doc = pipeline.analyze({ input, kind, content, meta });
        return { doc, align: alignTexts(content, doc.text) };
      } catch (e) {
        return e as Error;
      }
    },
  };
}

let userPath: ProductPath | null = null;

/** The product path over the full pipeline with the project's resources, built on first use. */
export function defaultProductPath(): ProductPath {
  userPath ??= productPath(loadPipeline());
  return userPath;
}
