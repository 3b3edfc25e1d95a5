import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DisputeDetail } from '@fengqiao/shared';
import type { DB } from '../src/platform/db/schema.js';
import type { Demo } from './demo.js';
import { makeUser } from './factories.js';
import { call, loginToken, type Session } from './test-app.js';

// Dispute test data: valid identity numbers (check digits computed by GB 11643 / GB 32100) and
// the places and people of the demo city a dispute test needs.

export const PERSON_ID = '150302198503121233';
export const OTHER_PERSON_ID = '150303199001010024';
export const COMPANY_CODE = '91150302MA0N12340J';

/** 新桥社区 (a 村/社区 level area) and 拉僧仲街道 (its 镇/街道) from the demo grid worker's path. */
export function demoPlaces(demo: Demo) {
  const [, district, street, community, grid] = demo.gridWorker.scope_path.split('.');
  return { district: district!, street: street!, community: community!, grid: grid! };
}

export function disputeBody(areaCode: string, extra: Record<string, unknown> = {}) {
  return {
    source: 'screening',
    type: 'property_management',
    title: '物业费与漏水维修纠纷',
    facts: '业主家卫生间漏水，物业公司拒绝维修，业主拒交物业费。',
    areaCode,
    address: '新桥社区5号楼',
    parties: [
      { role: 'applicant', kind: 'person', name: '张三丰', idNumber: PERSON_ID, phone: '13912345678' },
      { role: 'respondent', kind: 'organisation', name: '乌海市鑫海物业服务有限公司', idNumber: COMPANY_CODE },
    ],
    amountYuan: 3200.5,
    ...extra,
  };
}

/**
 * Users beyond the demo's: a mediator of the community (no unit), and a mediator of the street's
 * 司法所, the mediation organisation of the 镇/街道 level there.
 */
export async function disputeStaff(app: FastifyInstance, db: Kysely<DB>, demo: Demo) {
  const places = demoPlaces(demo);
  const area = (code: string) => ({ code, name: code, level: 'community' as const, path: '' });
  const judicial = await db.selectFrom('org_units').select('id').where('area_code', '=', places.street).where('kind', '=', 'judicial_office').executeTakeFirstOrThrow();
  const village = await makeUser(db, { roles: ['mediator'], scope: area(places.community) });
  const town = await makeUser(db, { roles: ['mediator'], scope: area(places.street), unitId: judicial.id });
  return {
    judicialOfficeId: judicial.id,
    villageMediator: { id: village.id, session: await loginToken(app, village.username, village.password) },
    townMediator: { id: town.id, session: await loginToken(app, town.username, town.password) },
  };
}

/** A request expected to succeed; answers the case. */
export async function ok(app: FastifyInstance, who: Session, method: string, url: string, payload?: unknown): Promise<DisputeDetail> {
  const res = await call(app, who, method, url, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}
