import { LoginBody, Me, Ok, TokenResponse } from '@fengqiao/shared';
import type { FastifyReply } from 'fastify';
import { ctxOf, type ApiModule, type AppDeps } from '../../platform/http/app.js';
import { SESSION_COOKIE } from '../../platform/http/auth-hooks.js';
import { servedOverTls } from '../../platform/http/security-headers.js';
import { requireActor } from '../../platform/policy/policy.js';
import * as auth from './service.js';

const tags = ['auth 登录'];

export function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    // Secure whenever the client came over TLS (directly or via a trusted proxy), or always when configured.
    secure: deps.config.cookieSecure || servedOverTls(reply.request),
    path: '/',
    expires: expiresAt,
  });
}

export const authRoutes: ApiModule = (app, deps) => {
  app.post('/api/auth/login', {
    config: { policy: 'public' },
    schema: { tags, summary: 'Log in for the web: sets the session cookie; 429 TOO_MANY_ATTEMPTS with Retry-After while this client must wait', body: LoginBody, response: { 200: Me } },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const session = await auth.logIn(ctx, deps.config, req.body, 'cookie', req.ip);
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      return auth.describeMe(ctx, session.userId, session.csrfToken);
    },
  });

  app.post('/api/auth/token', {
    config: { policy: 'public' },
    schema: { tags, summary: 'Log in for API clients: returns a bearer token; 429 TOO_MANY_ATTEMPTS with Retry-After while this client must wait', body: LoginBody, response: { 200: TokenResponse } },
    handler: async (req) => {
      const session = await auth.logIn(ctxOf(req, deps), deps.config, req.body, 'bearer', req.ip);
      return { token: session.token, expiresAt: session.expiresAt.toISOString() };
    },
  });

  app.get('/api/auth/me', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'Who is logged in, their scope and permissions', response: { 200: Me } },
    handler: (req) => auth.describeMe(ctxOf(req, deps), requireActor(req.actor).id, req.session!.csrfToken),
  });

  app.post('/api/auth/logout', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'End this session (cookie or bearer token)', response: { 200: Ok } },
    handler: async (req, reply) => {
      await auth.logOut(ctxOf(req, deps), req.session!.token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });
};
