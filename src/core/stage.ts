import type { Doc } from './doc.js';
import { resourceOf, type ResourceName, type Resources } from './resources.js';

/** The parts of a `Doc` a stage can read or fill. */
export type Layer =
  | 'extracted'
  | 'text'
  | 'removed'
  | 'meta'
  | 'id'
  | 'sentences'
  | 'tokens'
  | 'syntax'
  | 'mentions'
  | 'entities'
  | 'dates'
  | 'places'
  | 'geoFocus'
  | 'quotes'
  | 'claims'
  | 'events'
  | 'fingerprint';

/** What every stage may read besides the document. Stages never do I/O: resources are loaded at the edge and passed in. */
export interface StageContext {
  /** The loaded resources; a stage reads only those it names in `uses`. */
  readonly resources: Partial<Resources>;
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
  /** The resources `run` reads from the context (see core/resources.ts). */
  readonly uses: readonly ResourceName[];
  run(doc: Doc, ctx: StageContext): Doc;
}

/** The resource `name` for `stage`; throws if the stage did not declare it or it was not loaded. */
export function use<K extends ResourceName>(ctx: StageContext, stage: Stage, name: K): Resources[K] {
  if (!stage.uses.includes(name)) throw new PipelineResourceError(`stage "${stage.name}" reads the ${name} resource without declaring it in uses`);
  return resourceOf(ctx.resources, name, stage.name);
}

export class PipelineOrderError extends Error {}
export class PipelineResourceError extends Error {}

/** The resources a list of stages uses, in first-use order. */
export function resourcesUsed(stages: readonly Stage[]): ResourceName[] {
  return [...new Set(stages.flatMap((s) => s.uses))];
}

/** Throws, naming the stage and the resource, if a stage uses a resource that `resources` lacks. */
export function checkResources(stages: readonly Stage[], resources: Partial<Resources>): void {
  for (const stage of stages) {
    const missing = stage.uses.filter((name) => resources[name] === undefined);
    if (missing.length > 0) throw new PipelineResourceError(`stage "${stage.name}" uses ${missing.join(', ')}, which ${missing.length === 1 ? 'was' : 'were'} not loaded`);
  }
}

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
