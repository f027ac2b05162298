/**
 * For unit tests of one stage on sentences written for the test: the real
 * stages of STAGES, from sentence splitting up to the named stage, over a
 * text taken as already cleaned (so offsets are the test text's own), with
 * the project's resources. Evaluations never use this: they run the whole
 * pipeline on the input, as `analyze` does.
 */
import { EMPTY_META, newDoc, type ArticleMeta, type Doc } from '../core/doc.js';
import { resourcesUsed, runStages } from '../core/stage.js';
import { STAGES } from './index.js';
import { projectResources } from './resources.js';

export function analyzeCleanText(text: string, through: string, meta: Partial<ArticleMeta> = {}): Doc {
  const from = STAGES.findIndex((s) => s.name === 'sentences');
  const to = STAGES.findIndex((s) => s.name === through);
  if (to < from) throw new Error(`analyzeCleanText: no stage "${through}" after sentence splitting`);
  const stages = STAGES.slice(from, to + 1);
  const doc: Doc = { ...newDoc({ input: 'test', kind: 'text', content: text, meta: {} }), text, meta: { ...EMPTY_META, ...meta } };
  return runStages(doc, stages, { resources: projectResources().load(resourcesUsed(stages)) });
}
