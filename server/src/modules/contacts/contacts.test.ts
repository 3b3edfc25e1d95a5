import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';

interface Group {
  area: { code: string; name: string; level: string };
  contacts: { id: string; name: string; title: string; phone: string; kind: string }[];
}

describeEachDb('contacts directory', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let admin: Session;
  let dispatcher: Session;
  let gridWorker: Session;
  let streetAdmin: Session; // an admin whose scope is another street (新达街道)

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    admin = await loginToken(env().app, 'admin', DEMO_PASSWORD);
    dispatcher = await loginToken(env().app, 'diaodu', DEMO_PASSWORD);
    gridWorker = await loginToken(env().app, 'wanggeyuan', DEMO_PASSWORD);
    const made = await call(env().app, admin, 'POST', '/api/users', {
      username: 'xindaadmin',
      displayName: '新达管理员',
      password: 'long enough pw',
      roles: ['admin'],
      scopeAreaCode: demo.otherDispatcher.scope_code,
    });
    expect(made.statusCode).toBe(201);
    streetAdmin = await loginToken(env().app, 'xindaadmin', 'long enough pw');
  });

  const publicList = (areaCode: string, headers: Record<string, string> = {}) => call(env().app, null, 'GET', `/api/public/contacts?areaCode=${areaCode}`, undefined, headers);

  it('lists an area’s contacts and every area’s above it, nearest first, without login', async () => {
    const res = await publicList(demo.gridWorker.scope_code); // a grid of 新桥社区
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    const groups: Group[] = res.json();
    expect(groups.map((g) => [g.area.level, g.area.name])).toEqual([
      ['community', '新桥社区'],
      ['street', '拉僧仲街道'],
      ['district', '海南区'],
      ['city', '乌海市'],
    ]);
    expect(groups[0]!.contacts.map((c) => c.title)).toEqual(expect.arrayContaining(['社区党委书记、居委会主任', '网格长']));
    expect(groups[1]!.contacts).toEqual(expect.arrayContaining([expect.objectContaining({ name: '拉僧仲派出所', kind: 'unit', phone: '0473-3926110' })]));
    expect(groups[3]!.contacts.some((c) => c.phone === '12345')).toBe(true);
    // A street above sees no community contacts; another street shares only the district and city ones.
    const street = (await publicList(demo.dispatcher.scope_code)).json() as Group[];
    expect(street.map((g) => g.area.level)).toEqual(['street', 'district', 'city']);
    const other = (await publicList(demo.otherDispatcher.scope_code)).json() as Group[];
    expect(other.map((g) => g.area.level)).toEqual(['city']);
    // Searching narrows every level.
    const police = (await call(env().app, null, 'GET', `/api/public/contacts?areaCode=${demo.gridWorker.scope_code}&q=${encodeURIComponent('派出所')}`)).json() as Group[];
    expect(police.map((g) => g.contacts.map((c) => c.name))).toEqual([['拉僧仲派出所']]);
  });

  it('answers an unknown area with a JSON 404 and a malformed one with a 400', async () => {
    const missing = await publicList('150399999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const bad = await publicList('abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.areaCode');
    expect((await call(env().app, null, 'GET', '/api/public/areas/150399999/children')).statusCode).toBe(404);
  });

  it('revalidates with the ETag: 304 while unchanged, a new tag after a change', async () => {
    const first = await publicList(demo.dispatcher.scope_code);
    const etag = first.headers.etag as string;
    const again = await publicList(demo.dispatcher.scope_code, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const added = await call(env().app, admin, 'POST', '/api/contacts', { areaCode: demo.dispatcher.scope_code, kind: 'hotline', name: '街道便民服务热线', title: '工作日', phone: '0473-3920000' });
    expect(added.statusCode).toBe(201);
    const changed = await publicList(demo.dispatcher.scope_code, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect((await call(env().app, admin, 'DELETE', `/api/contacts/${added.json().id}`)).statusCode).toBe(200);
  });

  it('offers a public area picker with code, name and level only', async () => {
    const res = await call(env().app, null, 'GET', '/api/public/areas/150300/children');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const districts = res.json();
    expect(districts.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['海南区', '海勃湾区', '乌达区']));
    for (const d of districts) expect(Object.keys(d).sort()).toEqual(['code', 'hasChildren', 'level', 'name']);
    const grids = (await call(env().app, null, 'GET', `/api/public/areas/${demo.gridWorker.scope_code.slice(0, 12)}/children`)).json();
    expect(grids.every((g: { level: string; hasChildren: boolean }) => g.level === 'grid' && !g.hasChildren)).toBe(true);
    expect((await call(env().app, null, 'GET', '/api/public/areas/000000/children')).json()).toEqual([{ code: '150300', name: '乌海市', level: 'city', hasChildren: true }]);
    // Below grids (楼栋, 单元) the picker stops.
    expect((await call(env().app, null, 'GET', `/api/public/areas/${demo.gridWorker.scope_code}/children`)).json()).toEqual([]);
  });

  it('lets staff read contacts in and above their scope, with filters', async () => {
    const res = await call(env().app, gridWorker, 'GET', '/api/contacts');
    expect(res.statusCode).toBe(200);
    const levels = new Set(res.json().map((c: { areaLevel: string }) => c.areaLevel));
    expect([...levels].sort()).toEqual(['city', 'community', 'district', 'street']);
    const units = (await call(env().app, dispatcher, 'GET', `/api/contacts?kind=unit&areaCode=${demo.dispatcher.scope_code}`)).json();
    expect(units.map((c: { name: string }) => c.name).sort()).toEqual(['拉僧仲派出所', '拉僧仲街道综治中心', '新桥社区党群服务中心'].sort());
    expect(units.find((c: { name: string }) => c.name === '拉僧仲派出所').unit).toMatchObject({ name: '拉僧仲派出所' });
    expect((await call(env().app, dispatcher, 'GET', `/api/contacts?areaCode=${demo.otherDispatcher.scope_code}`)).statusCode).toBe(404);
    expect((await call(env().app, null, 'GET', '/api/contacts')).statusCode).toBe(401);
  });

  it('lets only admins write, within their scope', async () => {
    const body = { areaCode: demo.gridWorker.scope_code.slice(0, 12), kind: 'leader', name: '测试人', title: '网格员', phone: '13912345678' };
    expect((await call(env().app, dispatcher, 'POST', '/api/contacts', body)).statusCode).toBe(403);
    expect((await call(env().app, null, 'POST', '/api/contacts', body)).statusCode).toBe(401);
    const cityContact = (await call(env().app, admin, 'GET', '/api/contacts?kind=hotline&q=12345')).json()[0];
    expect((await call(env().app, dispatcher, 'PATCH', `/api/contacts/${cityContact.id}`, { title: '改' })).statusCode).toBe(403);
    expect((await call(env().app, dispatcher, 'DELETE', `/api/contacts/${cityContact.id}`)).statusCode).toBe(403);
    // An admin of another street: the city's contact answers like a missing one.
    expect((await call(env().app, streetAdmin, 'PATCH', `/api/contacts/${cityContact.id}`, { title: '改' })).statusCode).toBe(404);
    expect((await call(env().app, streetAdmin, 'DELETE', `/api/contacts/${cityContact.id}`)).statusCode).toBe(404);
    const outside = await call(env().app, streetAdmin, 'POST', '/api/contacts', body);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details).toEqual([{ path: 'areaCode', message: 'area not found' }]);
    const inside = await call(env().app, streetAdmin, 'POST', '/api/contacts', { ...body, areaCode: demo.otherDispatcher.scope_code });
    expect(inside.statusCode).toBe(201);
    // …nor move one of its own out of its scope.
    const moved = await call(env().app, streetAdmin, 'PATCH', `/api/contacts/${inside.json().id}`, { areaCode: body.areaCode });
    expect(moved.statusCode).toBe(400);
    expect((await call(env().app, streetAdmin, 'DELETE', `/api/contacts/${inside.json().id}`)).statusCode).toBe(200);
  });

  it('validates phones and fields, naming the path', async () => {
    const base = { areaCode: demo.dispatcher.scope_code, kind: 'leader', name: '测试人', title: '副主任', phone: '13912345678' };
    for (const phone of ['12', '139123456789', '0473 123', 'call me', '23912345678']) {
      const res = await call(env().app, admin, 'POST', '/api/contacts', { ...base, phone });
      expect(res.statusCode, phone).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('phone');
    }
    for (const phone of ['13912345678', '0473-3912345', '04733912345', '010-12345678-801', '400-800-1234', '12345']) {
      const res = await call(env().app, admin, 'POST', '/api/contacts', { ...base, phone });
      expect(res.statusCode, phone).toBe(201);
      await call(env().app, admin, 'DELETE', `/api/contacts/${res.json().id}`);
    }
    const markup = await call(env().app, admin, 'POST', '/api/contacts', { ...base, name: '<b>x</b>' });
    expect(markup.json().error.details[0].path).toBe('name');
    expect((await call(env().app, admin, 'POST', '/api/contacts', { ...base, kind: 'boss' })).json().error.details[0].path).toBe('kind');
    expect((await call(env().app, admin, 'POST', '/api/contacts', { ...base, extra: 1 })).statusCode).toBe(400);
    const badUnit = await call(env().app, admin, 'POST', '/api/contacts', { ...base, unitId: '00000000-0000-4000-8000-000000000000' });
    expect(badUnit.json().error.details).toEqual([{ path: 'unitId', message: 'unit not found' }]);
    const patch = await call(env().app, admin, 'PATCH', '/api/contacts/00000000-0000-4000-8000-000000000000', { phone: 'x' });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.details[0].path).toBe('phone');
  });

  it('audits each change with before and after', async () => {
    const db = env().database.db;
    const created = await call(env().app, admin, 'POST', '/api/contacts', {
      areaCode: demo.dispatcher.scope_code, kind: 'leader', name: '审计人', title: '副主任', phone: '13900000001', duty: '分管城建', unitId: demo.gridWorker.unit_id,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ areaName: '拉僧仲街道', areaLevel: 'street', unit: { id: demo.gridWorker.unit_id }, duty: '分管城建', sort: 0 });
    const updated = await call(env().app, admin, 'PATCH', `/api/contacts/${id}`, { phone: '0473-3900001', duty: null });
    expect(updated.json()).toMatchObject({ phone: '0473-3900001', duty: null, title: '副主任' });
    expect((await call(env().app, admin, 'DELETE', `/api/contacts/${id}`)).statusCode).toBe(200);
    expect((await call(env().app, admin, 'DELETE', `/api/contacts/${id}`)).statusCode).toBe(404);
    const trail = await db.selectFrom('audit_log').select(['action', 'actor_id', 'before', 'after', 'request_id']).where('entity', '=', 'contact').where('entity_id', '=', id).orderBy('id').execute();
    expect(trail.map((a) => a.action)).toEqual(['contact.create', 'contact.update', 'contact.delete']);
    expect(trail.every((a) => a.actor_id === admin.userId && a.request_id)).toBe(true);
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown> | null;
    expect(parse(trail[0]!.before)).toBeNull();
    expect(parse(trail[1]!.before)).toMatchObject({ phone: '13900000001', duty: '分管城建' });
    expect(parse(trail[1]!.after)).toMatchObject({ phone: '0473-3900001', duty: null });
    expect(parse(trail[2]!.after)).toBeNull();
  });
});
