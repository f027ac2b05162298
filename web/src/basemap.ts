/**
 * The map's basemap: world-atlas country outlines made drawable in Web
 * Mercator. Natural Earth cuts a few rings at the antimeridian (Russia, Fiji);
 * drawn as given, their points jump from +180 to -180 and paint bands across
 * the whole map, so each ring is unwrapped to run on continuously past 180.
 * Antarctica is left out: its outline runs along the pole, which Mercator
 * cannot show, and no news story needs it as a backdrop.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** ISO 3166-1 numeric code of Antarctica, the world-atlas feature id. */
const ANTARCTICA = '010';

/** Shifts longitudes by whole turns so no step between neighbours is more than half a turn. */
export function unwrapRing(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const point of ring) {
    const [lon = 0, lat = 0, ...rest] = point;
    const prev = out[out.length - 1]?.[0];
    let x = lon;
    if (prev !== undefined) {
      while (x - prev > 180) x -= 360;
      while (x - prev < -180) x += 360;
    }
    out.push([x, lat, ...rest]);
  }
  return out;
}

function unwrapGeometry(geometry: Geometry): Geometry {
  switch (geometry.type) {
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
    case 'MultiPolygon':
      return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)) };
    default:
      return geometry;
  }
}

export function drawableCountries(countries: FeatureCollection): FeatureCollection {
  const features: Feature[] = countries.features
    .filter((f) => String(f.id) !== ANTARCTICA)
    .map((f) => (f.geometry ? { ...f, geometry: unwrapGeometry(f.geometry) } : f));
  return { ...countries, features };
}
