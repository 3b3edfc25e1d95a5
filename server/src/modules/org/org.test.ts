import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../platform/db/schema.js';
import { describeEachDb } from '../../../test/databases.js';
import { makeArea, makeOrgUnit, makeUser } from '../../../test/factories.js';
import { call, loginToken, useTestEnv } from '../../../test/test-app.js';

// Organisation units: who sees which (scope), admin writes with their audit trail, and the
// error answers the web relies on (field paths in details).

/**
 * One district with two streets; units at every level, a dispatcher in street A and an admin
 * for the whole city. Each test builds its own tree (its own city), so tests do not see each other.
 */
async function cityWithTwoStreets(db: Kysely<DB>) {
  const city = await makeArea(db, { level: 'city' });
  const district = await makeArea(db, { level: 'district', parent: city });
  const streetA = await makeArea(db, { level: 'street', parent: district });
  const streetB = await makeArea(db, { level: 'street', parent: district });
  const communityA = await makeArea(db, { level: 'community', parent: streetA });
  const units = {
    city: await makeOrgUnit(db, { area: city, kind: 'center' }),
    district: await makeOrgUnit(db, { area: district, kind: 'center' }),
    streetA: await makeOrgUnit(db, { area: streetA, kind: 'center' }),
    policeA: await makeOrgUnit(db, { area: streetA, kind: 'police_station', name: `派出所-${streetA.code}` }),
    communityA: await makeOrgUnit(db, { area: communityA, kind: 'property_company' }),
    streetB: await makeOrgUnit(db, { area: streetB, kind: 'center' }),
  };
  const dispatcher = await makeUser(db, { roles: ['dispatcher'], scope: streetA, unitId: units.streetA.id });
  const admin = await makeUser(db, { roles: ['admin'], scope: city });
  return { city, district, streetA, streetB, communityA, units, dispatcher, admin };
}

