import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Open311Key, Open311KeyCreate, Open311KeyCreated } from '@fengqiao/shared';
import { AppError } from '../../platform/errors.js';
import { ctxOf, type ApiModule, type AppDeps } from '../../platform/http/app.js';
import { open311ErrorHandler } from './errors.js';
import { FORMATS, send, sendRead, splitFormat, type Format } from './format.js';
import { createKey, listKeys, revokeKey } from './keys.js';
import { createRequest } from './report.js';
import { discovery, getRequest, getToken, listRequests, serviceDefinition, services } from './service.js';

// Open311 GeoReport v2 under /open311 (outside /api: its own formats, errors and authentication)
// and the admin routes that issue its API keys under /api/open311/keys.

/** Public, no session: reads are open to anyone; POST authenticates by its api_key alone (report.ts). */
const config = { policy: 'public' as const };
/** Kept out of the OpenAPI document, which describes the JSON API; docs/open311.md describes these. */
const schema = { hide: true };
/** The catalogue changes rarely; requests as often as the public feed. */
const CATALOGUE_CACHE = 'public, max-age=300';
const REQUESTS_CACHE = 'public, max-age=30';
/** Form fields are short; a description is at most 4,000 characters. */
const FORM_LIMIT = 64 * 1024;

const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** 'services/{code}.{format}': the id and format, or the 404 of an unknown resource. */
function resource(req: FastifyRequest): { id: string; format: Format } {
  const parsed = splitFormat((req.params as { file: string }).file);
  if (!parsed) throw new AppError('NOT_FOUND', `No Open311 resource ${req.method} ${req.url.split('?')[0]}`);
  return parsed;
}

function open311Api(deps: AppDeps) {
  return async (o: FastifyInstance) => {
    // The specification POSTs application/x-www-form-urlencoded; only this plugin reads it (JSON works too).
    o.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    o.setErrorHandler(open311ErrorHandler);
    const query = (req: FastifyRequest) => req.query as Record<string, unknown>;

    for (const format of FORMATS) {
      o.get(`/discovery.${format}`, { config, schema }, async (req, reply) =>
        sendRead(req, reply, format, 'discovery', await discovery(ctxOf(req, deps), baseUrl(req)), CATALOGUE_CACHE),
      );
      o.get(`/v2/services.${format}`, { config, schema }, async (req, reply) =>
        sendRead(req, reply, format, 'services', await services(ctxOf(req, deps)), CATALOGUE_CACHE),
      );
      o.get(`/v2/requests.${format}`, { config, schema }, async (req, reply) =>
        sendRead(req, reply, format, 'service_requests', await listRequests(ctxOf(req, deps), query(req), baseUrl(req)), REQUESTS_CACHE),
      );
      o.post(`/v2/requests.${format}`, { config, schema }, async (req, reply) =>
        send(reply, 200, format, 'service_requests', await createRequest(ctxOf(req, deps), req.body)),
      );
    }
    o.get('/v2/services/:file', { config, schema }, async (req, reply) => {
      const { id, format } = resource(req);
      return sendRead(req, reply, format, 'service_definition', await serviceDefinition(ctxOf(req, deps), id), CATALOGUE_CACHE);
    });
    o.get('/v2/requests/:file', { config, schema }, async (req, reply) => {
      const { id, format } = resource(req);
      return sendRead(req, reply, format, 'service_requests', await getRequest(ctxOf(req, deps), id, baseUrl(req)), REQUESTS_CACHE);
    });
    o.get('/v2/tokens/:file', { config, schema }, async (req, reply) => {
      const { id, format } = resource(req);
      return sendRead(req, reply, format, 'service_requests', await getToken(ctxOf(req, deps), id), REQUESTS_CACHE);
    });
    // Anything else under /open311 is the specification's 404, in its error format (not the web app's page).
    o.all('/*', { config, schema }, async (req) => {
      throw new AppError('NOT_FOUND', `No Open311 resource ${req.method} ${req.url.split('?')[0]}`);
    });
  };
}

const tags = ['open311 第三方接入'];
const IdParams = z.strictObject({ id: z.string().uuid() });

export const open311Routes: ApiModule = (app, deps) => {
  void app.register(open311Api(deps), { prefix: '/open311' });

  app.get('/api/open311/keys', {
    config: { policy: 'open311.keys' },
    schema: { tags, summary: 'Open311 API keys, newest first (the keys themselves are never shown again)', response: { 200: z.array(Open311Key) } },
    handler: (req) => listKeys(ctxOf(req, deps)),
  });
  app.post('/api/open311/keys', {
    config: { policy: 'open311.keys' },
    schema: { tags, summary: 'Issue an Open311 API key: the answer carries the key, once', body: Open311KeyCreate, response: { 201: Open311KeyCreated } },
    handler: async (req, reply) => reply.status(201).send(await createKey(ctxOf(req, deps), req.body)),
  });
  app.delete('/api/open311/keys/:id', {
    config: { policy: 'open311.keys' },
    schema: { tags, summary: 'Revoke an Open311 API key (final: its requests stay, it creates no more)', params: IdParams, response: { 200: Open311Key } },
    handler: (req) => revokeKey(ctxOf(req, deps), req.params.id),
  });
};
