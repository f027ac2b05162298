/**
 * Training the parser: averaged perceptrons (integer updates, averaging by
 * the `w - u / c` identity as in ner/perceptron.ts) with the arc-hybrid
 * dynamic oracle. In an exploring epoch the trainer follows its own
 * prediction with probability `explore` even when it is wrong (Goldberg &
 * Nivre 2012), so it learns to act well after its own mistakes; the update
 * is always towards the best-scoring zero-cost move. Labels are learnt on
 * the arcs that are gold in the (projectivised) tree.
 *
 * Deterministic: the order comes from a seeded shuffle, exploration from the
 * same seeded generator, and all weights are integers until averaging.
 */
import { Configuration, MOVE_COUNT, SHIFT, moveCosts, projectivize } from './transition.js';
import { LABEL_FEATURES, MOVE_FEATURES, bestLabel, labelOffset, bestLegal, candidatesFor, encodeSentence, labelFeatures, moveFeatures, scoreMoves } from './parser.js';
import type { EncodedSentence, LabelCandidates, ParserWeights } from './parser.js';
import type { Tagged } from './types.js';
import { averageWeights, seededRandom } from '../ner/perceptron.js';
import type { WordClassTable } from './parser-classes.js';

/** One training sentence. */
export interface TrainSentence {
  readonly words: readonly string[];
  readonly tags: Tagged;
  /** 1-based heads, 0 = root, in word order. */
  readonly heads: readonly number[];
  readonly deprels: readonly string[];
}

/** A sentence ready for training: projectivised gold, label ids, encoded features. */
interface Prepared {
  readonly s: EncodedSentence;
  /** gold[d] for d = 1..n; index 0 unused. */
  readonly gold: Int32Array;
  readonly goldLabel: Int32Array;
}

export interface TrainerOptions {
  readonly moveBits: number;
  readonly labelBits: number;
  /** Lifted labels seen fewer times fall back to their plain label. */
  readonly minLiftedCount: number;
  /**
   * Label candidates by tag pair keep the labels seen this many times for the pair; 0 leaves the pair lists
   * empty, so an arc chooses among the labels of its direction and dependent UPOS. (With the tagger's tags, a
   * wrong head or dependent tag then less often rules out the right label.)
   */
  readonly minPairCount?: number | undefined;
  /** Word classes for the class features (see parser-classes.ts). */
  readonly classes?: WordClassTable | undefined;
}

/** The recognizer's seeded generator (Mulberry32), so shuffles and exploration repeat exactly. */
export { seededRandom };

