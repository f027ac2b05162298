/**
 * Hash routes: the page is one document, and `#/path?query` says which view
 * it shows, so every view has a link that can be shared and reloaded. Ids go
 * into hrefs through encodeURIComponent and come out through a decode that
 * never throws.
 */

/** A character range of an article's text to mark in the reader. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface ArticleFilters {
  readonly outlet: string;
  readonly from: string;
  readonly to: string;
  readonly entity: string;
  readonly place: string;
  readonly story: string;
}

export type Route =
  | { readonly name: 'stories'; readonly q: string; readonly offset: number }
  | { readonly name: 'story'; readonly id: string }
  | { readonly name: 'articles'; readonly filters: ArticleFilters; readonly offset: number }
  | { readonly name: 'article'; readonly id: string; readonly hl: Range | null }
  | { readonly name: 'entities'; readonly q: string; readonly type: string; readonly offset: number }
  | { readonly name: 'entity'; readonly id: string; readonly offset: number }
  | { readonly name: 'search'; readonly q: string; readonly offset: number }
  | { readonly name: 'ingest' }
  | { readonly name: 'corrections' }
  | { readonly name: 'not-found'; readonly path: string };

export const FILTER_KEYS: readonly (keyof ArticleFilters)[] = ['outlet', 'from', 'to', 'entity', 'place', 'story'];

/** decodeURIComponent that keeps a malformed escape as written instead of throwing. */
function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** A non-negative integer from a query value, else 0. */
function offsetOf(value: string | null): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** `hl=start-end` with start < end, else null. */
export function parseRange(value: string | null): Range | null {
  const m = /^(\d{1,9})-(\d{1,9})$/.exec(value ?? '');
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return start < end ? { start, end } : null;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split(/\?(.*)/s, 2);
  const query = new URLSearchParams(queryPart);
  const text = (key: string) => query.get(key)?.trim() ?? '';
  const parts = pathPart.split('/').filter((p) => p !== '').map(decode);
  const [head, id, ...rest] = parts;
  if (rest.length > 0) return { name: 'not-found', path: pathPart };
  switch (head) {
    case undefined:
      return { name: 'stories', q: text('q'), offset: offsetOf(query.get('offset')) };
    case 'stories':
      return id === undefined ? { name: 'stories', q: text('q'), offset: offsetOf(query.get('offset')) } : { name: 'story', id };
    case 'articles':
      if (id !== undefined) return { name: 'article', id, hl: parseRange(query.get('hl')) };
      return {
        name: 'articles',
        filters: { outlet: text('outlet'), from: text('from'), to: text('to'), entity: text('entity'), place: text('place'), story: text('story') },
        offset: offsetOf(query.get('offset')),
      };
    case 'entities':
      if (id !== undefined) return { name: 'entity', id, offset: offsetOf(query.get('offset')) };
      return { name: 'entities', q: text('q'), type: text('type'), offset: offsetOf(query.get('offset')) };
    case 'search':
      return id === undefined ? { name: 'search', q: text('q'), offset: offsetOf(query.get('offset')) } : { name: 'not-found', path: pathPart };
    case 'ingest':
    case 'corrections':
      return id === undefined ? { name: head } : { name: 'not-found', path: pathPart };
    default:
      return { name: 'not-found', path: pathPart };
  }
}

/** `path?query` with empty values (and zero offsets) left out. */
export function withQuery(path: string, params: Readonly<Record<string, string | number | null | undefined>>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '' || value === 0) continue;
    query.set(key, String(value));
  }
  const encoded = query.toString();
  return encoded ? `${path}?${encoded}` : path;
}

export const storyHref = (id: string) => `#/stories/${encodeURIComponent(id)}`;
export const entityHref = (id: string) => `#/entities/${encodeURIComponent(id)}`;
export const articleHref = (id: string, hl?: Range) => withQuery(`#/articles/${encodeURIComponent(id)}`, { hl: hl ? `${hl.start}-${hl.end}` : null });
export const articlesHref = (filters: Partial<ArticleFilters>, offset = 0) => withQuery('#/articles', { ...filters, offset });
export const searchHref = (q: string, offset = 0) => withQuery('#/search', { q, offset });
export const rawHref = (id: string) => `/api/articles/${encodeURIComponent(id)}/raw`;
