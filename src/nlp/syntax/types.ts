/**
 * The interfaces between the syntax components: the tagger and lemmatiser
 * (tagger.ts, lemma.ts) and the dependency parser (parser.ts). Each works on
 * one sentence of word forms, as UD tokenizes them ("do" "n't", "Syria" "'s").
 */

/** Tags of one sentence, parallel to its words. */
export interface Tagged {
  readonly upos: readonly string[];
  readonly xpos: readonly string[];
  readonly lemma: readonly string[];
}

export interface SentenceTagger {
  tag(words: readonly string[]): Tagged;
}

/** A dependency tree of one sentence: for word i, `head[i]` is 0 for the root or the 1-based id of its head. */
export interface Tree {
  readonly head: readonly number[];
  readonly deprel: readonly string[];
}

export interface SentenceParser {
  parse(words: readonly string[], tags: Tagged): Tree;
}
