/**
 * The statistical named-entity recognizer (source 'perceptron-v1'): an
 * averaged structured perceptron over BILOU tags, trained on CoNLL-2003
 * English by scripts/train-ner.ts, decoded with Viterbi.
 *
 * The model knows the four CoNLL classes. Mapping to the project's types:
 * - PER  -> PERSON
 * - ORG  -> ORG
 * - LOC  -> GPE when the name, or its last word, is a gazetteer place
 *           (lists.places) or a GPE in the alias table; otherwise LOC
 *           (rivers, regions, mountains). CoNLL does not separate the two,
 *           so this decision rests on the gazetteer alone.
 * - MISC -> NORP for a single-token nationality, religion or group adjective
 *           (a cues.demonyms word, its plural, or a word ending in -an, -ian,
 *           -ish, -ese, -i such as "Kenyan", "Iraqi"), or two such words or a
 *           compass word and one ("Bosnian Serb", "West Indian"); EVENT when its
 *           last word is a cues.eventHeads word ("World Cup", "Gulf War"), in
 *           any case ("WORLD CUP"); other MISC (products, works, nationality
 *           phrases, "US-led") is dropped, because
 *           no project type fits it.
 *
 * The model is a resource (core/resources.ts): the caller passes it in.
 */
import type { EntityType, Mention, Token } from '../../core/doc.js';
import cues from '../data/cues.json' with { type: 'json' };
import lists from '../data/lists.json' with { type: 'json' };
import aliases from '../../resolve/data/aliases.json' with { type: 'json' };
import { labelDocument, marginConfidence, scoredSpans } from './label.js';
import type { QuantizedScorer } from './model-file.js';
import type { ModelType } from './perceptron.js';

export const SOURCE = 'perceptron-v1';
/** Where the trained model is; read by the resource loader (src/pipeline/resources.ts). */
export const NER_MODEL_URL = new URL('./model/ner-model.bin.gz', import.meta.url);

const PLACES = new Set(lists.places);
const GPE_ALIASES = new Set(aliases.entities.filter((e) => e.type === 'GPE').flatMap((e) => [e.name, ...e.aliases]));
const DEMONYMS = new Set(cues.demonyms);
const EVENT_HEADS = new Set(cues.eventHeads);
const DEMONYM_ENDING = /(?:an|ian|ish|ese|i)s?$/;

