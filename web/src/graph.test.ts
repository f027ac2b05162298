import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edgeWidth, heaviest, nodeSize } from './graph.js';

const node = (id: string, mentions: number) => ({ id, name: id, type: 'PERSON', mentions });

test('keeps the most-mentioned nodes and only the edges between them', () => {
  const graph = {
    nodes: [node('a', 1), node('b', 9), node('c', 5), node('d', 5)],
    edges: [
      { source: 'b', target: 'c', weight: 2 },
      { source: 'a', target: 'b', weight: 4 },
      { source: 'c', target: 'c', weight: 1 },
    ],
  };
  const top = heaviest(graph, 3);
  assert.deepEqual(
    top.nodes.map((n) => n.id),
    ['b', 'c', 'd'],
  );
  assert.deepEqual(top.edges, [{ source: 'b', target: 'c', weight: 2 }]);
});

test('sizes grow with mentions and weights, within bounds', () => {
  assert.ok(nodeSize(9) > nodeSize(1));
  assert.equal(nodeSize(10_000), 64);
  assert.equal(edgeWidth(1), 1);
  assert.ok(edgeWidth(8) > edgeWidth(2));
  assert.equal(edgeWidth(1e9), 10);
});
