/** `#/search?q=`: full-text search over articles, with the matched words marked in each snippet. */
import type { Page, SearchHit } from '../../../src/serve/api.js';
import { useApi } from '../api.js';
import { count, dayOf } from '../format.js';
import { articleHref, searchHref, withQuery } from '../routes.js';
import { segment } from '../segments.js';
import { Empty, Loaded, Pager, useTitle } from '../ui.js';

const PAGE_SIZE = 20;

/** The snippet as text, with each highlighted range in a <mark>. */
function Snippet({ snippet }: { snippet: SearchHit['snippet'] }) {
  const parts = segment(
    snippet.text,
    snippet.highlights.map((h) => ({ ...h, value: true })),
  );
  return (
    <p className="snippet">
      {parts.map((p) => (p.marks.length > 0 ? <mark key={p.start}>{p.text}</mark> : <span key={p.start}>{p.text}</span>))}
    </p>
  );
}

export function SearchPage({ q, offset }: { q: string; offset: number }) {
  useTitle(q ? `Search: ${q}` : 'Search');
  const hits = useApi<Page<SearchHit>>(q ? withQuery('/api/search', { q, limit: PAGE_SIZE, offset }) : null);
  if (!q)
    return (
      <>
        <h1>Search</h1>
        <Empty>Type words in the search box above to search the full text of every article.</Empty>
      </>
    );
  return (
    <>
      <h1>
        Search: <q>{q}</q>
      </h1>
      <Loaded state={hits} what="results" reload={hits.reload}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No article contains these words. Try fewer words or another spelling.</Empty>
          ) : (
            <>
              <p className="muted">{count(page.total, 'article')}</p>
              <ol className="hits" start={page.offset + 1}>
                {page.items.map((h) => (
                  <li key={h.id}>
                    <a href={articleHref(h.id)} className="hit-title">
                      {h.title ?? h.input}
                    </a>{' '}
                    <span className="muted small">
                      {h.outlet ?? h.domain ?? 'unknown outlet'} · {h.publishedAt ? dayOf(h.publishedAt) : 'undated'}
                    </span>
                    <Snippet snippet={h.snippet} />
                  </li>
                ))}
              </ol>
              <Pager total={page.total} limit={page.limit} offset={page.offset} label="Result" href={(o) => searchHref(q, o)} />
            </>
          )
        }
      </Loaded>
    </>
  );
}