describeEachDb('org units', (kind) => {
  const env = useTestEnv(kind);

  describe('scope', () => {
    it('shows a dispatcher the units of their street and those above it, not another street’s', async () => {
      const { app, database } = env();
      const t = await cityWithTwoStreets(database.db);
      const me = await loginToken(app, t.dispatcher.username, t.dispatcher.password);

      const res = await call(app, me, 'GET', '/api/org-units?pageSize=200');
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((u: { id: string }) => u.id).sort();
      const { streetB: _hidden, ...visible } = t.units;
      expect(ids).toEqual(Object.values(visible).map((u) => u.id).sort());
      expect(res.json().total).toBe(5);

      expect((await call(app, me, 'GET', `/api/org-units/${t.units.district.id}`)).statusCode).toBe(200);
      expect((await call(app, me, 'GET', `/api/org-units/${t.units.communityA.id}`)).statusCode).toBe(200);
    });

    it('answers another street’s unit exactly like a unit that does not exist', async () => {
      const { app, database } = env();
      const t = await cityWithTwoStreets(database.db);
      const me = await loginToken(app, t.dispatcher.username, t.dispatcher.password);

      const hidden = await call(app, me, 'GET', `/api/org-units/${t.units.streetB.id}`);
      const missing = await call(app, me, 'GET', `/api/org-units/${crypto.randomUUID()}`);
      expect(hidden.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      // Only the request id may differ, or the answer would tell the unit exists.
      const strip = (body: { error: Record<string, unknown> }) => ({ ...body.error, requestId: undefined });
      expect(strip(hidden.json())).toEqual(strip(missing.json()));
      expect(hidden.json().error.code).toBe('NOT_FOUND');
      expect(Object.keys(hidden.json().error).sort()).toEqual(Object.keys(missing.json().error).sort());
    });

    it('lets only org.write roles create units', async () => {
      const { app, database } = env();
      const t = await cityWithTwoStreets(database.db);
      const me = await loginToken(app, t.dispatcher.username, t.dispatcher.password);
      const res = await call(app, me, 'POST', '/api/org-units', { name: '调度员建的单位', kind: 'department', areaCode: t.streetA.code });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      const count = await database.db.selectFrom('org_units').select('id').where('name', '=', '调度员建的单位').execute();
      expect(count).toHaveLength(0);
    });
  });

  describe('admin writes', () => {
    it('creates and updates a unit, each with an audit row naming actor, request id, before and after', async () => {
      const { app, database } = env();
      const t = await cityWithTwoStreets(database.db);
      const admin = await loginToken(app, t.admin.username, t.admin.password);

      const created = await call(app, admin, 'POST', '/api/org-units', {
        name: '拉僧仲城管中队',
        kind: 'department',
        areaCode: t.streetA.code,
        parentId: t.units.streetA.id,
        categories: ['urban.appearance'],
        phone: '0473-1234567',
      });
      expect(created.statusCode).toBe(201);
      const unit = created.json();
      expect(unit).toMatchObject({ name: '拉僧仲城管中队', kind: 'department', areaCode: t.streetA.code, parentId: t.units.streetA.id, categories: ['urban.appearance'] });

      const auditOf = (action: string) =>
        database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'org_unit').where('entity_id', '=', unit.id).where('action', '=', action).execute();
      const [createRow, ...moreCreates] = await auditOf('org.create');
      expect(moreCreates).toHaveLength(0);
      expect(createRow).toMatchObject({ actor_id: admin.userId, request_id: created.headers['x-request-id'] });
      expect(createRow!.before).toBeNull();
      expect(createRow!.after).toMatchObject({ name: '拉僧仲城管中队', areaCode: t.streetA.code });

      const updated = await call(app, admin, 'PATCH', `/api/org-units/${unit.id}`, { name: '拉僧仲城管执法中队' });
      expect(updated.statusCode).toBe(200);
      // A rename leaves the other fields alone (categories once fell back to their create default []).
      expect(updated.json()).toMatchObject({ name: '拉僧仲城管执法中队', categories: ['urban.appearance'], phone: '0473-1234567' });
      const [updateRow] = await auditOf('org.update');
      expect(updateRow).toMatchObject({ actor_id: admin.userId, request_id: updated.headers['x-request-id'] });
      expect(updateRow!.before).toMatchObject({ name: '拉僧仲城管中队' });
      expect(updateRow!.after).toEqual({ name: '拉僧仲城管执法中队' });
    });

    it('refuses a second unit of the same name in the same area with 409 on `name`', async () => {
      const { app, database } = env();
      const t = await cityWithTwoStreets(database.db);
      const admin = await loginToken(app, t.admin.username, t.admin.password);
      const body = { name: '重名单位', kind: 'department', areaCode: t.streetA.code };
      expect((await call(app, admin, 'POST', '/api/org-units', body)).statusCode).toBe(201);

      const clash = await call(app, admin, 'POST', '/api/org-units', body);
      expect(clash.statusCode).toBe(409);
      expect(clash.json().error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'name' }] });
      // The same name in another area is fine: uniqueness is per area.
      expect((await call(app, admin, 'POST', '/api/org-units', { ...body, areaCode: t.streetB.code })).statusCode).toBe(201);
      // Renaming onto an existing name clashes too.
      const rename = await call(app, admin, 'PATCH', `/api/org-units/${t.units.policeA.id}`, { name: '重名单位' });
      expect(rename.statusCode).toBe(409);
      expect(rename.json().error.details).toEqual([expect.objectContaining({ path: 'name' })]);
    });

    it('rejects an unknown area code with 400 on `areaCode`', async () => {
      const { app, database } = env();
      const t = await cityWithTwoStreets(database.db);
      const admin = await loginToken(app, t.admin.username, t.admin.password);
      const res = await call(app, admin, 'POST', '/api/org-units', { name: '无区域单位', kind: 'department', areaCode: '999999999999' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'areaCode' }] });
    });
  });

  describe('filters and paging', () => {
    it('filters by kind, name and area, and pages with the full total', async () => {
      const { app, database } = env();
      const t = await cityWithTwoStreets(database.db);
      const me = await loginToken(app, t.dispatcher.username, t.dispatcher.password);
      const list = async (query: string) => {
        const res = await call(app, me, 'GET', `/api/org-units?${query}`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as { items: { id: string }[]; total: number; page: number; pageSize: number };
      };

      expect((await list('kind=police_station')).items.map((u) => u.id)).toEqual([t.units.policeA.id]);
      expect((await list(`q=${encodeURIComponent('派出所')}`)).items.map((u) => u.id)).toEqual([t.units.policeA.id]);
      // LIKE wildcards in q are literal text, not patterns.
      expect((await list('q=%25')).total).toBe(0);
      // areaCode narrows to that subtree: street A's two units plus the community's.
      const inA = await list(`areaCode=${t.streetA.code}`);
      expect(inA.items.map((u) => u.id).sort()).toEqual([t.units.streetA.id, t.units.policeA.id, t.units.communityA.id].sort());
      // An area outside the viewer's scope matches nothing rather than leaking its units.
      expect((await list(`areaCode=${t.streetB.code}`)).total).toBe(0);

      const page1 = await list('pageSize=2&page=1');
      const page3 = await list('pageSize=2&page=3');
      expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
      expect(page1.items).toHaveLength(2);
      expect(page3.items).toHaveLength(1);
      expect(page3.total).toBe(5);
      const all = [...page1.items, ...(await list('pageSize=2&page=2')).items, ...page3.items].map((u) => u.id);
      expect(new Set(all).size).toBe(5);
    });
  });
});
