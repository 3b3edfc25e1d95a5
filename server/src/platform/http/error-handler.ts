import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '@fengqiao/shared';
import { AppError, STATUS_OF, type ErrorDetail } from '../errors.js';

function send(reply: import('fastify').FastifyReply, requestId: string, code: ErrorCode, message: string, details?: ErrorDetail[]) {
  return reply.status(STATUS_OF[code]).send({ error: { code, message, ...(details?.length ? { details } : {}), requestId } });
}

/** "/geometry/coordinates/0" from body → "geometry.coordinates.0"; query and params keep their prefix. */
function fieldPath(context: string | undefined, instancePath: string): string {
  const rest = instancePath.split('/').filter(Boolean).join('.');
  if (context === 'body' || !context) return rest || '(body)';
  return rest ? `${context}.${rest}` : context;
}

/** The one place errors become HTTP answers; database internals never reach the client. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const requestId = request.id;
    if (err instanceof AppError) return send(reply, requestId, err.code, err.message, err.details);
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
    request.log.error({ err }, 'unhandled error');
    return send(reply, requestId, 'INTERNAL', 'Something went wrong on our side; quote the request id when reporting it');
  });

  app.setNotFoundHandler((request, reply) => send(reply, request.id, 'NOT_FOUND', `No API route ${request.method} ${request.url.split('?')[0]}`));
}
