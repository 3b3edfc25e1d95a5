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
  const etag = etagOf(body);
  reply.header('cache-control', cacheControl).header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
  return reply.send(body);
}
