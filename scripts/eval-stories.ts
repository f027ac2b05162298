/**
 * `npm run eval:stories [-- --set dev|test|seeds] [--threshold X] [--weights ...]`:
 * event clustering scored with B-cubed precision, recall and F1.
 *
 * The articles already went through the pipeline users run (loadPipeline,
 * every stage of `analyze`, as dataset records); they now do so through the
 * evaluations' shared product path (scripts/lib/product.ts). Sets, input and
 * order: scripts/lib/stories-eval.ts.
 *
 * Events and storylines are both printed: storylines are coarser by design,
 * so their B³ against event labels is not a target; WikiRef220 topics are the
 * nearer yardstick for them. The figure for the reverse arrival order shows
 * how much arrival order matters.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_CLUSTER_OPTIONS } from '../src/stories/cluster.js';
import type { ClusterOptions } from '../src/stories/cluster.js';
import { STORY_SETS, byArrival, clusterAndScore, readStorySets, type StorySetName } from './lib/stories-eval.js';

/** `--threshold X` overrides the joining threshold (for setting it on the dev sets). */
const thresholdArg = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--threshold' ? [Number(a)] : []))[0];

/** `--weights text,entities,places,title,happenings` overrides the signal weights. */
const weightsArg = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--weights' ? [a.split(',').map(Number)] : []))[0];

function options(): ClusterOptions {
  let o = DEFAULT_CLUSTER_OPTIONS;
  if (thresholdArg !== undefined) o = { ...o, threshold: thresholdArg };
  if (weightsArg) {
    const [text = 0, entities = 0, places = 0, title = 0, happenings = 0] = weightsArg;
    o = { ...o, weights: { text, entities, places, title, happenings } };
  }
  return o;
}

function main(): void {
  const sets = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--set' ? [a] : []));
  for (const s of sets) if (!(STORY_SETS as readonly string[]).includes(s)) throw new Error(`unknown set ${s}: use ${STORY_SETS.join(', ')}`);
  const names = (sets.length > 0 ? sets : STORY_SETS) as readonly StorySetName[];
  console.log('| set | articles | gold groups | events | B³ P | B³ R | B³ F1 | F1, reverse order | stories scored per article | storylines | storyline B³ P / R / F1 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const refused: string[] = [];
  for (const name of names) {
    for (const set of readStorySets(name)) {
      if (set.failed > 0) refused.push(`${set.name}: ${set.failed} articles refused by the pipeline`);
      const ordered = [...set.items].sort(byArrival);
      const r = clusterAndScore(ordered, options());
      const reverse = clusterAndScore([...ordered].reverse(), options());
      const pct = (x: number) => (100 * x).toFixed(1);
      console.log(`| ${set.name} | ${ordered.length} | ${new Set(ordered.map((i) => i.label)).size} | ${r.stories} | ${pct(r.precision)} | ${pct(r.recall)} | ${pct(r.f1)} | ${pct(reverse.f1)} | ${r.meanCandidates.toFixed(1)} | ${r.storylines} | ${pct(r.storyline.precision)} / ${pct(r.storyline.recall)} / ${pct(r.storyline.f1)} |`);
      if (set.name.startsWith('seeds')) {
        const groups = new Map<number, string[]>();
        for (const [id, s] of r.assignments) groups.set(s, [...(groups.get(s) ?? []), id]);
        const lines = new Map<number, string[]>();
        for (const [id, s] of r.storylineAssignments) lines.set(s, [...(lines.get(s) ?? []), id]);
        const show = (m: Map<number, string[]>) => [...m.values()].map((g) => `{${g.sort().join(', ')}}`).join(' ');
        console.log(`\nseed events: ${show(groups)} (expected {000, 002} {001} {003, 004}); storylines: ${show(lines)} (expected one)`);
      }
    }
  }
  if (refused.length > 0) console.log(`\n${refused.join('\n')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
