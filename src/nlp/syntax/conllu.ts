/**
 * CoNLL-U (Universal Dependencies): reading treebanks for training and
 * evaluation, and writing parses. Words are the syntactic words (IDs 1..n);
 * multi-word token lines ("3-4 don't") are kept as ranges over them, empty
 * nodes ("5.1") are skipped, as the CoNLL 2018 scorer skips them for UAS/LAS.
 */

export interface ConlluWord {
  readonly form: string;
  readonly lemma: string;
  readonly upos: string;
  readonly xpos: string;
  readonly feats: string;
  /** 0 for the root, else the 1-based id of the head word; -1 when the column is blank. */
  readonly head: number;
  readonly deprel: string;
  readonly misc: string;
}

export interface MultiWordToken {
  /** 1-based ids of the first and last word it spans. */
  readonly first: number;
  readonly last: number;
  readonly form: string;
  readonly misc: string;
}

export interface ConlluSentence {
  /** Comment lines without the leading "# ", in order. */
  readonly comments: readonly string[];
  readonly words: readonly ConlluWord[];
  readonly multiword: readonly MultiWordToken[];
}

const blank = (v: string | undefined) => (v === undefined || v === '_' ? '' : v);

/** Parse CoNLL-U text; `name` labels errors, which name the line. Columns other than ID and FORM may be blank (`_`). */
export function parseConllu(text: string, name = 'conllu'): ConlluSentence[] {
  const out: ConlluSentence[] = [];
  let comments: string[] = [];
  let words: ConlluWord[] = [];
  let multiword: MultiWordToken[] = [];
  const flush = () => {
    if (words.length > 0) out.push({ comments, words, multiword });
    comments = [];
    words = [];
    multiword = [];
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return flush();
    if (line.startsWith('#')) return void comments.push(line.replace(/^#\s?/, ''));
    const cols = line.split('\t');
    if (cols.length < 2) throw new Error(`${name}:${i + 1}: expected tab-separated columns, found ${JSON.stringify(line.slice(0, 40))}`);
    const id = cols[0]!;
    if (/^\d+\.\d+$/.test(id)) return;
    const range = /^(\d+)-(\d+)$/.exec(id);
    if (range) return void multiword.push({ first: Number(range[1]), last: Number(range[2]), form: cols[1]!, misc: blank(cols[9]) });
    if (!/^\d+$/.test(id)) throw new Error(`${name}:${i + 1}: bad word id ${JSON.stringify(id)}`);
    if (Number(id) !== words.length + 1) throw new Error(`${name}:${i + 1}: word id ${id} out of sequence (expected ${words.length + 1})`);
    const headText = blank(cols[6]);
    if (headText !== '' && !/^\d+$/.test(headText)) throw new Error(`${name}:${i + 1}: bad head ${JSON.stringify(headText)}`);
    words.push({
      form: cols[1]!,
      lemma: blank(cols[2]),
      upos: blank(cols[3]),
      xpos: blank(cols[4]),
      feats: blank(cols[5]),
      head: headText === '' ? -1 : Number(headText),
      deprel: blank(cols[7]),
      misc: blank(cols[9]),
    });
  });
  flush();
  return out;
}

const col = (v: string) => (v === '' ? '_' : v);

/** CoNLL-U text of parsed sentences: ID FORM LEMMA UPOS XPOS _ HEAD DEPREL _ _ (MISC kept), multi-word token lines kept. */
export function formatConllu(sentences: readonly ConlluSentence[]): string {
  const out: string[] = [];
  for (const s of sentences) {
    for (const c of s.comments) out.push(`# ${c}`);
    const ranges = new Map(s.multiword.map((m) => [m.first, m]));
    s.words.forEach((w, i) => {
      const mwt = ranges.get(i + 1);
      if (mwt) out.push([`${mwt.first}-${mwt.last}`, mwt.form, '_', '_', '_', '_', '_', '_', '_', col(mwt.misc)].join('\t'));
      out.push([String(i + 1), w.form, col(w.lemma), col(w.upos), col(w.xpos), '_', w.head < 0 ? '_' : String(w.head), col(w.deprel), '_', col(w.misc)].join('\t'));
    });
    out.push('');
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
