/** Storylines: the list (with activity for sparklines) and one storyline's full view. */
import type { FastifyInstance } from 'fastify';
import type { ArticleRecord } from '../../core/record.js';
import { entityGraph } from '../../stories/graph.js';
import { listingMatches, storyListing, type StoryListing } from '../../stories/listing.js';
import { groupMembers } from '../../stories/placement.js';
import { buildStory } from '../../stories/story.js';
import type { ArticleSummary, Store } from '../../store/store.js';
import type { StoryDetail } from '../api.js';
import { clampLimit, pageOf, sendProblem } from '../reply.js';
import { articleParamsSchema, storiesQuerySchema, storiesResponseSchema, storyResponseSchema, type ArticleParams, type StoriesQuerystring } from '../schemas.js';

const tags = ['stories'];

const summaryOf = (r: ArticleRecord): ArticleSummary => ({
  id: r.id,
  title: r.title,
  outlet: r.outlet,
  domain: r.domain,
  publishedAt: r.publishedAt,
  input: r.input,
  words: r.text.match(/\S+/gu)?.length ?? 0,
});

/**
 * Story views are built from the members' records on request; they are kept
 * while the storyline's members and the corrections stay the same.
 */
class StoryCache {
  private readonly listingCache = new Map<string, { key: string; value: StoryListing }>();
  private readonly detailCache = new Map<string, { key: string; value: StoryDetail }>();

  constructor(private readonly store: Store) {}

  /** Storyline id -> (event id -> article ids), and the cache key of each storyline. */
  async lines(): Promise<{ lines: Map<string, Map<string, string[]>>; keyOf: (id: string) => string }> {
    const lines = groupMembers(await this.store.storyMembers());
    const corrections = await this.store.corrections();
    const version = `${corrections.length}:${corrections[corrections.length - 1]?.id ?? 0}`;
    const keyOf = (id: string) => `${version}|${[...(lines.get(id)?.values() ?? [])].flat().join(',')}`;
    return { lines, keyOf };
  }

  async listings(): Promise<StoryListing[]> {
    const { lines, keyOf } = await this.lines();
    const out: StoryListing[] = [];
    for (const [id, events] of lines) {
      const key = keyOf(id);
      const cached = this.listingCache.get(id);
      if (cached?.key === key) {
        out.push(cached.value);
        continue;
      }
      const value = storyListing(id, await this.store.records([...events.values()].flat()));
      this.listingCache.set(id, { key, value });
      out.push(value);
    }
    return out.sort((a, b) => (b.end ?? '').localeCompare(a.end ?? '') || b.articles - a.articles || a.id.localeCompare(b.id));
  }

  async detail(id: string): Promise<StoryDetail | null> {
    const { lines, keyOf } = await this.lines();
    const events = lines.get(id);
    if (!events) return null;
    const key = keyOf(id);
    const cached = this.detailCache.get(id);
    if (cached?.key === key) return cached.value;
    const records = await this.store.records([...events.values()].flat());
    const view = buildStory(id, [...events].map(([eventId, articles]) => ({ id: eventId, articles })), records);
    const byId = new Map(records.map((r) => [r.id, r]));
    const value: StoryDetail = {
      ...view,
      articleSummaries: view.articles.flatMap((a) => (byId.has(a) ? [summaryOf(byId.get(a)!)] : [])),
      graph: entityGraph(records),
    };
    this.detailCache.set(id, { key, value });
    return value;
  }
}

export async function storyRoutes(app: FastifyInstance, store: Store): Promise<void> {
  const cache = new StoryCache(store);
  // The story list is the first page anyone opens: build its rows once the server listens, not on that request.
  app.addHook('onListen', async () => {
    setImmediate(() => void cache.listings().catch((err: unknown) => app.log.warn({ err }, 'warming the story list failed')));
  });

  app.get<{ Querystring: StoriesQuerystring }>(
    '/api/stories',
    {
      schema: {
        tags,
        summary: 'Storylines, newest activity first: size, date span, outlets, daily activity, main actors and places',
        querystring: storiesQuerySchema,
        response: storiesResponseSchema,
      },
    },
    async (request) => {
      const { q, limit, offset } = request.query;
      const all = await cache.listings();
      const matching = q && q.trim() !== '' ? all.filter((s) => listingMatches(s, q)) : all;
      return pageOf(matching, clampLimit(limit), offset);
    },
  );

  app.get<{ Params: ArticleParams }>(
    '/api/stories/:id',
    {
      schema: {
        tags,
        summary: 'One storyline: events, summary, timeline, places, entity graph, claims, conflicting figures, outlet comparison',
        params: articleParamsSchema,
        response: storyResponseSchema,
      },
    },
    async (request, reply) => {
      const detail = await cache.detail(request.params.id);
      return detail ?? sendProblem(reply, request, 404, `No storyline with id "${request.params.id}".`);
    },
  );
}
