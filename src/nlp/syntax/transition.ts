/**
 * The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta 2011)
 * with its dynamic oracle (Goldberg & Nivre 2013), and the pseudo-projective
 * transform (Nivre & Nilsson 2005) for non-projective trees.
 *
 * Why arc-hybrid: its dynamic oracle is exact and cheap for projective trees
 * (each move's cost is a count of gold arcs it makes unreachable), it has only
 * three unlabelled moves, and the dependent of every new arc is complete (its
 * subtree is finished), which the separate label classifier can use.
 * Why pseudo-projective rather than a swap move: swap has no simple dynamic
 * oracle, and English UD has few non-projective arcs (under 1% in EWT), so
 * lifting them for training and putting them back after parsing loses little
 * while keeping dynamic-oracle training. Lifted arcs carry `dep||headdep`
 * labels (the "head" encoding), as spaCy's nonproj does.
 *
 * Words are 1..n, 0 is the root, which sits at the bottom of the stack. The
 * root takes exactly one dependent: RIGHT onto the root is legal only when the
 * buffer is empty, so every finished parse is a single-rooted tree.
 */

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const MOVE_COUNT = 3;
export const MOVE_NAMES = ['SHIFT', 'LEFT', 'RIGHT'] as const;

/** Marker between a lifted arc's own label and its original head's label. */
export const LIFT = '||';

/**
 * A parser state. The buffer of arc-hybrid is always the contiguous words
 * b0..n, so it is one index. Children are kept as the two leftmost and two
 * rightmost (0 = none; the root is never a child), their counts and a bitmask
 * of their label ids (label id mod 32), for features.
 */
export class Configuration {
  readonly stack: Int32Array;
  depth = 1;
  b0 = 1;
  readonly head: Int32Array;
  /** Label id + 1 of each word's arc, 0 while it has none. */
  readonly label: Int32Array;
  readonly lc1: Int32Array;
  readonly lc2: Int32Array;
  readonly rc1: Int32Array;
  readonly rc2: Int32Array;
  readonly nLeft: Int32Array;
  readonly nRight: Int32Array;
  readonly leftLabels: Int32Array;
  readonly rightLabels: Int32Array;

  /** Words in the sentence; `reset` reuses the arrays for another one no longer than the capacity. */
  n: number;
  readonly capacity: number;

  constructor(n: number, capacity = n) {
    this.n = n;
    this.capacity = Math.max(n, capacity);
    const size = this.capacity + 2;
    this.stack = new Int32Array(size);
    this.head = new Int32Array(size).fill(-1);
    this.label = new Int32Array(size);
    this.lc1 = new Int32Array(size);
    this.lc2 = new Int32Array(size);
    this.rc1 = new Int32Array(size);
    this.rc2 = new Int32Array(size);
    this.nLeft = new Int32Array(size);
    this.nRight = new Int32Array(size);
    this.leftLabels = new Int32Array(size);
    this.rightLabels = new Int32Array(size);
  }

  /** Start again on a sentence of `n` words (n <= capacity). */
  reset(n: number): void {
    if (n > this.capacity) throw new Error(`Configuration.reset: ${n} words exceed the capacity ${this.capacity}`);
    this.n = n;
    this.depth = 1;
    this.b0 = 1;
    const end = n + 2;
    this.stack[0] = 0;
    this.head.fill(-1, 0, end);
    for (const a of [this.label, this.lc1, this.lc2, this.rc1, this.rc2, this.nLeft, this.nRight, this.leftLabels, this.rightLabels]) a.fill(0, 0, end);
  }

  get terminal(): boolean {
    return this.b0 > this.n && this.depth === 1;
  }

  legal(move: number): boolean {
    if (move === SHIFT) return this.b0 <= this.n;
    if (move === LEFT) return this.depth >= 2 && this.b0 <= this.n;
    return this.depth >= 3 || (this.depth === 2 && this.b0 > this.n);
  }

  /** Head and dependent of the arc `move` would add (LEFT or RIGHT). */
  arcOf(move: number): { head: number; dependent: number } {
    const s0 = this.stack[this.depth - 1]!;
    return move === LEFT ? { head: this.b0, dependent: s0 } : { head: this.stack[this.depth - 2]!, dependent: s0 };
  }

