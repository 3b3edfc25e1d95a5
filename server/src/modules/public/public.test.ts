import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import type { AreaGeometry, Attachment, MatterDetail, PublicMatter, PublicMatterPage } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { bbox, bboxCenter } from '../territory/geometry.js';

// The public feed over generated matters of every kind: whatever a citizen wrote, and whatever
// the handlers wrote, no public answer carries a phone, an ID number, a name, a contact, an exact
// address, a map point, a grid code or a room number; private matters are never there at all.
// The same holds for what the public platform added: the reporter's follow-ups, photos (their
// file names, their metadata), 监督举报 about a post, and posts moderation hid or rewrote.

const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄'];
const GIVEN = ['伟明', '秀英', '建国', '丽华', '志强'];
const phoneOf = (i: number) => `13${(i % 7) + 3}${String(40_000_000 + i * 7919).padStart(8, '0')}`;
const idOf = (i: number) => `1101011990${String(1000000 + i * 37).slice(-6)}${i % 2 ? 'X' : '7'}`;

interface Generated {
  number: string;
  id: string;
  public: boolean;
  anonymousShown: boolean;
  secrets: string[];
}

describeEachDb('public feed redaction', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  const s: Record<string, Session> = {};
  let point: [number, number];
  let communityCode: string;
  let communityName: string;
  const made: Generated[] = [];
  /** Strings that must never appear in any public body, whatever the matter. */
  const globalSecrets: string[] = [];
  /** Photo URLs of private matters: they answer 404 like anything else of a private matter. */
  const privatePhotoUrls: string[] = [];

  const act = async (who: string, id: string, body: object) => {
    const res = await call(env().app, s[who]!, 'POST', `/api/matters/${id}/actions`, body);
    if (res.statusCode !== 200) throw new Error(`${who} ${JSON.stringify(body)} → ${res.statusCode} ${res.body}`);
    return res.json() as MatterDetail;
  };

  beforeAll(async () => {
    const db = env().database.db;
    demo = await loadDemo(db, env().deps.cipher);
    for (const u of ['wanggeyuan', 'diaodu', 'chengban', 'qunzhong']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    const grid = await db.selectFrom('areas').select(['geometry', 'path']).where('code', '=', demo.gridWorker.scope_code).executeTakeFirstOrThrow();
    point = bboxCenter(bbox(grid.geometry as AreaGeometry));
    communityCode = grid.path.split('.').find((c) => c.length === 12)!;
    communityName = (await db.selectFrom('areas').select('name').where('code', '=', communityCode).executeTakeFirstOrThrow()).name;
    const staff = await db.selectFrom('users').select(['display_name', 'username']).where('username', 'in', ['wanggeyuan', 'diaodu', 'chengban', 'qunzhong']).execute();
    globalSecrets.push(...staff.flatMap((u) => [u.display_name, u.username]), demo.gridWorker.scope_code, String(point[0]), String(point[1]));

    for (let i = 0; i < 40; i++) {
      const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`;
      const phone = phoneOf(i);
      const textPhone = phoneOf(i + 100);
      const idNumber = idOf(i);
      const room = `${3 + (i % 5)}号楼${1 + (i % 3)}单元${501 + i}`;
      const address = `新桥社区${room}室`;
      const email = `user${i}@example.com`;
      const isPublic = i % 4 !== 0;
      const anonymous = i % 5 === 0;
      const publicAnonymous = i % 3 === 0;
      const withPoint = i % 2 === 0;
      const res = await call(env().app, s.qunzhong!, 'POST', '/api/matters', {
        channel: 'citizen_online',
        title: i % 2 ? `楼道灯坏了 联系${textPhone}` : `${room}漏水`,
        description: `${anonymous ? `我叫${name}, ` : `${name}反映: `}${room}室楼上漏水, 我的电话${textPhone}, 身份证${idNumber}, 邮箱${email}, 座机0473-${String(5_000_000 + i)}`,
        address,
        ...(withPoint ? { lon: point[0], lat: point[1] } : { areaCode: demo.gridWorker.scope_code }),
        categoryCode: i % 3 === 0 ? 'urban_construction.old_community' : undefined,
        anonymous,
        ...(anonymous ? {} : { reporterName: name, contactPhone: phone }),
        public: isPublic,
        publicAnonymous,
      });
      expect(res.statusCode, res.body).toBe(201);
      const m = res.json() as MatterDetail;
      made.push({
        number: m.number,
        id: m.id,
        public: isPublic,
        anonymousShown: anonymous || publicAnonymous,
        secrets: [name, phone, textPhone, idNumber, address, room, `单元${501 + i}`, email, `5${String(i).padStart(6, '0')}`.slice(-7)],
      });
    }

    // Take some public matters (and a private one) through the whole handling, with personal data in every note.
    const handled = made.filter((m, i) => i % 4 === 1 || i === 4).slice(0, 7);
    for (const [k, m] of handled.entries()) {
      const triage = await call(env().app, s.diaodu!, 'GET', `/api/matters/${m.id}/triage?categoryCode=urban_construction.old_community`);
      const unitId = triage.json().unit.id as string;
      await act('diaodu', m.id, { action: 'comment', note: `内部备注: 报事人电话${phoneOf(500 + k)}, 住${m.secrets[5]}` });
      m.secrets.push(phoneOf(500 + k));
      await act('diaodu', m.id, { action: 'dispatch', categoryCode: 'urban_construction.old_community', unitId, note: `请联系${phoneOf(600 + k)}` });
      m.secrets.push(phoneOf(600 + k));
      if (k === 6) continue;
      await act('chengban', m.id, { action: 'accept' });
      await act('chengban', m.id, { action: 'reply', note: `已修复${m.secrets[5]}室, 回访电话${phoneOf(700 + k)}` });
      m.secrets.push(phoneOf(700 + k));
      if (k === 5) continue;
      await act('wanggeyuan', m.id, { action: 'verify_pass', note: `现场核查 ${phoneOf(800 + k)}` });
      m.secrets.push(phoneOf(800 + k));
      await act('qunzhong', m.id, { action: 'rate', rating: k === 0 ? 'unsatisfied' : 'satisfied', comment: `满意, 我电话${phoneOf(900 + k)}` });
      m.secrets.push(phoneOf(900 + k));
    }
    // A voided public matter leaves the feed.
    const voided = made.find((m, i) => m.public && i % 4 === 2)!;
    await act('diaodu', voided.id, { action: 'void', note: '重复上报' });
    voided.public = false;

    // Follow-ups with personal data and a photo whose file name names the reporter, on open public
    // posts and on private ones; a 监督举报 naming a post; a post hidden and one rewritten by moderation.
    const upload = async (name: string) => {
      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
      const res = await call(env().app, s.qunzhong!, 'POST', `/api/files?name=${encodeURIComponent(name)}`, png, { 'content-type': 'image/png' });
      return res.json() as Attachment;
    };
    const open = made.filter((_m, i) => i % 4 === 3 || i % 4 === 0).slice(0, 8);
    for (const [k, m] of open.entries()) {
      const name = m.secrets[0]!;
      const photo = await upload(`${name}的身份证.png`);
      // Names in running text are beyond redactText (see redact.ts), so the note carries none.
      const note = `补充: 电话${phoneOf(1000 + k)}, 身份证${idOf(1000 + k)}, 住${m.secrets[5]}室`;
      await act('qunzhong', m.id, { action: 'follow_up', note, attachmentIds: [photo.id] });
      m.secrets.push(phoneOf(1000 + k), idOf(1000 + k), `${name}的身份证`, photo.name);
      if (!m.public) privatePhotoUrls.push(`/api/public/matters/${m.number}/photos/${photo.id}`, `/api/public/matters/${m.number}/photos/${photo.id}/thumbnail`);
    }
    const reported = made.find((m) => m.public)!;
    const report = await call(env().app, s.qunzhong!, 'POST', '/api/supervision', {
      kind: 'slow_handling', matterNumber: reported.number, subject: '监督对象王建国科长', content: `举报人电话${phoneOf(1100)}, 处理太慢`,
    });
    expect(report.statusCode, report.body).toBe(201);
    globalSecrets.push('监督对象王建国科长', phoneOf(1100), report.json().number);
    const [hidden, rewritten] = made.filter((m, i) => m.public && i % 4 === 3);
    await call(env().app, s.diaodu!, 'POST', `/api/matters/${hidden!.id}/moderation`, { action: 'hide', reason: '涉及他人隐私' });
    hidden!.public = false;
    const original = (await call(env().app, s.diaodu!, 'GET', `/api/matters/${rewritten!.id}`)).json() as MatterDetail;
    await call(env().app, s.diaodu!, 'POST', `/api/matters/${rewritten!.id}/moderation`, { action: 'redact', title: '反映楼道设施问题', description: '反映楼道设施问题', reason: '去掉个人信息' });
    rewritten!.secrets.push(original.title, original.description);
    for (const m of made) m.secrets.push(m.id);
  });

  const PATTERNS: [string, RegExp][] = [
    ['mobile number', /(?<!\d)1[3-9]\d{9}(?!\d)/],
    ['ID number', /(?<!\d)\d{17}[\dXx](?!\d)/],
    ['landline', /0473-\d{7}/],
    ['room number', /单元\d|\d{3,4}室/],
    ['e-mail', /user\d+@/],
    ['location field', /"(lon|lat|gridCode|address|areaCode|reporterName|contactPhone|contactMasked|actorName|matterId|name)"/],
  ];

  function assertClean(where: string, body: string) {
    for (const [what, re] of PATTERNS) expect(re.test(body), `${where}: ${what} in ${body.match(re)?.[0]}`).toBe(false);
    for (const secret of globalSecrets) expect(body.includes(secret), `${where}: ${secret}`).toBe(false);
    for (const m of made) for (const secret of m.secrets) expect(body.includes(secret), `${where}: ${secret} of ${m.number}`).toBe(false);
  }

  const get = (url: string) => call(env().app, null, 'GET', url);

  it('never shows personal data in any list page, filter or detail, and never shows a private matter', async () => {
    const queries = [
      '', `&state=pending_triage`, `&state=rated`, `&areaCode=${communityCode}`, `&areaCode=${demo.gridWorker.scope_code}`,
      '&categoryCode=urban_construction', `&q=${encodeURIComponent('漏水')}`, `&q=${encodeURIComponent('楼道')}`,
    ];
    const listed = new Set<string>();
    let bodies = 0;
    for (const q of queries) {
      for (let page = 1; ; page++) {
        const res = await get(`/api/public/matters?pageSize=7&page=${page}${q}`);
        expect(res.statusCode, res.body).toBe(200);
        assertClean(`list ${q} page ${page}`, res.body);
        bodies++;
        const body = res.json() as PublicMatterPage;
        for (const item of body.items) listed.add(item.number);
        if (body.items.length < 7) break;
      }
    }
    const publicOnes = made.filter((m) => m.public);
    expect(listed).toEqual(new Set(publicOnes.map((m) => m.number)));
    for (const m of made) {
      const res = await get(`/api/public/matters/${m.number}`);
      if (!m.public) {
        expect(res.statusCode).toBe(404);
        continue;
      }
      expect(res.statusCode, res.body).toBe(200);
      assertClean(`detail ${m.number}`, res.body);
      bodies++;
      const detail = res.json() as PublicMatter;
      expect(detail.areaName).toBe(communityName);
      for (const photo of detail.photos) {
        for (const url of [photo.url, photo.thumbnailUrl]) {
          const image = await get(url);
          expect(image.statusCode, url).toBe(200);
          expect(image.headers['content-type']).toBe('image/jpeg');
          assertClean(`photo ${url}`, String(image.headers['content-disposition']));
        }
      }
      if (m.anonymousShown) expect(detail.reporter).toBe('匿名');
      else expect(detail.reporter).toMatch(/^.\*\*$/);
    }
    expect(bodies).toBeGreaterThan(40);
    expect(privatePhotoUrls.length).toBeGreaterThan(0);
    for (const url of privatePhotoUrls) expect((await get(url)).statusCode, url).toBe(404);
  });

  it('shows the reporter’s follow-ups redacted, their photos by id only, and a rewritten post in its new words', async () => {
    const withFollowUps = made.filter((m) => m.public && m.secrets.some((x) => x.endsWith('的身份证')));
    expect(withFollowUps.length).toBeGreaterThan(2);
    for (const m of withFollowUps) {
      const detail = (await get(`/api/public/matters/${m.number}`)).json() as PublicMatter;
      const step = detail.timeline.find((e) => e.action === 'follow_up')!;
      expect(step.note).toMatch(/^补充: 电话1\d\d\*{4}\d{4}, 身份证\d\d\*+\d*[\dX], 住\d号楼\*\*$/);
      expect(detail.photos).toHaveLength(1);
      expect(detail.photos[0]!.url).toBe(`/api/public/matters/${m.number}/photos/${detail.photos[0]!.id}`);
    }
    const rewritten = (await get('/api/public/matters?pageSize=50')).json() as PublicMatterPage;
    expect(rewritten.items.filter((i) => i.title === '反映楼道设施问题')).toHaveLength(1);
  });

  it('shows the public steps with unit names, the redacted official reply and the rating, nothing internal', async () => {
    const rated = (await get('/api/public/matters?state=rated&pageSize=50')).json() as PublicMatterPage;
    expect(rated.items.length).toBeGreaterThan(0);
    const detail = (await get(`/api/public/matters/${rated.items[0]!.number}`)).json() as PublicMatter;
    expect(detail.timeline.map((e) => e.action)).toEqual(['created', 'dispatch', 'accept', 'reply', 'verify_pass', 'rate']);
    expect(detail.timeline[1]!.toUnitName).toBe('海南区住建局');
    expect(detail.timeline[2]!.unitName).toBe('海南区住建局');
    expect(detail.timeline[3]!.reply).toMatch(/^已修复\d号楼\*\*, 回访电话1\d\d\*\*\*\*\d{4}$/);
    expect(detail.timeline[5]!.rating).toBe('satisfied');
    expect(detail.rating).toBe('satisfied');
    expect(detail.description).toContain('****');

    const reopened = made.find((m) => m.public && m.id === made.filter((x, i) => i % 4 === 1 || i === 4)[0]!.id)!;
    const again = (await get(`/api/public/matters/${reopened.number}`)).json() as PublicMatter;
    expect(again.timeline.map((e) => e.action)).toEqual(['created', 'dispatch', 'accept', 'reply', 'verify_pass', 'rate', 'reopened']);
    expect(again.timeline.every((e) => e.action !== 'rate' || e.rating === 'unsatisfied')).toBe(true);
  });

  it('refuses a public report from any channel but a citizen’s own, and a search by digits', async () => {
    const res = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters', {
      channel: 'grid_report', title: '路灯不亮', description: '路灯不亮', address: '新桥社区', lon: point[0], lat: point[1], public: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'public' })]));
    expect((await get(`/api/public/matters?q=${phoneOf(1).slice(0, 7)}`)).statusCode).toBe(400);
    expect((await get('/api/public/matters/not-a-number')).statusCode).toBe(400);
  });

  it('answers with Cache-Control and an ETag, and 304 to a matching If-None-Match', async () => {
    for (const url of ['/api/public/matters', `/api/public/matters/${made.find((m) => m.public)!.number}`]) {
      const first = await get(url);
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toBe('public, max-age=30');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      const again = await call(env().app, null, 'GET', url, undefined, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect((await call(env().app, null, 'GET', url, undefined, { 'if-none-match': '"stale"' })).statusCode).toBe(200);
    }
    const before = (await get('/api/public/matters')).headers.etag;
    await call(env().app, s.qunzhong!, 'POST', '/api/matters', {
      channel: 'citizen_online', title: '新的公开诉求', description: '井盖缺失', address: '新桥社区', lon: point[0], lat: point[1], public: true,
    });
    expect((await get('/api/public/matters')).headers.etag).not.toBe(before);
  });
});
