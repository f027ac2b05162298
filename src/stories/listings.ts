/**
 * The story list as the store keeps it: one row per storyline (listing.ts),
 * stored with the key of the members and corrections it was built from. A
 * row whose key still holds is read back; the others are built from their
 * members' records and saved. Writers (ingest, analyze --db, reprocess, the
 * server's ingest jobs) refresh the list after placing articles, so a server
 * that only reads answers from stored rows.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Store } from '../store/store.js';
import { storyListing, type StoryListing } from './listing.js';
import { groupMembers } from './placement.js';

/** Storyline id -> (event id -> article ids), and each storyline's key: its members and the corrections in force. */
export async function storylineKeys(store: Store): Promise<{ lines: Map<string, Map<string, string[]>>; keyOf: (id: string) => string }> {
  const lines = groupMembers(await store.storyMembers());
  const corrections = await store.corrections();
  const version = `${corrections.length}:${corrections[corrections.length - 1]?.id ?? 0}`;
  const keyOf = (id: string) => `${version}|${[...(lines.get(id)?.values() ?? [])].flat().join(',')}`;
  return { lines, keyOf };
}

/** The same order as the UI shows: newest activity first, then size, then id. */
const newestFirst = (a: StoryListing, b: StoryListing) => (b.end ?? '').localeCompare(a.end ?? '') || b.articles - a.articles || a.id.localeCompare(b.id);

/**
 * Every storyline's row, rebuilding (and saving) only those whose key changed.
 * Between two rebuilt storylines it yields to the event loop, so a server
 * rebuilding a large list keeps answering other requests.
 */
export async function refreshStoryListings(store: Store): Promise<{ listings: StoryListing[]; rebuilt: number }> {
  const { lines, keyOf } = await storylineKeys(store);
  const stored = await store.storyListings();
  const listings: StoryListing[] = [];
  const fresh: { storyline: string; key: string; listing: string }[] = [];
  for (const [id, events] of lines) {
    const key = keyOf(id);
    const have = stored.get(id);
    if (have?.key === key) {
      listings.push(JSON.parse(have.listing) as StoryListing);
      continue;
    }
    const listing = storyListing(id, await store.records([...events.values()].flat()));
    listings.push(listing);
    fresh.push({ storyline: id, key, listing: JSON.stringify(listing) });
    await yieldToEventLoop();
  }
  if (fresh.length > 0 || stored.size !== lines.size) await store.saveStoryListings(fresh, new Set(lines.keys()));
  return { listings: listings.sort(newestFirst), rebuilt: fresh.length };
}