  /** Apply a legal move; `labelId` is the new arc's label id (ignored by SHIFT). */
  apply(move: number, labelId = 0): void {
    if (move === SHIFT) {
      this.stack[this.depth++] = this.b0++;
      return;
    }
    const d = this.stack[--this.depth]!;
    const h = move === LEFT ? this.b0 : this.stack[this.depth - 1]!;
    this.addArc(h, d, labelId);
  }

  private addArc(h: number, d: number, labelId: number): void {
    this.head[d] = h;
    this.label[d] = labelId + 1;
    const bit = 1 << (labelId & 31);
    if (d < h) {
      this.nLeft[h]!++;
      this.leftLabels[h]! |= bit;
      const l1 = this.lc1[h]!;
      if (l1 === 0 || d < l1) {
        this.lc2[h] = l1;
        this.lc1[h] = d;
      } else if (this.lc2[h] === 0 || d < this.lc2[h]!) this.lc2[h] = d;
    } else {
      this.nRight[h]!++;
      this.rightLabels[h]! |= bit;
      const r1 = this.rc1[h]!;
      if (d > r1) {
        this.rc2[h] = r1;
        this.rc1[h] = d;
      } else if (d > this.rc2[h]!) this.rc2[h] = d;
    }
  }
}

/**
 * Dynamic-oracle costs of the three moves (Goldberg & Nivre 2013, arc-hybrid):
 * how many gold arcs that are still reachable each move makes unreachable;
 * Infinity for an illegal move. `gold[d]` is the gold head of word d (1-based
 * array, index 0 unused); exact for projective gold trees.
 */
export function moveCosts(c: Configuration, gold: ArrayLike<number>, out: Float64Array = new Float64Array(MOVE_COUNT)): Float64Array {
  const n = c.n;
  const b = c.b0;
  const depth = c.depth;
  const s0 = c.stack[depth - 1]!;
  out[SHIFT] = Infinity;
  out[LEFT] = Infinity;
  out[RIGHT] = Infinity;
  if (c.legal(SHIFT)) {
    // b0 loses its dependents on the stack and a head below s0.
    let cost = 0;
    for (let i = 0; i < depth; i++) {
      const k = c.stack[i]!;
      if (k !== 0 && gold[k] === b) cost++;
      if (i < depth - 1 && gold[b] === k) cost++;
    }
    out[SHIFT] = cost;
  }
  if (depth >= 2) {
    // Either arc pops s0: it loses its dependents still in the buffer.
    let lost = 0;
    for (let d = b; d <= n; d++) if (gold[d] === s0) lost++;
    const h = gold[s0]!;
    const s1 = c.stack[depth - 2]!;
    const headInBuffer = h >= b && h <= n;
    if (c.legal(LEFT)) out[LEFT] = lost + (h !== b && (h === s1 || headInBuffer) ? 1 : 0);
    if (c.legal(RIGHT)) out[RIGHT] = lost + (headInBuffer ? 1 : 0);
  }
  return out;
}

/**
 * Moves that rebuild a projective gold tree (a static oracle: the first
 * zero-cost move in the order LEFT, RIGHT, SHIFT), with each arc's label id.
 */
export function oracleMoves(gold: ArrayLike<number>, goldLabels: ArrayLike<number>, n: number): { moves: number[]; labels: number[] } {
  const c = new Configuration(n);
  const costs = new Float64Array(MOVE_COUNT);
  const moves: number[] = [];
  const labels: number[] = [];
  while (!c.terminal) {
    moveCosts(c, gold, costs);
    const move = costs[LEFT] === 0 ? LEFT : costs[RIGHT] === 0 ? RIGHT : costs[SHIFT] === 0 ? SHIFT : -1;
    if (move < 0) throw new Error('oracleMoves: no zero-cost move (is the tree projective?)');
    const label = move === SHIFT ? 0 : goldLabels[c.arcOf(move).dependent]!;
    moves.push(move);
    labels.push(label);
    c.apply(move, label);
  }
  return { moves, labels };
}

// ---------------------------------------------------------------------------
// Pseudo-projective transform. Heads and labels here are 0-based arrays over
// the words: heads[i] is the 1-based head of word i + 1 (0 = root).

