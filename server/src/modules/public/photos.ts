import { sql, type Kysely } from 'kysely';
import type { PublicPhoto } from '@fengqiao/shared';
import type { DB } from '../../platform/db/schema.js';

// Photos on a public post: the image attachments of the report itself, of the reporter's
// follow-ups and of the official replies. Internal steps (备注, 核查, 督办 …) may carry photos
// of people or documents and never show; neither do videos, PDFs or photos moderation hid.

/** Timeline steps whose images are public. */
const PHOTO_STEPS = ['created', 'follow_up', 'reply'];

interface PostRef {
  id: string;
  number: string;
  public_hidden_photo_ids: readonly string[] | null;
}

export interface PhotoFile {
  id: string;
  sha256: string;
  thumbnail_sha256: string | null;
}

/** The public image files of these posts, in timeline order, with their blobs. */
async function photoFiles(db: Kysely<DB>, posts: readonly PostRef[]): Promise<Map<string, PhotoFile[]>> {
  const byMatter = new Map<string, PhotoFile[]>();
  if (posts.length === 0) return byMatter;
  const { rows } = await sql<PhotoFile & { matter_id: string }>`
    select e.matter_id, f.id, f.sha256, f.thumbnail_sha256
    from matter_events e
    cross join lateral unnest(e.attachment_ids) with ordinality as a(file_id, n)
    join files f on f.id = a.file_id
    where e.matter_id in (${sql.join(posts.map((p) => p.id))})
      and e.action in (${sql.join(PHOTO_STEPS)})
      and f.mime like 'image/%'
    order by e.id, a.n`.execute(db);
  const hidden = new Map(posts.map((p) => [p.id, new Set(p.public_hidden_photo_ids ?? [])]));
  for (const r of rows) {
    if (hidden.get(r.matter_id)?.has(r.id)) continue;
    const list = byMatter.get(r.matter_id) ?? [];
    if (!list.some((f) => f.id === r.id)) list.push({ id: r.id, sha256: r.sha256, thumbnail_sha256: r.thumbnail_sha256 });
    byMatter.set(r.matter_id, list);
  }
  return byMatter;
}

/** The photos each post shows, by matter id, as the public page links them. */
export async function photosOf(db: Kysely<DB>, posts: readonly PostRef[]): Promise<Map<string, PublicPhoto[]>> {
  const files = await photoFiles(db, posts);
  const numbers = new Map(posts.map((p) => [p.id, p.number]));
  return new Map(
    [...files].map(([matterId, list]) => {
      const base = `/api/public/matters/${numbers.get(matterId)}/photos`;
      return [matterId, list.map((f) => ({ id: f.id, url: `${base}/${f.id}`, thumbnailUrl: `${base}/${f.id}/thumbnail` }))];
    }),
  );
}

/** One photo of a post, if the post shows it. */
export async function photoFileOf(db: Kysely<DB>, post: PostRef, fileId: string): Promise<PhotoFile | undefined> {
  return (await photoFiles(db, [post])).get(post.id)?.find((f) => f.id === fileId);
}
