/** Entities (with their articles) and places (GeoJSON), after corrections. */
import type { FastifyInstance } from 'fastify';
import { storylineArticles } from '../../stories/placement.js';
import type { PlaceListing, Store } from '../../store/store.js';
import type { EntityDetail, PlaceFeatureCollection } from '../api.js';
import { clampLimit, sendProblem } from '../reply.js';
import {
  articleParamsSchema,
  entitiesQuerySchema,
  entitiesResponseSchema,
  entityResponseSchema,
  pageQuerySchema,
  placesQuerySchema,
  placesResponseSchema,
  type ArticleParams,
  type EntitiesQuerystring,
  type PaginationQuery,
  type PlacesQuerystring,
} from '../schemas.js';

/** Places as GeoJSON points ([lon, lat]). */
export function placeFeatures(places: readonly PlaceListing[]): PlaceFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: places.map(({ lat, lon, ...properties }) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties,
    })),
  };
}

export async function entityRoutes(app: FastifyInstance, store: Store): Promise<void> {
  app.get<{ Querystring: EntitiesQuerystring }>(
    '/api/entities',
    {
      schema: {
        tags: ['entities'],
        summary: 'Entities named in the stored articles, most articles first',
        querystring: entitiesQuerySchema,
        response: entitiesResponseSchema,
      },
    },
    async (request) => {
      const { q, type, limit, offset } = request.query;
      return store.entities({ limit: clampLimit(limit), offset, ...(q ? { q } : {}), ...(type ? { type } : {}) });
    },
  );

  app.get<{ Params: ArticleParams; Querystring: PaginationQuery }>(
    '/api/entities/:id',
    {
      schema: {
        tags: ['entities'],
        summary: 'One entity: names, aliases, ids merged into it, and a page of its articles',
        params: articleParamsSchema,
        querystring: pageQuerySchema,
        response: entityResponseSchema,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const entity = await store.entity(id);
      if (!entity) return sendProblem(reply, request, 404, `No stored article names an entity with id "${id}".`);
      const merged = (await store.corrections()).flatMap((c) => (c.kind === 'merge-entities' && c.into === id ? [c.from] : []));
      const articleList = await store.list({ entity: id, limit: clampLimit(request.query.limit), offset: request.query.offset });
      const detail: EntityDetail = { ...entity, merged, articleList };
      return detail;
    },
  );

  app.get<{ Querystring: PlacesQuerystring }>(
    '/api/places',
    {
      schema: {
        tags: ['places'],
        summary: 'Places named in the articles (all, one storyline, or one article) as GeoJSON points',
        querystring: placesQuerySchema,
        response: placesResponseSchema,
      },
    },
    async (request, reply) => {
      const { story, article } = request.query;
      let ids: string[] | undefined;
      if (story !== undefined) {
        ids = await storylineArticles(store, story);
        if (ids.length === 0) return sendProblem(reply, request, 404, `No storyline with id "${story}".`);
      }
      if (article !== undefined) ids = ids === undefined ? [article] : ids.filter((a) => a === article);
      return placeFeatures(await store.places(ids));
    },
  );
}
