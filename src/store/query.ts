/**
 * The user's search query, made safe.
 *
 * People type words and "quoted phrases"; they also paste headlines with
 * colons, stray quotes, asterisks and parentheses. Full-text engines give such
 * characters meaning (FTS5: `AND`, `NEAR(`, `*`, `col:`, `^`; PostgreSQL
 * tsquery: `&`, `|`, `!`, `:*`), and an unbalanced one is a syntax error. So the
 * query is reduced to what it means to a reader, a list of terms, each a run
 * of word tokens that must appear together, and each adapter renders the terms
 * in its own syntax with every token quoted. Operator words become plain words.
 */


/**
 * Private-use characters that mark highlighted matches in snippets coming out
 * of the database. The full-text index sees these characters in article text
 * replaced by U+FFFD, so a marker in a snippet is always one the database put
 * there.
 */
export const HIGHLIGHT_OPEN = '\uE000';
export const HIGHLIGHT_CLOSE = '\uE001';

/** Word tokens that must appear, in this order and adjacent. A single token is a plain word. */
export interface SearchTerm {
  readonly tokens: readonly string[];
}

/** Letters, digits and combining marks: what full-text tokenizers keep as word characters. */
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

function tokensOf(fragment: string): string[] {
  return fragment.normalize('NFC').toLowerCase().match(TOKEN) ?? [];
}

/**
 * Splits a query into terms: each "quoted phrase" is one term (an unclosed
 * quote runs to the end), each other word is one term. A word with inner
 * punctuation ("al-Assad", "U.S.") is a term of adjacent tokens, matching how
 * the text was indexed. Repeated terms appear once; a query with no word
 * characters has no terms.
 */
export function parseSearchQuery(query: string): SearchTerm[] {
  const fragments: string[] = [];
  const parts = query.split('"');
  parts.forEach((part, i) => {
    // Odd parts were inside quotes: one phrase each. Even parts are loose words.
    if (i % 2 === 1) fragments.push(part);
    else fragments.push(...part.split(/\s+/u));
  });
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  for (const fragment of fragments) {
    const tokens = tokensOf(fragment);
    const key = tokens.join(' ');
    if (tokens.length === 0 || seen.has(key)) continue;
    seen.add(key);
    terms.push({ tokens });
  }
  return terms;
}

/**
 * FTS5 MATCH syntax: every term a double-quoted string (a phrase, or a single
 * token), all terms required. Tokens hold only word characters, so no quote
 * can close the string early and no operator survives.
 */
export function toFts5Match(terms: readonly SearchTerm[]): string {
  return terms.map((term) => `"${term.tokens.join(' ')}"`).join(' ');
}

/**
 * PostgreSQL websearch_to_tsquery syntax: every term a double-quoted phrase
 * (a single token is a one-word phrase), all terms required. It is the FTS5
 * rendering, and safe for the same reason: tokens hold only word characters,
 * so no quote, `-` or `or` can act as an operator.
 */
export function toWebSearchQuery(terms: readonly SearchTerm[]): string {
  return toFts5Match(terms);
}

export interface Snippet {
  readonly text: string;
  readonly highlights: readonly { start: number; end: number }[];
}

/**
 * Turns a snippet whose matches are wrapped in HIGHLIGHT_OPEN/HIGHLIGHT_CLOSE
 * into plain text and the highlighted ranges (UTF-16 offsets into that text,
 * end exclusive). Unbalanced markers are tolerated: a stray close is dropped,
 * an unclosed open runs to the end.
 */
export function parseMarkedSnippet(marked: string): Snippet {
  let text = '';
  const highlights: { start: number; end: number }[] = [];
  let openAt: number | null = null;
  for (const part of marked.split(new RegExp(`([${HIGHLIGHT_OPEN}${HIGHLIGHT_CLOSE}])`, 'u'))) {
    if (part === HIGHLIGHT_OPEN) {
      openAt ??= text.length;
    } else if (part === HIGHLIGHT_CLOSE) {
      if (openAt !== null && text.length > openAt) highlights.push({ start: openAt, end: text.length });
      openAt = null;
    } else {
      text += part;
    }
  }
  if (openAt !== null && text.length > openAt) highlights.push({ start: openAt, end: text.length });
  return { text, highlights };
}
