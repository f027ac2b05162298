import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Configuration,
  LEFT,
  MOVE_COUNT,
  RIGHT,
  SHIFT,
  deprojectivize,
  isProjective,
  isWellFormedTree,
  moveCosts,
  oracleMoves,
  projectivize,
} from './transition.js';

/** Heads (1-based, 0 root) of small trees. */
const PROJECTIVE: readonly (readonly number[])[] = [
  [0],
  [2, 0],
  [0, 1],
  [2, 0, 2],
  [3, 3, 0, 3, 4],
  [2, 4, 4, 0, 6, 4, 4], // "the cat sat on the mat ." shape
  [0, 1, 2, 3, 4, 5],
  [6, 6, 6, 6, 6, 0],
];
/** Non-projective: "A hearing is scheduled on the issue today" (2 -> 5 crosses 4 -> 3's root arc). */
const NON_PROJECTIVE: readonly (readonly number[])[] = [
  [2, 4, 4, 0, 2, 7, 5, 4],
  [3, 4, 0, 3, 1],
];

/** Rebuild heads from a move sequence. */
function run(n: number, moves: readonly number[]): number[] {
  const c = new Configuration(n);
  for (const m of moves) {
    assert.ok(c.legal(m), `move ${m} legal`);
    c.apply(m);
  }
  assert.ok(c.terminal);
  return Array.from(c.head.subarray(1, n + 1));
}

const goldArray = (heads: readonly number[]) => Int32Array.from([0, ...heads]);

test('the oracle rebuilds projective trees exactly', () => {
  for (const heads of PROJECTIVE) {
    assert.ok(isProjective(heads));
    const { moves } = oracleMoves(goldArray(heads), new Int32Array(heads.length + 1), heads.length);
    assert.deepEqual(run(heads.length, moves), heads);
  }
});

test('non-projective trees: projectivise, oracle, de-projectivise gives the gold tree back', () => {
  for (const heads of NON_PROJECTIVE) {
    assert.ok(!isProjective(heads));
    const labels = heads.map((_, i) => `l${i + 1}`);
    const p = projectivize(heads, labels);
    assert.ok(isProjective(p.heads), 'lifted tree is projective');
    assert.ok(p.labels.some((l) => l.includes('||')), 'a lifted label is annotated');
    const { moves } = oracleMoves(goldArray(p.heads), new Int32Array(heads.length + 1), heads.length);
    const parsed = run(heads.length, moves);
    assert.deepEqual(parsed, p.heads);
    const back = deprojectivize(parsed, p.labels);
    assert.deepEqual(back.heads, heads);
    assert.deepEqual(back.labels, labels);
  }
});

/** Most gold arcs reachable from `c` by any move sequence (exhaustive; tiny trees only). */
function bestReachable(c: Configuration, gold: Int32Array): number {
  if (c.terminal) {
    let right = 0;
    for (let d = 1; d <= c.n; d++) if (c.head[d] === gold[d]) right++;
    return right;
  }
  let best = -1;
  for (let m = 0; m < MOVE_COUNT; m++) {
    if (!c.legal(m)) continue;
    best = Math.max(best, bestReachable(after(c, m), gold));
  }
  return best;
}

function after(c: Configuration, move: number): Configuration {
  const copy = new Configuration(c.n);
  copy.depth = c.depth;
  copy.b0 = c.b0;
  copy.stack.set(c.stack);
  copy.head.set(c.head);
  copy.apply(move);
  return copy;
}

test('dynamic oracle: cost 0 exactly on moves that keep the best reachable tree, and the cost is the arcs lost', () => {
  for (const heads of PROJECTIVE.filter((h) => h.length <= 6)) {
    const gold = goldArray(heads);
    // Walk through states reached by gold moves and by mistakes, checking every legal move.
    const visit = (c: Configuration, steps: number): void => {
      if (c.terminal || steps > 14) return;
      const here = bestReachable(c, gold);
      const costs = moveCosts(c, gold);
      for (let m = 0; m < MOVE_COUNT; m++) {
        if (!c.legal(m)) {
          assert.equal(costs[m], Infinity);
          continue;
        }
        const next = after(c, m);
        const lost = here - bestReachable(next, gold);
        assert.equal(costs[m], lost, `tree ${heads.join(',')} move ${m}`);
        if (lost > 0) assert.ok(costs[m]! >= 1);
      }
      for (let m = 0; m < MOVE_COUNT; m++) if (c.legal(m)) visit(after(c, m), steps + 1);
    };
    visit(new Configuration(heads.length), 0);
  }
});

test('every move sequence ends in a well-formed tree', () => {
  // Deterministic pseudo-random legal moves over many lengths.
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + (trial % 12);
    const c = new Configuration(n);
    while (!c.terminal) {
      const legal = [SHIFT, LEFT, RIGHT].filter((m) => c.legal(m));
      assert.ok(legal.length > 0, 'some move is always legal before the end');
      c.apply(legal[Math.floor(next() * legal.length)]!);
    }
    assert.ok(isWellFormedTree(Array.from(c.head.subarray(1, n + 1))));
  }
});

test('isWellFormedTree rejects cycles, two roots and missing heads', () => {
  assert.ok(isWellFormedTree([2, 0, 2]));
  assert.ok(!isWellFormedTree([2, 1, 0]));
  assert.ok(!isWellFormedTree([0, 0]));
  assert.ok(!isWellFormedTree([2, -1]));
});
