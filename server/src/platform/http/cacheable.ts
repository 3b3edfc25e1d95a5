import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** The answer to a matching If-None-Match: no body. */
export const NotModified = z.null().describe('Not modified (the ETag matched)');

/** A strong ETag over the response body. */
export function etagOf(body: unknown): string {
  return `"${crypto.createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

/**
 * Public reads that many people repeat: sends Cache-Control and an ETag, and answers 304 with no
 * body when the client already has this version.
 */
export function sendCacheable<T>(request: FastifyRequest, reply: FastifyReply, body: T, cacheControl: string) {
  if (notModified(request, reply, etagOf(body), cacheControl)) return reply.status(304).send();
  return reply.send(body);
}

/**
 * Sets Cache-Control and the ETag; true when the client's If-None-Match already names this version.
 * Answer that with send() and no payload: a serialized null would go out as "Content-Length: 4" on
 * a 304, and a keep-alive client that trusts it waits for four bytes that never come.
 */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string, cacheControl: string): boolean {
  reply.header('cache-control', cacheControl).header('etag', etag);
  return request.headers['if-none-match'] === etag;
}
