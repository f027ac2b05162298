import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NewsEvent } from '../core/doc.js';
import { datesAgree, timeline } from './timeline.js';

// Two short reports written for this test: two outlets report one capture; one also mentions an earlier airstrike.
const textA = 'Troops took Arden on 12 March. Jets struck the bridge in February.';
const textB = 'Arden fell to the troops on Tuesday.';
const event = (type: string, date: string | null, place: string | null, start: number, end: number, source = 'events-v1'): NewsEvent => ({
  type, date, place, actors: ['army'], targets: [], casualties: null, sentence: { start, end }, source, confidence: 0.8,
});
const doc = (id: string, outlet: string | null, text: string, events: NewsEvent[]) =>
  ({ id, text, outlet, events });

test('reports of one happening merge, counted by outlet; entries are ordered by when things happened', () => {
  const a = doc('a', 'Daily Arden', textA, [event('territory-captured', '2024-03-12', 'arden', 0, 30), event('airstrike', '2024-02', 'arden', 31, 66)]);
  const b = doc('b', 'River News', textB, [event('territory-captured', '2024-03-12', 'arden', 0, 36), event('statement', '2024-03-14', null, 0, 36, 'events-v1:said:date=article')]);
  const t = timeline([b, a]);
  assert.deepEqual(t.map((x) => [x.date, x.type, x.outlets]), [
    ['2024-02', 'airstrike', 1],
    ['2024-03-12', 'territory-captured', 2],
  ]);
  assert.equal(t[1]!.reports.length, 2);
  assert.equal(t[1]!.reports[0]!.sentence, textB);
});

test('dates of different grains agree when one contains the other', () => {
  assert.ok(datesAgree('2017-10', '2017-10-14'));
  assert.ok(!datesAgree('2017-10-13', '2017-10-14'));
});
