import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PublicCategory, PublicMatter, PublicMatterNumber, PublicMatterPage, PublicMatterQuery } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { NotModified } from '../../platform/http/cacheable.js';
import { publicReads } from '../../platform/http/public-cache.js';
import { listPublicCategories, listPublicMatters, publicMatter } from './service.js';

const tags = ['public 公开诉求'];
/** The feed changes by the minute: browsers and proxies keep it 30 s, then revalidate with the ETag. */
const PUBLIC_CACHE = 'public, max-age=30';
/** The catalogue changes when an admin edits it, rarely: 5 minutes, like the public contacts. */
const CATALOGUE_CACHE = 'public, max-age=300';

export const publicRoutes: ApiModule = (app, deps) => {
  // Readers share answers for a second, queue for a few database slots and read through their own
  // pool, so they cannot starve staff work.
  const sendPublic = publicReads(deps.config);
  const readerCtx = (req: FastifyRequest) => ({ ...ctxOf(req, deps), db: deps.publicDb });
  app.get('/api/public/matters', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Public feed: matters their reporters made public, personal data redacted (no login)',
      querystring: PublicMatterQuery,
      response: { 200: PublicMatterPage, 304: NotModified },
    },
    handler: (req, reply) => sendPublic(req, reply, () => listPublicMatters(readerCtx(req), req.query), PUBLIC_CACHE),
  });
  app.get('/api/public/matters/:number', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'A public matter’s page by its 工单编号: public steps, official replies and the rating (no login)',
      params: PublicMatterNumber,
      response: { 200: PublicMatter, 304: NotModified },
    },
    handler: (req, reply) => sendPublic(req, reply, () => publicMatter(readerCtx(req), req.params.number), PUBLIC_CACHE),
  });
  app.get('/api/public/categories', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Active categories (code, name, parentCode), parents first, for the feed’s category filter (no login)',
      response: { 200: z.array(PublicCategory), 304: NotModified },
    },
    handler: (req, reply) => sendPublic(req, reply, () => listPublicCategories(readerCtx(req)), CATALOGUE_CACHE),
  });
};
