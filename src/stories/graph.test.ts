import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityType } from '../core/contract.js';
import { entityGraph } from './graph.js';

// Two short reports written for this test.
const TEXT_A = 'Iraqi forces retook Mosul from Islamic State. Islamic State fighters fled to Raqqa. The U.S. Army said Mosul and Raqqa were quiet.';
const TEXT_B = 'The SDF pushed into Raqqa. Islamic State snipers held the old city of Raqqa, the SDF said.';

const mentionsOf = (text: string, phrase: string) =>
  [...text.matchAll(new RegExp(phrase.replace(/\./g, '\\.'), 'g'))].map((m) => ({ start: m.index, end: m.index + phrase.length, text: phrase }));

const entity = (text: string, id: string, name: string, type: EntityType, phrase = name) => ({ id, name, type, aliases: [phrase], mentions: mentionsOf(text, phrase), roles: [], confidence: 0.9 });

const A = {
  text: TEXT_A,
  entities: [
    entity(TEXT_A, 'iraqi-forces', 'Iraqi forces', 'ORG'),
    entity(TEXT_A, 'mosul', 'Mosul', 'GPE'),
    entity(TEXT_A, 'islamic-state', 'Islamic State', 'ORG'),
    entity(TEXT_A, 'raqqa', 'Raqqa', 'GPE'),
    entity(TEXT_A, 'us-army', 'U.S. Army', 'ORG'),
  ],
};
const B = {
  text: TEXT_B,
  entities: [
    entity(TEXT_B, 'sdf', 'SDF', 'ORG'),
    entity(TEXT_B, 'raqqa', 'Raqqa', 'GPE'),
    entity(TEXT_B, 'islamic-state', 'IS', 'ORG', 'Islamic State'),
  ],
};

test('nodes sum mentions over the records and keep the fullest name', () => {
  const { nodes } = entityGraph([A, B]);
  assert.deepEqual(
    nodes.map((n) => [n.id, n.name, n.type, n.mentions]),
    [
      ['raqqa', 'Raqqa', 'GPE', 4],
      ['islamic-state', 'Islamic State', 'ORG', 3],
      ['mosul', 'Mosul', 'GPE', 2],
      ['sdf', 'SDF', 'ORG', 2],
      ['iraqi-forces', 'Iraqi forces', 'ORG', 1],
      ['us-army', 'U.S. Army', 'ORG', 1],
    ],
  );
});

test('edges count the sentences naming both, each sentence once per pair', () => {
  const { edges } = entityGraph([A, B]);
  const weight = (a: string, b: string) => edges.find((e) => e.source === a && e.target === b)?.weight ?? 0;
  // "Islamic State snipers held the old city of Raqqa, the SDF said." names the SDF once and Raqqa once: one sentence, one count.
  assert.equal(weight('islamic-state', 'raqqa'), 2);
  assert.equal(weight('raqqa', 'sdf'), 2);
  assert.equal(weight('islamic-state', 'sdf'), 1);
  assert.equal(weight('iraqi-forces', 'mosul'), 1);
  // "U.S." does not end the sentence: the army is linked to the two cities.
  assert.equal(weight('mosul', 'us-army'), 1);
  assert.equal(weight('raqqa', 'us-army'), 1);
  // Named in different sentences only.
  assert.equal(weight('iraqi-forces', 'raqqa'), 0);
  assert.ok(edges.every((e) => e.source < e.target));
  assert.deepEqual(
    edges.map((e) => e.weight),
    [...edges.map((e) => e.weight)].sort((a, b) => b - a),
  );
});

test('maxNodes keeps the most mentioned entities, and only their edges', () => {
  const { nodes, edges } = entityGraph([A, B], { maxNodes: 2 });
  assert.deepEqual(
    nodes.map((n) => n.id),
    ['raqqa', 'islamic-state'],
  );
  assert.deepEqual(edges, [{ source: 'islamic-state', target: 'raqqa', weight: 2 }]);
});

test('no records, no graph', () => {
  assert.deepEqual(entityGraph([]), { nodes: [], edges: [] });
});
