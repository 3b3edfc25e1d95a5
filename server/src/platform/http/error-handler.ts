import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '@fengqiao/shared';
import { AppError, STATUS_OF, type ErrorDetail } from '../errors.js';
import { percentDecodes } from './input-guard.js';

function send(reply: FastifyReply, requestId: string, code: ErrorCode, message: string, details?: ErrorDetail[]) {
  return reply.status(STATUS_OF[code]).send({ error: { code, message, ...(details?.length ? { details } : {}), requestId } });
}

/** "/geometry/coordinates/0" from body → "geometry.coordinates.0"; query and params keep their prefix. */
function fieldPath(context: string | undefined, instancePath: string): string {
  const rest = instancePath.split('/').filter(Boolean).join('.');
  if (context === 'body' || !context) return rest || '(body)';
  return rest ? `${context}.${rest}` : context;
}

/** SQLSTATE class 22, data exception: a value the database cannot take (out of range, malformed, bad encoding). */
const isDataError = (err: { code?: unknown }) => typeof err.code === 'string' && /^22[0-9A-Z]{3}$/.test(err.code);

/** The path parameter (params.code) of the first segment of `url` that `bad` picks out, as the routes name it. */
function segmentField(method: string, url: string, routes: readonly { method: string; url: string }[], bad: (segment: string) => boolean): string {
  const segments = url.split('?')[0]!.split('/');
  const at = segments.findIndex(bad);
  for (const route of routes) {
    const pattern = route.url.split('/');
    if (route.method !== method || pattern.length !== segments.length || !pattern[at]?.startsWith(':')) continue;
    if (pattern.every((p, i) => p.startsWith(':') || p === segments[i])) return `params.${pattern[at]!.slice(1)}`;
  }
  return 'params';
}

/** find-my-way's default maxParamLength. */
const MAX_PARAM_LENGTH = 100;

/**
 * Fastify's own refusals before routing (Fastify option frameworkErrors), and so before any
 * schema: a path segment that is not UTF-8 once percent-decoded (a lone surrogate sent as
 * %ED%A0%80) or one longer than the router takes. Answered in the error contract, naming the
 * path parameter.
 */
export function answerFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const field = (bad: (segment: string) => boolean) => segmentField(request.method, request.url, request.server.apiRoutes ?? [], bad);
  if (err.code === 'FST_ERR_BAD_URL') {
    const path = field((s) => !percentDecodes(s));
    return send(reply, request.id, 'VALIDATION_FAILED', `Invalid characters in ${path}`, [{ path, message: 'is not valid percent-encoded UTF-8 text' }]);
  }
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const path = field((s) => (percentDecodes(s) ? decodeURIComponent(s) : s).length > MAX_PARAM_LENGTH);
    return send(reply, request.id, 'VALIDATION_FAILED', `Too long: ${path}`, [{ path, message: `at most ${MAX_PARAM_LENGTH} characters` }]);
  }
  request.log.error({ err }, 'framework error');
  return send(reply, request.id, 'INTERNAL', 'Something went wrong on our side; quote the request id when reporting it');
}

/** The one place errors become HTTP answers; database internals never reach the client. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const requestId = request.id;
    if (err instanceof AppError) {
      if (err.retryAfterSeconds) reply.header('retry-after', String(err.retryAfterSeconds));
      return send(reply, requestId, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      // Strict schemas report unknown fields on the object holding them; name each field instead,
      // so the client sees which key to drop.
      const details = err.validation.flatMap((v) => {
        const keys = v.keyword === 'unrecognized_keys' && Array.isArray(v.params?.keys) ? (v.params.keys as unknown[]) : null;
        if (keys) return keys.map((k) => ({ path: fieldPath(err.validationContext, `${v.instancePath}/${String(k)}`), message: 'unknown field' }));
        return [{ path: fieldPath(err.validationContext, v.instancePath), message: v.message ?? 'invalid' }];
      });
      const where = details.map((d) => d.path).join(', ');
      return send(reply, requestId, 'VALIDATION_FAILED', `Invalid input: ${where}`, details);
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, requestId, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, requestId, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, requestId, 'VALIDATION_FAILED', 'The body is not valid JSON');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own 4xx (bad JSON, bad content length …): the message is about the request, safe to show.
      return send(reply, requestId, 'VALIDATION_FAILED', err.message);
    }
    if (isDataError(err)) {
      // A safety net: validation should have named the field; this logs the gap and still answers 400.
      request.log.error({ err }, 'the database refused a value the validation let through');
      return send(reply, requestId, 'VALIDATION_FAILED', 'A value in the request is out of range or malformed (a date, a number or a text); check the fields and try again');
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, requestId, 'INTERNAL', 'Something went wrong on our side; quote the request id when reporting it');
  });

  app.setNotFoundHandler((request, reply) => send(reply, request.id, 'NOT_FOUND', `No API route ${request.method} ${request.url.split('?')[0]}`));
}
