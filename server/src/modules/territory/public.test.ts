import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { makeArea, type MadeArea } from '../../../test/factories.js';
import { useTestEnv } from '../../../test/test-app.js';
import { areaFilterPath, areaOrNotFound, lookupArea, NO_AREA_PATH } from './public.js';

describeEachDb('territory public face: area by code, within what the caller may see', (kind) => {
  const env = useTestEnv(kind);
  let street: MadeArea;
  let grid: MadeArea;
  const onlyStreet = (path: string) => path === street.path;

  beforeAll(async () => {
    street = await makeArea(env().database.db, { level: 'street' });
    grid = await makeArea(env().database.db, { level: 'grid', parent: street });
  });

  it('finds an area with its path, and hides one the caller may not see', async () => {
    const db = env().database.db;
    expect(await lookupArea(db, grid.code)).toMatchObject({ code: grid.code, path: grid.path, level: 'grid' });
    expect(await lookupArea(db, grid.code, onlyStreet)).toBeUndefined();
    expect(await lookupArea(db, '999999999999')).toBeUndefined();
  });

  it('answers a missing and a hidden area with the same 404, named as the caller asks', async () => {
    const db = env().database.db;
    expect((await areaOrNotFound(db, street.code, { visible: onlyStreet })).path).toBe(street.path);
    for (const attempt of [areaOrNotFound(db, '999999999999'), areaOrNotFound(db, grid.code, { visible: onlyStreet })]) {
      await expect(attempt).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Area not found', details: undefined });
    }
    await expect(areaOrNotFound(db, grid.code, { visible: onlyStreet, what: 'Grid' })).rejects.toMatchObject({ message: 'Grid not found' });
  });

  it('turns an unknown or hidden filter area into a path that matches nothing', async () => {
    const db = env().database.db;
    expect(await areaFilterPath(db, grid.code)).toBe(grid.path);
    expect(await areaFilterPath(db, grid.code, onlyStreet)).toBe(NO_AREA_PATH);
    expect(await areaFilterPath(db, '999999999999')).toBe(NO_AREA_PATH);
  });
});
