import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLemmatizer, decodeLemmatizer, encodeLemmatizer, ruleLemma, loadLemmatizer, LEMMA_LEXICON_URL } from './lemma.js';

test('rules lemmatise unseen words by tag', () => {
  const cases: [string, string, string][] = [
    ['tariffs', 'NNS', 'tariff'],
    ['batteries', 'NNS', 'battery'],
    ['churches', 'NNS', 'church'],
    ['boxes', 'NNS', 'box'],
    ['congressmen', 'NNS', 'congressman'],
    ['glass', 'NN', 'glass'],
    ['Kurds', 'NNPS', 'Kurd'],
    ['Philippines', 'NNP', 'Philippines'],
    ['shelled', 'VBD', 'shell'],
    ['stopped', 'VBD', 'stop'],
    ['located', 'VBN', 'locate'],
    ['visited', 'VBD', 'visit'],
    ['carried', 'VBN', 'carry'],
    ['mobilising', 'VBG', 'mobilise'],
    ['shelling', 'VBG', 'shell'],
    ['running', 'VBG', 'run'],
    ['tweets', 'VBZ', 'tweet'],
    ['pushes', 'VBZ', 'push'],
    ['worries', 'VBZ', 'worry'],
    ['bigger', 'JJR', 'big'],
    ['happier', 'JJR', 'happy'],
    ['largest', 'JJS', 'large'],
    ['Stronger', 'JJR', 'strong'],
    ["n't", 'RB', 'not'],
    ["'s", 'VBZ', 'be'],
    ["'s", 'POS', "'s"],
    ["'ll", 'MD', 'will'],
    ['them', 'PRP', 'they'],
    ['The', 'DT', 'the'],
  ];
  for (const [form, xpos, lemma] of cases) assert.equal(ruleLemma(form, xpos), lemma, `${form}/${xpos}`);
  // Known lemmas settle what spelling cannot: "hoped" is "hope", "heated" is "heat".
  const known = new Set(['hope', 'heat']);
  assert.equal(ruleLemma('hoped', 'VBD', known), 'hope');
  assert.equal(ruleLemma('heated', 'VBD', known), 'heat');
});

test('the lexicon keeps the most frequent lemma where rules are wrong, and round-trips', () => {
  const words = [
    { form: 'went', xpos: 'VBD', lemma: 'go' },
    { form: 'went', xpos: 'VBD', lemma: 'go' },
    { form: 'went', xpos: 'VBD', lemma: 'wend' },
    { form: 'children', xpos: 'NNS', lemma: 'child' },
    { form: 'cats', xpos: 'NNS', lemma: 'cat' },
    { form: 'Went', xpos: 'VBD', lemma: 'go' },
  ];
  const lem = buildLemmatizer(words);
  assert.equal(lem.lemma('went', 'VBD'), 'go');
  assert.equal(lem.lemma('Went', 'VBD'), 'go');
  assert.equal(lem.lemma('WENT', 'VBD'), 'go', 'falls back to the lower-case entry');
  assert.equal(lem.lemma('children', 'NNS'), 'child');
  assert.ok(!lem.exceptions.has('cats\tNNS'), 'the rules already get "cats" right');
  assert.ok(!lem.exceptions.has('Went\tVBD'), 'the lower-case entry already covers "Went"');
  const back = decodeLemmatizer(encodeLemmatizer(lem), 'round trip');
  assert.deepEqual([...back.exceptions], [...lem.exceptions]);
  assert.deepEqual([...back.known].sort(), [...lem.known].sort());
});

test('the committed lexicon covers irregular forms; a damaged file is named in the error', () => {
  const lem = loadLemmatizer(LEMMA_LEXICON_URL);
  assert.equal(lem.lemma('was', 'VBD'), 'be');
  assert.equal(lem.lemma('children', 'NNS'), 'child');
  assert.equal(lem.lemma('me', 'PRP'), 'I');
  assert.equal(lem.lemma('took', 'VBD'), 'take');
  assert.throws(() => decodeLemmatizer(Buffer.from('junk'), 'bad.tsv.gz'), /lemma lexicon bad\.tsv\.gz: not gzip/);
});
