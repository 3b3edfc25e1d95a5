import path from 'node:path';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Attachment } from '@fengqiao/shared';
import { AppError, notFound } from '../../platform/errors.js';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { MAX_UPLOAD_BYTES, UPLOAD_TYPES } from './media.js';
import { sendBlob } from './serve.js';
import * as files from './service.js';
import { BlobStore } from './storage.js';

const IdParams = z.strictObject({ id: z.string().uuid('id must be a UUID') });
const UploadQuery = z.strictObject({ name: z.string().max(255).optional().describe('The original file name') });
const tags = ['files 附件'];

// Content-addressed: the bytes behind a URL never change. `private` because reading needs a login.
const CACHE = 'private, max-age=31536000, immutable';

export const fileRoutes: ApiModule = (app, deps) => {
  const store = new BlobStore(path.join(deps.config.dataDir, 'files'));

  // Own scope: this route takes raw file bodies, and only the allowed types; JSON and the rest
  // are refused with a message that says what to send.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...UPLOAD_TYPES], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
    scope.addContentTypeParser('*', (req, _payload, done) => {
      done(new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the file's bytes as the body with Content-Type one of ${UPLOAD_TYPES.join(', ')}; got ${req.headers['content-type'] ?? 'none'}`), undefined);
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/files', {
      config: { policy: 'file.upload' },
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags,
        summary: `Upload a file (raw body; Content-Type one of ${UPLOAD_TYPES.join(', ')}; at most 20 MiB)`,
        querystring: UploadQuery,
        response: { 201: Attachment },
      },
      handler: async (req, reply) => {
        const data = req.body;
        if (!Buffer.isBuffer(data)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the file's bytes as the body with Content-Type one of ${UPLOAD_TYPES.join(', ')}`);
        const declaredType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const created = await files.uploadFile(ctxOf(req, deps), store, { declaredType, name: req.query.name, data });
        return reply.status(201).send(created);
      },
    });
  });

  app.get('/api/files/:id', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'The file’s content (uploader, admin, or whoever can see a record it is attached to)', params: IdParams },
    handler: async (req, reply) => {
      const file = await files.readableFile(ctxOf(req, deps), req.params.id);
      return sendBlob(store, req, reply, { sha: file.sha256, mime: file.mime, name: file.name, cacheControl: CACHE });
    },
  });
  app.get('/api/files/:id/thumbnail', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: 'A 320px JPEG thumbnail of an image file', params: IdParams },
    handler: async (req, reply) => {
      const file = await files.readableFile(ctxOf(req, deps), req.params.id);
      if (!file.thumbnail_sha256) throw notFound('Thumbnail');
      const base = file.name.replace(/\.[^.]*$/, '') || 'thumbnail';
      return sendBlob(store, req, reply, { sha: file.thumbnail_sha256, mime: 'image/jpeg', name: `${base}-thumbnail.jpg`, cacheControl: CACHE });
    },
  });
};
