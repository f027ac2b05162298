/** `#/entities`: people, organisations, places and groups across all articles, by name and type. */
import { useEffect, useState, type FormEvent } from 'react';
import type { EntitySummary, Page } from '../../../src/serve/api.js';
import { useApi } from '../api.js';
import { typeClass } from '../annotations.js';
import { count } from '../format.js';
import { entityHref, withQuery } from '../routes.js';
import { Empty, Loaded, Pager, useTitle } from '../ui.js';

const PAGE_SIZE = 50;
const ENTITY_TYPES: readonly [string, string][] = [
  ['PERSON', 'Person'],
  ['ORG', 'Organisation'],
  ['GPE', 'Country, city, state'],
  ['LOC', 'Location'],
  ['NORP', 'Group, nationality'],
  ['FAC', 'Facility'],
  ['EVENT', 'Event'],
];

/** A choice of entity type; `none` labels the empty choice ("any type", "same as now"). */
export function EntityTypeSelect({ value, none, onChange }: { value: string; none: string; onChange: (type: string) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{none}</option>
      {ENTITY_TYPES.map(([t, label]) => (
        <option key={t} value={t}>
          {label}
        </option>
      ))}
    </select>
  );
}

export function EntityList({ q, type, offset }: { q: string; type: string; offset: number }) {
  useTitle('Entities');
  const [draft, setDraft] = useState({ q, type });
  useEffect(() => setDraft({ q, type }), [q, type]);
  const entities = useApi<Page<EntitySummary>>(withQuery('/api/entities', { q, type, limit: PAGE_SIZE, offset }));
  const href = (params: { q: string; type: string }, o = 0) => withQuery('#/entities', { ...params, offset: o });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    window.location.hash = href({ q: draft.q.trim(), type: draft.type });
  };
  return (
    <>
      <h1>Entities</h1>
      <form className="filters" role="search" aria-label="Filter entities" onSubmit={submit}>
        <label>
          <span>Name or alias</span>
          <input type="search" value={draft.q} maxLength={200} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </label>
        <label>
          <span>Type</span>
          <EntityTypeSelect value={draft.type} none="any type" onChange={(t) => setDraft({ ...draft, type: t })} />
        </label>
        <div className="filter-actions">
          <button type="submit">Apply</button>
          {(q || type) && <a href="#/entities">Clear</a>}
        </div>
      </form>
      <Loaded state={entities} what="entities" reload={entities.reload}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{q || type ? 'No entity matches. Try part of a name, or any type.' : <>No entities yet: <a href="#/ingest">ingest articles</a> first.</>}</Empty>
          ) : (
            <>
              <p className="muted">{count(page.total, 'entity', 'entities')}</p>
              <div className="table-wrap">
                <table className="dense">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Type</th>
                      <th scope="col">Also written</th>
                      <th scope="col" className="num">
                        Articles
                      </th>
                      <th scope="col" className="num">
                        Mentions
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((e) => (
                      <tr key={e.id}>
                        <th scope="row">
                          <span className={`swatch ${typeClass(e.type)}`} aria-hidden="true" /> <a href={entityHref(e.id)}>{e.name}</a>
                        </th>
                        <td className="small">{e.type}</td>
                        <td className="small">{e.aliases.filter((a) => a !== e.name).join(', ')}</td>
                        <td className="num">{e.articles}</td>
                        <td className="num">{e.mentions}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager total={page.total} limit={page.limit} offset={page.offset} label="Entity" href={(o) => href({ q, type }, o)} />
            </>
          )
        }
      </Loaded>
    </>
  );
}
