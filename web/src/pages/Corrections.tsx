/** `#/corrections`: every correction made, newest last, each one undoable. */
import { useState } from 'react';
import type { Correction } from '../../../src/serve/api.js';
import { messageOf, sendJson, useApi } from '../api.js';
import { articleHref, entityHref } from '../routes.js';
import { Empty, ErrorNote, Loaded, useTitle } from '../ui.js';

/** What a correction does, in words, with links to what it is about. */
function Describe({ c }: { c: Correction }) {
  switch (c.kind) {
    case 'merge-entities':
      return (
        <>
          Merge <a href={entityHref(c.from)}>{c.from}</a> into <a href={entityHref(c.into)}>{c.into}</a>
        </>
      );
    case 'split-entity':
      return (
        <>
          Split {c.names.map((n) => `“${n}”`).join(', ')} off <a href={entityHref(c.entity)}>{c.entity}</a>
          {c.newId && <> as {c.newId}</>}
          {c.newType && <> ({c.newType})</>}
        </>
      );
    case 'fix-place':
      return (
        <>
          Place <a href={entityHref(c.entity)}>{c.entity}</a> is {c.place ? `${c.place.name}, ${c.place.country || 'no country'}` : c.gazetteerId}
          {c.article ? (
            <>
              {' '}
              in <a href={articleHref(c.article)}>one article</a>
            </>
          ) : (
            ' everywhere'
          )}
        </>
      );
    case 'reject':
      return (
        <>
          Wrong {c.target}: “{c.text.length > 120 ? `${c.text.slice(0, 120)}…` : c.text}” in <a href={articleHref(c.article)}>this article</a>
        </>
      );
  }
}

export function Corrections() {
  useTitle('Corrections');
  const list = useApi<{ items: readonly Correction[] }>('/api/corrections');
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const remove = async (id: number) => {
    setDeleting(id);
    setError(null);
    try {
      await sendJson('DELETE', `/api/corrections/${encodeURIComponent(String(id))}`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setDeleting(null);
      list.reload();
    }
  };
  return (
    <>
      <h1>Corrections</h1>
      <p className="muted">Corrections are kept apart from the analysis and applied whenever an article is read, so they survive re-processing and re-ingest.</p>
      {error && <ErrorNote message={`Could not delete: ${error}`} />}
      <Loaded state={list} what="corrections" reload={list.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No corrections yet. Mark extracted values as wrong or fix places in the article reader; merge or split entities on an entity’s page.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="dense">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Made</th>
                    <th scope="col">Correction</th>
                    <th scope="col">Note</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.id}>
                      <td className="num">{c.id}</td>
                      <td className="nowrap small">{c.createdAt.replace('T', ' ').slice(0, 16)}</td>
                      <td>
                        <span className="tag">{c.kind}</span> <Describe c={c} />
                      </td>
                      <td className="small">{c.note}</td>
                      <td>
                        <button type="button" className="small-button" disabled={deleting !== null} onClick={() => void remove(c.id)} aria-label={`Delete correction ${c.id}`}>
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}
