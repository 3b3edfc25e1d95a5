import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.js';
import { contentDisposition } from './media.js';
import type { BlobStore } from './storage.js';

/**
 * Sends a stored blob: the sha256 is its strong ETag (content-addressed bytes never change), a
 * matching If-None-Match gets a 304, and the browser is told not to guess the type.
 */
export async function sendBlob(
  store: BlobStore,
  req: FastifyRequest,
  reply: FastifyReply,
  blob: { sha: string; mime: string; name: string; cacheControl: string },
) {
  const etag = `"${blob.sha}"`;
  reply.header('cache-control', blob.cacheControl).header('etag', etag).header('x-content-type-options', 'nosniff');
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  if (!(await store.has(blob.sha))) {
    req.log.error({ sha: blob.sha }, 'file content missing from the blob store');
    throw notFound('File');
  }
  return reply.type(blob.mime).header('content-disposition', contentDisposition(blob.name)).send(store.stream(blob.sha));
}
