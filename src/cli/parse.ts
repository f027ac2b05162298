/**
 * `newsgraph parse`: the tagger, lemmatiser and dependency parser on their
 * own, with the interface parsers in this field share (UDPipe, Stanza):
 *   newsgraph parse FILE.conllu --conllu   sentences as tokenized in the file (only ID and FORM are read)
 *   newsgraph parse FILE.txt | -            raw text: the project's sentence splitter and tokenizer
 * Output: CoNLL-U on stdout, ID FORM LEMMA UPOS XPOS _ HEAD DEPREL _ _, multi-word token lines kept.
 */
import { readFile } from 'node:fs/promises';
import { splitSentences } from '../nlp/sentences.js';
import { tokenize } from '../nlp/tokens.js';
import { formatConllu, parseConllu, type ConlluSentence, type MultiWordToken } from '../nlp/syntax/conllu.js';
import { modelForm, syntacticWords } from '../nlp/syntax/words.js';
import type { SentenceParser, SentenceTagger } from '../nlp/syntax/types.js';
import { projectResources } from '../pipeline/resources.js';
import { diagnose, errorMessage, writeLine } from './io.js';

/** Tag and parse one sentence of word forms into CoNLL-U words (other columns blank). */
function analyse(forms: readonly string[], tagger: SentenceTagger, parser: SentenceParser): ConlluSentence['words'] {
  const model = forms.map(modelForm);
  const tags = tagger.tag(model);
  const tree = parser.parse(model, tags);
  return forms.map((form, i) => ({ form, lemma: tags.lemma[i] ?? '', upos: tags.upos[i] ?? '', xpos: tags.xpos[i] ?? '', feats: '', head: tree.head[i] ?? 0, deprel: tree.deprel[i] ?? '', misc: '' }));
}

/** Sentences of raw text as the pipeline splits and tokenizes them, with `# text` and multi-word tokens. */
function sentencesOfText(text: string): { comments: string[]; forms: string[]; multiword: MultiWordToken[] }[] {
  const sentences = splitSentences(text);
  const tokens = tokenize(text, sentences);
  return sentences.map((s) => {
    const words = syntacticWords(tokens.filter((t) => t.sentence === s.index));
    const multiword: MultiWordToken[] = [];
    words.forEach((w, i) => {
      if (!w.multiword || (i > 0 && words[i - 1]!.token === w.token)) return;
      let last = i;
      while (last + 1 < words.length && words[last + 1]!.token === w.token) last++;
      multiword.push({ first: i + 1, last: last + 1, form: text.slice(w.start, words[last]!.end), misc: '' });
    });
    return { comments: [`sent_id = ${s.index + 1}`, `text = ${s.text.replace(/\s+/g, ' ').trim()}`], forms: words.map((w) => w.form), multiword };
  }).filter((s) => s.forms.length > 0);
}

export async function parseCommand(input: string | undefined, opts: { conllu?: boolean }): Promise<number> {
  const name = input && input !== '-' ? input : 'stdin';
  let text: string;
  try {
    text = input && input !== '-' ? await readFile(input, 'utf8') : await readStdin();
  } catch (err) {
    diagnose(name, `cannot read: ${errorMessage(err)}`);
    return 2;
  }
  let sentences: { comments: readonly string[]; forms: readonly string[]; multiword: readonly MultiWordToken[] }[];
  try {
    sentences = opts.conllu ? parseConllu(text, name).map((s) => ({ comments: s.comments, forms: s.words.map((w) => w.form), multiword: s.multiword })) : sentencesOfText(text);
  } catch (err) {
    diagnose(name, errorMessage(err));
    return 2;
  }
  if (sentences.length === 0) {
    diagnose(name, 'no sentence to parse');
    return 2;
  }
  const resources = projectResources();
  const tagger = resources.get('tagger');
  const parser = resources.get('parser');
  for (const s of sentences) {
    const out: ConlluSentence = { comments: s.comments, words: analyse(s.forms, tagger, parser), multiword: s.multiword };
    await writeLine(process.stdout, formatConllu([out]).replace(/\n$/, ''));
  }
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
