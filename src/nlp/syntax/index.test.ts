import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../sentences.js';
import { tokenize } from '../tokens.js';
import { newDoc } from '../../core/doc.js';
import { SYNTAX_TABLES, syntaxStage } from './index.js';
import type { SentenceParser, SentenceTagger } from './types.js';

// Toy models with a known answer: punctuation vs nouns, each word headed by the next, the last is the root.
const tagger: SentenceTagger = {
  tag: (words) => ({
    upos: words.map((w) => (/^\p{P}+$/u.test(w) ? 'PUNCT' : w === "n't" ? 'NOT-A-TAG' : 'NOUN')),
    xpos: words.map((w) => (/^\p{P}+$/u.test(w) ? '.' : 'NN')),
    lemma: words.map((w) => w.toLowerCase()),
  }),
};
const parser: SentenceParser = { parse: (words) => ({ head: words.map((_, i) => (i === words.length - 1 ? 0 : i + 2)), deprel: words.map((_, i) => (i === words.length - 1 ? 'root' : 'dep')) }) };

test('the syntax stage stores each sentence as typed arrays over UD words, mapped back to tokens and spans', () => {
  const text = "They don't know. The well-known port reopened.";
  const sentences = splitSentences(text);
  const tokens = tokenize(text, sentences);
  const doc = { ...newDoc({ input: 't', kind: 'text', content: text, meta: {} }), text, sentences, tokens };
  const out = syntaxStage.run(doc, { resources: { tagger, parser } });
  assert.equal(out.syntax.length, 2);
  const [a, b] = out.syntax;
  assert.deepEqual([...a!.start].map((s, i) => text.slice(s, a!.end[i])), ['They', 'do', "n't", 'know', '.']);
  assert.deepEqual([...a!.token], [0, 1, 1, 2, 3], "do and n't come from one token");
  assert.deepEqual([...a!.head], [1, 2, 3, 4, -1], 'heads are word indexes within the sentence, -1 for the root');
  assert.equal(SYNTAX_TABLES.deprel[a!.deprel[4]!], 'root');
  assert.equal(SYNTAX_TABLES.upos[a!.upos[0]!], 'NOUN');
  assert.equal(SYNTAX_TABLES.upos[a!.upos[2]!], 'X', 'a label outside the table is stored as its last entry');
  assert.deepEqual([...b!.token].map((t) => tokens[t]!.text), ['The', 'well-known', 'well-known', 'well-known', 'port', 'reopened', '.']);
  assert.deepEqual(b!.lemma.slice(0, 2), ['the', 'well']);
  assert.ok(a!.upos instanceof Uint8Array && a!.head instanceof Int16Array);
});

test('the stage declares what it reads and uses', () => {
  assert.deepEqual(syntaxStage.requires, ['text', 'sentences', 'tokens']);
  assert.deepEqual(syntaxStage.assigns, ['syntax']);
  assert.deepEqual(syntaxStage.uses, ['tagger', 'parser']);
});
