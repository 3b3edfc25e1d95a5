import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import type { Attachment, MatterDetail, PublicMatter, PublicMatterPage } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { loadDemo, type Demo } from '../../../test/demo.js';
import { act, demoSessions, dispatchAndAccept, postPublic } from '../../../test/public-posts.js';
import { call, useTestEnv, type Session } from '../../../test/test-app.js';

// Photos on a public post: only image attachments of the report, the reporter's follow-ups and
// the official replies, of a post anyone may read, not hidden by moderation; served without a
// login as a copy without the original's metadata. Everything else answers 404.

const pngOf = (r: number) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 120, b: 200 } } }).png().toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXIF_SECRET = 'GPS 39.6543N 106.8123E owner-phone-of-a-citizen';

describeEachDb('public photos', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let s: Record<string, Session>;
  let post: MatterDetail;
  const files: Record<string, Attachment> = {};

  const upload = async (who: string, data: Buffer, type: string, name: string) => {
    const res = await call(env().app, s[who]!, 'POST', `/api/files?name=${encodeURIComponent(name)}`, data, { 'content-type': type });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Attachment;
  };
  const get = (url: string) => call(env().app, null, 'GET', url);
  const photoUrl = (number: string, fileId: string) => `/api/public/matters/${number}/photos/${fileId}`;
  const detail = async () => (await get(`/api/public/matters/${post.number}`)).json() as PublicMatter;

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    s = await demoSessions(env().app, ['qunzhong', 'diaodu', 'chengban']);
    const withExif = await sharp(await pngOf(10)).jpeg().withExif({ IFD0: { Copyright: EXIF_SECRET } }).toBuffer();
    expect(withExif.includes(Buffer.from(EXIF_SECRET))).toBe(true);
    files.png = await upload('qunzhong', await pngOf(200), 'image/png', '张伟明家门口.png');
    files.jpeg = await upload('qunzhong', withExif, 'image/jpeg', 'IMG_0001.jpg');
    files.pdf = await upload('qunzhong', PDF, 'application/pdf', '身份证复印件.pdf');
    files.private = await upload('qunzhong', await pngOf(90), 'image/png', 'private.png');
    files.comment = await upload('diaodu', await pngOf(30), 'image/png', '内部材料.png');
    files.reply = await upload('chengban', await pngOf(60), 'image/png', '整改后.png');
    post = await postPublic(env().app, s.qunzhong!, demo.gridWorker.scope_code, { attachmentIds: [files.png!.id, files.jpeg!.id, files.pdf!.id] });
    await act(env().app, s.diaodu!, post.id, { action: 'comment', note: '内部材料', attachmentIds: [files.comment!.id] });
    await dispatchAndAccept(env().app, s.diaodu!, s.chengban!, post.id);
    await act(env().app, s.chengban!, post.id, { action: 'reply', note: '已修好', attachmentIds: [files.reply!.id] });
  });

  it('shows the images of the report and the official reply, never a PDF or an internal step’s photo', async () => {
    const d = await detail();
    expect(d.photos.map((p) => p.id)).toEqual([files.png!.id, files.jpeg!.id, files.reply!.id]);
    expect(d.photos[0]).toEqual({ id: files.png!.id, url: photoUrl(post.number, files.png!.id), thumbnailUrl: `${photoUrl(post.number, files.png!.id)}/thumbnail` });
    expect(d.photoCount).toBe(3);
    const feed = (await get('/api/public/matters')).json() as PublicMatterPage;
    expect(feed.items.find((i) => i.number === post.number)!.photoCount).toBe(3);
    expect(JSON.stringify(d)).not.toContain('张伟明');
  });

  it('serves a photo without a login as a JPEG copy without the original’s metadata or name, and its thumbnail', async () => {
    const res = await get(photoUrl(post.number, files.jpeg!.id));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['content-disposition']).toContain(`${files.jpeg!.id}.jpg`);
    expect(res.rawPayload.includes(Buffer.from(EXIF_SECRET))).toBe(false);
    expect((await sharp(res.rawPayload).metadata()).exif).toBeUndefined();
    const png = await get(photoUrl(post.number, files.png!.id));
    expect(png.headers['content-type']).toBe('image/jpeg');
    expect(png.headers['content-disposition']).not.toContain(encodeURIComponent('张伟明'));
    const again = await call(env().app, null, 'GET', photoUrl(post.number, files.png!.id), undefined, { 'if-none-match': png.headers.etag as string });
    expect(again.statusCode).toBe(304);

    const thumb = await get(`${photoUrl(post.number, files.png!.id)}/thumbnail`);
    expect(thumb.statusCode).toBe(200);
    expect((await sharp(thumb.rawPayload).metadata()).format).toBe('jpeg');
  });

  it('answers 404 for a PDF, an internal photo, another matter’s photo and a private matter’s photo', async () => {
    const priv = await call(env().app, s.qunzhong!, 'POST', '/api/matters', {
      channel: 'citizen_online', title: '私密诉求', description: '不公开', address: '新桥社区', areaCode: demo.gridWorker.scope_code, attachmentIds: [files.private!.id],
    });
    const privateNumber = priv.json().number as string;
    const urls = [
      photoUrl(post.number, files.pdf!.id),
      photoUrl(post.number, files.comment!.id),
      `${photoUrl(post.number, files.comment!.id)}/thumbnail`,
      photoUrl(post.number, files.private!.id),
      photoUrl(privateNumber, files.private!.id),
      `${photoUrl(privateNumber, files.private!.id)}/thumbnail`,
      photoUrl('20991231000001', files.png!.id),
    ];
    for (const url of urls) expect((await get(url)).statusCode, url).toBe(404);
    expect((await get(photoUrl(post.number, 'not-a-uuid'))).statusCode).toBe(400);
  });

  it('stops showing a photo moderation hid, and every photo of a hidden post', async () => {
    const hid = await call(env().app, s.diaodu!, 'POST', `/api/matters/${post.id}/moderation`, { action: 'hide_photo', fileId: files.png!.id, reason: '照片拍到了门牌号' });
    expect(hid.statusCode, hid.body).toBe(200);
    expect((hid.json() as MatterDetail).publicity.hiddenPhotoIds).toEqual([files.png!.id]);
    expect((await get(photoUrl(post.number, files.png!.id))).statusCode).toBe(404);
    expect((await get(`${photoUrl(post.number, files.png!.id)}/thumbnail`)).statusCode).toBe(404);
    const d = await detail();
    expect(d.photos.map((p) => p.id)).toEqual([files.jpeg!.id, files.reply!.id]);
    expect(d.photoCount).toBe(2);
    // Staff still see every attachment on the matter itself.
    const staff = (await call(env().app, s.diaodu!, 'GET', `/api/matters/${post.id}`)).json() as MatterDetail;
    expect(staff.attachments.map((a) => a.id)).toEqual(expect.arrayContaining([files.png!.id, files.pdf!.id]));

    expect((await call(env().app, s.diaodu!, 'POST', `/api/matters/${post.id}/moderation`, { action: 'hide', reason: '重复' })).statusCode).toBe(200);
    expect((await get(photoUrl(post.number, files.jpeg!.id))).statusCode).toBe(404);
  });
});
