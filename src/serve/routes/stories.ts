/** Storylines: the list (with activity for sparklines) and one storyline's full view. */
import type { FastifyInstance } from 'fastify';
import type { ArticleRecord } from '../../core/record.js';
import { entityGraph } from '../../stories/graph.js';
import { listingMatches, type StoryListing } from '../../stories/listing.js';
import { refreshStoryListings, storylineKeys } from '../../stories/listings.js';
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
 * The story list comes from the rows the store keeps (stories/listings.ts).
 * A storyline's full view is built from its members' records on request and
 * kept while its members and the corrections stay the same.
 */
class StoryCache {
  private readonly detailCache = new Map<string, { key: string; value: StoryDetail }>();

  constructor(private readonly store: Store) {}

  /** Storyline id -> (event id -> article ids), and the cache key of each storyline. */
  lines(): ReturnType<typeof storylineKeys> {
    return storylineKeys(this.store);
  }

  /** The stored story-list rows; those whose members or corrections changed are rebuilt and saved. */
  async listings(): Promise<StoryListing[]> {
    return (await refreshStoryListings(this.store)).listings;
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
  // The story list is the first page anyone opens: rows a store written before they were kept (or changed by a
  // correction) are rebuilt once the server listens, in the background, not on that request.
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
