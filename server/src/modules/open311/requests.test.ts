import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { AreaGeometry, MatterDetail, Open311KeyCreated } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { call, loginToken, TEST_NOW, useTestEnv, type Session } from '../../../test/test-app.js';
import { bbox, bboxCenter } from '../territory/geometry.js';

// GET requests and requests/{id}: the public feed's matters in the specification's fields and
// filters, with nothing that names or places a person, whatever the reporters wrote.

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const DAY = 24 * 3600_000;
const LIGHT = 'public_facility.street_light';
const GARBAGE = 'city_appearance.garbage';
const OLD_COMMUNITY = 'urban_construction.old_community';
const FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];
type Request = Record<string, unknown> & { service_request_id: string };

describeEachDb('Open311 GeoReport v2: service requests', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  const s: Record<string, Session> = {};
  let key: Open311KeyCreated;
  let point: [number, number];
  let community: { code: string; name: string; lat: number; long: number };
  const ids: Record<'open311' | 'closed' | 'private' | 'old' | 'hidden' | 'voided', string> = { open311: '', closed: '', private: '', old: '', hidden: '', voided: '' };
  let handlingUnit = '';
  /** Strings no public answer may contain. */
  const secrets = ['13812345678', '13987654321', '13911112222', '张伟', '李娜', 'zhang.wei@example.com', '私密诉求'];
  const bodies: string[] = [];

  const get = async (url: string) => {
    const res = await call(env().app, null, 'GET', url);
    bodies.push(res.body);
    return res;
  };
  const list = async (query: string) => {
    const res = await get(`/open311/v2/requests.json${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Request[]).map((r) => r.service_request_id);
  };
  const act = async (who: string, id: string, body: object) => {
    const res = await call(env().app, s[who]!, 'POST', `/api/matters/${id}/actions`, body);
    expect(res.statusCode, res.body).toBe(200);
  };
  const report = async (extra: object) => {
    const res = await call(env().app, s.qunzhong!, 'POST', '/api/matters', { channel: 'citizen_online', title: '公开诉求', address: '新桥社区3号楼2单元501', lon: point[0], lat: point[1], ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as MatterDetail;
  };
  const viaOpen311 = async (fields: Record<string, string>) => {
    const body = new URLSearchParams({ api_key: key.key, lat: String(point[1]), long: String(point[0]), ...fields }).toString();
    const res = await call(env().app, null, 'POST', '/open311/v2/requests.json', body, FORM);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Request[])[0]!.service_request_id;
  };

  beforeAll(async () => {
    const db = env().database.db;
    demo = await loadDemo(db, env().deps.cipher);
    for (const u of ['admin', 'qunzhong', 'diaodu', 'chengban', 'wanggeyuan']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    key = (await call(env().app, s.admin!, 'POST', '/api/open311/keys', { name: '测试应用' })).json();
    const grid = await db.selectFrom('areas').select(['geometry', 'path']).where('code', '=', demo.gridWorker.scope_code).executeTakeFirstOrThrow();
    point = bboxCenter(bbox(grid.geometry as AreaGeometry)) as [number, number];
    const c = await db.selectFrom('areas').selectAll().where('code', '=', grid.path.split('.').find((x) => x.length === 12)!).executeTakeFirstOrThrow();
    community = { code: c.code, name: c.name, lat: Math.round(((c.min_lat! + c.max_lat!) / 2) * 1e6) / 1e6, long: Math.round(((c.min_lon! + c.max_lon!) / 2) * 1e6) / 1e6 };
    secrets.push(String(point[0]), String(point[1]), demo.gridWorker.scope_code);

    // 100 days ago, through Open311: outside the default window.
    env().clock.set(new Date(TEST_NOW.getTime() - 100 * DAY));
    ids.old = await viaOpen311({ service_code: GARBAGE, description: '垃圾桶满了' });
    env().clock.set(TEST_NOW);
    ids.open311 = await viaOpen311({
      service_code: LIGHT, description: '井盖 & 路灯 <坏了> "急" 联系13812345678', first_name: '伟', last_name: '张', phone: '13812345678', email: 'zhang.wei@example.com',
    });
    const closed = await report({ description: '楼道漏水, 电话13987654321', reporterName: '李娜', contactPhone: '13987654321', categoryCode: OLD_COMMUNITY, public: true });
    ids.closed = closed.number;
    const triage = (await call(env().app, s.diaodu!, 'GET', `/api/matters/${closed.id}/triage?categoryCode=${OLD_COMMUNITY}`)).json();
    handlingUnit = triage.unit.name;
    await act('diaodu', closed.id, { action: 'dispatch', categoryCode: OLD_COMMUNITY, unitId: triage.unit.id, note: '请联系13911112222' });
    await act('chengban', closed.id, { action: 'accept' });
    await act('chengban', closed.id, { action: 'reply', note: '已修复, 回访电话13911112222' });
    await act('wanggeyuan', closed.id, { action: 'verify_pass', note: '现场核查' });
    ids.private = (await report({ description: '私密诉求', reporterName: '李娜', contactPhone: '13987654321' })).number;
    const hidden = await report({ description: '被屏蔽的帖子', public: true });
    ids.hidden = hidden.number;
    await db.updateTable('matters').set({ public_hidden: true }).where('id', '=', hidden.id).execute();
    const voided = await report({ description: '重复的帖子', public: true });
    ids.voided = voided.number;
    await act('diaodu', voided.id, { action: 'void', note: '重复上报' });
  });

  it('lists the last 90 days of public requests, newest first, in the specification’s fields', async () => {
    expect(await list('')).toEqual([ids.closed, ids.open311]);
    const res = await get('/open311/v2/requests.json');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const [closed, open] = res.json() as Request[];
    for (const r of [closed!, open!]) expect(Object.keys(r)).toEqual(FIELDS);
    expect(open).toEqual({
      service_request_id: ids.open311,
      status: 'open',
      status_notes: null,
      service_name: '路灯',
      service_code: LIGHT,
      description: '井盖 & 路灯 <坏了> "急" 联系138****5678',
      agency_responsible: '拉僧仲街道综治中心',
      service_notice: null,
      requested_datetime: '2026-11-30T09:00:00+08:00',
      updated_datetime: '2026-11-30T09:00:00+08:00',
      expected_datetime: null,
      address: community.name,
      address_id: community.code,
      zipcode: null,
      lat: community.lat,
      long: community.long,
      media_url: null,
    });
    expect(closed).toMatchObject({
      status: 'closed',
      status_notes: '已修复, 回访电话139****2222',
      service_name: '老旧小区改造',
      service_code: OLD_COMMUNITY,
      description: '楼道漏水, 电话139****4321',
      agency_responsible: handlingUnit,
      expected_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
      updated_datetime: '2026-11-30T09:00:00+08:00',
    });
  });

  it('writes the same requests as XML, escaping markup in descriptions', async () => {
    const xml = await get('/open311/v2/requests.xml');
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>')).toBe(true);
    const requests = xml.body.match(/<request>.*?<\/request>/g)!;
    expect(requests).toHaveLength(2);
    // Each request carries the fields in the specification's order; empty ones as empty elements.
    expect([...requests[1]!.matchAll(/<([a-z_]+)(?:\/)?>/g)].map((m) => m[1])).toEqual(['request', ...FIELDS]);
    expect(requests[1]).toContain('<description>井盖 &amp; 路灯 &lt;坏了&gt; &quot;急&quot; 联系138****5678</description>');
    expect(requests[1]).toContain('<status_notes/>');
    expect(requests[1]).toContain(`<requested_datetime>2026-11-30T09:00:00+08:00</requested_datetime>`);
    expect(requests[1]).toContain(`<lat>${community.lat}</lat><long>${community.long}</long>`);
    // Well-formed: with the declaration, the tags and the entities taken out, no markup character is left.
    const text = xml.body.replace(/^<\?xml[^>]*\?>\n/, '').replace(/<\/?[a-z_]+\/?>/g, '').replace(/&(amp|lt|gt|quot|apos);/g, '');
    expect(text).not.toMatch(/[<>&"]/);
  });

  it('filters by service_request_id (overriding every other argument), service_code and status', async () => {
    expect(await list(`?service_request_id=${ids.open311},${ids.old},${ids.private},${ids.hidden},${ids.voided},nope`)).toEqual([ids.open311, ids.old]);
    expect(await list(`?service_request_id=${ids.old}&status=closed&end_date=2020-01-01T00:00:00Z`)).toEqual([ids.old]);
    expect(await list(`?service_code=${LIGHT}`)).toEqual([ids.open311]);
    expect(await list(`?service_code=${LIGHT},${OLD_COMMUNITY}`)).toEqual([ids.closed, ids.open311]);
    expect(await list(`?service_code=${LIGHT}&service_code=${OLD_COMMUNITY}`)).toEqual([ids.closed, ids.open311]);
    expect(await list('?service_code=nope.nope')).toEqual([]);
    expect(await list('?status=closed')).toEqual([ids.closed]);
    expect(await list('?status=open')).toEqual([ids.open311]);
    expect(await list('?status=open,closed')).toEqual([ids.closed, ids.open311]);
    expect(await list('?status=&service_code=')).toEqual([ids.closed, ids.open311]);
  });

  it('filters by start_date and end_date, a window of at most 90 days', async () => {
    const at = (days: number, hours = 0) => new Date(TEST_NOW.getTime() + days * DAY + hours * 3600_000).toISOString();
    expect(await list(`?start_date=${at(-101)}&end_date=${at(-99)}`)).toEqual([ids.old]);
    expect(await list(`?start_date=${at(-100, -1)}`)).toEqual([ids.old]); // to start + 90 days: before today's
    expect(await list(`?end_date=${at(-95)}`)).toEqual([ids.old]);
    expect(await list(`?start_date=${at(0, -1)}`)).toEqual([ids.closed, ids.open311]);
    expect(await list('?start_date=2026-11-30T08:00:00+08:00')).toEqual([ids.closed, ids.open311]); // "+" unencoded
    expect(await list('?start_date=2026-11-30&end_date=2026-11-30T08:59:59%2B08:00')).toEqual([]);
    const bad = async (query: string, errors: { code: number; description: string }[]) => {
      for (const format of ['json', 'xml']) {
        const res = await get(`/open311/v2/requests.${format}${query}`);
        expect(res.statusCode, res.body).toBe(400);
        if (format === 'json') expect(res.json()).toEqual(errors);
        else expect(res.body).toContain(`<errors><error><code>400</code><description>${errors[0]!.description.replaceAll('"', '&quot;')}</description></error>`);
      }
    };
    await bad(`?start_date=${at(-120)}&end_date=${at(0)}`, [{ code: 400, description: 'end_date: the range may not span more than 90 days' }]);
    await bad(`?start_date=${at(0)}&end_date=${at(-1)}`, [{ code: 400, description: 'start_date: start_date is after end_date' }]);
    await bad('?start_date=yesterday&status=pending', [
      { code: 400, description: 'status: "pending" is not a status: open or closed' },
      { code: 400, description: 'start_date: "yesterday" is not a W3C date-time, e.g. 2026-11-30T00:00:00+08:00' },
    ]);
  });

  it('answers one request by id, and 404 for a private, hidden, voided or unknown one', async () => {
    const one = await get(`/open311/v2/requests/${ids.open311}.json`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual([expect.objectContaining({ service_request_id: ids.open311, status: 'open', service_code: LIGHT })]);
    const xml = await get(`/open311/v2/requests/${ids.old}.xml`);
    expect(xml.body).toMatch(new RegExp(`^<\\?xml version="1\\.0" encoding="utf-8"\\?>\\n<service_requests><request><service_request_id>${ids.old}</service_request_id><status>open</status>`));
    expect(xml.body).toContain('<requested_datetime>2026-08-22T09:00:00+08:00</requested_datetime>');
    for (const id of [ids.private, ids.hidden, ids.voided, '20261130999999']) {
      const json = await get(`/open311/v2/requests/${id}.json`);
      expect(json.statusCode).toBe(404);
      expect(json.json()).toEqual([{ code: 404, description: `service_request_id ${id} not found` }]);
      const asXml = await get(`/open311/v2/requests/${id}.xml`);
      expect(asXml.statusCode).toBe(404);
      expect(asXml.body).toBe(`<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>404</code><description>service_request_id ${id} not found</description></error></errors>\n`);
    }
  });

  it('answers reads with Cache-Control and an ETag, and 304 to a matching If-None-Match', async () => {
    for (const url of ['/open311/v2/requests.json', '/open311/v2/services.xml', '/open311/discovery.json']) {
      const first = await get(url);
      const etag = first.headers.etag as string;
      expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
      const again = await call(env().app, null, 'GET', url, undefined, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
    }
  });

  it('never shows a reporter’s name, phone, e-mail, map point or grid in any answer', async () => {
    expect(bodies.length).toBeGreaterThan(30);
    for (const body of bodies) for (const secret of secrets) expect(body.includes(secret), `${secret} in ${body.slice(0, 200)}`).toBe(false);
    for (const body of bodies) expect(body).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });

  it('answers at most 1000 requests', async () => {
    // 1,005 more public copies of the Open311 request, an hour old.
    await sql`
      insert into matters
      select (jsonb_populate_record(null::matters, to_jsonb(m) || jsonb_build_object(
        'id', gen_random_uuid(), 'number', '29991231' || lpad(g::text, 6, '0'), 'created_at', ${new Date(TEST_NOW.getTime() - 3600_000).toISOString()}::timestamptz))).*
      from matters m, generate_series(1, 1005) g
      where m.number = ${ids.open311}`.execute(env().database.db);
    const all = await list('');
    expect(all).toHaveLength(1000);
    expect(all.slice(0, 2)).toEqual([ids.closed, ids.open311]);
  });
});
