import Fastify, { type LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../src/platform/http/error-handler.js';
import { describeEachDb } from './databases.js';
import { expectError, pathsOf } from './error-contract.js';
import { makeArea, makeOrgUnit, makeUser, type MadeArea } from './factories.js';
import { percentEncode } from './openapi-cases.js';
import { call, loginToken, useTestEnv, type Session } from './test-app.js';

// One test per class of input that used to reach PostgreSQL and come back as a 500 (or be
// stored mangled): each is a 400 VALIDATION_FAILED naming the field, and nothing is written.
// hostile-input-sweep.test.ts sends the same classes to every route of the API document.

describeEachDb('hostile input by class', (kind) => {
  const env = useTestEnv(kind);
  let admin: Session;
  let worker: Session;
  let street: MadeArea;
  let community: MadeArea;
  let matterId = '';

  /** Every row of the tables a refused request could touch, to show it touched none. */
  const snapshot = async () => {
    const tables = ['areas', 'org_units', 'users', 'categories', 'calendar_days', 'matters', 'matter_events', 'idempotency_keys', 'audit_log', 'notifications', 'dispute_sessions'];
    const rows = await sql.raw<{ h: string }>(tables.map((t) => `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`).join(' union all ')).execute(env().database.db);
    return rows.rows.map((r) => r.h).join();
  };
  const refused = async (res: () => Promise<LightMyRequestResponse>, field: string) => {
    const before = await snapshot();
    const error = expectError(await res(), 400, 'VALIDATION_FAILED');
    expect(pathsOf(error), JSON.stringify(error)).toContain(field);
    expect(await snapshot()).toBe(before);
    return error;
  };
  const as = (s: Session, method: string, url: string, payload?: unknown, headers?: Record<string, string>) => () => call(env().app, s, method, url, payload, headers);
  const raw = (s: Session, method: string, url: string, json: string) => () => call(env().app, s, method, url, json, { 'content-type': 'application/json' });
  const matter = (over: Record<string, unknown> = {}) => ({ channel: 'grid_report', title: '井盖缺失', description: '路口井盖丢失', address: '新桥社区路口', areaCode: community.code, ...over });

  beforeAll(async () => {
    const { database, app } = env();
    const city = await makeArea(database.db, { level: 'city' });
    street = await makeArea(database.db, { level: 'street', parent: await makeArea(database.db, { level: 'district', parent: city }) });
    community = await makeArea(database.db, { level: 'community', parent: street });
    await makeOrgUnit(database.db, { area: street, kind: 'center' });
    const a = await makeUser(database.db, { roles: ['admin'], scope: city });
    admin = await loginToken(app, a.username, a.password);
    const w = await makeUser(database.db, { roles: ['grid_worker'], scope: community });
    worker = await loginToken(app, w.username, w.password);
    const made = await call(app, worker, 'POST', '/api/matters', matter());
    expect(made.statusCode, made.body).toBe(201);
    matterId = made.json().id;
  });

  describe('lone surrogates', () => {
    it('refuses an unpaired surrogate in a body field, a nested field and a field name', async () => {
      const unit = { name: '测试单位', kind: 'department', areaCode: street.code };
      const error = await refused(as(admin, 'POST', '/api/org-units', { ...unit, name: '单位\ud800' }), 'name');
      expect(error.details![0]!.message).toMatch(/unpaired surrogate/);
      await refused(raw(admin, 'POST', '/api/org-units', JSON.stringify({ ...unit, name: '\udc00单位' })), 'name');
      await refused(as(worker, 'POST', '/api/matters', matter({ description: '井盖\udfff丢失' })), 'description');
      await refused(as(admin, 'PUT', '/api/categories/environment', { name: '环境\ud83d', active: true }), 'name');
      await refused(as(admin, 'POST', '/api/org-units', { ...unit, ['bad\ud800key']: 1 }), 'bad\\ud800key');
      const areas = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: `${community.code}9`, name: '网格\ud800', level: 'grid', parentCode: community.code }, geometry: null }] };
      await refused(as(admin, 'POST', '/api/areas/import', areas), 'features.0.properties.name');
    });

    it('refuses one sent percent-encoded in a path or a query (%ED%A0%80 is not UTF-8)', async () => {
      await refused(as(admin, 'PUT', `/api/categories/env${percentEncode('\ud800')}`, { name: '环境', active: true }), 'params.code');
      await refused(as(admin, 'GET', `/api/org-units?q=${percentEncode('单位\udc00')}`), 'querystring.q');
    });

    it('accepts well-formed pairs: an emoji is text', async () => {
      const res = await call(env().app, admin, 'POST', '/api/org-units', { name: '笑脸😀单位', kind: 'department', areaCode: street.code });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().name).toBe('笑脸😀单位');
    });
  });

  describe('control characters and bidirectional overrides', () => {
    it('refuses them in body, path and query, naming the field', async () => {
      const unit = { name: '测试单位', kind: 'department', areaCode: street.code };
      // U+202E turns "报修 gpj.exe" around on screen: text that reads other than it is.
      const bidi = await refused(as(worker, 'POST', '/api/matters', matter({ title: '井盖丢失\u202Egpj.exe' })), 'title');
      expect(bidi.details![0]!.message).toMatch(/bidirectional override \(U\+202E\)/);
      await refused(as(worker, 'POST', '/api/matters', matter({ description: '井盖\u2066丢失\u2069' })), 'description');
      const bell = await refused(as(admin, 'POST', '/api/org-units', { ...unit, name: '单位\u0007' }), 'name');
      expect(bell.details![0]!.message).toMatch(/control character U\+0007/);
      await refused(as(admin, 'POST', '/api/org-units', { ...unit, name: '单位\u009B' }), 'name');
      await refused(as(admin, 'GET', `/api/org-units?q=${encodeURIComponent('单位\u001B')}`), 'querystring.q');
      await refused(as(admin, 'PUT', `/api/categories/env${encodeURIComponent('\u007F')}`, { name: '环境', active: true }), 'params.code');
    });

    it('keeps tabs and line breaks, which people do type', async () => {
      const res = await call(env().app, worker, 'POST', '/api/matters', matter({ description: '第一行\r\n第二行\n\t第三行' }));
      expect(res.statusCode, res.body).toBe(201);
    });
  });

  describe('NUL', () => {
    it('refuses U+0000 in fields no schema rule looks into, in the body, the path, the query and a header', async () => {
      const error = await refused(as(admin, 'POST', '/api/auth/token', { username: 'admin\u0000', password: 'long enough pw' }), 'username');
      expect(error.details![0]!.message).toMatch(/NUL/);
      await refused(as(admin, 'POST', '/api/auth/login', { username: 'admin', password: 'pass\u0000word' }), 'password');
      await refused(as(admin, 'PUT', '/api/categories/env%00', { name: '环境', active: true }), 'params.code');
      await refused(as(admin, 'GET', '/api/files/%00'), 'params.id');
      await refused(as(admin, 'POST', '/api/files?name=a%00.png', Buffer.from('x'), { 'content-type': 'image/png' }), 'querystring.name');
      await refused(as(worker, 'POST', '/api/matters', matter(), { 'idempotency-key': 'key-with-\u0000-nul' }), 'headers.idempotency-key');
    });

    it('refuses it on the Open311 API too, in its own error format', async () => {
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const res = await env().app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: 'api_key=k&service_code=x&description=a%00b&lat=1&long=1', headers: form });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toEqual([{ code: 400, description: 'description: must not contain NUL (U+0000)' }]);
      const list = await env().app.inject({ method: 'GET', url: `/open311/v2/requests.json?service_code=${percentEncode('a\ud800')}` });
      expect(list.statusCode, list.body).toBe(400);
      const year0 = await env().app.inject({ method: 'GET', url: '/open311/v2/requests.json?start_date=0000-01-01' });
      expect(year0.json()).toEqual([{ code: 400, description: expect.stringMatching(/^start_date/) }]);
    });
  });

  describe('impossible dates', () => {
    it('refuses them in a path: 2026-02-31, 2026-13-45, 29 February of a common year', async () => {
      for (const day of ['2026-02-31', '2026-13-45', '2026-02-29', '2026-04-31', '0000-01-01']) {
        await refused(as(admin, 'PUT', `/api/calendar/${day}`, { kind: 'holiday', name: '假日' }), 'params.day');
        await refused(as(admin, 'DELETE', `/api/calendar/${day}`), 'params.day');
      }
      const leap = await call(env().app, admin, 'PUT', '/api/calendar/2028-02-29', { kind: 'holiday', name: '闰日' });
      expect(leap.statusCode, leap.body).toBe(200);
    });

    it('refuses them in a query', async () => {
      await refused(as(admin, 'GET', '/api/dispute-meetings/agenda?date=2026-13-45'), 'querystring.date');
      await refused(as(admin, 'GET', '/api/dispute-stats?from=2026-02-29'), 'querystring.from');
      await refused(as(admin, 'GET', '/api/dispute-stats?to=2026-02-30'), 'querystring.to');
      await refused(as(admin, 'GET', '/api/dispute-screenings/coverage?period=0000-01'), 'querystring.period');
    });

    it('refuses them in a body: no such day, 24:00, minute 60, offset +16:00, year 0000', async () => {
      const session = (at: string) => as(admin, 'POST', '/api/disputes/00000000-0000-4000-8000-000000000000/actions', { action: 'schedule_session', at, place: '调解室' });
      for (const at of ['2026-02-31T10:00:00+08:00', '2026-12-01T24:00:00+08:00', '2026-12-01T10:60:00+08:00', '2026-12-01T10:00:00+16:00', '0000-01-01T00:00:00Z', '2026-12-01 10:00:00']) {
        await refused(session(at), 'at');
      }
      await refused(as(admin, 'POST', `/api/matters/${matterId}/actions`, { action: 'supervise', note: '督办', dueAt: '2026-02-29T17:00:00+08:00' }), 'dueAt');
    });
  });

  describe('numbers and lengths PostgreSQL would refuse', () => {
    it('refuses integers past int4, pages past the last sensible one, and over-long path segments', async () => {
      const record = { minutes: '笔录', version: 2 ** 31 };
      await refused(as(admin, 'POST', '/api/disputes/00000000-0000-4000-8000-000000000000/actions', { action: 'record_session', sessionId: '00000000-0000-4000-8000-000000000000', ...record }), 'version');
      await refused(as(admin, 'GET', `/api/users?page=${2 ** 31}`), 'querystring.page');
      await refused(as(admin, 'GET', '/api/users?pageSize=1e400'), 'querystring.pageSize');
      await refused(as(admin, 'GET', `/api/org-units/${'a'.repeat(500)}`), 'params.id');
    });
  });

  describe('invisible text', () => {
    const invisible = ['\u200b\u200b', '\u3000\u3000', '\ufeff\u2060\u200d', '\u0301\u0301', '\u200e\u200f', '\u3164\u3164', ' \u00ad\u2800 '];

    it('refuses titles, descriptions and names made only of invisible characters', async () => {
      for (const s of invisible) {
        await refused(as(worker, 'POST', '/api/matters', matter({ title: s })), 'title');
        await refused(as(worker, 'POST', '/api/matters', matter({ description: s })), 'description');
        await refused(as(admin, 'POST', '/api/org-units', { name: s, kind: 'department', areaCode: street.code }), 'name');
        await refused(as(admin, 'PATCH', `/api/areas/${community.code}`, { name: s }), 'name');
      }
      // One visible character is not the two a title needs.
      const error = await refused(as(worker, 'POST', '/api/matters', matter({ title: '井\u200b' })), 'title');
      expect(error.details![0]!.message).toMatch(/2 visible characters/);
    });

    it('refuses a required note or reason of invisible characters', async () => {
      await refused(as(worker, 'POST', `/api/matters/${matterId}/actions`, { action: 'comment', note: '\u200b\u3000' }), 'note');
      await refused(as(admin, 'POST', '/api/supervision', { kind: 'slow_handling', subject: '\u2060', content: '办理拖延' }), 'subject');
    });

    it('still takes text with invisible characters among visible ones', async () => {
      const res = await call(env().app, worker, 'POST', '/api/matters', matter({ title: '井盖\u200b缺失' }));
      expect(res.statusCode, res.body).toBe(201);
    });
  });

  describe('the database as a last line', () => {
    it('answers a data error (SQLSTATE 22xxx) the validation missed with a 400 that tells nothing of the database', async () => {
      const db = env().database.db;
      const app = Fastify({ logger: false });
      installErrorHandler(app);
      app.get('/int4', async () => sql`select ${String(2 ** 31)}::int as n`.execute(db));
      app.get('/date', async () => sql`select '2026-02-31'::date as d`.execute(db));
      app.get('/nul', async () => sql`select ${'a\u0000b'}::jsonb as j`.execute(db));
      for (const url of ['/int4', '/date', '/nul']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, res.body).toBe(400);
        const { error } = res.json();
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.message).not.toMatch(/integer|date\/time|json|syntax|22\d{3}/i);
      }
      await app.close();
    });
  });
});
