import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from './databases.js';
import { expectError, pathsOf } from './error-contract.js';
import { makeArea, makeOrgUnit, makeUser, rect, type MadeArea } from './factories.js';
import { call, loginToken, useTestEnv, type Session } from './test-app.js';

// Hostile or clumsy input: every case gets a clear 4xx in the one error shape, with the field
// named where there is one, and leaves the database exactly as it was.

type Table = 'areas' | 'org_units' | 'users' | 'audit_log';
const TABLES: Table[] = ['areas', 'org_units', 'users', 'audit_log'];

describeEachDb('bad input', (kind) => {
  const env = useTestEnv(kind);
  let admin: Session;
  let street: MadeArea;
  let community: MadeArea;

  const counts = async () => {
    const db = env().database.db;
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };
  /** Runs a request and checks the four tables did not change. */
  const refused = async (send: () => Promise<LightMyRequestResponse>) => {
    const before = await counts();
    const res = await send();
    expect(await counts()).toEqual(before);
    return res;
  };
  const post = (url: string, payload: unknown) => refused(() => call(env().app, admin, 'POST', url, payload));
  const raw = (url: string, body: string | Buffer, contentType: string, method: 'POST' | 'PATCH' = 'POST') =>
    refused(() => env().app.inject({ method, url, payload: body, headers: { authorization: `Bearer ${admin.token}`, 'content-type': contentType } }));

  beforeAll(async () => {
    const { database, app } = env();
    const city = await makeArea(database.db, { level: 'city' });
    street = await makeArea(database.db, { level: 'street', parent: await makeArea(database.db, { level: 'district', parent: city }) });
    community = await makeArea(database.db, { level: 'community', parent: street });
    const user = await makeUser(database.db, { roles: ['admin'], scope: city });
    admin = await loginToken(app, user.username, user.password);
  });

  const unit = () => ({ name: '测试单位', kind: 'department', areaCode: street.code });
  const grid = (geometry: unknown) => ({ code: `${community.code}901`, name: '坏网格', level: 'grid', parentCode: community.code, geometry });
  const importOf = (geometry: unknown) => ({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { code: `${community.code}902`, name: '坏网格', level: 'grid', parentCode: community.code }, geometry }],
  });

  describe('shape of the body', () => {
    it('rejects wrong types, naming the field', async () => {
      const level = expectError(await post('/api/areas', { ...grid(undefined), level: 5 }), 400, 'VALIDATION_FAILED');
      expect(pathsOf(level)).toContain('level');
      const roles = expectError(
        await post('/api/users', { username: 'typed', displayName: '类型', password: 'long enough pw', roles: 'admin', scopeAreaCode: street.code }),
        400,
        'VALIDATION_FAILED',
      );
      expect(pathsOf(roles)).toContain('roles');
    });

    it('rejects unknown fields, naming them', async () => {
      const error = expectError(await post('/api/org-units', { ...unit(), colour: 'red', size: 1 }), 400, 'VALIDATION_FAILED');
      expect(pathsOf(error)).toEqual(['colour', 'size']);
      const patch = expectError(await refused(() => call(env().app, admin, 'PATCH', `/api/users/${admin.userId}`, { isAdmin: true })), 400, 'VALIDATION_FAILED');
      expect(pathsOf(patch)).toEqual(['isAdmin']);
      const nested = expectError(await post('/api/areas/import', { ...importOf(rect(106, 39, 106.01, 39.01)), crs: 'EPSG:4326' }), 400, 'VALIDATION_FAILED');
      expect(pathsOf(nested)).toEqual(['crs']);
      const inFeature = importOf(rect(106, 39, 106.01, 39.01));
      (inFeature.features[0]!.properties as Record<string, unknown>).population = 5000;
      expect(pathsOf(expectError(await post('/api/areas/import', inFeature), 400, 'VALIDATION_FAILED'))).toEqual(['features.0.properties.population']);
    });

    it('refuses bodies over 1 MiB, and imports over 50 MiB', async () => {
      const big = JSON.stringify({ ...unit(), name: 'x'.repeat(1024 * 1024 + 10) });
      expectError(await raw('/api/org-units', big, 'application/json'), 413, 'PAYLOAD_TOO_LARGE');
      const huge = Buffer.alloc(50 * 1024 * 1024 + 1024, ' ');
      huge.write('{"type":"FeatureCollection","features":[]}');
      expectError(await raw('/api/areas/import', huge, 'application/json'), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers malformed JSON with 400 and other content types with 415', async () => {
      expectError(await raw('/api/org-units', '{"name": "x", ', 'application/json'), 400, 'VALIDATION_FAILED');
      expectError(await raw('/api/org-units', '', 'application/json'), 400, 'VALIDATION_FAILED');
      expectError(await raw('/api/org-units', '<unit name="x"/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await raw('/api/org-units', 'name=x&kind=department', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await raw('/api/org-units', JSON.stringify(unit()), 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('GeoJSON', () => {
    const open = { type: 'Polygon', coordinates: [[[106, 39], [106.01, 39], [106.01, 39.01], [106, 39.01]]] };
    const bowtie = { type: 'Polygon', coordinates: [[[106, 39], [106.01, 39.01], [106.01, 39], [106, 39.01], [106, 39]]] };
    const outOfRange = rect(106, 95, 106.01, 95.01);
    const point = { type: 'Point', coordinates: [106, 39] };

    it.each([
      ['an unclosed ring', open],
      ['a self-intersecting (bowtie) ring', bowtie],
      ['coordinates out of range', outOfRange],
      ['a Point', point],
    ])('rejects %s, pointing into the geometry', async (_what, geometry) => {
      const created = expectError(await post('/api/areas', grid(geometry)), 400, 'VALIDATION_FAILED');
      expect(pathsOf(created).length).toBeGreaterThan(0);
      expect(pathsOf(created).every((p) => p.startsWith('geometry'))).toBe(true);
      const imported = expectError(await post('/api/areas/import', importOf(geometry)), 400, 'VALIDATION_FAILED');
      expect(pathsOf(imported).length).toBeGreaterThan(0);
      expect(pathsOf(imported).every((p) => p.startsWith('features.0.geometry'))).toBe(true);
    });
  });

  describe('strings', () => {
    it('stores SQL in a name as plain text and runs none of it', async () => {
      const { app, database } = env();
      const name = "x'); drop table users; --";
      const before = await counts();
      const res = await call(app, admin, 'POST', '/api/users', { username: 'bobby.tables', displayName: name, password: 'long enough pw', roles: ['grid_worker'], scopeAreaCode: street.code });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().displayName).toBe(name);
      const after = await counts();
      expect(after).toEqual({ ...before, users: before.users! + 1, audit_log: before.audit_log! + 1 });
      const table = await sql<{ t: string | null }>`select to_regclass('public.users')::text as t`.execute(database.db);
      expect(table.rows[0]!.t).toBe('users');
      const row = await database.db.selectFrom('users').select('display_name').where('username', '=', 'bobby.tables').executeTakeFirstOrThrow();
      expect(row.display_name).toBe(name);
    });

    it('treats SQL in a search as text: no extra rows', async () => {
      const { app, database } = env();
      await makeOrgUnit(database.db, { area: street });
      const q = encodeURIComponent("' or 1=1 --");
      for (const url of [`/api/org-units?q=${q}`, `/api/users?q=${q}`]) {
        const res = await refused(() => call(app, admin, 'GET', url));
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ items: [], total: 0 });
      }
    });

    it('rejects < and > in display names of areas, units and users', async () => {
      const name = '<script>alert(1)</script>';
      expect(pathsOf(expectError(await post('/api/org-units', { ...unit(), name }), 400, 'VALIDATION_FAILED'))).toEqual(['name']);
      expect(pathsOf(expectError(await post('/api/areas', { ...grid(undefined), name }), 400, 'VALIDATION_FAILED'))).toEqual(['name']);
      const user = { username: 'html.user', displayName: name, password: 'long enough pw', roles: ['grid_worker'], scopeAreaCode: street.code };
      expect(pathsOf(expectError(await post('/api/users', user), 400, 'VALIDATION_FAILED'))).toEqual(['displayName']);
      const rename = await refused(() => call(env().app, admin, 'PATCH', `/api/areas/${community.code}`, { name: '<b>社区</b>' }));
      expect(pathsOf(expectError(rename, 400, 'VALIDATION_FAILED'))).toEqual(['name']);
    });
  });

  describe('paths and queries', () => {
    it('rejects a bad UUID, a bad area code and an oversized page', async () => {
      const { app } = env();
      const get = (url: string) => refused(() => call(app, admin, 'GET', url));
      expect(pathsOf(expectError(await get('/api/org-units/not-a-uuid'), 400, 'VALIDATION_FAILED'))).toEqual(['params.id']);
      expectError(await refused(() => call(app, admin, 'PATCH', "/api/users/1' or '1'='1", { displayName: 'x' })), 400, 'VALIDATION_FAILED');
      expect(pathsOf(expectError(await get('/api/areas/abc'), 400, 'VALIDATION_FAILED'))).toEqual(['params.code']);
      expect(pathsOf(expectError(await post('/api/org-units', { ...unit(), areaCode: '12ab' }), 400, 'VALIDATION_FAILED'))).toEqual(['areaCode']);
      expect(pathsOf(expectError(await get('/api/org-units?pageSize=100000'), 400, 'VALIDATION_FAILED'))).toEqual(['querystring.pageSize']);
      expect(pathsOf(expectError(await get('/api/users?page=0'), 400, 'VALIDATION_FAILED'))).toEqual(['querystring.page']);
    });

    it('answers an unknown route with a JSON 404', async () => {
      const res = await refused(() => call(env().app, admin, 'GET', '/api/no-such-thing'));
      expect(expectError(res, 404, 'NOT_FOUND').message).toContain('/api/no-such-thing');
      expectError(await refused(() => call(env().app, null, 'POST', '/api/org-units/x/y', {})), 404, 'NOT_FOUND');
    });

    it('explains a conflict in words, not database errors', async () => {
      await call(env().app, admin, 'POST', '/api/org-units', { ...unit(), name: '唯一单位' });
      const error = expectError(await post('/api/org-units', { ...unit(), name: '唯一单位' }), 409, 'CONFLICT');
      expect(error.message).toBe('A unit named 唯一单位 already exists in this area');
    });
  });
});
