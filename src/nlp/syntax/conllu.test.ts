import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatConllu, parseConllu } from './conllu.js';

const SAMPLE = [
  '# sent_id = t1',
  '# text = I don\'t know.',
  '1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_',
  '2-3\tdon\'t\t_\t_\t_\t_\t_\t_\t_\t_',
  '2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_',
  '3\tn\'t\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_',
  '4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No',
  '4.1\tx\t_\t_\t_\t_\t_\t_\t_\t_',
  '5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_',
  '',
].join('\n');

test('words, multi-word tokens and comments are read; empty nodes skipped; writing keeps the token lines', () => {
  const [s] = parseConllu(SAMPLE);
  assert.equal(s!.words.length, 5);
  assert.deepEqual(s!.words.map((w) => w.head), [4, 4, 4, 0, 4]);
  assert.deepEqual(s!.multiword, [{ first: 2, last: 3, form: "don't", misc: '' }]);
  assert.deepEqual(s!.comments, ['sent_id = t1', "text = I don't know."]);
  const again = parseConllu(formatConllu([s!]));
  assert.deepEqual(again, [s]);
});

test('only ID and FORM are required; errors name the line', () => {
  const [s] = parseConllu('1\tHello\t_\t_\t_\t_\t_\t_\t_\t_\n2\tthere\n');
  assert.deepEqual(s!.words.map((w) => [w.form, w.head, w.upos]), [['Hello', -1, ''], ['there', -1, '']]);
  assert.throws(() => parseConllu('1\tA\n3\tB\n', 'x.conllu'), /x\.conllu:2: word id 3 out of sequence/);
  assert.throws(() => parseConllu('one\n', 'y.conllu'), /y\.conllu:1: expected tab-separated/);
});
