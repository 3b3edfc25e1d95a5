import { DISPUTE_LEVELS, MATTER_STATES, ROLES, type Role } from '@fengqiao/shared';
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { makeArea, makeOrgUnit, type MadeArea } from '../../../test/factories.js';
import { useTestEnv } from '../../../test/test-app.js';
import { factsOf as disputeFactsOf, loadCase } from '../../modules/disputes/repository.js';
import { factsOf as matterFactsOf, loadMatter } from '../../modules/matters/repository.js';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import { canSeeDispute } from './disputes.js';
import { visibleDisputes } from './disputes-sql.js';
import { canSeeMatter } from './matters.js';
import { visibleMatters } from './matters-sql.js';
import { permissionsOf } from './policy.js';

// The list queries (SQL) and the record checks (memory) are two forms of one rule: over generated
// actors (every role, alone and paired, with and without a unit, scoped anywhere in the tree) and
// generated matters and cases, both forms must pick exactly the same records.

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick, maybe: <T>(p: number, x: () => T): T | null => (next() < p ? x() : null) };
}

interface Town {
  areas: MadeArea[];
  units: { id: string; area: MadeArea }[];
  userIds: string[];
}

/** City → 2 districts → 2 streets → 2 communities → 2 grids, a centre at every level, departments and studios. */
async function buildTown(db: Kysely<DB>): Promise<Town> {
  const city = await makeArea(db, { level: 'city' });
  const areas: MadeArea[] = [city];
  const units = [{ id: (await makeOrgUnit(db, { area: city, kind: 'center' })).id, area: city }];
  for (let d = 0; d < 2; d++) {
    const district = await makeArea(db, { level: 'district', parent: city });
    areas.push(district);
    units.push({ id: (await makeOrgUnit(db, { area: district, kind: 'center' })).id, area: district });
    units.push({ id: (await makeOrgUnit(db, { area: district, kind: 'department' })).id, area: district });
    for (let s = 0; s < 2; s++) {
      const street = await makeArea(db, { level: 'street', parent: district });
      areas.push(street);
      units.push({ id: (await makeOrgUnit(db, { area: street, kind: 'center' })).id, area: street });
      units.push({ id: (await makeOrgUnit(db, { area: street, kind: 'studio' })).id, area: street });
      for (let c = 0; c < 2; c++) {
        const community = await makeArea(db, { level: 'community', parent: street });
        areas.push(community);
        units.push({ id: (await makeOrgUnit(db, { area: community, kind: 'center' })).id, area: community });
        for (let g = 0; g < 2; g++) areas.push(await makeArea(db, { level: 'grid', parent: community }));
      }
    }
  }
  return { areas, units, userIds: [] };
}

function makeActors(town: Town, rnd: ReturnType<typeof random>): Actor[] {
  const actors: Actor[] = [];
  const roleSets: Role[][] = [...ROLES.map((r) => [r]), ...ROLES.map((r) => [r, rnd.pick(ROLES)])];
  for (const roles of roleSets) {
    for (let i = 0; i < 4; i++) {
      const scope = rnd.pick(town.areas);
      // A unit at or above the scope (the usual case: a 网格员 of the street's centre), or anywhere, or none.
      const above = town.units.filter((u) => scope.path === u.area.path || scope.path.startsWith(`${u.area.path}.`));
      const unit = i === 0 ? null : i === 1 ? rnd.pick(above.length ? above : town.units) : rnd.pick(town.units);
      actors.push({
        id: town.userIds[actors.length % town.userIds.length]!,
        username: `gen${actors.length}`,
        displayName: `生成${actors.length}`,
        roles,
        unitId: unit?.id ?? null,
        scopeAreaCode: scope.code,
        scopePath: scope.path,
        permissions: permissionsOf(roles),
      });
    }
  }
  return actors;
}

async function insertUsers(db: Kysely<DB>, town: Town, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => ({
    username: `agree${i}x${Math.random().toString(36).slice(2, 8)}`,
    display_name: `用户${i}`,
    password_hash: 'not-a-login',
    roles: ['citizen'],
    unit_id: null,
    scope_area_code: town.areas[0]!.code,
  }));
  town.userIds = (await db.insertInto('users').values(rows).returning('id').execute()).map((r) => r.id);
}

async function insertMatters(db: Kysely<DB>, town: Town, rnd: ReturnType<typeof random>, count: number): Promise<string[]> {
  const now = new Date('2026-11-30T01:00:00Z');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const area = rnd.pick(town.areas.filter((a) => a.level !== 'city'));
    const row = await db
      .insertInto('matters')
      .values({
        number: `AGREE${String(i).padStart(6, '0')}${Math.random().toString(36).slice(2, 6)}`,
        channel: 'grid_report',
        title: `事项${i}`,
        description: '生成的事项',
        urgency: 'normal',
        anonymous: false,
        state: rnd.pick(MATTER_STATES),
        address: '某处',
        area_code: area.code,
        area_path: area.path,
        owner_unit_id: rnd.pick(town.units).id,
        assigned_unit_id: rnd.maybe(0.6, () => rnd.pick(town.units).id),
        reporter_user_id: rnd.maybe(0.3, () => rnd.pick(town.userIds)),
        stage_started_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const role of ['assist', 'summon'] as const) {
      const unit = rnd.maybe(0.25, () => rnd.pick(town.units));
      if (unit) await db.insertInto('matter_units').values({ matter_id: row.id, unit_id: unit.id, role, created_at: now }).execute();
    }
    ids.push(row.id);
  }
  return ids;
}

