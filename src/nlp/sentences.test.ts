import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, sentencesStage } from './sentences.js';
import { newDoc } from '../core/doc.js';

/** Sentence texts, after checking every span against the text. */
function texts(text: string): string[] {
  const sentences = splitSentences(text);
  sentences.forEach((s, i) => {
    assert.equal(text.slice(s.start, s.end), s.text);
    assert.equal(s.index, i);
    assert.equal(s.text, s.text.trim(), 'spans exclude surrounding whitespace');
  });
  return sentences.map((s) => s.text);
}

test('splits at . ! ? and keeps closing quotes and brackets with the sentence', () => {
  assert.deepEqual(texts('The bridge reopened. "It is a good day," she said. Traffic resumed!'), [
    'The bridge reopened.',
    '"It is a good day," she said.',
    'Traffic resumed!',
  ]);
  assert.deepEqual(texts('He asked: "Who pays?" Nobody answered.'), ['He asked: "Who pays?"', 'Nobody answered.']);
  assert.deepEqual(texts('The port closed (again.) Ships waited offshore.'), ['The port closed (again.)', 'Ships waited offshore.']);
  assert.deepEqual(texts('She wrote “the vote is over.” 2018 will be different.'), ['She wrote “the vote is over.”', '2018 will be different.']);
});

test('titles and initials do not end a sentence', () => {
  assert.deepEqual(texts('Maj. Gen. Ann Lee spoke. Lt. Col. Tom Ward and Dr. Sara Niemi did not.'), [
    'Maj. Gen. Ann Lee spoke.',
    'Lt. Col. Tom Ward and Dr. Sara Niemi did not.',
  ]);
  assert.deepEqual(texts('Columnist Omar J. Saleh filed the piece. Mrs. Dunn edited it.'), [
    'Columnist Omar J. Saleh filed the piece.',
    'Mrs. Dunn edited it.',
  ]);
  assert.deepEqual(texts('He moved to St. Louis in May.'), ['He moved to St. Louis in May.']);
});

test('abbreviations continue the sentence unless a clear opener follows', () => {
  assert.deepEqual(texts('The U.S. Navy said 3.5 million people left. Aid came from the U.K. The U.N. stayed silent.'), [
    'The U.S. Navy said 3.5 million people left.',
    'Aid came from the U.K.',
    'The U.N. stayed silent.',
  ]);
  assert.deepEqual(texts('Acme Corp. Chief Executive Lin Mo resigned on Jan. 5 after case No. 12 vs. Apex Ltd. failed.'), [
    'Acme Corp. Chief Executive Lin Mo resigned on Jan. 5 after case No. 12 vs. Apex Ltd. failed.',
  ]);
  assert.deepEqual(texts('They sold fuel, food, etc. and left at 9 a.m. on Monday, e.g. before dawn.'), [
    'They sold fuel, food, etc. and left at 9 a.m. on Monday, e.g. before dawn.',
  ]);
  assert.deepEqual(texts('Trucks carried fuel, flour, etc. The convoy left.'), ['Trucks carried fuel, flour, etc.', 'The convoy left.']);
});

test('numbers with decimals and thousands separators never split; a sentence may start with a digit', () => {
  assert.deepEqual(texts('Some 9,000 fighters held 2.5 km of road. 4,500 of them fled.'), [
    'Some 9,000 fighters held 2.5 km of road.',
    '4,500 of them fled.',
  ]);
});

test('an ellipsis or question mark inside a quote followed by lower case continues the sentence', () => {
  assert.deepEqual(texts('"We will rebuild… and we will return," he said.'), ['"We will rebuild… and we will return," he said.']);
  assert.deepEqual(texts('"Why now?" he asked. "Wait..." she whispered.'), ['"Why now?" he asked.', '"Wait..." she whispered.']);
  assert.deepEqual(texts('The talks stalled… Then a deal came.'), ['The talks stalled…', 'Then a deal came.']);
});

test('paragraph breaks and line breaks are boundaries; hard-wrapped lines are re-joined', () => {
  const text = 'A heading without a stop\n\nThe body starts here. It goes on.\nPhoto gallery\nMore on this story\n\n  Last one.  ';
  assert.deepEqual(texts(text), [
    'A heading without a stop',
    'The body starts here.',
    'It goes on.',
    'Photo gallery',
    'More on this story',
    'Last one.',
  ]);
  assert.deepEqual(texts('The river rose and the\nvillagers left before dawn.'), ['The river rose and the\nvillagers left before dawn.']);
});

test('empty and whitespace-only texts have no sentences', () => {
  assert.deepEqual(texts(''), []);
  assert.deepEqual(texts(' \n\n \t '), []);
});

test('the stage fills the sentences layer from doc.text', () => {
  const doc = { ...newDoc({ input: 'fixture', kind: 'text', content: '', meta: {} }), text: 'One. Two.' };
  const out = sentencesStage.run(doc, { resources: {} });
  assert.deepEqual(out.sentences.map((s) => s.text), ['One.', 'Two.']);
  assert.deepEqual(sentencesStage.requires, ['text']);
  assert.deepEqual(sentencesStage.assigns, ['sentences']);
});
