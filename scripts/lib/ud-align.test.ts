import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConllu } from '../../src/nlp/syntax/conllu.js';
import { alignAndCount, alignedF1, emptyAligned, goldSpans, type SpannedWord } from './ud-align.js';

const GOLD = parseConllu(
  [
    "# text = I don't know.",
    '1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_',
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
    '2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_',
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
    '4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No',
    '5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_',
    '',
  ].join('\n'),
)[0]!;

test('gold words get spans in the sentence text; a multi-word token lends its span to its words', () => {
  const g = goldSpans(GOLD)!;
  assert.deepEqual(g.words.map((w) => [w.form, w.start, w.end, w.group]), [['I', 0, 1, -1], ['do', 2, 7, 0], ["n't", 2, 7, 0], ['know', 8, 12, -1], ['.', 12, 13, -1]]);
});

test('system words align by span (and form inside a multi-word token); a wrong split costs precision and recall', () => {
  const g = goldSpans(GOLD)!.words;
  const same: SpannedWord[] = g.map((w) => ({ ...w }));
  const c = emptyAligned();
  alignAndCount(g, same, c);
  assert.equal(alignedF1(c.las, c), 1);
  // The system keeps "don't" whole and attaches it wrongly: 4 system words, 3 aligned.
  const system: SpannedWord[] = [
    { start: 0, end: 1, form: 'I', group: -1, upos: 'PRON', head: 2, deprel: 'nsubj' },
    { start: 2, end: 7, form: "don't", group: -1, upos: 'AUX', head: 2, deprel: 'aux' },
    { start: 8, end: 12, form: 'know', group: -1, upos: 'VERB', head: -1, deprel: 'root' },
    { start: 12, end: 13, form: '.', group: -1, upos: 'PUNCT', head: 2, deprel: 'punct' },
  ];
  const d = emptyAligned();
  alignAndCount(g, system, d);
  assert.deepEqual([d.gold, d.system, d.words, d.uas, d.las], [5, 4, 3, 3, 3]);
  assert.ok(Math.abs(alignedF1(d.las, d) - (2 * 0.75 * 0.6) / 1.35) < 1e-9);
});
