/**
 * Claims acceptance on the seed articles (read from ../shared/seeds): the
 * conflicting fighter figures of seed 002 are both claims with their quantity.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAVE_SEEDS as have, analysedSeeds } from '../pipeline/seeds.fixture.js';

test('the 9,000 and the 3,000-4,500 fighters figures are claims with their quantities', { skip: !have }, () => {
  const doc = analysedSeeds().find((d) => d.raw.input.startsWith('002'))!;
  const quantities = doc.claims.flatMap((c) => c.quantities.map((q) => ({ ...q, claim: c })));
  const nineThousand = quantities.find((q) => q.min === 9000 && q.unit === 'fighters');
  assert.ok(nineThousand, 'More than 9,000 fighters');
  assert.equal(nineThousand.max, null);
  assert.equal(nineThousand.of, 'islamic-state');
  assert.equal(nineThousand.claim.anonymous, true, 'the source is the unnamed source in Moscow');
  assert.match(nineThousand.claim.speaker ?? '', /unnamed source/);
  const range = quantities.find((q) => q.min === 3000 && q.max === 4500);
  assert.ok(range, 'between 3,000 and 4,500 fighters');
  assert.equal(range.unit, 'fighters');
  assert.equal(range.of, 'islamic-state');
  for (const q of quantities) assert.equal(doc.text.slice(q.start, q.end), q.text);
});
