import crypto from 'node:crypto';
import fs from 'node:fs';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Ctx } from '../context.js';
import type { FieldCipher } from '../crypto.js';
import type { DatabaseKind } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { installAuthHooks } from './auth-hooks.js';
import { answerFrameworkError, installErrorHandler } from './error-handler.js';
import { installInputGuard } from './input-guard.js';
import { applySecurityHeaders, contentSecurityPolicy, installSecurityHeaders } from './security-headers.js';
import './route-policy.js';

export interface AppDeps {
  config: Config;
  db: Kysely<DB>;
  /** Public pages read through this (platform/db/database.ts PublicPool); only they, and only reads. */
  publicDb: Kysely<DB>;
  dbKind: DatabaseKind;
  clock: Clock;
  cipher: FieldCipher;
}

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
/** A domain module: registers its routes, each declaring its policy. */
export type ApiModule = (app: ZodApp, deps: AppDeps) => void;

/** A use-case context for this request. */
export function ctxOf(request: FastifyRequest, deps: AppDeps): Ctx {
  return { actor: request.actor, requestId: request.id, clock: deps.clock, db: deps.db, cipher: deps.cipher };
}

export async function buildApp(deps: AppDeps, modules: ApiModule[], options: { logger?: boolean } = {}) {
  const csp = contentSecurityPolicy(deps.config.cspImgSources);
  const app = Fastify({
    logger: options.logger === false ? false : { level: deps.config.logLevel },
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9_.-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Only a named proxy may tell us the client's address and scheme (X-Forwarded-For/-Proto): see TRUST_PROXY.
    trustProxy: deps.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
    // Refusals before routing get no onSend hook: they set the security headers themselves.
    frameworkErrors: (err, request, reply) => {
      applySecurityHeaders(request, reply, csp);
      return answerFrameworkError(err, request, reply);
    },
  });
  // The API speaks JSON only: without this, Fastify's built-in text/plain parser would hand a
  // string to the body schema (400 "expected object") instead of answering 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installSecurityHeaders(app, csp);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Fengqiao 枫桥 API',
        description:
          'City-level social governance platform. Authenticate with the session cookie from POST /api/auth/login ' +
          '(writes then need the x-csrf-token header) or with "Authorization: Bearer <token>" from POST /api/auth/token.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'fq_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installErrorHandler(app);
  installAuthHooks(app, deps.db, deps.clock);
  installInputGuard(app);

  await app.register(async (api) => {
    const typed = api.withTypeProvider<ZodTypeProvider>();
    for (const register of modules) register(typed, deps);
  });

  await serveWeb(app, deps.config.webDist);
  return app;
}

/** The built web app, with index.html for client-side routes; unknown /api paths stay JSON 404s. */
async function serveWeb(app: FastifyInstance, webDist: string): Promise<void> {
  const index = `${webDist}/index.html`;
  if (!fs.existsSync(index)) return;
  await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  app.get('/*', { config: { policy: 'public' } }, (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No API route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id } });
    }
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
}
