/**
 * The syntax stage: each sentence's tokens as UD syntactic words (words.ts),
 * tagged, lemmatised and parsed by the project's own models, stored compactly
 * as typed arrays per sentence (core/doc.ts SentenceSyntax). Later stages
 * read heads and relations from it; the record does not carry it.
 */
import type { SentenceSyntax, SyntaxTables, Token } from '../../core/doc.js';
import { use, type Stage } from '../../core/stage.js';
import type { SentenceParser, SentenceTagger } from './types.js';
import labels from './data/labels.json' with { type: 'json' };
import { modelForm, syntacticWords } from './words.js';

export const SYNTAX_TABLES: SyntaxTables = { upos: labels.upos, xpos: labels.xpos, deprel: labels.deprel };

const indexOf = (list: readonly string[]) => {
  const map = new Map(list.map((l, i) => [l, i]));
  return (label: string) => map.get(label) ?? list.length - 1;
};
const UPOS = indexOf(SYNTAX_TABLES.upos);
const XPOS = indexOf(SYNTAX_TABLES.xpos);
const DEPREL = indexOf(SYNTAX_TABLES.deprel);

/** The syntax of one sentence's tokens (`first` = index of its first token in the document). */
export function parseSentence(sentence: number, tokens: readonly Token[], first: number, tagger: SentenceTagger, parser: SentenceParser): SentenceSyntax {
  const words = syntacticWords(tokens, first);
  const forms = words.map((w) => modelForm(w.form));
  const tags = tagger.tag(forms);
  const tree = parser.parse(forms, tags);
  const n = words.length;
  const syntax: SentenceSyntax = {
    sentence,
    start: Int32Array.from(words, (w) => w.start),
    end: Int32Array.from(words, (w) => w.end),
    token: Int32Array.from(words, (w) => w.token),
    upos: Uint8Array.from(tags.upos, UPOS),
    xpos: Uint8Array.from(tags.xpos, XPOS),
    head: Int16Array.from({ length: n }, (_, i) => (tree.head[i] ?? 0) - 1),
    deprel: Uint8Array.from(tree.deprel, DEPREL),
    lemma: tags.lemma,
    tables: SYNTAX_TABLES,
  };
  return syntax;
}

export const syntaxStage: Stage = {
  name: 'syntax',
  requires: ['text', 'sentences', 'tokens'],
  assigns: ['syntax'],
  uses: ['tagger', 'parser'],
  run(doc, ctx) {
    const tagger = use(ctx, this, 'tagger');
    const parser = use(ctx, this, 'parser');
    const out: SentenceSyntax[] = [];
    let at = 0;
    for (const s of doc.sentences) {
      const from = at;
      while (at < doc.tokens.length && doc.tokens[at]!.sentence === s.index) at++;
      if (at > from) out.push(parseSentence(s.index, doc.tokens.slice(from, at), from, tagger, parser));
    }
    return { ...doc, syntax: out };
  },
};