/** Whether `h` dominates `k` (1-based ids) in `heads`. */
function dominates(heads: readonly number[], h: number, k: number): boolean {
  let x = k;
  for (let steps = 0; x !== 0 && steps <= heads.length; steps++) {
    if (x === h) return true;
    x = heads[x - 1]!;
  }
  return h === 0;
}

/** Whether the arc into word d (1-based) is non-projective: some word between it and its head is not dominated by the head. */
export function isNonProjectiveArc(heads: readonly number[], d: number): boolean {
  const h = heads[d - 1]!;
  const lo = Math.min(h, d);
  const hi = Math.max(h, d);
  for (let k = lo + 1; k < hi; k++) if (!dominates(heads, h, k)) return true;
  return false;
}

export function isProjective(heads: readonly number[]): boolean {
  for (let d = 1; d <= heads.length; d++) if (isNonProjectiveArc(heads, d)) return false;
  return true;
}

/**
 * Lift non-projective arcs, shortest first, to the head's head until the tree
 * is projective. A lifted word's label becomes `label||label of its original head`.
 */
export function projectivize(heads: readonly number[], labels: readonly string[]): { heads: number[]; labels: string[] } {
  const h = [...heads];
  const l = [...labels];
  const lifted = new Array<boolean>(h.length).fill(false);
  for (;;) {
    let shortest = -1;
    let span = Infinity;
    for (let d = 1; d <= h.length; d++) {
      const length = Math.abs(h[d - 1]! - d);
      if (length < span && isNonProjectiveArc(h, d)) {
        span = length;
        shortest = d;
      }
    }
    if (shortest < 0) return { heads: h, labels: l };
    const oldHead = h[shortest - 1]!;
    if (!lifted[shortest - 1]) {
      l[shortest - 1] = `${l[shortest - 1]}${LIFT}${baseLabel(labels[oldHead - 1]!)}`;
      lifted[shortest - 1] = true;
    }
    h[shortest - 1] = h[oldHead - 1]!;
  }
}

/** The label without a lift annotation. */
export const baseLabel = (label: string): string => {
  const i = label.indexOf(LIFT);
  return i < 0 ? label : label.slice(0, i);
};

/**
 * Undo `projectivize` on a parse: each word labelled `dep||headdep` moves,
 * breadth-first and left to right below its current head, to the first word
 * labelled `headdep` outside its own subtree; if there is none it stays.
 * Labels lose their annotation either way.
 */
export function deprojectivize(heads: readonly number[], labels: readonly string[]): { heads: number[]; labels: string[] } {
  const h = [...heads];
  const n = h.length;
  const base = labels.map(baseLabel);
  for (let d = 1; d <= n; d++) {
    const label = labels[d - 1]!;
    const at = label.indexOf(LIFT);
    if (at < 0) continue;
    const wanted = label.slice(at + LIFT.length);
    let frontier = [h[d - 1]!];
    let found = -1;
    while (frontier.length > 0 && found < 0) {
      const next: number[] = [];
      for (const x of frontier) {
        for (let k = 1; k <= n; k++) {
          if (h[k - 1] !== x || k === d) continue;
          if (base[k - 1] === wanted) {
            found = k;
            break;
          }
          next.push(k);
        }
        if (found >= 0) break;
      }
      frontier = next;
    }
    if (found >= 0) h[d - 1] = found;
  }
  return { heads: h, labels: base };
}

/** Whether `heads` (0-based array of 1-based heads) is one tree: every word has a head in range, exactly one is the root's, no cycles. */
export function isWellFormedTree(heads: readonly number[]): boolean {
  const n = heads.length;
  let roots = 0;
  for (const x of heads) {
    if (!Number.isInteger(x) || x < 0 || x > n) return false;
    if (x === 0) roots++;
  }
  if (roots !== 1) return false;
  for (let d = 1; d <= n; d++) if (!dominates(heads, 0, d) || reachesCycle(heads, d)) return false;
  return true;
}

function reachesCycle(heads: readonly number[], d: number): boolean {
  let x = d;
  for (let steps = 0; steps <= heads.length; steps++) {
    if (x === 0) return false;
    x = heads[x - 1]!;
  }
  return true;
}
