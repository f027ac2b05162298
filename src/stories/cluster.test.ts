import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoryClusterer, TwoLevelClusterer, bCubed, contentWords } from './cluster.js';
import type { ClusterArticle } from './cluster.js';

// Short articles written for these tests: two happenings, a port flood and a football final.
const article = (id: string, text: string, entities: string[], places: string[], publishedAt: string): ClusterArticle => ({ id, title: text.split('.')[0]!, text, entities, places, publishedAt });
const flood1 = article('f1', 'Floods close the river port of Arden. Water rose two metres overnight and cargo ships were turned away from the port.', ['arden-port-authority'], ['arden'], '2024-03-01');
const flood2 = article('f2', 'Arden port stays shut as floods recede slowly. The port authority said cargo ships would wait another day for the water to fall.', ['arden-port-authority'], ['arden'], '2024-03-02');
const final1 = article('m1', 'Riverside United win the cup final. The striker scored twice in the final minutes as Riverside United beat Hill Rovers.', ['riverside-united', 'hill-rovers'], ['wembley'], '2024-03-02');
const final2 = article('m2', 'Hill Rovers lose the cup final to Riverside United after two late goals from the striker.', ['riverside-united', 'hill-rovers'], ['wembley'], '2024-03-03');

test('articles about the same happening join one story; another happening starts its own', () => {
  const c = new StoryClusterer();
  const ids = [flood1, final1, flood2, final2].map((a) => c.add(a));
  assert.equal(ids[0], ids[2]);
  assert.equal(ids[1], ids[3]);
  assert.notEqual(ids[0], ids[1]);
  assert.equal(c.storyCount, 2);
  assert.equal(c.add(flood1), ids[0], 'an article added twice keeps its story');
});

test('a story far away in time is not joined', () => {
  const c = new StoryClusterer();
  const a = c.add(flood1);
  const b = c.add({ ...flood2, id: 'f3', publishedAt: '2025-06-01' });
  assert.notEqual(a, b);
});

test('B-cubed scores', () => {
  const gold = new Map([['a', 1], ['b', 1], ['c', 2]]);
  assert.deepEqual(bCubed(new Map([['a', 1], ['b', 1], ['c', 2]]), gold), { precision: 1, recall: 1, f1: 1 });
  const lumped = bCubed(new Map([['a', 1], ['b', 1], ['c', 1]]), gold);
  assert.equal(lumped.recall, 1);
  assert.ok(Math.abs(lumped.precision - 5 / 9) < 1e-12);
});

test('content words drop stopwords and fold plurals', () => {
  assert.deepEqual(contentWords("The ships were turned away from Arden's ports"), ['ship', 'turned', 'away', 'arden', 'port']);
});

test('a restored clusterer continues exactly where the saved one stopped', () => {
  const whole = new TwoLevelClusterer();
  const all = [flood1, final1, flood2, final2].map((a) => whole.add(a));
  const first = new TwoLevelClusterer();
  first.add(flood1);
  first.add(final1);
  const resumed = TwoLevelClusterer.restore(JSON.parse(JSON.stringify(first.snapshot())) as ReturnType<TwoLevelClusterer['snapshot']>);
  assert.deepEqual([resumed.add(flood2), resumed.add(final2)], all.slice(2));
  assert.deepEqual(resumed.snapshot(), whole.snapshot());
});

test('an event lies inside one storyline; a later article of the event follows it there', () => {
  const c = new TwoLevelClusterer();
  const a = c.add(flood1);
  const b = c.add(flood2);
  assert.equal(a.event, b.event);
  assert.equal(a.storyline, b.storyline);
  assert.equal(c.storylines.articlesOf(a.storyline).length, 2);
});
