import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { formatOfUrl, send } from './format.js';

// Errors as GeoReport v2 writes them: <errors><error><code/><description/></error></errors> (a
// JSON array of {code, description}), one entry per problem, the code equal to the HTTP status.
// The specification allows three: 404 for what does not exist, 403 for a missing, wrong or
// revoked api_key, and 400 for everything else, including our own failures.

type Open311Error = { code: number; description: string };

function statusOf(err: AppError): 400 | 403 | 404 {
  if (err.code === 'NOT_FOUND') return 404;
  if (err.code === 'FORBIDDEN' || err.code === 'UNAUTHENTICATED') return 403;
  return 400;
}

function entries(status: number, err: AppError): Open311Error[] {
  if (status !== 400 || !err.details?.length) return [{ code: status, description: err.message }];
  return err.details.map((d) => ({ code: 400, description: `${d.path}: ${d.message}` }));
}

export function sendErrors(request: FastifyRequest, reply: FastifyReply, status: number, errors: Open311Error[]) {
  return send(reply, status, formatOfUrl(request.url), 'errors', errors);
}

/** The error handler of the Open311 plugin; like the platform's, it never shows database internals. */
export function open311ErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    const status = statusOf(err);
    return sendErrors(request, reply, status, entries(status, err));
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Fastify's own 4xx (unreadable body, unsupported content type, too large): about the request, safe to show.
    return sendErrors(request, reply, 400, [{ code: 400, description: err.message }]);
  }
  request.log.error({ err }, 'unhandled error');
  return sendErrors(request, reply, 400, [{ code: 400, description: `General service error; quote request id ${request.id} when reporting it` }]);
}
