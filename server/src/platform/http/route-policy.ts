import type { Action } from '@fengqiao/shared';

/**
 * Every /api route declares its policy in `config.policy`; the app refuses to start with a route
 * that lacks one, so a new route without a decision fails every test.
 * - 'public': anyone (health, login, docs)
 * - 'authenticated': any logged-in user (me, logout)
 * - an Action: the policy module's role grants decide; services then check record scope.
 */
export type RoutePolicy = 'public' | 'authenticated' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}
