/**
 * Attribution acceptance on the seed articles (read from ../shared/seeds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAVE_SEEDS as have, analysedSeeds } from '../pipeline/seeds.fixture.js';

const docs = analysedSeeds();
const seed = (prefix: string) => docs.find((d) => d.raw.input.startsWith(prefix))!;

test('named speakers get their quotes', { skip: !have }, () => {
  const expect: [string, RegExp, string][] = [
    ['000', /It is the responsibility of the coalition/, 'Haider al-Abadi'],
    ['000', /reconstitute itself/, 'Jean-Marc Ayrault'],
    ['003', /The battles are continuing in Raqqa/, 'Nouri Mahmoud'],
    ['003', /The obstacle to their departure/, 'Rami Abdel-Rahman'],
    ['004', /bottom drops out/, 'Jim Mattis'],
    ['004', /our aim is liberation not killing/, 'the tribal leaders'],
  ];
  for (const [prefix, content, speaker] of expect) {
    const q = seed(prefix).quotes.find((x) => content.test(x.text));
    assert.ok(q, `${prefix}: no quote matching ${content}`);
    assert.equal(q.speaker, speaker, `${prefix}: ${content}`);
  }
  const speakers002 = new Set(seed('002').quotes.map((x) => x.speaker ?? ''));
  for (const name of ['Daniel L. Byman', 'Said Mamuzini', 'Hoshawi Babakr', 'Soheib Ahmad Kakeh Mahmoud']) assert.ok(speakers002.has(name), `002: ${name} has no quote`);
  assert.ok([...speakers002].some((s) => /Sheikh/.test(s)), '002: Sheikh has no quote');
});

test('the RIA Novosti source in seed 002 is anonymous, and relays are kept', { skip: !have }, () => {
  const q = seed('002').quotes.find((x) => /American and Saudi intelligence services/.test(x.text));
  assert.ok(q);
  assert.equal(q.anonymous, true);
  assert.match(q.speaker ?? '', /unnamed source in Moscow/);
  assert.deepEqual(q.via, ['RIA Novosti']);
  const abadi = seed('000').quotes.find((x) => /responsibility of the coalition/.test(x.text))!;
  assert.deepEqual(abadi.via, ['Iraqi state television']);
});

test('every quote span is exact', { skip: !have }, () => {
  for (const d of docs) for (const q of d.quotes) assert.equal(d.text.slice(q.start, q.end), q.text);
});
