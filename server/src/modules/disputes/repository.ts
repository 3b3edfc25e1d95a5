import { sql, type Kysely, type Transaction } from 'kysely';
import { DEFAULT_LEVEL_LIMIT_DAYS, type DisputeLevel, type DisputeState } from '@fengqiao/shared';
import type { DB } from '../../platform/db/schema.js';
import type { DisputeFacts } from '../../platform/policy/disputes.js';

type Q = Kysely<DB> | Transaction<DB>;

/** A case with the names screens need: area, level area, unit and studio. */
export function caseQuery(db: Q) {
  return db
    .selectFrom('dispute_cases as d')
    .innerJoin('areas as area', 'area.code', 'd.area_code')
    .innerJoin('areas as level_area', 'level_area.code', 'd.level_area_code')
    .leftJoin('org_units as unit', 'unit.id', 'd.unit_id')
    .leftJoin('org_units as studio', 'studio.id', 'd.studio_id')
    .selectAll('d')
    .select(['area.name as area_name', 'level_area.name as level_area_name', 'unit.name as unit_name', 'studio.name as studio_name']);
}
export type CaseView = Awaited<ReturnType<ReturnType<typeof caseQuery>['executeTakeFirstOrThrow']>>;

export interface MediatorRow {
  user_id: string;
  name: string;
  assigned_at: Date;
  released_at: Date | null;
}

export interface LoadedCase {
  c: CaseView;
  mediators: MediatorRow[];
}

export async function loadCase(db: Q, id: string): Promise<LoadedCase | null> {
  const [c, mediators] = await Promise.all([
    caseQuery(db).where('d.id', '=', id).executeTakeFirst(),
    db
      .selectFrom('dispute_mediators as dm')
      .innerJoin('users as u', 'u.id', 'dm.user_id')
      .select(['dm.user_id', 'u.display_name as name', 'dm.assigned_at', 'dm.released_at'])
      .where('dm.case_id', '=', id)
      .orderBy('dm.id')
      .execute(),
  ]);
  return c ? { c, mediators } : null;
}

export function factsOf({ c, mediators }: LoadedCase): DisputeFacts {
  return {
    state: c.state as DisputeState,
    areaPath: c.area_path,
    level: c.level as DisputeLevel,
    levelAreaPath: c.level_area_path,
    unitId: c.unit_id,
    studioId: c.studio_id,
    activeMediatorIds: mediators.filter((m) => !m.released_at).map((m) => m.user_id),
    pastMediatorIds: mediators.filter((m) => m.released_at).map((m) => m.user_id),
    createdBy: c.created_by,
  };
}

/**
 * The atomic step of every transition: it only happens if the case is still in an expected state
 * at the level it was read at (a case that moved up meanwhile is another level's to act on).
 */
export async function updateIfState(db: Q, id: string, from: readonly string[], level: string, set: Record<string, unknown>): Promise<boolean> {
  const result = await db.updateTable('dispute_cases').set(set).where('id', '=', id).where('state', 'in', [...from]).where('level', '=', level).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface NewDisputeEvent {
  case_id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  level: string;
  note: string | null;
  data: Record<string, unknown> | null;
  attachment_ids?: string[];
}

export async function appendEvents(db: Q, events: NewDisputeEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('dispute_events')
    .values(events.map((e) => ({ ...e, data: e.data ? JSON.stringify(e.data) : null, attachment_ids: e.attachment_ids ?? [] })))
    .execute();
}

export function listEvents(db: Q, caseId: string) {
  return db.selectFrom('dispute_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

/** The area at a dispute level on the way from the root to `areaPath` (paths are codes from the city down). */
export async function levelArea(db: Q, areaPath: string, level: DisputeLevel) {
  return db.selectFrom('areas').select(['code', 'name', 'path', 'level']).where('level', '=', level).where(pathAbove(areaPath)).executeTakeFirst();
}

/** "`path` is this area or lies below it", seen from the area row. */
const pathAbove = (areaPath: string) => sql<boolean>`(${areaPath} = path or ${areaPath} like path || '.%')`;

/**
 * The mediation organisation of a level: at the level's own area, a 人民调解委员会 first, then a
 * 司法所, then the 综治中心. Villages and grids often have none; their staff run the case.
 */
export function levelUnit(db: Q, levelAreaCode: string) {
  return db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('area_code', '=', levelAreaCode)
    .where('kind', 'in', ['mediation_committee', 'judicial_office', 'center'])
    .orderBy(sql`case kind when 'mediation_committee' then 0 when 'judicial_office' then 1 else 2 end`)
    .orderBy('name')
    .limit(1)
    .executeTakeFirst();
}

export async function levelLimitDays(db: Q, level: DisputeLevel): Promise<number> {
  const row = await db.selectFrom('dispute_level_limits').select('days').where('level', '=', level).executeTakeFirst();
  return row?.days ?? DEFAULT_LEVEL_LIMIT_DAYS[level];
}
