import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { makeUser } from '../../../test/factories.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { contentDisposition, sniff } from './media.js';
import { registerFileVisibility } from './service.js';

// Attachments: what may be uploaded (type by magic bytes, size), how it is stored (content
// addressed, thumbnails for images), and who may read it (uploader, admin, registered checks).

const pngOf = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function upload(app: Parameters<typeof call>[0], who: Session, data: Buffer, type: string, name?: string) {
  const url = name === undefined ? '/api/files' : `/api/files?name=${encodeURIComponent(name)}`;
  return call(app, who, 'POST', url, data, { 'content-type': type });
}

// Files that a pretend "record module" says the reader may see, for the extension point test.
const sharedWithEveryone = new Set<string>();
registerFileVisibility(async (_ctx, fileId) => sharedWithEveryone.has(fileId));

describe('media checks', () => {
  it('tells types by their magic bytes', async () => {
    expect(sniff(await pngOf(2, 2))).toBe('image/png');
    expect(sniff(await sharp(await pngOf(2, 2)).jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniff(await sharp(await pngOf(2, 2)).webp().toBuffer())).toBe('image/webp');
    expect(sniff(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42')]))).toBe('video/mp4');
    expect(sniff(PDF)).toBe('application/pdf');
    expect(sniff(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
  });

  it('keeps a Chinese file name in Content-Disposition', () => {
    expect(contentDisposition('现场照片 1.jpg')).toBe(`inline; filename="____ 1.jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%201.jpg`);
  });
});

describeEachDb('files', (kind) => {
  const env = useTestEnv(kind);

  async function twoUsers() {
    const { app, database } = env();
    const owner = await makeUser(database.db, { roles: ['grid_worker'] });
    const other = await makeUser(database.db, { roles: ['citizen'] });
    const admin = await makeUser(database.db, { roles: ['admin'] });
    return {
      owner: await loginToken(app, owner.username, owner.password),
      other: await loginToken(app, other.username, other.password),
      admin: await loginToken(app, admin.username, admin.password),
    };
  }

  it('stores an image content-addressed, serves it back byte for byte with a 320px thumbnail, and audits the upload', async () => {
    const { app, database, deps } = env();
    const { owner } = await twoUsers();
    const image = await pngOf(800, 600);
    const sha = crypto.createHash('sha256').update(image).digest('hex');

    const res = await upload(app, owner, image, 'image/png', '现场照片.png');
    expect(res.statusCode).toBe(201);
    const att = res.json();
    expect(att).toEqual({ id: att.id, name: '现场照片.png', mime: 'image/png', size: image.length, url: `/api/files/${att.id}`, thumbnailUrl: `/api/files/${att.id}/thumbnail` });
    expect(fs.readFileSync(path.join(deps.config.dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha))).toEqual(image);

    const got = await call(app, owner, 'GET', att.url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload).toEqual(image);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('现场照片.png')}`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toContain('immutable');
    expect(got.headers.etag).toBe(`"${sha}"`);
    const again = await app.inject({ method: 'GET', url: att.url, headers: { authorization: `Bearer ${owner.token}`, 'if-none-match': `"${sha}"` } });
    expect(again.statusCode).toBe(304);

    const thumb = await call(app, owner, 'GET', att.thumbnailUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 240]);

    const [row, ...more] = await database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'file').where('entity_id', '=', att.id).execute();
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ action: 'file.upload', actor_id: owner.userId, request_id: res.headers['x-request-id'] });
    expect(row!.after).toMatchObject({ name: '现场照片.png', mime: 'image/png', size: image.length, sha256: sha });
  });

  it('keeps one blob for the same bytes uploaded twice, as two files', async () => {
    const { app, database } = env();
    const { owner, other } = await twoUsers();
    const image = await pngOf(20, 10);
    const a = (await upload(app, owner, image, 'image/png', 'a.png')).json();
    const b = (await upload(app, other, image, 'image/png', 'b.png')).json();
    expect(a.id).not.toBe(b.id);
    const rows = await database.db.selectFrom('files').select(['sha256', 'name']).where('id', 'in', [a.id, b.id]).orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(['a.png', 'b.png']);
    expect(rows[0]!.sha256).toBe(rows[1]!.sha256);
  });

  it('stores a PDF without a thumbnail, with a fallback name when none is given', async () => {
    const { app } = env();
    const { owner } = await twoUsers();
    const res = await upload(app, owner, PDF, 'application/pdf');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'file.pdf', mime: 'application/pdf', thumbnailUrl: null });
    expect((await call(app, owner, 'GET', `${res.json().url}/thumbnail`)).statusCode).toBe(404);
    // A path in the given name is dropped.
    expect((await upload(app, owner, PDF, 'application/pdf', '../../etc/报告.pdf')).json().name).toBe('报告.pdf');
  });

  it('refuses bytes that are not the declared type with 415', async () => {
    const { app, database } = env();
    const { owner } = await twoUsers();
    const before = await database.db.selectFrom('files').select('id').execute();

    const pdfAsPng = await upload(app, owner, PDF, 'image/png', 'x.png');
    expect(pdfAsPng.statusCode).toBe(415);
    expect(pdfAsPng.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(pdfAsPng.json().error.message).toContain('application/pdf, not image/png');

    const html = await upload(app, owner, Buffer.from('<html></html>'), 'image/jpeg');
    expect(html.statusCode).toBe(415);
    expect(html.json().error.message).toContain('not a supported type');

    // A JPEG header on bytes that are no image.
    const broken = await upload(app, owner, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(64)]), 'image/jpeg');
    expect(broken.statusCode).toBe(415);

    for (const type of ['text/html', 'application/json', 'image/svg+xml']) {
      const res = await upload(app, owner, Buffer.from('{"a":1}'), type);
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.message).toContain('image/jpeg, image/png');
    }
    expect(await database.db.selectFrom('files').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a body over 20 MiB with 413', async () => {
    const { app } = env();
    const { owner } = await twoUsers();
    const big = Buffer.alloc(20 * 1024 * 1024 + 1);
    PDF.copy(big);
    const res = await upload(app, owner, big, 'application/pdf');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers another user exactly like a missing file, lets the admin read, and honours registered visibility checks', async () => {
    const { app } = env();
    const { owner, other, admin } = await twoUsers();
    const att = (await upload(app, owner, await pngOf(40, 40), 'image/png', 'p.png')).json();

    const hidden = await call(app, other, 'GET', att.url);
    const missing = await call(app, other, 'GET', `/api/files/${crypto.randomUUID()}`);
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect({ ...hidden.json().error, requestId: 0 }).toEqual({ ...missing.json().error, requestId: 0 });
    expect((await call(app, other, 'GET', att.thumbnailUrl)).statusCode).toBe(404);
    expect((await call(app, null, 'GET', att.url)).statusCode).toBe(401);

    expect((await call(app, admin, 'GET', att.url)).statusCode).toBe(200);

    sharedWithEveryone.add(att.id);
    expect((await call(app, other, 'GET', att.url)).statusCode).toBe(200);
    expect((await call(app, other, 'GET', att.thumbnailUrl)).statusCode).toBe(200);
  });
});