async function insertCases(db: Kysely<DB>, town: Town, rnd: ReturnType<typeof random>, count: number): Promise<string[]> {
  const now = new Date('2026-11-30T01:00:00Z');
  const ids: string[] = [];
  const levelOf = { grid: 'grid', community: 'community', street: 'street', district: 'district' } as const;
  for (let i = 0; i < count; i++) {
    const area = rnd.pick(town.areas.filter((a) => a.level === 'grid'));
    const level = rnd.pick(DISPUTE_LEVELS);
    const levelArea = town.areas.find((a) => a.level === levelOf[level] && (area.path === a.path || area.path.startsWith(`${a.path}.`)))!;
    const row = await db
      .insertInto('dispute_cases')
      .values({
        number: `JFAGREE${i}${Math.random().toString(36).slice(2, 6)}`,
        title: `纠纷${i}`,
        facts: '生成的纠纷',
        source: 'walk_in',
        type: 'neighbour',
        area_code: area.code,
        area_path: area.path,
        address: '某处',
        people_involved: 2,
        risk_level: 'general',
        volatile: false,
        mediation_type: 'people',
        level,
        level_area_code: levelArea.code,
        level_area_path: levelArea.path,
        unit_id: rnd.maybe(0.6, () => rnd.pick(town.units).id),
        studio_id: rnd.maybe(0.4, () => rnd.pick(town.units).id),
        state: 'mediating',
        level_started_at: now,
        created_by: rnd.maybe(0.3, () => rnd.pick(town.userIds)),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const mediator = rnd.maybe(0.4, () => rnd.pick(town.userIds));
    if (mediator) {
      const released = rnd.next() < 0.5 ? now : null;
      await db.insertInto('dispute_mediators').values({ case_id: row.id, user_id: mediator, assigned_at: now, released_at: released }).execute();
    }
    ids.push(row.id);
  }
  return ids;
}

describeEachDb('policy: SQL and memory forms agree', (kind) => {
  const env = useTestEnv(kind);
  let town: Town;
  let actors: Actor[];
  let matterIds: string[];
  let caseIds: string[];

  beforeAll(async () => {
    const db = env().database.db;
    const rnd = random(20261208);
    town = await buildTown(db);
    await insertUsers(db, town, 40);
    actors = makeActors(town, rnd);
    matterIds = await insertMatters(db, town, rnd, 240);
    caseIds = await insertCases(db, town, rnd, 160);
  });

  /** Both forms over every generated actor; the world must exercise both answers, not agree on "nothing" or "everything". */
  async function expectAgreement<F>(records: { id: string; facts: F }[], bySql: (actor: Actor) => Promise<string[]>, byMemory: (actor: Actor, facts: F) => boolean) {
    let seen = 0;
    for (const actor of actors) {
      const picked = (await bySql(actor)).sort();
      const expected = records.filter((r) => byMemory(actor, r.facts)).map((r) => r.id).sort();
      expect(picked, `${actor.roles.join('+')} scope ${actor.scopePath} unit ${actor.unitId}`).toEqual(expected);
      seen += picked.length;
    }
    expect(seen).toBeGreaterThan(actors.length);
    expect(seen).toBeLessThan(actors.length * records.length);
  }

  it('picks the same matters for every generated actor', async () => {
    const db = env().database.db;
    const records = await Promise.all(
      matterIds.map(async (id) => {
        const loaded = (await loadMatter(db, id))!;
        return { id, facts: matterFactsOf(loaded.matter, loaded.units) };
      }),
    );
    const bySql = async (actor: Actor) =>
      (await db.selectFrom('matters as m').select('m.id').where('m.id', 'in', matterIds).where(visibleMatters(actor)).execute()).map((r) => r.id);
    await expectAgreement(records, bySql, canSeeMatter);
  });

  it('picks the same dispute cases for every generated actor', async () => {
    const db = env().database.db;
    const records = await Promise.all(caseIds.map(async (id) => ({ id, facts: disputeFactsOf((await loadCase(db, id))!) })));
    const bySql = async (actor: Actor) =>
      (await db.selectFrom('dispute_cases as d').select('d.id').where('d.id', 'in', caseIds).where(visibleDisputes(actor)).execute()).map((r) => r.id);
    await expectAgreement(records, bySql, canSeeDispute);
  });

  it('keeps area roles of a unit inside their own scope', () => {
    // The class of the hole: a 网格员 (or 网格长, 楼栋长, 社区 staff) belonging to the street's centre.
    const street = town.areas.find((a) => a.level === 'street')!;
    const grid = town.areas.find((a) => a.level === 'grid' && a.path.startsWith(`${street.path}.`))!;
    const otherGrid = town.areas.find((a) => a.level === 'grid' && a.path.startsWith(`${street.path}.`) && a.code !== grid.code)!;
    const centre = town.units.find((u) => u.area.code === street.code)!;
    const facts = { state: 'handling' as const, areaPath: otherGrid.path, ownerUnitId: centre.id, ownerPath: street.path, assignedUnitId: centre.id, reporterUserId: null, assistUnitIds: [centre.id], summonedUnitIds: [centre.id] };
    for (const role of ['grid_worker', 'grid_leader', 'building_leader', 'community_staff', 'auditor'] as const) {
      const actor: Actor = { ...actors[0]!, roles: [role], unitId: centre.id, scopeAreaCode: grid.code, scopePath: grid.path, permissions: permissionsOf([role]) };
      expect(canSeeMatter(actor, facts), role).toBe(false);
      expect(canSeeMatter(actor, { ...facts, areaPath: grid.path }), role).toBe(true);
    }
    const dispatcher: Actor = { ...actors[0]!, roles: ['dispatcher'], unitId: centre.id, scopeAreaCode: grid.code, scopePath: grid.path, permissions: permissionsOf(['dispatcher']) };
    expect(canSeeMatter(dispatcher, facts)).toBe(true);
  });
});
