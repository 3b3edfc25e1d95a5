import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Role } from '@fengqiao/shared';
import type { DB } from '../src/platform/db/schema.js';
import { makeArea, makeOrgUnit, makeUser, type MadeArea } from './factories.js';
import { call, loginToken, type Session } from './test-app.js';

// A town of its own for the tests of screening, meetings and figures, so the demo city's seeded
// cases and screenings never enter the numbers: a 镇/街道 with two communities (two grids and one),
// a neighbouring 镇/街道 with a grid, a studio, and the staff and mediators who work there.

export interface TownPerson {
  id: string;
  name: string;
  session: Session;
}

export async function buildTown(app: FastifyInstance, db: Kysely<DB>) {
  const street = await makeArea(db, { level: 'street', name: '测试镇' });
  const district = { code: street.path.split('.')[1]!, name: 'district', level: 'district' as const, path: street.path.split('.').slice(0, 2).join('.') };
  const c1 = await makeArea(db, { level: 'community', parent: street, name: '东风社区' });
  const c2 = await makeArea(db, { level: 'community', parent: street, name: '西岭村' });
  const g1a = await makeArea(db, { level: 'grid', parent: c1, name: '东风第1网格' });
  const g1b = await makeArea(db, { level: 'grid', parent: c1, name: '东风第2网格' });
  const g2a = await makeArea(db, { level: 'grid', parent: c2, name: '西岭第1网格' });
  const other = await makeArea(db, { level: 'street', parent: district as MadeArea, name: '邻镇' });
  const otherCommunity = await makeArea(db, { level: 'community', parent: other, name: '邻镇社区' });
  const otherGrid = await makeArea(db, { level: 'grid', parent: otherCommunity, name: '邻镇第1网格' });
  const studio = await makeOrgUnit(db, { area: c1, kind: 'studio', name: '东风调解工作室' });
  const centre = await makeOrgUnit(db, { area: street, kind: 'center', name: '测试镇综治中心' });

  const person = async (roles: Role[], scope: MadeArea, unitId: string | null = null): Promise<TownPerson> => {
    const u = await makeUser(db, { roles, scope, unitId });
    const row = await db.selectFrom('users').select('display_name').where('id', '=', u.id).executeTakeFirstOrThrow();
    return { id: u.id, name: row.display_name, session: await loginToken(app, u.username, u.password) };
  };
  const people = {
    gridWorker: await person(['grid_worker'], g1a),
    gridWorker2: await person(['grid_worker'], g1b),
    communityStaff: await person(['community_staff'], c1),
    communityStaff2: await person(['community_staff'], c2),
    dispatcher: await person(['dispatcher'], street, centre.id),
    otherDispatcher: await person(['dispatcher'], other),
    caseLeader: await person(['case_leader'], district as MadeArea),
    mediator1: await person(['mediator'], c1),
    mediator2: await person(['mediator'], c1, studio.id),
  };
  return { street, other, otherGrid, c1, c2, g1a, g1b, g2a, studio, centre, people };
}
export type Town = Awaited<ReturnType<typeof buildTown>>;

/** A request expected to succeed; answers its JSON. */
export async function okJson<T = unknown>(app: FastifyInstance, who: TownPerson, method: string, url: string, payload?: unknown): Promise<T> {
  const res = await call(app, who.session, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as T;
}
