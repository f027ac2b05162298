/**
 * A sentence's dependency parse, on demand: the reader asks the API to parse
 * one sentence of the article (tagger and parser run on the server) and draws
 * the words with arcs from each head to its dependents, and a table of the
 * same. It is how a user sees why a speaker, an actor or a target was chosen.
 * Everything from the article reaches the page as text or SVG text nodes.
 */
import { useState } from 'react';
import { useApi } from '../api.js';
import { arcLayout, type ParsedWord } from '../arcs.js';
import { Loaded } from '../ui.js';

interface SentenceSyntaxView {
  readonly sentences: number;
  readonly sentence: number;
  readonly text: string;
  readonly words: readonly (ParsedWord & { readonly lemma: string; readonly xpos: string })[];
}

function ArcDiagram({ words }: { words: SentenceSyntaxView['words'] }) {
  const l = arcLayout(words);
  return (
    <div className="parse-diagram">
      <svg width={l.width} height={l.height} role="img" aria-label="Dependency arcs of the sentence">
        {l.arcs.map((a) => {
          const x1 = l.x[a.head]!;
          const x2 = l.x[a.dependent]!;
          const top = l.baseline - 14 - a.level * 22;
          const mid = (x1 + x2) / 2;
          return (
            <g key={a.dependent} className="parse-arc">
              <path d={`M ${x1} ${l.baseline - 14} C ${x1} ${top}, ${x2} ${top}, ${x2} ${l.baseline - 14}`} fill="none" />
              <polygon points={`${x2 - 3},${l.baseline - 20} ${x2 + 3},${l.baseline - 20} ${x2},${l.baseline - 14}`} />
              <text x={mid} y={top + 16} textAnchor="middle" className="parse-label">
                {a.label}
              </text>
            </g>
          );
        })}
        {words.map((w, i) => (
          <g key={i}>
            <text x={l.x[i]} y={l.baseline + 4} textAnchor="middle" className={i === l.root ? 'parse-word parse-root' : 'parse-word'}>
              {w.form}
            </text>
            <text x={l.x[i]} y={l.baseline + 22} textAnchor="middle" className="parse-tag">
              {w.upos}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}

function Parse({ id, sentence, setSentence }: { id: string; sentence: number; setSentence: (n: number) => void }) {
  const state = useApi<SentenceSyntaxView>(`/api/articles/${encodeURIComponent(id)}/syntax?sentence=${sentence}`);
  return (
    <Loaded state={state} what="the parse" failTitle="Parse not available" reload={state.reload}>
      {(p) => (
        <div className="parse">
          <p className="small">
            <button type="button" disabled={p.sentence === 0} onClick={() => setSentence(p.sentence - 1)}>
              ← previous
            </button>{' '}
            Sentence {p.sentence + 1} of {p.sentences}{' '}
            <button type="button" disabled={p.sentence + 1 >= p.sentences} onClick={() => setSentence(p.sentence + 1)}>
              next →
            </button>
          </p>
          <p className="parse-text">{p.text}</p>
          <ArcDiagram words={p.words} />
          <table className="small parse-table">
            <thead>
              <tr>
                <th>word</th>
                <th>lemma</th>
                <th>tag</th>
                <th>relation</th>
                <th>head</th>
              </tr>
            </thead>
            <tbody>
              {p.words.map((w, i) => (
                <tr key={i}>
                  <td>{w.form}</td>
                  <td>{w.lemma}</td>
                  <td>
                    {w.upos} <span className="muted">{w.xpos}</span>
                  </td>
                  <td>{w.deprel}</td>
                  <td>{w.head < 0 ? '—' : p.words[w.head]?.form}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Loaded>
  );
}

/** Closed until asked for: nothing is parsed until the reader opens it. */
export function SentenceParse({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const [sentence, setSentence] = useState(0);
  return (
    <details className="parse-section" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Sentence structure (dependency parse)</summary>
      {open && <Parse id={id} sentence={sentence} setSentence={setSentence} />}
    </details>
  );
}
