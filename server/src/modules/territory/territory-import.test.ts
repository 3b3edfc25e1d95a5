import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { AreaGeometry } from '@fengqiao/shared';
import type { DB } from '../../platform/db/schema.js';
import { describeEachDb } from '../../../test/databases.js';
import { makeArea, makeUser, rect, type MadeArea } from '../../../test/factories.js';
import { call, loginToken, useTestEnv } from '../../../test/test-app.js';

// POST /api/areas/import: GeoJSON in, all or nothing, within the importer's scope, and the grid
// lookup sees the result at once.

interface Feature {
  code: string;
  name: string;
  level: string;
  parentCode: string;
  geometry: AreaGeometry;
}
const collection = (features: Feature[]) => ({
  type: 'FeatureCollection',
  features: features.map(({ geometry, ...properties }) => ({ type: 'Feature', properties, geometry })),
});

/**
 * A street, a community and two side-by-side grids under `district`, children listed before
 * their parents so the import has to order them. `lon` keeps each test's polygons apart.
 */
function streetFile(district: MadeArea, lon: number, suffix = '') {
  const street = `${district.code}701`;
  const community = `${street}001`;
  const grids = [`${community}001`, `${community}002`];
  const features: Feature[] = [
    { code: grids[0]!, name: `第一网格${suffix}`, level: 'grid', parentCode: community, geometry: rect(lon, 30, lon + 0.01, 30.01) },
    { code: grids[1]!, name: `第二网格${suffix}`, level: 'grid', parentCode: community, geometry: rect(lon + 0.01, 30, lon + 0.02, 30.01) },
    { code: community, name: `导入社区${suffix}`, level: 'community', parentCode: street, geometry: rect(lon, 30, lon + 0.02, 30.01) },
    { code: street, name: `导入街道${suffix}`, level: 'street', parentCode: district.code, geometry: rect(lon, 30, lon + 0.02, 30.01) },
  ];
  return { street, community, grids, features };
}

async function counts(db: Kysely<DB>) {
  const n = async (table: 'areas' | 'audit_log') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { areas: await n('areas'), audit: await n('audit_log') };
}

describeEachDb('area import', (kind) => {
  const env = useTestEnv(kind);

  it('creates a street with its community and grids, updates them on re-import, and the lookup finds the new grid', async () => {
    const { app, database } = env();
    const district = await makeArea(database.db, { level: 'district' });
    const admin = await makeUser(database.db, { roles: ['admin'], scope: district });
    const session = await loginToken(app, admin.username, admin.password);
    const file = streetFile(district, 101);
    const resolve = () => call(app, session, 'GET', '/api/areas/resolve?lon=101.015&lat=30.005');

    // Builds the lookup index before the import, so a stale index would answer NO_GRID below.
    expect((await resolve()).json()).toMatchObject({ grid: null, reason: 'NO_GRID' });

    const first = await call(app, session, 'POST', '/api/areas/import', collection(file.features));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 4, updated: 0 });

    const found = (await resolve()).json();
    expect(found.grid).toMatchObject({ code: file.grids[1], level: 'grid' });
    expect(found.ancestors.map((a: { code: string }) => a.code)).toEqual([district.code, file.street, file.community]);

    const children = await call(app, session, 'GET', `/api/areas/${file.community}/children`);
    expect(children.json().map((a: { code: string }) => a.code)).toEqual(file.grids);
    const audits = await database.db.selectFrom('audit_log').select(['action', 'actor_id', 'request_id']).where('action', '=', 'area.import.create').execute();
    expect(audits).toHaveLength(4);
    expect(audits.every((a) => a.actor_id === session.userId && a.request_id === first.headers['x-request-id'])).toBe(true);

    // Same codes again, renamed: everything is an update, nothing new.
    const again = await call(app, session, 'POST', '/api/areas/import', collection(streetFile(district, 101, '(新)').features));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ created: 0, updated: 4 });
    const grid = await call(app, session, 'GET', `/api/areas/${file.grids[0]}`);
    expect(grid.json()).toMatchObject({ name: '第一网格(新)', parentCode: file.community });
  });

  it('imports nothing when one feature is wrong, and names each bad feature’s field', async () => {
    const { app, database } = env();
    const district = await makeArea(database.db, { level: 'district' });
    const admin = await makeUser(database.db, { roles: ['admin'], scope: district });
    const session = await loginToken(app, admin.username, admin.password);
    const file = streetFile(district, 102);
    const bad: Feature[] = [
      ...file.features,
      // 4: its parent exists nowhere
      { code: `${district.code}702001`, name: '孤儿社区', level: 'community', parentCode: `${district.code}702`, geometry: rect(102.1, 30, 102.11, 30.01) },
      // 5: a grid code that does not start with its community's code
      { code: `${district.code}799001001`, name: '错码网格', level: 'grid', parentCode: file.community, geometry: rect(102.2, 30, 102.21, 30.01) },
      // 6: a grid placed directly under a street
      { code: `${file.street}009`, name: '错级网格', level: 'grid', parentCode: file.street, geometry: rect(102.3, 30, 102.31, 30.01) },
    ];
    const before = await counts(database.db);

    const res = await call(app, session, 'POST', '/api/areas/import', collection(bad));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['features.4.properties.parentCode', 'features.5.properties.code', 'features.6.properties.level']));
    expect(paths.every((p: string) => /^features\.[456]\.properties\./.test(p))).toBe(true);
    // All or nothing: the four good features were not imported either.
    expect(await counts(database.db)).toEqual(before);
    expect(await database.db.selectFrom('areas').select('code').where('code', '=', file.street).executeTakeFirst()).toBeUndefined();
  });

  it('is for admins only', async () => {
    const { app, database } = env();
    const district = await makeArea(database.db, { level: 'district' });
    const dispatcher = await makeUser(database.db, { roles: ['dispatcher'], scope: district });
    const session = await loginToken(app, dispatcher.username, dispatcher.password);
    const before = await counts(database.db);
    const res = await call(app, session, 'POST', '/api/areas/import', collection(streetFile(district, 103).features));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(await counts(database.db)).toEqual(before);
  });

  it('does not let a district admin import under another district (its parent is "not found")', async () => {
    const { app, database } = env();
    const city = await makeArea(database.db, { level: 'city' });
    const mine = await makeArea(database.db, { level: 'district', parent: city });
    const theirs = await makeArea(database.db, { level: 'district', parent: city });
    const admin = await makeUser(database.db, { roles: ['admin'], scope: mine });
    const session = await loginToken(app, admin.username, admin.password);
    const before = await counts(database.db);

    const res = await call(app, session, 'POST', '/api/areas/import', collection(streetFile(theirs, 104).features));
    expect(res.statusCode).toBe(400);
    // The street names the foreign district as parent; the rest hang off the street, so they
    // have no parent either. Every feature is refused on parentCode.
    const details = res.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path).sort()).toEqual([0, 1, 2, 3].map((i) => `features.${i}.properties.parentCode`));
    // Same words as for a district that does not exist, so nothing is learnt about the other one.
    expect(details.find((d) => d.path === 'features.3.properties.parentCode')!.message).toBe(`parent area ${theirs.code} not found`);
    expect(await counts(database.db)).toEqual(before);
  });
});
