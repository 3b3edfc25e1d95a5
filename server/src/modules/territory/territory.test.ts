import { beforeAll, expect, it } from 'vitest';
import type { AreaGeometry } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { rect } from '../../../test/factories.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { bbox, bboxCenter } from './geometry.js';

describeEachDb('territory: scope, tree, map and point lookup', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let gridWorker: Session;
  let dispatcher: Session;
  let admin: Session;

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    gridWorker = await loginToken(env().app, 'wanggeyuan', DEMO_PASSWORD);
    dispatcher = await loginToken(env().app, 'diaodu', DEMO_PASSWORD);
    admin = await loginToken(env().app, 'admin', DEMO_PASSWORD);
  });

  it('shows a grid worker their own grid and nothing around it', async () => {
    const own = await call(env().app, gridWorker, 'GET', `/api/areas/${demo.gridWorker.scope_code}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().level).toBe('grid');
    expect(own.json().ancestors).toEqual([]); // the street above is outside their scope
    const grids = await call(env().app, gridWorker, 'GET', `/api/areas/${demo.gridWorker.scope_code}/grids`);
    expect(grids.json().features.map((f: { id: string }) => f.id)).toEqual([demo.gridWorker.scope_code]);
    const street = await call(env().app, gridWorker, 'GET', `/api/areas/${demo.dispatcher.scope_code}`);
    expect(street.statusCode).toBe(404);
  });

  it('shows a street dispatcher every grid of the street, and no other street', async () => {
    const grids = await call(env().app, dispatcher, 'GET', `/api/areas/${demo.dispatcher.scope_code}/grids`);
    const codes: string[] = grids.json().features.map((f: { id: string }) => f.id);
    const expected = await env()
      .database.db.selectFrom('areas')
      .select('code')
      .where('level', '=', 'grid')
      .where('path', 'like', `${demo.dispatcher.scope_path}.%`)
      .execute();
    expect(codes.sort()).toEqual(expected.map((r) => r.code).sort());
    expect(codes.length).toBeGreaterThan(1);
    const children = await call(env().app, dispatcher, 'GET', `/api/areas/${demo.dispatcher.scope_code}/children`);
    expect(children.json().every((c: { level: string; childCount: number }) => c.level === 'community' && c.childCount > 0)).toBe(true);
  });

  it('answers another street exactly as it answers a code that does not exist', async () => {
    const elsewhere = await call(env().app, dispatcher, 'GET', `/api/areas/${demo.otherStreetGrid.code}`);
    const missing = await call(env().app, dispatcher, 'GET', '/api/areas/150303999999999');
    expect(elsewhere.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const strip = (b: { error: Record<string, unknown> }) => ({ ...b.error, requestId: undefined });
    expect(strip(elsewhere.json())).toEqual(strip(missing.json()));
    for (const suffix of ['/children', '/grids']) {
      expect((await call(env().app, dispatcher, 'GET', `/api/areas/${demo.otherStreetGrid.code}${suffix}`)).statusCode).toBe(404);
    }
  });

  it('resolves a point to its grid, and reports points outside every grid (or outside scope) as no grid', async () => {
    const [lon, lat] = bboxCenter(bbox(demo.otherStreetGrid.geometry as AreaGeometry));
    const found = await call(env().app, admin, 'GET', `/api/areas/resolve?lon=${lon}&lat=${lat}`);
    expect(found.json().grid.code).toBe(demo.otherStreetGrid.code);
    expect(found.json().ancestors.map((a: { level: string }) => a.level)).toEqual(['city', 'district', 'street', 'community']);
    const outside = await call(env().app, admin, 'GET', '/api/areas/resolve?lon=100&lat=30');
    expect(outside.json()).toEqual({ grid: null, ancestors: [], reason: 'NO_GRID' });
    const hidden = await call(env().app, dispatcher, 'GET', `/api/areas/resolve?lon=${lon}&lat=${lat}`);
    expect(hidden.json().grid).toBeNull();
    const bad = await call(env().app, admin, 'GET', '/api/areas/resolve?lon=200&lat=30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.lon');
  });

  it('creates an area under a parent in scope, audited in the same transaction, and finds it by point', async () => {
    const communityCode = `${demo.dispatcher.scope_code}950`;
    const community = await call(env().app, admin, 'POST', '/api/areas', {
      code: communityCode,
      name: '测试社区',
      level: 'community',
      parentCode: demo.dispatcher.scope_code,
      geometry: rect(107.5, 40.5, 107.52, 40.52),
    });
    expect(community.statusCode).toBe(201);
    const grid = await call(env().app, admin, 'POST', '/api/areas', {
      code: `${communityCode}001`,
      name: '测试社区第1网格',
      level: 'grid',
      parentCode: communityCode,
      geometry: rect(107.5, 40.5, 107.51, 40.51),
    });
    expect(grid.statusCode).toBe(201);
    const at = await call(env().app, admin, 'GET', '/api/areas/resolve?lon=107.505&lat=40.505');
    expect(at.json().grid.code).toBe(`${communityCode}001`);
    const rows = await env().database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'area').where('entity_id', '=', communityCode).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.request_id).toBe(community.headers['x-request-id']);
    expect(rows[0]!.actor_name).toBeTruthy();
    const dup = await call(env().app, admin, 'POST', '/api/areas', { code: communityCode, name: '重复', level: 'community', parentCode: demo.dispatcher.scope_code });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses an area that does not fit its parent, naming the field', async () => {
    const wrongLevel = await call(env().app, admin, 'POST', '/api/areas', { code: `${demo.dispatcher.scope_code}951001`, name: '错层', level: 'grid', parentCode: demo.dispatcher.scope_code });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().error.details.map((d: { path: string }) => d.path)).toEqual(['level']);
    const bowtie = await call(env().app, admin, 'PATCH', `/api/areas/${demo.gridWorker.scope_code}`, {
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] },
    });
    expect(bowtie.statusCode).toBe(400);
    expect(bowtie.json().error.details[0].path).toMatch(/^geometry/);
  });
});
