import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENTITY_TYPES } from '../../src/core/doc.js';
import { parseConll } from '../../src/nlp/ner/conll.js';
import { CONLL_CLASS, conllText } from './ner-eval.js';

test('a CoNLL document becomes one sentence per line, gold entities as character ranges of that text', () => {
  const [doc] = parseConll(
    ['-DOCSTART- -X- O O', '', 'EU NNP I-NP I-ORG', 'rejects VBZ I-VP O', 'German JJ I-NP I-MISC', 'call NN I-NP O', '', 'Peter NNP I-NP I-PER', 'Blackburn NNP I-NP I-PER'].join('\n'),
    'inline',
  );
  const { text, gold } = conllText(doc!);
  assert.equal(text, 'EU rejects German call\nPeter Blackburn');
  assert.deepEqual(
    gold.map((g) => [text.slice(g.start, g.end), g.type]),
    [
      ['EU', 'ORG'],
      ['German', 'MISC'],
      ['Peter Blackburn', 'PER'],
    ],
  );
});

test('every pipeline entity type has a CoNLL class', () => {
  for (const type of ENTITY_TYPES) assert.ok(CONLL_CLASS[type], type);
});
