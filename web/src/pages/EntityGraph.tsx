/**
 * The story's entity co-occurrence graph (cytoscape, drawn on a canvas, so
 * names are painted as text, never parsed). Colours come from the page's CSS
 * variables so the graph follows the light or dark scheme. A text list of the
 * strongest links sits below it for keyboard and screen-reader users.
 */
import { useEffect, useMemo, useRef } from 'react';
import cytoscape from 'cytoscape';
import type { EntityGraph } from '../../../src/serve/api.js';
import { edgeWidth, heaviest, nodeSize } from '../graph.js';
import { entityHref } from '../routes.js';
import { Empty } from '../ui.js';

const MAX_NODES = 40;
const LISTED_LINKS = 15;
const TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

const colourOf = (type: string) => cssVar(`--${TYPES.includes(type) ? type : 'OTHER'}-line`, '#777');

export default function EntityGraphView({ graph }: { graph: EntityGraph }) {
  const container = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => heaviest(graph, MAX_NODES), [graph]);
  useEffect(() => {
    if (!container.current || shown.nodes.length === 0) return;
    const ink = cssVar('--ink', '#222');
    const rule = cssVar('--rule', '#ccc');
    const cy = cytoscape({
      container: container.current,
      elements: [
        ...shown.nodes.map((n) => ({ data: { id: n.id, label: n.name, colour: colourOf(n.type), size: nodeSize(n.mentions) } })),
        ...shown.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, width: edgeWidth(e.weight) } })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            width: 'data(size)',
            height: 'data(size)',
            label: 'data(label)',
            color: ink,
            'font-size': 11,
            'text-valign': 'bottom',
            'text-margin-y': 3,
          },
        },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': rule, 'curve-style': 'haystack' } },
      ],
      layout: { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, padding: 20 },
      minZoom: 0.3,
      maxZoom: 3,
    });
    cy.on('tap', 'node', (event) => {
      window.location.hash = entityHref(String(event.target.id()));
    });
    return () => cy.destroy();
  }, [shown]);
  if (shown.nodes.length === 0) return <Empty>No entity is named in these articles.</Empty>;
  const names = new Map(shown.nodes.map((n) => [n.id, n.name]));
  const links = [...shown.edges].sort((a, b) => b.weight - a.weight).slice(0, LISTED_LINKS);
  return (
    <>
      <div className="entity-graph" data-testid="entity-graph" ref={container} role="img" aria-label={`Graph of ${shown.nodes.length} entities; click one to open it`} />
      <ul className="legend-line small" aria-label="Colours by entity type">
        {TYPES.map((t) => (
          <li key={t}>
            <span className={`swatch ent-${t}`} aria-hidden="true" /> {t}
          </li>
        ))}
      </ul>
      {links.length > 0 && (
        <details>
          <summary>Strongest links as text</summary>
          <ul className="small">
            {links.map((e, i) => (
              <li key={i}>
                <a href={entityHref(e.source)}>{names.get(e.source)}</a> — <a href={entityHref(e.target)}>{names.get(e.target)}</a>: named together in {e.weight}{' '}
                {e.weight === 1 ? 'sentence' : 'sentences'}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
