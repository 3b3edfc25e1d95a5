import { FollowState, PublicMatterNumber } from '@fengqiao/shared';
import type { FastifyReply } from 'fastify';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { follow, followState, unfollow } from './follows.js';

const tags = ['public 公开诉求'];

/** Follow state is the caller's own: never kept by a shared cache. */
const personal = (reply: FastifyReply) => reply.header('cache-control', 'private, no-store');

export const publicFollowRoutes: ApiModule = (app, deps) => {
  app.get('/api/public/matters/:number/follow', {
    config: { policy: 'public.follow' },
    schema: { tags, summary: 'Whether the caller follows a public post (关注), and how many do', params: PublicMatterNumber, response: { 200: FollowState } },
    handler: (req, reply) => {
      personal(reply);
      return followState(ctxOf(req, deps), req.params.number);
    },
  });
  app.put('/api/public/matters/:number/follow', {
    config: { policy: 'public.follow' },
    schema: { tags, summary: 'Follow a public post (repeating it changes nothing)', params: PublicMatterNumber, response: { 200: FollowState } },
    handler: (req, reply) => {
      personal(reply);
      return follow(ctxOf(req, deps), req.params.number);
    },
  });
  app.delete('/api/public/matters/:number/follow', {
    config: { policy: 'public.follow' },
    schema: { tags, summary: 'Stop following a public post (repeating it changes nothing)', params: PublicMatterNumber, response: { 200: FollowState } },
    handler: (req, reply) => {
      personal(reply);
      return unfollow(ctxOf(req, deps), req.params.number);
    },
  });
};
