/**
 * The entity co-occurrence graph of a set of articles: who and what is named
 * together. Two entities are linked when one sentence names both; the more
 * sentences do, the heavier the link. Only the most mentioned entities are
 * kept, so that the graph stays readable.
 */
import type { ArticleRecord } from '../core/record.js';
import { splitSentences } from '../nlp/sentences.js';
import type { EntityGraph } from '../serve/api.js';

type GraphSource = Pick<ArticleRecord, 'text' | 'entities'>;
type GraphNode = EntityGraph['nodes'][number];

/** Entities over all records: the fullest name any record gives, mentions summed; most mentioned first. */
function nodesOf(records: readonly GraphSource[]): GraphNode[] {
  const acc = new Map<string, { id: string; name: string; type: string; mentions: number }>();
  for (const r of records)
    for (const e of r.entities) {
      const node = acc.get(e.id);
      if (node === undefined) acc.set(e.id, { id: e.id, name: e.name, type: e.type, mentions: e.mentions.length });
      else {
        node.mentions += e.mentions.length;
        if (e.name.length > node.name.length) node.name = e.name;
      }
    }
  return [...acc.values()].sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));
}

/** For each sentence of the record, the kept entities it names. */
function entitiesBySentence(record: GraphSource, kept: ReadonlySet<string>): Set<string>[] {
  const sentences = splitSentences(record.text);
  const named = sentences.map(() => new Set<string>());
  for (const e of record.entities) {
    if (!kept.has(e.id)) continue;
    for (const m of e.mentions) {
      const i = sentences.findIndex((s) => m.start >= s.start && m.start < s.end);
      if (i >= 0) named[i]!.add(e.id);
    }
  }
  return named;
}

export function entityGraph(records: readonly GraphSource[], options: { maxNodes?: number } = {}): EntityGraph {
  const nodes = nodesOf(records).slice(0, options.maxNodes ?? 40);
  const kept = new Set(nodes.map((n) => n.id));
  const weights = new Map<string, { source: string; target: string; weight: number }>();
  for (const r of records)
    for (const ids of entitiesBySentence(r, kept)) {
      const sorted = [...ids].sort();
      for (let i = 0; i < sorted.length; i++)
        for (let j = i + 1; j < sorted.length; j++) {
          const source = sorted[i]!;
          const target = sorted[j]!;
          const key = `${source}\u0000${target}`;
          const edge = weights.get(key);
          if (edge) edge.weight++;
          else weights.set(key, { source, target, weight: 1 });
        }
    }
  const edges = [...weights.values()].sort((a, b) => b.weight - a.weight || a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { nodes, edges };
}
