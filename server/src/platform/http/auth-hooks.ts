import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor } from '../policy/actor.js';
import { authorize, requireActor } from '../policy/policy.js';
import { findSessionActor, type SessionKind } from '../auth/sessions.js';
import type { RoutePolicy } from './route-policy.js';

export const SESSION_COOKIE = 'fq_session';

export interface DeclaredRoute {
  method: string;
  url: string;
  policy: RoutePolicy;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its declared policy (the route × role test walks this). */
    apiRoutes: DeclaredRoute[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: { token: string; kind: SessionKind; csrfToken: string } | null;
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
  return match[1]!;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the actor from a bearer token (API clients) or the session cookie (web), enforces
 * CSRF on cookie-authenticated writes, then applies the route's declared policy.
 */
export function installAuthHooks(app: FastifyInstance, db: Kysely<DB>, clock: Clock): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  const declared: DeclaredRoute[] = [];
  app.decorate('apiRoutes', declared);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (!url.startsWith('/api') || url.startsWith('/api/docs')) return;
    const policy = route.config?.policy;
    if (!policy) throw new Error(`route ${String(route.method)} ${url} declares no policy (config.policy)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') declared.push({ method, url, policy });
  });

  // onRequest: decided before the body is even parsed, so strangers cannot make us parse large bodies.
  app.addHook('onRequest', async (request) => {
    const policy: RoutePolicy | undefined = request.routeOptions.config.policy;
    if (!policy || policy === 'public') return;
    const bearer = bearerToken(request);
    const token = bearer ?? request.cookies[SESSION_COOKIE] ?? null;
    if (token) {
      const found = await findSessionActor(db, token, clock);
      if (found && found.kind === (bearer ? 'bearer' : 'cookie')) {
        request.actor = found.actor;
        request.session = { token, kind: found.kind, csrfToken: found.csrfToken };
      }
    }
    if (request.session?.kind === 'cookie' && UNSAFE.has(request.method)) {
      if (request.headers['x-csrf-token'] !== request.session.csrfToken) {
        throw new AppError('CSRF_FAILED', 'Missing or wrong x-csrf-token header; reload the page and try again');
      }
    }
    if (policy === 'authenticated') requireActor(request.actor);
    else authorize(request.actor, policy);
  });
}
