import type { Attachment } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { FileRow } from '../../platform/db/schema-files-notifications.js';
import { AppError, notFound } from '../../platform/errors.js';
import { requireActor } from '../../platform/policy/policy.js';
import { mayReadAnyFile } from '../../platform/policy/files.js';
import { cleanFileName, isImage, isUploadType, sniff, UPLOAD_TYPES } from './media.js';
import * as repo from './repository.js';
import type { BlobStore } from './storage.js';
import { makeThumbnail, UndecodableImage } from './thumbnails.js';

/**
 * Who may read a file besides its uploader and the admin: a module that attaches files to its
 * records (matters) registers a check answering "can this reader see a record holding this file?".
 */
export type FileVisibilityCheck = (ctx: Ctx, fileId: string) => Promise<boolean>;
const visibilityChecks: FileVisibilityCheck[] = [];

export function registerFileVisibility(check: FileVisibilityCheck): void {
  if (!visibilityChecks.includes(check)) visibilityChecks.push(check);
}

export function toAttachment(f: Pick<FileRow, 'id' | 'name' | 'mime' | 'size' | 'thumbnail_sha256'>): Attachment {
  return {
    id: f.id,
    name: f.name,
    mime: f.mime,
    size: Number(f.size),
    url: `/api/files/${f.id}`,
    thumbnailUrl: f.thumbnail_sha256 ? `/api/files/${f.id}/thumbnail` : null,
  };
}

const unsupported = (message: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', message);

export interface Upload {
  /** The Content-Type the client declared (parameters stripped, lower case). */
  declaredType: string;
  name?: string | undefined;
  data: Buffer;
}

/** Checks the bytes are what they claim, stores them (and an image's thumbnail), records the upload. */
export async function uploadFile(ctx: Ctx, store: BlobStore, input: Upload): Promise<Attachment> {
  const actor = requireActor(ctx.actor);
  const declared = input.declaredType;
  if (!isUploadType(declared)) throw unsupported(`Files must be one of ${UPLOAD_TYPES.join(', ')}; got ${declared || 'no Content-Type'}`);
  if (input.data.length === 0) throw new AppError('VALIDATION_FAILED', 'The file is empty');
  const actual = sniff(input.data);
  if (actual !== declared) {
    throw unsupported(`The file's content is ${actual ?? 'not a supported type'}, not ${declared} as declared; send the real type`);
  }
  let thumbnail: Buffer | null = null;
  if (isImage(declared)) {
    try {
      thumbnail = await makeThumbnail(input.data);
    } catch (err) {
      if (err instanceof UndecodableImage) throw unsupported(`The image could not be decoded as ${declared}`);
      throw err;
    }
  }
  const sha256 = await store.put(input.data);
  const thumbnailSha = thumbnail ? await store.put(thumbnail) : null;
  const name = cleanFileName(input.name, declared);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await repo.insertFile(trx, {
      sha256,
      name,
      mime: declared,
      size: input.data.length,
      thumbnail_sha256: thumbnailSha,
      uploaded_by: actor.id,
      created_at: ctx.clock.now(),
    });
    await audit(trx, ctx, { action: 'file.upload', entity: 'file', entityId: inserted.id, after: { name, mime: declared, size: input.data.length, sha256 } });
    return inserted;
  });
  return toAttachment(row);
}

/** Uploader, admin, or any registered check; everyone else gets the same 404 as a missing file. */
async function canRead(ctx: Ctx, file: FileRow): Promise<boolean> {
  const actor = requireActor(ctx.actor);
  if (file.uploaded_by === actor.id || mayReadAnyFile(actor)) return true;
  for (const check of visibilityChecks) if (await check(ctx, file.id)) return true;
  return false;
}

/** The file row for a reader allowed to see it. */
export async function readableFile(ctx: Ctx, id: string): Promise<FileRow> {
  const file = await repo.findFile(ctx.db, id);
  if (!file || !(await canRead(ctx, file))) throw notFound('File');
  return file;
}

/** Attachments for ids the caller already checked (e.g. a matter's files). */
export async function attachmentsOf(ctx: Ctx, ids: readonly string[]): Promise<Attachment[]> {
  const rows = await repo.findFiles(ctx.db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [toAttachment(byId.get(id)!)] : []));
}
