import type { Doc } from './doc.js';

/** The parts of a `Doc` a stage can read or fill. */
export type Layer =
  | 'extracted'
  | 'text'
  | 'removed'
  | 'meta'
  | 'id'
  | 'sentences'
  | 'tokens'
  | 'mentions'
  | 'entities'
  | 'dates'
  | 'places'
  | 'geoFocus'
  | 'quotes'
  | 'claims'
  | 'events'
  | 'fingerprint';

/** Settings every stage may read. Stages never do I/O: resources are loaded at the edge and passed in. */
export interface StageContext {
  /** Reference "now" is never used for publication dates; kept for tests that need determinism. */
  readonly resources: Readonly<Record<string, unknown>>;
}

/**
 * A pipeline stage: a pure function from document to document that declares
 * which layers it needs and which it adds, so the runner can check the order
 * before any document flows.
 */
export interface Stage {
  readonly name: string;
  readonly requires: readonly Layer[];
  readonly assigns: readonly Layer[];
  run(doc: Doc, ctx: StageContext): Doc;
}

export class PipelineOrderError extends Error {}

/** Throws if a stage needs a layer that no earlier stage assigns, or if two stages share a name. */
export function checkOrder(stages: readonly Stage[]): void {
  const assigned = new Set<Layer>();
  const names = new Set<string>();
  for (const stage of stages) {
    if (names.has(stage.name)) throw new PipelineOrderError(`stage "${stage.name}" appears twice`);
    names.add(stage.name);
    const missing = stage.requires.filter((layer) => !assigned.has(layer));
    if (missing.length > 0) {
      throw new PipelineOrderError(
        `stage "${stage.name}" requires ${missing.join(', ')}, which no earlier stage assigns`,
      );
    }
    for (const layer of stage.assigns) assigned.add(layer);
  }
}

export interface StageTiming {
  readonly stage: string;
  ms: number;
}

/** Runs the stages in order; the runner refuses a stage that returns something that is not a Doc. */
export function runStages(
  doc: Doc,
  stages: readonly Stage[],
  ctx: StageContext,
  timings?: Map<string, number>,
): Doc {
  let current = doc;
  for (const stage of stages) {
    const t0 = timings ? performance.now() : 0;
    const next = stage.run(current, ctx);
    if (next === null || typeof next !== 'object' || typeof next.text !== 'string') {
      throw new Error(`stage "${stage.name}" returned something that is not a document`);
    }
    current = next;
    if (timings) timings.set(stage.name, (timings.get(stage.name) ?? 0) + performance.now() - t0);
  }
  return current;
}
