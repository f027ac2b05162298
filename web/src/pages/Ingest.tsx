/**
 * `#/ingest`: paste text, HTML or a feed, give a page or feed URL, or upload a
 * file; the server answers with a job, polled until it is done.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ArticleDetail, IngestRequest, Job } from '../../../src/serve/api.js';
import { getJson, messageOf, sendJson, useApi } from '../api.js';
import { fileKind } from '../format.js';
import { articleHref } from '../routes.js';
import { ErrorNote, useTitle } from '../ui.js';

const POLL_MS = 400;
/** Stored articles listed by title after a job; the rest by count only. */
const LISTED = 50;

type Source = 'text' | 'html' | 'feed-xml' | 'url' | 'feed-url';

const SOURCES: readonly { source: Source; label: string; hint: string }[] = [
  { source: 'text', label: 'Text', hint: 'Paste the article text: a headline line, a dateline and the body work best.' },
  { source: 'html', label: 'HTML source', hint: 'Paste the HTML of a saved article page.' },
  { source: 'feed-xml', label: 'Feed XML', hint: 'Paste an RSS or Atom document.' },
  { source: 'url', label: 'Page URL', hint: 'The server fetches the page.' },
  { source: 'feed-url', label: 'Feed URL', hint: 'The server fetches the feed and every item in it.' },
];

/** The request body for what was typed. */
function ingestRequest(source: Source, value: string): IngestRequest {
  switch (source) {
    case 'text':
      return { kind: 'text', content: value };
    case 'html':
      return { kind: 'html', content: value };
    case 'feed-xml':
      return { kind: 'feed', content: value };
    case 'url':
      return { kind: 'url', url: value.trim() };
    case 'feed-url':
      return { kind: 'feed', url: value.trim() };
  }
}

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new Error(`Could not read ${file.name}.`));
    reader.readAsText(file);
  });
}

/** Polls a job until it is done or failed. */
function useJob(id: string | null): { job: Job | null; error: string | null } {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (id === null) return;
    let timer = 0;
    let stopped = false;
    const poll = async () => {
      try {
        const next = await getJson<Job>(`/api/jobs/${encodeURIComponent(id)}`);
        if (stopped) return;
        setJob(next);
        if (next.status === 'queued' || next.status === 'running') timer = window.setTimeout(() => void poll(), POLL_MS);
      } catch (err) {
        if (!stopped) setError(messageOf(err));
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [id]);
  return { job, error };
}

function ArticleTitle({ id }: { id: string }) {
  const article = useApi<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`);
  const r = article.data?.record;
  return <a href={articleHref(id)}>{r ? (r.title ?? r.input) : id}</a>;
}

function JobView({ job }: { job: Job }) {
  const running = job.status === 'queued' || job.status === 'running';
  const { counts } = job;
  return (
    <section className="job" aria-live="polite" aria-labelledby="job-h">
      <h2 id="job-h">{running ? 'Ingesting…' : job.status === 'done' ? 'Done' : 'Failed'}</h2>
      <p className="small">
        <code>{job.input}</code>
      </p>
      <label className="progress-line">
        <progress data-testid="ingest-progress" value={job.total === null && running ? undefined : job.done} max={job.total ?? Math.max(job.done, 1)} />
        <span>
          {job.done}
          {job.total !== null && ` of ${job.total}`} read · {counts.new} new · {counts.unchanged} unchanged · {counts.duplicate} duplicates · {counts.failed} failed
        </span>
      </label>
      {job.articles.length > 0 && (
        <>
          <h3>Articles</h3>
          <ul>
            {job.articles.slice(0, LISTED).map((id) => (
              <li key={id}>
                <ArticleTitle id={id} />
              </li>
            ))}
          </ul>
          {job.articles.length > LISTED && <p className="muted small">and {job.articles.length - LISTED} more: see the article list.</p>}
        </>
      )}
      {job.errors.length > 0 && (
        <>
          <h3>Errors</h3>
          <ul className="errors">
            {job.errors.map((e, i) => (
              <li key={i}>
                <code>{e.input}</code>: {e.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {!running && job.status === 'done' && job.articles.length === 0 && job.errors.length === 0 && <p className="empty">Nothing was stored: the input held no article.</p>}
    </section>
  );
}

export function Ingest() {
  useTitle('Ingest');
  const [source, setSource] = useState<Source>('text');
  const [value, setValue] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const { job, error: pollError } = useJob(jobId);
  const running = sending || job?.status === 'queued' || job?.status === 'running';
  const isUrl = source === 'url' || source === 'feed-url';
  const hint = SOURCES.find((s) => s.source === source)?.hint;

  const submit = async (body: IngestRequest) => {
    setSending(true);
    setError(null);
    try {
      const started = await sendJson<Job>('POST', '/api/ingest', body);
      setJobId(started.id);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSending(false);
    }
  };
  const submitTyped = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) void submit(ingestRequest(source, value));
  };
  const submitFile = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    try {
      const content = await readFile(file);
      if (!content.trim()) throw new Error(`${file.name} is empty.`);
      await submit({ kind: fileKind(file.name), content, name: file.name });
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <>
      <h1>Ingest</h1>
      <div className="ingest-forms">
        <form className="ingest" onSubmit={submitTyped}>
          <fieldset className="segmented">
            <legend>Source</legend>
            {SOURCES.map((s) => (
              <label key={s.source}>
                <input type="radio" name="source" value={s.source} checked={source === s.source} onChange={() => setSource(s.source)} /> {s.label}
              </label>
            ))}
          </fieldset>
          <label htmlFor="ingest-value" className="small muted">
            {hint}
          </label>
          {isUrl ? (
            <input id="ingest-value" type="url" placeholder="https://" value={value} maxLength={2000} onChange={(e) => setValue(e.target.value)} />
          ) : (
            <textarea id="ingest-value" rows={12} value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} />
          )}
          <button type="submit" disabled={running || !value.trim()}>
            Ingest
          </button>
        </form>
        <form className="ingest" onSubmit={(e) => void submitFile(e)}>
          <h2>Or upload a file</h2>
          <p className="small muted">.html and .htm are read as pages, .xml, .rss and .atom as feeds, anything else as text.</p>
          <input type="file" aria-label="File to ingest" accept=".txt,.text,.md,.html,.htm,.xml,.rss,.atom,text/*" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <button type="submit" disabled={running || !file}>
            Ingest file
          </button>
        </form>
      </div>
      {error && <ErrorNote message={error} />}
      {pollError && <ErrorNote message={`Lost track of the job: ${pollError}`} />}
      {sending && !job && <p role="status">Sending…</p>}
      {job && <JobView job={job} />}
    </>
  );
}
