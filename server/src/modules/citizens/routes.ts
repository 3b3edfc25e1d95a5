import { CitizenCodeRequest, CitizenLoginBody, CitizenPasswordReset, CitizenProfile, CitizenProfilePatch, CitizenRegisterBody, FollowListQuery, FollowPage, Me, Ok } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { setSessionCookie } from '../auth/routes.js';
import { describeMe } from '../auth/service.js';
import { myFollows } from '../public/follows.js';
import * as citizens from './service.js';

const tags = ['citizens 公众账号'];

export const citizenRoutes: ApiModule = (app, deps) => {
  app.post('/api/citizens/codes', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Send a verification code by SMS (1 a minute, 10 a day per number, CODE_SENDS_PER_IP per client); always 202, registered or not',
      body: CitizenCodeRequest,
      response: { 202: Ok },
    },
    handler: async (req, reply) => {
      await citizens.requestCode(ctxOf(req, deps), deps.config, req.body, req.ip);
      return reply.status(202).send({ ok: true as const });
    },
  });

  app.post('/api/citizens/register', {
    config: { policy: 'public' },
    schema: { tags, summary: 'Register a citizen account with a mobile number and code; logs in (session cookie)', body: CitizenRegisterBody, response: { 200: Me } },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const session = await citizens.register(ctx, deps.config, req.body, req.ip);
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      return describeMe(ctx, session.userId, session.csrfToken);
    },
  });

  app.post('/api/citizens/login', {
    config: { policy: 'public' },
    schema: { tags, summary: 'Log in with mobile number and password (session cookie)', body: CitizenLoginBody, response: { 200: Me } },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const session = await citizens.logInByMobile(ctx, deps.config, req.body, req.ip);
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      return describeMe(ctx, session.userId, session.csrfToken);
    },
  });

  app.post('/api/citizens/password-reset', {
    config: { policy: 'public' },
    schema: { tags, summary: 'Set a new password with a reset code; ends all sessions', body: CitizenPasswordReset, response: { 200: Ok } },
    handler: async (req) => {
      await citizens.resetPassword(ctxOf(req, deps), deps.config, req.body, req.ip);
      return { ok: true as const };
    },
  });

  app.get('/api/citizens/me', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: "The citizen's own profile (citizen accounts only)", response: { 200: CitizenProfile } },
    handler: (req) => citizens.getProfile(ctxOf(req, deps)),
  });

  app.patch('/api/citizens/me', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: "Change the citizen's display name", body: CitizenProfilePatch, response: { 200: CitizenProfile } },
    handler: (req) => citizens.updateProfile(ctxOf(req, deps), req.body),
  });

  app.get('/api/citizens/me/follows', {
    config: { policy: 'public.follow' },
    schema: { tags, summary: 'The public posts the caller follows (关注), most recently followed first', querystring: FollowListQuery, response: { 200: FollowPage } },
    handler: (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return myFollows(ctxOf(req, deps), req.query);
    },
  });
};
