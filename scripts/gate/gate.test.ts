import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourcesUsed, type Stage } from '../../src/core/stage.js';
import { createPipeline, STAGES } from '../../src/pipeline/index.js';
import { projectResources } from '../../src/pipeline/resources.js';
import { productPath } from '../lib/product.js';
import { checkFloors, formatVerdicts, readFloors } from './check.js';
import { EXTRACT, MEASURES, NER, missingFiles, type Measure } from './measures.js';

test('checkFloors: a figure under its floor fails; at or above passes', () => {
  const floors = { a: 80, b: 50 };
  const under = checkFloors({ a: 79.99, b: 50 }, floors);
  assert.equal(under.pass, false);
  assert.deepEqual(
    under.verdicts.map((v) => [v.figure, v.status]),
    [
      ['a', 'below floor'],
      ['b', 'pass'],
    ],
  );
  assert.match(formatVerdicts(under), /\| a \| 79\.99 \| 80\.00 \| -0\.01 \| \*\*FAIL: below floor\*\* \|/);
  assert.equal(checkFloors({ a: 80, b: 51 }, floors).pass, true);
});

test('checkFloors: a figure without a floor, or a floor nobody measured, fails', () => {
  assert.equal(checkFloors({ a: 90, c: 10 }, { a: 80 }).pass, false);
  const unmeasured = checkFloors({}, { a: 80 });
  assert.equal(unmeasured.pass, false);
  assert.equal(unmeasured.verdicts[0]!.status, 'not measured');
});

test('checkFloors: missing data is skipped, or fails when the data is required', () => {
  const missing = new Map([['a', 'no data at /nowhere']]);
  assert.equal(checkFloors({}, { a: 80 }, missing).pass, true);
  assert.equal(checkFloors({}, { a: 80 }, missing).verdicts[0]!.status, 'skipped');
  assert.equal(checkFloors({}, { a: 80 }, missing, true).pass, false);
});

test('floors.json has exactly one floor per figure the measures report, each a percentage', () => {
  const { comment, floors } = readFloors();
  assert.match(comment, /raise/);
  const figures = MEASURES.flatMap((m) => m.figures);
  assert.equal(new Set(figures).size, figures.length, 'figure names are unique');
  assert.deepEqual(Object.keys(floors).sort(), [...figures].sort());
  for (const [name, floor] of Object.entries(floors)) assert.ok(floor > 0 && floor <= 100, `${name}: ${floor}`);
});

/** The full pipeline with one stage's run replaced by the identity: the order and resources check still pass. */
function pipelineWithout(stageName: string) {
  assert.ok(STAGES.some((s) => s.name === stageName));
  const stages: Stage[] = STAGES.map((s) => (s.name === stageName ? { ...s, run: (doc) => doc } : s));
  return productPath(createPipeline(projectResources().load(resourcesUsed(stages)), stages));
}

/** Runs `measure` with `stageName` disabled and checks that every one of its figures falls under its floor. */
async function assertGateCatches(measure: Measure, stageName: string): Promise<void> {
  const { floors } = readFloors();
  const own = Object.fromEntries(measure.figures.map((f) => [f, floors[f]!]));
  const result = checkFloors(await measure.run(pipelineWithout(stageName)), own);
  assert.equal(result.pass, false, formatVerdicts(result));
  for (const v of result.verdicts) assert.equal(v.status, 'below floor', `${v.figure}: ${v.value} against ${v.floor}`);
}

test('the gate fails when the ner stage does nothing', { skip: missingFiles(NER).length > 0 && `no data: ${missingFiles(NER).join(', ')}` }, async () => {
  await assertGateCatches(NER, 'ner');
});

test('the gate fails when the clean stage does nothing (every page refused)', async () => {
  await assertGateCatches(EXTRACT, 'clean');
});
