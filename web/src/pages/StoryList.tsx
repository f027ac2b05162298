/** `#/`: the storylines, searchable by words of their titles, actors and places. */
import { useEffect, useState, type FormEvent } from 'react';
import type { Page, StorySummary } from '../../../src/serve/api.js';
import { useApi } from '../api.js';
import { count, dateSpan } from '../format.js';
import { entityHref, storyHref, withQuery } from '../routes.js';
import { Empty, Inline, Loaded, Pager, Sparkline, useTitle } from '../ui.js';

const PAGE_SIZE = 50;
const SHOWN_OUTLETS = 3;

function StoryRow({ story }: { story: StorySummary }) {
  const extra = story.outlets.length - SHOWN_OUTLETS;
  return (
    <tr data-testid="story-row">
      <th scope="row" className="story-title">
        <a href={storyHref(story.id)}>{story.title}</a>
      </th>
      <td className="num">{story.articles}</td>
      <td className="nowrap">{dateSpan(story.start, story.end)}</td>
      <td>
        <Sparkline activity={story.activity} />
      </td>
      <td className="small">
        {story.outlets.slice(0, SHOWN_OUTLETS).join(', ')}
        {extra > 0 && <span className="muted"> +{extra}</span>}
      </td>
      <td className="small">
        <Inline
          items={story.entities.map((e) => (
            <a key={e.id} href={entityHref(e.id)}>
              {e.name}
            </a>
          ))}
        />
        {story.places.length > 0 && <div className="muted">{story.places.join(' · ')}</div>}
      </td>
    </tr>
  );
}

export function StoryList({ q, offset }: { q: string; offset: number }) {
  useTitle(q ? `Stories: ${q}` : 'Stories');
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const stories = useApi<Page<StorySummary>>(withQuery('/api/stories', { limit: PAGE_SIZE, offset, q }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    window.location.hash = withQuery('#/', { q: draft.trim() });
  };
  return (
    <>
      <div className="page-head">
        <h1>Stories</h1>
        <form className="inline-form" role="search" aria-label="Filter stories" onSubmit={submit}>
          <label htmlFor="story-q">Filter</label>
          <input id="story-q" type="search" value={draft} maxLength={500} placeholder="words of title, actors, places" onChange={(e) => setDraft(e.target.value)} />
          <button type="submit">Filter</button>
          {q && <a href="#/">Clear</a>}
        </form>
      </div>
      <Loaded state={stories} what="stories" reload={stories.reload}>
        {(page) =>
          page.items.length === 0 ? (
            q ? (
              <Empty>No story matches “{q}”. Try fewer or other words.</Empty>
            ) : (
              <Empty>
                No stories yet. <a href="#/ingest">Ingest some articles</a>; stories form once related articles are stored.
              </Empty>
            )
          ) : (
            <>
              <p className="muted">{count(page.total, 'story', 'stories')}</p>
              <div className="table-wrap">
                <table className="dense stories">
                  <thead>
                    <tr>
                      <th scope="col">Story</th>
                      <th scope="col" className="num">
                        Articles
                      </th>
                      <th scope="col">Dates</th>
                      <th scope="col">Activity</th>
                      <th scope="col">Outlets</th>
                      <th scope="col">Actors and places</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((s) => (
                      <StoryRow key={s.id} story={s} />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager total={page.total} limit={page.limit} offset={page.offset} label="Story" href={(o) => withQuery('#/', { q, offset: o })} />
            </>
          )
        }
      </Loaded>
    </>
  );
}
