import fs from 'node:fs';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { PublicPhotoParams } from '@fengqiao/shared';
import { notFound } from '../../platform/errors.js';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { sendBlob } from '../files/serve.js';
import { BlobStore } from '../files/storage.js';
import { makePublicCopy } from '../files/thumbnails.js';
import { photoFileOf } from './photos.js';
import { findPublicPost } from './service.js';

const tags = ['public 公开诉求'];
// Not immutable: moderation may hide a photo, and then browsers and proxies must ask again soon.
const PHOTO_CACHE = 'public, max-age=300';
/** Copies remembered per process (original sha → copy sha); past this the map starts over. */
const MAX_REMEMBERED = 10_000;

export const publicPhotoRoutes: ApiModule = (app, deps) => {
  const store = new BlobStore(path.join(deps.config.dataDir, 'files'));
  const copies = new Map<string, Promise<string | null>>();

  /** The stored metadata-free copy of an original (made once, content-addressed like every blob). */
  function publicCopy(sha: string): Promise<string | null> {
    let copy = copies.get(sha);
    if (!copy) {
      if (copies.size >= MAX_REMEMBERED) copies.clear();
      copy = fs.promises
        .readFile(store.pathOf(sha))
        .then((bytes) => makePublicCopy(bytes))
        .then((bytes) => (bytes ? store.put(bytes) : null));
      copy.catch(() => copies.delete(sha));
      copies.set(sha, copy);
    }
    return copy;
  }

  async function photoOf(req: FastifyRequest, number: string, fileId: string) {
    const ctx = ctxOf(req, deps);
    const post = await findPublicPost(ctx, number);
    const file = await photoFileOf(ctx.db, post, fileId);
    if (!file) throw notFound('Photo');
    return file;
  }

  app.get('/api/public/matters/:number/photos/:fileId', {
    config: { policy: 'public' },
    schema: { tags, summary: 'A photo of a public post: a JPEG at most 1600px, without the metadata (GPS, device) of the original (no login)', params: PublicPhotoParams },
    handler: async (req, reply) => {
      const file = await photoOf(req, req.params.number, req.params.fileId);
      const sha = await publicCopy(file.sha256).catch((err: unknown) => {
        req.log.error({ err, fileId: file.id }, 'no public copy of a photo');
        return null;
      });
      if (!sha) throw notFound('Photo');
      // The original's name may name a person, so the public copy is called by its id.
      return sendBlob(store, req, reply, { sha, mime: 'image/jpeg', name: `${file.id}.jpg`, cacheControl: PHOTO_CACHE });
    },
  });

  app.get('/api/public/matters/:number/photos/:fileId/thumbnail', {
    config: { policy: 'public' },
    schema: { tags, summary: 'A 320px JPEG thumbnail of a photo of a public post (no login)', params: PublicPhotoParams },
    handler: async (req, reply) => {
      const file = await photoOf(req, req.params.number, req.params.fileId);
      if (!file.thumbnail_sha256) throw notFound('Thumbnail');
      return sendBlob(store, req, reply, { sha: file.thumbnail_sha256, mime: 'image/jpeg', name: `${file.id}-thumbnail.jpg`, cacheControl: PHOTO_CACHE });
    },
  });
};
