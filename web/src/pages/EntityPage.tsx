/**
 * `#/entities/:id`: one entity, the articles naming it, and the corrections
 * that shape it: merging another entity into it, or splitting some of its
 * names off into a new one.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { EntityDetail, EntitySummary, Page } from '../../../src/serve/api.js';
import { messageOf, sendJson, useApi } from '../api.js';
import { typeClass } from '../annotations.js';
import { count } from '../format.js';
import { articlesHref, entityHref, withQuery } from '../routes.js';
import { ErrorNote, Loaded, Pager, useTitle } from '../ui.js';
import { ArticleTable } from './ArticleList.js';
import { EntityTypeSelect } from './EntityList.js';

const PAGE_SIZE = 25;
const SUGGESTIONS = 8;
/** Wait this long after typing stops before asking for suggestions. */
const SUGGEST_DELAY_MS = 200;

/** Entity ids the server accepts. */
const ID_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/** Posts one correction; reports failure as a problem detail. */
function useCorrection(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const post = async (body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await sendJson('POST', '/api/corrections', body);
      onDone();
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, post };
}

function MergeForm({ entity, onDone }: { entity: EntityDetail; onDone: () => void }) {
  const [from, setFrom] = useState('');
  const [query, setQuery] = useState('');
  const { busy, error, post } = useCorrection(onDone);
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(from.trim()), SUGGEST_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [from]);
  const suggestions = useApi<Page<EntitySummary>>(query ? withQuery('/api/entities', { q: query, limit: SUGGESTIONS }) : null);
  const options = query && suggestions.data ? suggestions.data.items.filter((e) => e.id !== entity.id) : [];
  const id = from.trim();
  const invalid = id !== '' && !ID_PATTERN.test(id);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!id || invalid || id === entity.id) return;
    if (await post({ kind: 'merge-entities', from: id, into: entity.id })) setFrom('');
  };
  return (
    <form className="correction-form" onSubmit={(e) => void submit(e)}>
      <h3>Merge another entity into this one</h3>
      <p className="muted small">Every mention of the other entity, in every article, becomes a mention of {entity.name}. Undo it on the Corrections page.</p>
      <label htmlFor="merge-from">Id of the other entity</label>
      <div className="row">
        <input id="merge-from" data-testid="merge-from" list="merge-suggestions" value={from} maxLength={200} autoComplete="off" aria-invalid={invalid} onChange={(e) => setFrom(e.target.value)} />
        <datalist id="merge-suggestions">
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {`${o.name} · ${o.type} · ${count(o.articles, 'article')}`}
            </option>
          ))}
        </datalist>
        <button type="submit" data-testid="merge-submit" disabled={busy || !id || invalid || id === entity.id}>
          Merge
        </button>
      </div>
      {invalid && <p className="small error-text">An entity id has only letters, digits and . _ : -</p>}
      {id === entity.id && <p className="small error-text">That is this entity.</p>}
      {error && <ErrorNote message={error} />}
    </form>
  );
}

function SplitForm({ entity, onDone }: { entity: EntityDetail; onDone: () => void }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [newId, setNewId] = useState('');
  const [newType, setNewType] = useState('');
  const { busy, error, post } = useCorrection(onDone);
  const aliases = [...new Set([entity.name, ...entity.aliases])];
  if (aliases.length < 2)
    return (
      <div className="correction-form">
        <h3>Split</h3>
        <p className="muted small">Only one name is known for this entity, so there is nothing to split off.</p>
      </div>
    );
  const toggle = (alias: string) => {
    const next = new Set(chosen);
    if (!next.delete(alias)) next.add(alias);
    setChosen(next);
  };
  const idInvalid = newId.trim() !== '' && !ID_PATTERN.test(newId.trim());
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (chosen.size === 0 || idInvalid) return;
    const body = { kind: 'split-entity', entity: entity.id, names: [...chosen], ...(newId.trim() ? { newId: newId.trim() } : {}), ...(newType ? { newType } : {}) };
    if (await post(body)) setChosen(new Set());
  };
  return (
    <form className="correction-form" onSubmit={(e) => void submit(e)}>
      <h3>Split</h3>
      <p className="muted small">The mentions written as the names you tick become a new entity (named after the first ticked name).</p>
      <fieldset>
        <legend className="small">Names to move</legend>
        {aliases.map((a) => (
          <label key={a} className="check">
            <input type="checkbox" checked={chosen.has(a)} onChange={() => toggle(a)} /> {a}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <label>
          <span className="small">New id (optional)</span> <input value={newId} maxLength={200} aria-invalid={idInvalid} onChange={(e) => setNewId(e.target.value)} />
        </label>
        <label>
          <span className="small">Type</span>{' '}
          <EntityTypeSelect value={newType} none="same as now" onChange={setNewType} />
        </label>
        <button type="submit" disabled={busy || chosen.size === 0 || idInvalid || chosen.size === aliases.length}>
          Split off
        </button>
      </div>
      {chosen.size === aliases.length && <p className="small error-text">Leave at least one name with this entity.</p>}
      {error && <ErrorNote message={error} />}
    </form>
  );
}

function EntityView({ entity, reload }: { entity: EntityDetail; reload: () => void }) {
  useTitle(entity.name);
  const list = entity.articleList;
  const otherNames = entity.aliases.filter((a) => a !== entity.name);
  return (
    <article>
      <h1>
        <span className={`swatch ${typeClass(entity.type)}`} aria-hidden="true" /> {entity.name}
      </h1>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{entity.id}</code>
        </dd>
        <dt>Type</dt>
        <dd>{entity.type}</dd>
        <dt>Also written</dt>
        <dd>{otherNames.length > 0 ? otherNames.join(', ') : <span className="muted">no other form</span>}</dd>
        <dt>Merged ids</dt>
        <dd>
          {entity.merged.length > 0 ? (
            <ul className="plain">
              {entity.merged.map((m) => (
                <li key={m}>
                  <code>{m}</code>
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
        <dt>Named in</dt>
        <dd>
          {count(entity.articles, 'article')}, {count(entity.mentions, 'mention')} (<a href={articlesHref({ entity: entity.id })}>filter the article list</a>)
        </dd>
      </dl>
      <section aria-labelledby="entity-articles">
        <h2 id="entity-articles">Articles</h2>
        {list.items.length === 0 ? <p className="empty">No stored article names it any more.</p> : <ArticleTable items={list.items} />}
        <Pager total={list.total} limit={list.limit} offset={list.offset} label="Article" href={(o) => withQuery(entityHref(entity.id), { offset: o })} />
      </section>
      <section aria-labelledby="entity-corrections" className="corrections-box">
        <h2 id="entity-corrections">Corrections</h2>
        <MergeForm entity={entity} onDone={reload} />
        <SplitForm entity={entity} onDone={reload} />
      </section>
    </article>
  );
}

export function EntityPage({ id, offset }: { id: string; offset: number }) {
  const entity = useApi<EntityDetail>(withQuery(`/api/entities/${encodeURIComponent(id)}`, { limit: PAGE_SIZE, offset }));
  return (
    <Loaded state={entity} what="the entity" failTitle="Entity not available" reload={entity.reload}>
      {(e) => <EntityView entity={e} reload={entity.reload} />}
    </Loaded>
  );
}