/** Label vocabulary and candidate tables from projectivised training trees (sorted, so the ids do not depend on order). */
function buildLabels(sentences: readonly { tags: Tagged; heads: number[]; labels: string[] }[], minLifted: number, minPair: number) {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const l of s.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const keep = (l: string) => !l.includes('||') || (counts.get(l) ?? 0) >= minLifted;
  const names = [...counts.keys()].filter(keep).sort();
  if (!names.includes('root')) names.push('root');
  const id = new Map(names.map((n, i) => [n, i]));
  const labelId = (l: string) => id.get(l) ?? id.get(l.split('||')[0]!) ?? id.get('dep') ?? 0;
  const uposSet = new Set<string>();
  for (const s of sentences) for (const u of s.tags.upos) uposSet.add(u);
  const upos = [...uposSet].sort();
  const uIndex = new Map(upos.map((u, i) => [u, i]));
  const seen = [0, 1].map(() => upos.map(() => new Set<number>()));
  const U = upos.length;
  const pairCounts = [0, 1].map(() => Array.from({ length: U * U }, () => new Map<number, number>()));
  const any = [new Set<number>(), new Set<number>()];
  const root = id.get('root')!;
  for (const s of sentences) {
    s.heads.forEach((h, i) => {
      if (h === 0) return;
      const l = labelId(s.labels[i]!);
      if (l === root) return;
      const dir = i + 1 < h ? 0 : 1;
      const du = uIndex.get(s.tags.upos[i]!)!;
      seen[dir]![du]!.add(l);
      any[dir]!.add(l);
      const cell = pairCounts[dir]![du * U + uIndex.get(s.tags.upos[h - 1]!)!]!;
      cell.set(l, (cell.get(l) ?? 0) + 1);
    });
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  const candidates: LabelCandidates = {
    upos,
    byDirection: seen.map((row) => row.map(sorted)),
    byPair: pairCounts.map((row) => row.map((cell) => (minPair > 0 ? [...cell].filter(([, n]) => n >= minPair).map(([l]) => l).sort((a, b) => a - b) : []))),
    anyByDirection: any.map(sorted),
    root,
  };
  return { names, labelId, candidates };
}

export class ParserTrainer {
  readonly labels: readonly string[];
  readonly candidates: LabelCandidates;
  private readonly moves: Int32Array;
  private readonly movesTimed: Float64Array;
  private readonly labelW: Int32Array;
  private readonly labelTimed: Float64Array;
  private readonly data: Prepared[];
  private time = 1;
  private readonly uposIndex: Map<string, number>;

  constructor(
    sentences: readonly TrainSentence[],
    readonly options: TrainerOptions,
  ) {
    const projective = sentences.map((s) => ({ tags: s.tags, ...projectivize(s.heads, s.deprels) }));
    const { names, labelId, candidates } = buildLabels(projective, options.minLiftedCount, options.minPairCount ?? 2);
    this.labels = names;
    this.candidates = candidates;
    this.uposIndex = new Map(candidates.upos.map((u, i) => [u, i]));
    this.moves = new Int32Array(2 ** options.moveBits * MOVE_COUNT);
    this.movesTimed = new Float64Array(this.moves.length);
    this.labelW = new Int32Array(2 ** options.labelBits);
    this.labelTimed = new Float64Array(this.labelW.length);
    this.data = sentences.map((s, k) => {
      const p = projective[k]!;
      const n = s.words.length;
      const gold = new Int32Array(n + 1);
      const goldLabel = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) {
        gold[i + 1] = p.heads[i]!;
        goldLabel[i + 1] = labelId(p.labels[i]!);
      }
      return { s: encodeSentence(s.words, s.tags, this.uposIndex, options.classes), gold, goldLabel };
    });
  }

  get sentenceCount(): number {
    return this.data.length;
  }

  /** One pass in a seeded order; `explore` is the chance of following a wrong prediction. Returns the share of moves predicted wrongly. */
  epoch(random: () => number, explore: number): { moveErrors: number; labelErrors: number } {
    const order = this.data.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const moveMask = 2 ** this.options.moveBits - 1;
    const labelMask = 2 ** this.options.labelBits - 1;
    const buckets = new Uint32Array(MOVE_FEATURES);
    const lbuckets = new Uint32Array(LABEL_FEATURES);
    const scores = new Float64Array(MOVE_COUNT);
    const costs = new Float64Array(MOVE_COUNT);
    let moves = 0;
    let moveErrors = 0;
    let arcs = 0;
    let labelErrors = 0;
    for (const index of order) {
      const { s, gold, goldLabel } = this.data[index]!;
      const c = new Configuration(s.n);
      while (!c.terminal) {
        const count = moveFeatures(c, s, moveMask, buckets);
        scoreMoves(this.moves, buckets, count, scores);
        moveCosts(c, gold, costs);
        const predicted = bestLegal(c, scores);
        let bestZero = -1;
        for (let m = 0; m < MOVE_COUNT; m++) if (costs[m] === 0 && (bestZero < 0 || scores[m]! > scores[bestZero]!)) bestZero = m;
        if (bestZero < 0) bestZero = predicted; // non-projective leftovers: no zero-cost move
        moves++;
        let next = predicted;
        if (costs[predicted] !== 0 && bestZero !== predicted) {
          moveErrors++;
          this.updateMoves(buckets, count, bestZero, predicted);
          if (!(random() < explore)) next = bestZero;
        }
        if (next === SHIFT) {
          c.apply(SHIFT);
        } else {
          const { head, dependent } = c.arcOf(next);
          let label = this.candidates.root;
          if (head !== 0) {
            const lc = labelFeatures(c, s, head, dependent, -1, lbuckets);
            const guess = bestLabel(this.labelW, labelMask, lbuckets, lc, candidatesFor(this.candidates, s, head, dependent));
            label = guess;
            if (gold[dependent] === head) {
              arcs++;
              const g = goldLabel[dependent]!;
              if (guess !== g) {
                labelErrors++;
                this.updateLabels(lbuckets, lc, g, guess, labelMask);
              }
              label = g;
            }
          }
          c.apply(next, label);
        }
        this.time++;
      }
    }
    return { moveErrors: moveErrors / Math.max(1, moves), labelErrors: labelErrors / Math.max(1, arcs) };
  }

  private updateMoves(buckets: Uint32Array, count: number, good: number, bad: number): void {
    const c = this.time;
    for (let k = 0; k < count; k++) {
      const base = buckets[k]! * MOVE_COUNT;
      this.moves[base + good]! += 1;
      this.movesTimed[base + good]! += c;
      this.moves[base + bad]! -= 1;
      this.movesTimed[base + bad]! -= c;
    }
  }

  private updateLabels(buckets: Uint32Array, count: number, good: number, bad: number, mask: number): void {
    const c = this.time;
    const goodOffset = labelOffset(good);
    const badOffset = labelOffset(bad);
    for (let k = 0; k < count; k++) {
      const g = (buckets[k]! + goodOffset) & mask;
      const b = (buckets[k]! + badOffset) & mask;
      this.labelW[g]! += 1;
      this.labelTimed[g]! += c;
      this.labelW[b]! -= 1;
      this.labelTimed[b]! -= c;
    }
  }

  /** The averaged weights so far, as float tables. */
  averaged(): ParserWeights & { moves: Float32Array; labelWeights: Float32Array } {
    const avg = (w: Int32Array, timed: Float64Array) => averageWeights(w, timed, this.time);
    return {
      moveBits: this.options.moveBits,
      labelBits: this.options.labelBits,
      labels: this.labels,
      moves: avg(this.moves, this.movesTimed),
      labelWeights: avg(this.labelW, this.labelTimed),
      candidates: this.candidates,
      classes: this.options.classes,
    };
  }
}

