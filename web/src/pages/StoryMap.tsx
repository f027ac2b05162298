/**
 * The story's places on a map drawn entirely from local data: the basemap is
 * the world-atlas country outlines (no tile server, which the CSP forbids and
 * a self-hosted tool should not need), markers are circles sized by mentions.
 * Tooltips get DOM text nodes: Leaflet reads a string as HTML.
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';
import type { StoryView } from '../../../src/serve/api.js';
import { drawableCountries } from '../basemap.js';
import { count, markerRadius } from '../format.js';
import { focusPlaces } from '../mapfocus.js';

type Place = StoryView['places'][number];

const topology = countries as unknown as Topology<{ countries: GeometryCollection }>;
const basemap = drawableCountries(feature(topology, topology.objects.countries));

/** A tooltip body built from text nodes only. */
function tooltipFor(place: Place): HTMLElement {
  const box = document.createElement('div');
  const name = document.createElement('strong');
  name.textContent = place.name;
  const detail = document.createElement('div');
  detail.textContent = `${place.country || 'no country'} · ${count(place.articles, 'article')} · ${count(place.mentions, 'mention')}`;
  box.append(name, detail);
  return box;
}

export default function StoryMap({ places }: { places: readonly Place[] }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const map = L.map(container.current, { attributionControl: false, worldCopyJump: true, minZoom: 1, maxZoom: 10 });
    // The view comes first: Leaflet cannot draw vector layers on a map without one.
    const framed = focusPlaces(places);
    if (framed.length > 0) map.fitBounds(L.latLngBounds(framed.map((p) => [p.lat, p.lon])), { padding: [40, 40], maxZoom: 7 });
    else map.setView([20, 0], 1);
    L.geoJSON(basemap, { interactive: false, style: { className: 'basemap-country' } }).addTo(map);
    for (const p of places)
      L.circleMarker([p.lat, p.lon], { radius: markerRadius(p.mentions), className: 'place-marker' })
        .bindTooltip(tooltipFor(p), { direction: 'top' })
        .addTo(map);
    return () => {
      map.remove();
    };
  }, [places]);
  return <div className="story-map" data-testid="story-map" ref={container} role="region" aria-label={`Map of ${count(places.length, 'place')} named in the story; the list beside it has the same places`} />;
}
