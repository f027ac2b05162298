/** Which part of a story's entity graph is drawn: the heaviest nodes and the edges among them. */
import type { EntityGraph } from '../../src/serve/api.js';

/** Keeps the `limit` most-mentioned nodes (ties by id, so the choice is stable) and only edges between kept nodes. */
export function heaviest(graph: EntityGraph, limit: number): EntityGraph {
  const nodes = [...graph.nodes].sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id)).slice(0, limit);
  const kept = new Set(nodes.map((n) => n.id));
  return { nodes, edges: graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target) && e.source !== e.target) };
}

/** Node diameter in pixels: area grows with mentions. */
export const nodeSize = (mentions: number) => Math.round(Math.min(64, 14 + 8 * Math.sqrt(Math.max(mentions, 0))));

/** Edge width in pixels from the number of sentences naming both ends. */
export const edgeWidth = (weight: number) => Math.min(10, 1 + Math.log2(Math.max(weight, 1)) * 1.5);
