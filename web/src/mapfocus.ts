/**
 * Where the story map opens. Fitting every place shows the whole world as
 * soon as a story names "the United States" or "Russia"; an analyst wants the
 * ground where it happens. So the view fits the local places (cities, regions,
 * sites) that carry a real share of the mentions, and falls back to all places
 * when the story names no local one.
 */
export interface MappedPlace {
  readonly lat: number;
  readonly lon: number;
  readonly kind: string;
  readonly mentions: number;
}

/** Place kinds that name an area too large to frame a story's ground. */
const WIDE = new Set(['country', 'continent', 'region', 'sea']);

/** A local place is kept in the view when it has at least this share of the most mentioned local place's mentions. */
const SHARE = 0.1;

export function focusPlaces<T extends MappedPlace>(places: readonly T[]): T[] {
  const local = places.filter((p) => !WIDE.has(p.kind));
  if (local.length === 0) return [...places];
  const top = Math.max(...local.map((p) => p.mentions));
  return local.filter((p) => p.mentions >= top * SHARE);
}
