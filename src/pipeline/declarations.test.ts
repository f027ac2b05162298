/**
 * The stages' declarations must be true of the live STAGES list, not merely
 * consistent with each other: a stage may read only the layers it `requires`
 * and change only the layers it `assigns`. Checked by running each stage of
 * the real pipeline on real articles with every undeclared earlier layer
 * blanked: its output must not change. And a pipeline whose list lacks the
 * stage that assigns a layer another stage requires must refuse to start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { newDoc, type Doc, type RawInput } from '../core/doc.js';
import { PipelineOrderError, PipelineResourceError, resourcesUsed, type Layer, type Stage } from '../core/stage.js';
import { STAGES, createPipeline } from './index.js';
import { projectResources } from './resources.js';
import { HAVE_SEEDS, SEEDS_DIR } from './seeds.fixture.js';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const inputs: RawInput[] = [
  ...readdirSync(examplesDir).filter((f) => f.endsWith('.txt')).slice(0, 2).map((f) => ({ input: f, kind: 'text' as const, content: readFileSync(examplesDir + f, 'utf8'), meta: { container: 'file' } })),
  ...(HAVE_SEEDS ? readdirSync(SEEDS_DIR).sort().slice(0, 2).map((f) => ({ input: f, kind: 'text' as const, content: readFileSync(SEEDS_DIR + f, 'utf8'), meta: { container: 'file' } })) : []),
];

const resources = () => projectResources().load(resourcesUsed(STAGES));
const EMPTY = newDoc({ input: 'x', kind: 'text', content: '', meta: {} });

/** The document as each stage received it, for one input. */
function stageInputs(raw: RawInput): Doc[] {
  const ctx = { resources: resources() };
  const seen: Doc[] = [];
  let doc = newDoc(raw);
  for (const stage of STAGES) {
    seen.push(doc);
    doc = stage.run(doc, ctx);
  }
  return seen;
}

const layerValue = (doc: Doc, layer: Layer): unknown => (layer === 'meta' || layer === 'id' ? doc[layer] : doc[layer]);

function outputOf(stage: Stage, doc: Doc): Doc | Error {
  try {
    return stage.run(doc, { resources: resources() });
  } catch (e) {
    return e as Error;
  }
}

test('each stage reads only the layers it requires and changes only those it assigns', () => {
  assert.ok(inputs.length >= 2);
  const problems: string[] = [];
  for (const raw of inputs) {
    const docs = stageInputs(raw);
    STAGES.forEach((stage, i) => {
      const input = docs[i]!;
      const output = outputOf(stage, input);
      assert.ok(!(output instanceof Error), `${stage.name} failed on ${raw.input}: ${String(output)}`);
      const earlier = new Set(STAGES.slice(0, i).flatMap((s) => s.assigns));
      for (const layer of Object.keys(EMPTY) as (keyof Doc)[]) {
        if (layer === 'raw' || layer === 'notes') continue;
        const changed = !isDeepStrictEqual(layerValue(output, layer as Layer), layerValue(input, layer as Layer));
        if (changed && !stage.assigns.includes(layer as Layer)) problems.push(`${stage.name} changes ${layer}, which it does not assign (${raw.input})`);
      }
      for (const layer of earlier) {
        if (stage.requires.includes(layer)) continue;
        const blanked = { ...input, [layer]: EMPTY[layer as keyof Doc] } as Doc;
        if (isDeepStrictEqual(layerValue(blanked, layer), layerValue(input, layer))) continue;
        const again = outputOf(stage, blanked);
        const same = !(again instanceof Error) && stage.assigns.every((l) => isDeepStrictEqual(layerValue(again, l), layerValue(output, l)));
        if (!same) problems.push(`${stage.name} reads ${layer}, which it does not require (${raw.input})`);
      }
    });
  }
  assert.deepEqual([...new Set(problems)], []);
});

test('a pipeline lacking the stage that assigns a required layer refuses to start, naming both', () => {
  for (const [i, stage] of STAGES.entries()) {
    for (const layer of stage.requires) {
      const provider = STAGES.slice(0, i).findLast((s) => s.assigns.includes(layer))!;
      // Drop every earlier stage that assigns the layer, so nothing else provides it.
      const without = STAGES.filter((s, j) => j >= i || !s.assigns.includes(layer));
      assert.throws(
        () => createPipeline(resources(), without),
        (e: unknown) => e instanceof PipelineOrderError && e.message.includes(`"${without.find((s) => s.requires.includes(layer))!.name}" requires`) && e.message.includes(layer),
        `removing ${provider.name} (assigns ${layer}) must stop ${stage.name}`,
      );
    }
  }
});

test('a pipeline refuses to start without a resource a stage uses, and a stage cannot read an undeclared one', () => {
  for (const name of resourcesUsed(STAGES)) {
    const partial = { ...resources() };
    delete partial[name];
    assert.throws(() => createPipeline(partial), (e: unknown) => e instanceof PipelineResourceError && e.message.includes(name));
  }
  const sneaky: Stage = { name: 'sneaky', requires: [], assigns: [], uses: [], run: (doc, ctx) => (ctx.resources.gazetteer ? doc : doc) };
  assert.doesNotThrow(() => createPipeline(resources(), [...STAGES, sneaky]));
  const declared = STAGES.find((s) => s.uses.includes('gazetteer'))!;
  const liar: Stage = { ...declared, name: 'liar', uses: [] };
  const docs = inputs[0] ? stageInputs(inputs[0]) : [];
  const atGeocode = docs[STAGES.indexOf(declared)]!;
  assert.throws(() => liar.run(atGeocode, { resources: resources() }), PipelineResourceError);
});