const titleCase = (name: string) => name.toLowerCase().replace(/(^|[\s-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
/** Shouted ("BERLIN") or lower-cased ("berlin", a feed that lost its case) names are looked up in title case. */
const isPlace = (name: string) => PLACES.has(name) || GPE_ALIASES.has(name) || ((!/\p{Ll}/u.test(name) || !/\p{Lu}/u.test(name)) && PLACES.has(titleCase(name)));

const COMPASS = /^(?:North|South|East|West|Central)(?:east|west|ern)?$/;

function isDemonym(word: string): boolean {
  const singular = word.endsWith('s') ? word.slice(0, -1) : word;
  return DEMONYMS.has(word) || DEMONYMS.has(singular) || DEMONYM_ENDING.test(word);
}

/**
 * The project type of a model entity, or null when none fits (most MISC).
 * `words` are the entity's tokens as written.
 */
export function projectType(modelType: ModelType, words: readonly string[]): EntityType | null {
  const name = words.join(' ').replace(/ (['’]s)\b/g, '$1');
  const last = words[words.length - 1] ?? '';
  switch (modelType) {
    case 'PER':
      return 'PERSON';
    case 'ORG':
      return 'ORG';
    case 'LOC':
      return isPlace(name) || isPlace(last) ? 'GPE' : 'LOC';
    case 'MISC': {
      // Word lists are in title case; a headline shouts "WORLD CUP", "SCOTTISH".
      const forms = words.map((w) => (/\p{Ll}/u.test(w) ? w : titleCase(w)));
      const lastForm = forms[forms.length - 1] ?? '';
      if (words.length === 1 && isDemonym(lastForm)) return 'NORP';
      // "Bosnian Serb", "Roman Catholic", "West Indian", "Southeast Asian": a group named in two words.
      if (words.length === 2 && isDemonym(lastForm) && (isDemonym(forms[0]!) || COMPASS.test(forms[0]!))) return 'NORP';
      return EVENT_HEADS.has(lastForm) ? 'EVENT' : null;
    }
  }
}

/** Our tokenizer keeps typographic quotes; CoNLL text has ASCII ones. */
const modelForm = (word: string) => word.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');

/** A short capitalised word that an abbreviation period follows: "St", "Corp", "Fla", "S". */
const ABBREVIATION = /^\p{Lu}\p{L}{0,3}$/u;
const NUMBER_OR_WORD = /^[\p{L}\p{N}]/u;
/** Titles keep their period apart, as before: joined ("Maj." "Gen."), the model reads them into the person's name, and the title is lost as a role. */
const TITLE_ABBREVIATION = /^(?:Maj|Gen|Lt|Col|Capt|Sgt|Adm|Brig|Gov|Sen|Rep|Rev|Dr|Mr|Mrs|Ms|Prof|Cpl|Cmdr)$/;

/**
 * The words the model reads, as runs of project tokens `[from, to)`: CoNLL-2003,
 * which the model learned from, writes "1996-08-30", "7-0-29-0", "St.", "Corp."
 * and "Mo.-based" as one token each, where the project tokenizer splits them
 * (numbers stop at a hyphen, a period after a word is its own token). Fed apart,
 * "MOSCOW 1996 - 08 - 30" is no dateline to the model and "St . Petersburg" no
 * place. Only touching tokens are joined: a hyphen between two words or
 * numbers, a period after a short capitalised word unless it ends the sentence,
 * and a letter after such a period ("U." "S" -> "U.S").
 */
export function modelWords(sentence: readonly Token[]): [number, number][] {
  const groups: [number, number][] = [];
  const touches = (k: number) => k > 0 && sentence[k]!.start === sentence[k - 1]!.end;
  for (let k = 0; k < sentence.length; k++) {
    const t = sentence[k]!.text;
    const current = groups[groups.length - 1];
    const prevText = current ? sentence[current[1] - 1]!.text : '';
    const groupText = current ? sentence.slice(current[0], current[1]).map((x) => x.text).join('') : '';
    const join =
      current !== undefined &&
      touches(k) &&
      // "Corp." mid-sentence; "U.S." at the end keeps its final period apart, as CoNLL writes "U.S ."
      ((t === '.' && k < sentence.length - 1 && ((ABBREVIATION.test(prevText) && !TITLE_ABBREVIATION.test(prevText)) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(groupText))) ||
        (prevText === '.' && /^\p{Lu}$/u.test(t) && /^(?:\p{Lu}\.)+$/u.test(groupText)) ||
        // "1996-08-30", "Mo.-based": a hyphen joins what it touches on both sides
        (t === '-' && touches(k + 1) && NUMBER_OR_WORD.test(sentence[k + 1]?.text ?? '') && /[\p{L}\p{N}.]$/u.test(prevText)) ||
        (prevText === '-' && NUMBER_OR_WORD.test(t) && current[1] - current[0] > 1));
    if (join) current[1] = k + 1;
    else groups.push([k, k + 1]);
  }
  return groups;
}

/**
 * Named-entity mentions of `text`, whose `tokens` (with sentence indexes)
 * come from the project tokenizer. Mentions are in text order; offsets are
 * exact: `text.slice(m.start, m.end) === m.text`.
 */
export function recognizeStatistical(text: string, tokens: readonly Token[], model: QuantizedScorer): Mention[] {
  const sentences: Token[][] = [];
  for (const token of tokens) {
    if (token.start < 0 || token.end > text.length || token.start >= token.end) {
      throw new Error(`recognizeStatistical: token ${JSON.stringify(token.text)} has offsets ${token.start}..${token.end} outside the text (length ${text.length})`);
    }
    const current = sentences[sentences.length - 1];
    if (current && current[0]!.sentence === token.sentence) current.push(token);
    else sentences.push([token]);
  }
  const groups = sentences.map(modelWords);
  const decoded = labelDocument(
    model,
    model.gazetteer,
    groups.map((g, i) => g.map(([from, to]) => modelForm(text.slice(sentences[i]![from]!.start, sentences[i]![to - 1]!.end)))),
    true,
  );
  const mentions: Mention[] = [];
  sentences.forEach((sentence, i) => {
    const group = groups[i]!;
    for (const span of scoredSpans(decoded[i]!)) {
      const start = sentence[group[span.start]![0]]!.start;
      const end = sentence[group[span.end - 1]![1] - 1]!.end;
      const type = projectType(
        span.type,
        group.slice(span.start, span.end).map(([from, to]) => text.slice(sentence[from]!.start, sentence[to - 1]!.end)),
      );
      if (type === null) continue;
      mentions.push({ start, end, text: text.slice(start, end), type, source: SOURCE, confidence: marginConfidence(span.margin, model.header.marginScale) });
    }
  });
  return mentions;
}
