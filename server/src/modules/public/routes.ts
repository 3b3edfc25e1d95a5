import { PublicMatter, PublicMatterNumber, PublicMatterPage, PublicMatterQuery } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { NotModified, sendCacheable } from '../../platform/http/cacheable.js';
import { listPublicMatters, publicMatter } from './service.js';

const tags = ['public 公开诉求'];
/** The feed changes by the minute: browsers and proxies keep it 30 s, then revalidate with the ETag. */
const PUBLIC_CACHE = 'public, max-age=30';

export const publicRoutes: ApiModule = (app, deps) => {
  app.get('/api/public/matters', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Public feed: matters their reporters made public, personal data redacted (no login)',
      querystring: PublicMatterQuery,
      response: { 200: PublicMatterPage, 304: NotModified },
    },
    handler: async (req, reply) => {
      const body = await listPublicMatters(ctxOf(req, deps), req.query);
      return sendCacheable(req, reply, body, PUBLIC_CACHE);
    },
  });
  app.get('/api/public/matters/:number', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'A public matter’s page by its 工单编号: public steps, official replies and the rating (no login)',
      params: PublicMatterNumber,
      response: { 200: PublicMatter, 304: NotModified },
    },
    handler: async (req, reply) => {
      const body = await publicMatter(ctxOf(req, deps), req.params.number);
      return sendCacheable(req, reply, body, PUBLIC_CACHE);
    },
  });
};
