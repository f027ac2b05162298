/**
 * `npm run test:gate`: the quality floors. Runs every measure of
 * scripts/gate/measures.ts through the full pipeline (the product path),
 * prints each figure beside its floor (scripts/gate/floors.json) and exits
 * non-zero when any figure is under its floor, lacks a floor, or a floor was
 * not measured. A measure whose development data is missing here is skipped
 * with a note, or fails when NEWSGRAPH_REQUIRE_GATE_DATA=1 (as in CI).
 */
import { fileURLToPath } from 'node:url';
import { defaultProductPath } from '../lib/product.js';
import { checkFloors, formatVerdicts, readFloors } from './check.js';
import { MEASURES, missingFiles } from './measures.js';

async function main(): Promise<void> {
  const t0 = performance.now();
  const requireData = process.env.NEWSGRAPH_REQUIRE_GATE_DATA === '1';
  const { floors } = readFloors();
  const path = defaultProductPath();
  const measured: Record<string, number> = {};
  const unavailable = new Map<string, string>();
  const timings: string[] = [];
  for (const measure of MEASURES) {
    const missing = missingFiles(measure);
    if (missing.length > 0) {
      for (const figure of measure.figures) unavailable.set(figure, `no data at ${missing.join(', ')}`);
      timings.push(`${measure.name}: skipped`);
      continue;
    }
    const m0 = performance.now();
    Object.assign(measured, await measure.run(path));
    timings.push(`${measure.name} ${((performance.now() - m0) / 1000).toFixed(1)} s`);
  }
  const result = checkFloors(measured, floors, unavailable, requireData);
  console.log('Quality gate: development sets through the product path (scripts/gate/measures.ts), floors in scripts/gate/floors.json\n');
  console.log(formatVerdicts(result));
  console.log(`\n${timings.join('; ')}; total ${((performance.now() - t0) / 1000).toFixed(1)} s (resources loaded in the first measure).`);
  for (const m of MEASURES) console.log(`  ${m.name}: ${m.data}`);
  if (!result.pass) {
    console.error('\nQuality gate FAILED: a figure is under its floor, has no floor, or was not measured.');
    process.exitCode = 1;
  } else {
    console.log('\nQuality gate passed.');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
