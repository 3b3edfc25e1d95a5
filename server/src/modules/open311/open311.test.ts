import { beforeAll, expect, it } from 'vitest';
import type { AreaGeometry, MatterDetail, Open311Key, Open311KeyCreated } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { bbox, bboxCenter } from '../territory/geometry.js';
import { catalogueRows } from '../matters/catalogue.js';
import { escapeXml } from './xml.js';

// Open311 GeoReport v2: discovery, services, service definitions, POST requests with API keys,
// tokens, and every error the specification defines, in XML and JSON.

const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n';
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const SERVICE = 'urban_construction.illegal_building';

describeEachDb('Open311 GeoReport v2: services, POST, tokens, errors, keys', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let admin: Session;
  let dispatcher: Session;
  let key: Open311KeyCreated;
  let revoked: Open311KeyCreated;
  let point: [number, number];

  const get = (url: string) => call(env().app, null, 'GET', url);
  const postForm = (format: 'json' | 'xml', fields: Record<string, string>) =>
    call(env().app, null, 'POST', `/open311/v2/requests.${format}`, new URLSearchParams(fields).toString(), FORM);
  const valid = () => ({ api_key: key.key, service_code: SERVICE, lat: String(point[1]), long: String(point[0]), description: '路边有人搭建彩钢房' });
  const matterCount = async () => Number((await env().database.db.selectFrom('matters').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  /** The answer must be exactly these errors, in both formats the path can carry. */
  type Errors = { code: number; description: string }[];
  async function expectErrors(status: number, send: (format: 'json' | 'xml') => ReturnType<typeof get>, expected: Errors | ((format: 'json' | 'xml') => Errors)) {
    const errorsIn = (format: 'json' | 'xml') => (typeof expected === 'function' ? expected(format) : expected);
    const json = await send('json');
    expect(json.statusCode, json.body).toBe(status);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json()).toEqual(errorsIn('json'));
    const xml = await send('xml');
    expect(xml.statusCode, xml.body).toBe(status);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    const items = errorsIn('xml').map((e) => `<error><code>${e.code}</code><description>${escapeXml(e.description)}</description></error>`);
    expect(xml.body).toBe(`${XML_HEAD}<errors>${items.join('')}</errors>\n`);
  }

  beforeAll(async () => {
    const db = env().database.db;
    demo = await loadDemo(db, env().deps.cipher);
    admin = await loginToken(env().app, 'admin', DEMO_PASSWORD);
    dispatcher = await loginToken(env().app, 'diaodu', DEMO_PASSWORD);
    const grid = await db.selectFrom('areas').select('geometry').where('code', '=', demo.gridWorker.scope_code).executeTakeFirstOrThrow();
    point = bboxCenter(bbox(grid.geometry as AreaGeometry)) as [number, number];
    key = (await call(env().app, admin, 'POST', '/api/open311/keys', { name: '随手拍 App' })).json();
    revoked = (await call(env().app, admin, 'POST', '/api/open311/keys', { name: '旧合作方' })).json();
    expect((await call(env().app, admin, 'DELETE', `/api/open311/keys/${revoked.id}`)).statusCode).toBe(200);
  });

  it('answers discovery in XML and JSON', async () => {
    const json = await get('/open311/discovery.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = json.json();
    expect(body).toEqual({
      changeset: '2026-11-30T00:00:00+08:00',
      contact: expect.stringContaining('综治中心'),
      key_service: expect.stringContaining('API keys'),
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://localhost:80/open311/v2', changeset: '2026-11-30T00:00:00+08:00', type: 'production', formats: ['text/xml', 'application/json'] }],
    });
    const xml = await get('/open311/discovery.xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body).toBe(
      `${XML_HEAD}<discovery><changeset>2026-11-30T00:00:00+08:00</changeset><contact>${body.contact}</contact><key_service>${body.key_service}</key_service>` +
        '<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification><url>http://localhost:80/open311/v2</url>' +
        '<changeset>2026-11-30T00:00:00+08:00</changeset><type>production</type><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>\n',
    );
  });

  it('lists the active second-level categories as services, in XML and JSON', async () => {
    const json = await get('/open311/v2/services.json');
    expect(json.statusCode).toBe(200);
    const list = json.json() as Record<string, unknown>[];
    const seconds = catalogueRows().filter((c) => c.parentCode);
    expect(list.map((s) => s.service_code)).toEqual(seconds.map((c) => c.code));
    expect(list[0]).toEqual({ service_code: SERVICE, service_name: '违法建设', description: '城乡建设/违法建设', metadata: false, type: 'realtime', keywords: null, group: '城乡建设' });
    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body.startsWith(`${XML_HEAD}<services><service><service_code>${SERVICE}</service_code><service_name>违法建设</service_name><description>城乡建设/违法建设</description><metadata>false</metadata><type>realtime</type><keywords/><group>城乡建设</group></service><service>`)).toBe(true);
    expect(xml.body.match(/<service>/g)).toHaveLength(seconds.length);
    expect(xml.body.endsWith('</service></services>\n')).toBe(true);

    // A category switched off leaves the list, and the discovery changeset moves to the change.
    expect((await call(env().app, admin, 'PUT', '/api/categories/environment.ecology', { name: '生态破坏', active: false })).statusCode).toBe(200);
    const after = (await get('/open311/v2/services.json')).json() as Record<string, unknown>[];
    expect(after.map((s) => s.service_code)).not.toContain('environment.ecology');
    expect(after).toHaveLength(seconds.length - 1);
    expect((await get('/open311/discovery.json')).json().changeset).toBe('2026-11-30T09:00:00+08:00');
  });

  it('answers a service definition, and 404 for an unknown, first-level or inactive code', async () => {
    const json = await get(`/open311/v2/services/${SERVICE}.json`);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual({ service_code: SERVICE, attributes: [] });
    const xml = await get(`/open311/v2/services/${SERVICE}.xml`);
    expect(xml.body).toBe(`${XML_HEAD}<service_definition><service_code>${SERVICE}</service_code><attributes></attributes></service_definition>\n`);
    for (const code of ['nope.nope', 'urban_construction', 'environment.ecology']) {
      await expectErrors(404, (f) => get(`/open311/v2/services/${code}.${f}`), [{ code: 404, description: `service_code ${code} not found` }]);
    }
    // Without a format suffix, or with one the API does not speak, nothing is there.
    const bare = await get(`/open311/v2/services/${SERVICE}`);
    expect(bare.statusCode).toBe(404);
    expect(bare.body).toBe(`${XML_HEAD}<errors><error><code>404</code><description>No Open311 resource GET /open311/v2/services/${SERVICE}</description></error></errors>\n`);
    expect((await get('/open311/v2/services.html')).statusCode).toBe(404);
    // Unknown paths under /open311 answer the specification's 404, in the suffix's format (XML without one).
    await expectErrors(404, (f) => get(`/open311/v2/nothing.${f}`), (f) => [{ code: 404, description: `No Open311 resource GET /open311/v2/nothing.${f}` }]);
  });

  it('creates an ordinary matter from a form POST with a valid key, answers its id and a token, in XML and JSON', async () => {
    const before = await matterCount();
    const res = await postForm('json', { ...valid(), jurisdiction_id: 'wuhai.gov.cn', first_name: '伟', last_name: '张', phone: '+86 139 1234 5678', email: 'zhang.wei@example.com', device_id: 'dev-1', account_id: 'acc-9', 'attribute[X]': '1', media_url: 'https://photos.example.com/p/1.jpg' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const [answer] = res.json() as { service_request_id: string; token: string; service_notice: string; account_id: null }[];
    expect(answer).toEqual({ service_request_id: expect.stringMatching(/^20261130\d{6}$/), token: expect.stringMatching(/^[\w-]{24}$/), service_notice: expect.stringContaining('已受理'), account_id: null });
    expect(await matterCount()).toBe(before + 1);

    const db = env().database.db;
    const row = await db.selectFrom('matters').selectAll().where('number', '=', answer!.service_request_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'open311', category_code: SERVICE, public: true, public_anonymous: true, state: 'pending_triage', reporter_user_id: null, grid_code: demo.gridWorker.scope_code });
    expect(row.description).toBe('路边有人搭建彩钢房\n\n媒体链接: https://photos.example.com/p/1.jpg');
    // The reporter's contact is encrypted like anyone's; the dispatcher of the owning centre sees it.
    expect(JSON.stringify(row)).not.toMatch(/13912345678|张伟|zhang\.wei/);
    const detail = (await call(env().app, dispatcher, 'GET', `/api/matters/${row.id}`)).json() as MatterDetail;
    expect(detail).toMatchObject({ channel: 'open311', categoryCode: SERVICE, number: answer!.service_request_id });
    expect(detail.reporter.name).toBe('张伟');
    expect((await call(env().app, dispatcher, 'GET', `/api/matters/${row.id}/reporter-contact`)).json()).toMatchObject({ phone: '13912345678' });
    const token = await db.selectFrom('open311_tokens').selectAll().where('token', '=', answer!.token).executeTakeFirstOrThrow();
    expect(token.email_enc).not.toContain('example.com');
    expect(env().deps.cipher.decrypt(token.email_enc!)).toBe('zhang.wei@example.com');
    const audited = await db.selectFrom('audit_log').selectAll().where('entity_id', '=', row.id).where('action', '=', 'matter.report').executeTakeFirstOrThrow();
    expect(audited).toMatchObject({ actor_id: key.id, actor_name: 'Open311 随手拍 App' });
    const keys = (await call(env().app, admin, 'GET', '/api/open311/keys')).json() as Open311Key[];
    expect(keys.find((k) => k.id === key.id)!.lastUsedAt).toBe('2026-11-30T01:00:00.000Z');

    // The token leads to the id.
    const byToken = await get(`/open311/v2/tokens/${answer!.token}.json`);
    expect(byToken.json()).toEqual([{ service_request_id: answer!.service_request_id, token: answer!.token }]);
    expect((await get(`/open311/v2/tokens/${answer!.token}.xml`)).body).toBe(
      `${XML_HEAD}<service_requests><request><service_request_id>${answer!.service_request_id}</service_request_id><token>${answer!.token}</token></request></service_requests>\n`,
    );
    await expectErrors(404, (f) => get(`/open311/v2/tokens/no-such-token.${f}`), [{ code: 404, description: 'token no-such-token not found' }]);

    // XML, and a JSON body, work the same way.
    const xml = await postForm('xml', valid());
    expect(xml.statusCode, xml.body).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>\d{14}<\/service_request_id><token>[\w-]{24}<\/token><service_notice>已受理[^<]*<\/service_notice><account_id\/><\/request><\/service_requests>\n$/,
    );
    const json = await call(env().app, null, 'POST', '/open311/v2/requests.json', { ...valid(), lat: point[1], long: point[0] });
    expect(json.statusCode, json.body).toBe(200);
    expect(await matterCount()).toBe(before + 3);
  });

  it('places a request by address_id (an area code) when there is no map point', async () => {
    const res = await postForm('json', { api_key: key.key, service_code: SERVICE, address_id: demo.gridWorker.scope_code, address_string: '新桥社区西门' });
    expect(res.statusCode, res.body).toBe(200);
    const row = await env().database.db.selectFrom('matters').selectAll().where('number', '=', res.json()[0].service_request_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ area_code: demo.gridWorker.scope_code, address: '新桥社区西门', lon: null, lat: null, description: '违法建设' });
  });

  it('answers 403 without a key, with an unknown key and with a revoked one', async () => {
    const before = await matterCount();
    const { api_key: _drop, ...noKey } = valid();
    await expectErrors(403, (f) => postForm(f, noKey), [{ code: 403, description: 'api_key was not provided -- can’t proceed with create_request' }]);
    const bad = [{ code: 403, description: 'Invalid or revoked api_key received -- can’t proceed with create_request' }];
    await expectErrors(403, (f) => postForm(f, { ...valid(), api_key: 'fq311_wrong' }), bad);
    await expectErrors(403, (f) => postForm(f, { ...valid(), api_key: revoked.key }), bad);
    // No person reports through the open311 channel, not even an administrator.
    for (const who of [admin, await loginToken(env().app, 'qunzhong', DEMO_PASSWORD)]) {
      const res = await call(env().app, who, 'POST', '/api/matters', { channel: 'open311', title: '冒充', description: '冒充第三方', address: '新桥社区', areaCode: demo.gridWorker.scope_code });
      expect(res.statusCode, res.body).toBe(403);
    }
    expect(await matterCount()).toBe(before);
  });

  it('answers 400 for missing or invalid arguments and 404 for an unknown service, creating nothing', async () => {
    const before = await matterCount();
    const { service_code: _s, ...noService } = valid();
    await expectErrors(400, (f) => postForm(f, noService), [{ code: 400, description: 'service_code: service_code was not provided' }]);
    await expectErrors(404, (f) => postForm(f, { ...valid(), service_code: 'urban_construction.nope' }), [{ code: 404, description: 'service_code urban_construction.nope not found' }]);
    const { lat: _a, long: _b, ...noPlace } = valid();
    await expectErrors(400, (f) => postForm(f, noPlace), [{ code: 400, description: 'lat: send lat and long (WGS84), or address_id (an area code)' }]);
    await expectErrors(400, (f) => postForm(f, { ...noPlace, address_string: '新桥社区3号楼' }), [
      { code: 400, description: 'address_string: a free-text address alone cannot be placed here: send lat and long (WGS84), or address_id (the area code of the community, grid or building)' },
    ]);
    await expectErrors(400, (f) => postForm(f, { ...noPlace, lat: String(point[1]) }), [{ code: 400, description: 'long: lat and long both need to be sent' }]);
    await expectErrors(400, (f) => postForm(f, { ...valid(), lat: '10', long: '10' }), [{ code: 400, description: 'lat: lat/long lie outside every grid: send address_id (an area code) too' }]);
    await expectErrors(400, (f) => postForm(f, { ...noPlace, address_id: '150303999999999' }), [{ code: 400, description: 'address_id: no area has this code' }]);
    // Several problems at once: one error each.
    await expectErrors(400, (f) => postForm(f, { api_key: key.key, lat: 'north', long: '200', address_id: 'A1', email: 'nope', phone: '123' }), [
      { code: 400, description: 'service_code: service_code was not provided' },
      { code: 400, description: 'lat: must be a WGS84 latitude between -90 and 90' },
      { code: 400, description: 'long: must be a WGS84 longitude between -180 and 180' },
      { code: 400, description: 'address_id: must be one of our area codes (6 to 20 digits)' },
      { code: 400, description: 'email: not an e-mail address' },
    ]);
    await expectErrors(400, (f) => postForm(f, { ...valid(), phone: '123' }), [{ code: 400, description: 'phone: phone: an 11-digit mobile number or a landline such as 0473-1234567' }]);
    await expectErrors(400, (f) => postForm(f, { ...valid(), description: 'x'.repeat(4001) }), [{ code: 400, description: 'description: at most 4,000 characters' }]);
    await expectErrors(400, (f) => postForm(f, { ...valid(), description: 'x'.repeat(3990), media_url: 'https://photos.example.com/p/1.jpg' }), [
      { code: 400, description: 'media_url: description and media_url together exceed 4,000 characters' },
    ]);
    const plain = await call(env().app, null, 'POST', '/open311/v2/requests.json', 'service_code=x', { 'content-type': 'text/plain' });
    expect(plain.statusCode).toBe(400);
    expect(plain.json()[0].code).toBe(400);
    expect(await matterCount()).toBe(before);
  });

  it('lets admins alone issue and revoke keys, showing each key once, audited without the key', async () => {
    const made = await call(env().app, admin, 'POST', '/api/open311/keys', { name: '测试密钥' });
    expect(made.statusCode).toBe(201);
    const created = made.json() as Open311KeyCreated;
    expect(created.key).toMatch(/^fq311_[\w-]{32}$/);
    expect(created.prefix).toBe(created.key.slice(0, 10));
    const listed = await call(env().app, admin, 'GET', '/api/open311/keys');
    expect(listed.body).not.toContain(created.key);
    expect((listed.json() as Open311Key[]).find((k) => k.id === created.id)).toMatchObject({ id: created.id, name: '测试密钥', createdBy: expect.any(String), lastUsedAt: null, revokedAt: null });
    expect((await call(env().app, dispatcher, 'POST', '/api/open311/keys', { name: '调度员的' })).statusCode).toBe(403);
    expect((await call(env().app, admin, 'POST', '/api/open311/keys', { name: '<b>' })).statusCode).toBe(400);
    const gone = await call(env().app, admin, 'DELETE', `/api/open311/keys/${created.id}`);
    expect(gone.json()).toMatchObject({ id: created.id, revokedAt: '2026-11-30T01:00:00.000Z' });
    expect((await call(env().app, admin, 'DELETE', `/api/open311/keys/${created.id}`)).statusCode).toBe(409);
    expect((await call(env().app, admin, 'DELETE', '/api/open311/keys/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const audit = await env().database.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'open311_key').where('entity_id', '=', created.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['open311_key.create', 'open311_key.revoke']);
    expect(JSON.stringify(audit)).not.toContain(created.key);
    await expectErrors(403, (f) => postForm(f, { ...valid(), api_key: created.key }), [{ code: 403, description: 'Invalid or revoked api_key received -- can’t proceed with create_request' }]);
  });
});
