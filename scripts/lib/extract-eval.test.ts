import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregate,
  bootstrapStd,
  builtinCases,
  exactMatch,
  newsgraphExtract,
  readabilityAlone,
  shingleCounts,
  shingleMatch,
  tokenize,
} from './extract-eval.js';

const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);

test('tokenize keeps letters, digits and underscores of any script, case preserved', () => {
  assert.deepEqual(tokenize("Flood-relief: 41,000 people, l'été, Ταχύ snake_case!"), [
    'Flood', 'relief', '41', '000', 'people', 'l', 'été', 'Ταχύ', 'snake_case',
  ]);
  assert.deepEqual(tokenize(''), []);
});

test('shingles: 4-token windows; a shorter text is one shingle of all its tokens', () => {
  assert.deepEqual([...shingleCounts('a b c d e').values()], [1, 1]);
  assert.equal(shingleCounts('a b').size, 1);
  assert.equal(shingleCounts('').size, 0);
  assert.equal(shingleCounts('a b c d a b c d').get(['a', 'b', 'c', 'd'].join('\u0001')), 2);
});

test('shingleMatch: one shingle right, one extra, one missed -> thirds', () => {
  const m = shingleMatch('a b c d e', 'a b c d x');
  close(m.tp, 1 / 3);
  close(m.fp, 1 / 3);
  close(m.fn, 1 / 3);
  const scores = aggregate([m], [exactMatch('a b c d e', 'a b c d x')]);
  close(scores.precision, 0.5);
  close(scores.recall, 0.5);
  close(scores.f1, 0.5);
  assert.equal(scores.accuracy, 0);
});

test('aggregate: known corpus of three documents', () => {
  // Doc 1 perfect; doc 2 predicts half of a 5-shingle truth plus nothing else; doc 3 predicts nothing.
  const truth2 = 'w1 w2 w3 w4 w5 w6 w7 w8';
  const pred2 = 'w1 w2 w3 w4 w5';
  const matches = [shingleMatch('x y z q r', 'x y z q r'), shingleMatch(truth2, pred2), shingleMatch('only truth here now', '')];
  // Doc 2: truth shingles 5, pred shingles 2, all pred shingles correct -> tp 2, fp 0, fn 3.
  close(matches[1]!.tp, 2 / 5);
  close(matches[1]!.fn, 3 / 5);
  const exact = [true, false, false];
  const scores = aggregate(matches, exact);
  // Precision over docs with predictions (1 and 2): (1 + 1) / 2; recall over all three: (1 + 0.4 + 0) / 3.
  close(scores.precision, 1);
  close(scores.recall, 1.4 / 3);
  close(scores.f1, (2 * 1 * (1.4 / 3)) / (1 + 1.4 / 3));
  close(scores.accuracy, 1 / 3);
});

test('exactMatch compares tokens, ignoring punctuation and spacing', () => {
  assert.ok(exactMatch('Water rose.\n\nCamps opened.', 'Water rose. Camps opened'));
  assert.ok(!exactMatch('Water rose.', 'water rose.'));
});

test('bootstrapStd is deterministic and zero for a constant corpus', () => {
  const matches = [shingleMatch('a b c d', 'a b c d'), shingleMatch('a b c d', 'a b c d')];
  assert.deepEqual(bootstrapStd(matches, [true, true], 50), { precision: 0, recall: 0, f1: 0, accuracy: 0 });
  const mixed = [shingleMatch('a b c d e', 'a b c d x'), shingleMatch('a b c d', 'a b c d')];
  assert.deepEqual(bootstrapStd(mixed, [false, true], 50), bootstrapStd(mixed, [false, true], 50));
});

test('quality floor on the built-in fixtures: newsgraph F1 >= 0.95 and not below Readability alone', () => {
  const cases = builtinCases();
  assert.ok(cases.length >= 3);
  const score = (extract: (html: string) => string) =>
    aggregate(
      cases.map((c) => shingleMatch(c.truth, extract(c.html))),
      cases.map((c) => exactMatch(c.truth, extract(c.html))),
    );
  const ours = score(newsgraphExtract);
  const baseline = score(readabilityAlone);
  assert.ok(ours.f1 >= 0.95, `newsgraph F1 ${ours.f1.toFixed(3)}`);
  assert.ok(ours.f1 >= baseline.f1, `newsgraph ${ours.f1.toFixed(3)} < readability ${baseline.f1.toFixed(3)}`);
});
