import { type ExpressionBuilder, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { MatterState } from '@fengqiao/shared';
import { pathAbove } from '../../platform/db/area-path.js';
import type { DB } from '../../platform/db/schema.js';
import type { MatterEventsTable } from '../../platform/db/schema-matters.js';
import type { MatterFacts } from '../../platform/policy/matters.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The columns of matters, named (not m.*) so a column added for an index only is never shipped to screens. */
export const MATTER_COLUMNS = [
  'm.id', 'm.number', 'm.channel', 'm.referral_source', 'm.title', 'm.description', 'm.category_code', 'm.urgency', 'm.state',
  'm.address', 'm.lon', 'm.lat', 'm.grid_code', 'm.area_code', 'm.area_path', 'm.owner_unit_id', 'm.assigned_unit_id',
  'm.reporter_user_id', 'm.anonymous', 'm.reporter_name_enc', 'm.reporter_contact_enc', 'm.reporter_contact_masked',
  'm.accept_due_at', 'm.due_at', 'm.stage_started_at', 'm.warning', 'm.extension_days', 'm.extension_note',
  'm.extension_requested_at', 'm.reopen_count', 'm.escalation_count', 'm.rating', 'm.rating_comment', 'm.merged_into',
  'm.routing_rule_id', 'm.routing_explanation', 'm.supervised', 'm.created_at', 'm.updated_at', 'm.closed_at', 'm.rated_at',
  'm.public', 'm.public_anonymous', 'm.public_hidden', 'm.public_abuse', 'm.public_title', 'm.public_description', 'm.public_hidden_photo_ids',
] as const;

/** A matter with the names the screens need: category, area, owner and assigned units. */
/**
 * Matters with the names their pages show. The names are scalar subqueries, not joins: the list's
 * OR of visibility rules made PostgreSQL spend ~2.5 ms choosing an order for five joins on every
 * call, against ~0.2 ms to plan this (and the subqueries run only for the rows returned).
 */
export function matterQuery(db: Q) {
  return db.selectFrom('matters as m').select(MATTER_COLUMNS).select(viewNames);
}

function viewNames(eb: ExpressionBuilder<DB & { m: DB['matters'] }, 'm'>) {
  return [
    eb.selectFrom('org_units as o').select('o.name').whereRef('o.id', '=', 'm.owner_unit_id').$asScalar().$notNull().as('owner_name'),
    eb
      .selectFrom('org_units as o')
      .innerJoin('areas as a', 'a.code', 'o.area_code')
      .select('a.path')
      .whereRef('o.id', '=', 'm.owner_unit_id')
      .$asScalar()
      .$notNull()
      .as('owner_path'),
    eb.selectFrom('org_units as o').select('o.name').whereRef('o.id', '=', 'm.assigned_unit_id').$asScalar().$castTo<string | null>().as('assigned_name'),
    eb.selectFrom('categories as c').select('c.name').whereRef('c.code', '=', 'm.category_code').$asScalar().$castTo<string | null>().as('category_name'),
    eb.selectFrom('areas as a').select('a.name').whereRef('a.code', '=', 'm.area_code').$asScalar().$notNull().as('area_name'),
  ] as const;
}
export type MatterView = Awaited<ReturnType<ReturnType<typeof matterQuery>['executeTakeFirstOrThrow']>>;

export interface MatterUnitRow {
  unit_id: string;
  unit_name: string;
  role: 'assist' | 'summon';
  due_at: Date | null;
  reported_at: Date | null;
}

export async function loadMatter(db: Q, id: string): Promise<{ matter: MatterView; units: MatterUnitRow[] } | null> {
  const [matter, units] = await Promise.all([matterQuery(db).where('m.id', '=', id).executeTakeFirst(), loadUnits(db, id)]);
  return matter ? { matter, units } : null;
}

/** The units asked to 协办 or summoned (吹哨) to a matter. */
export function loadUnits(db: Q, id: string): Promise<MatterUnitRow[]> {
  return db
    .selectFrom('matter_units as mu')
    .innerJoin('org_units as o', 'o.id', 'mu.unit_id')
    .select(['mu.unit_id', 'o.name as unit_name', 'mu.role', 'mu.due_at', 'mu.reported_at'])
    .where('mu.matter_id', '=', id)
    .orderBy('mu.created_at')
    .execute();
}

export function factsOf(m: MatterView, units: readonly MatterUnitRow[]): MatterFacts {
  return {
    state: m.state as MatterState,
    areaPath: m.area_path,
    ownerUnitId: m.owner_unit_id,
    ownerPath: m.owner_path,
    assignedUnitId: m.assigned_unit_id,
    reporterUserId: m.reporter_user_id,
    assistUnitIds: units.filter((u) => u.role === 'assist').map((u) => u.unit_id),
    summonedUnitIds: units.filter((u) => u.role === 'summon').map((u) => u.unit_id),
  };
}

/** The 综治中心 responsible for an area: the nearest centre at or above it. */
export function findCentreFor(db: Q, areaPath: string) {
  return db
    .selectFrom('org_units as o')
    .innerJoin('areas as a', 'a.code', 'o.area_code')
    .select(['o.id', 'o.name', 'a.path'])
    .where('o.kind', '=', 'center')
    .where((eb) => eb.or([eb('a.path', '=', areaPath), pathAbove('a.path', areaPath)]))
    .orderBy('a.depth', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The centre one level above a centre (for 上报 and overdue escalation). */
export function findParentCentre(db: Q, ownerPath: string) {
  return db
    .selectFrom('org_units as o')
    .innerJoin('areas as a', 'a.code', 'o.area_code')
    .select(['o.id', 'o.name', 'a.path'])
    .where('o.kind', '=', 'center')
    .where(pathAbove('a.path', ownerPath))
    .orderBy('a.depth', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A timeline row as callers write it: data as an object, attachments optional. */
export type NewEvent = Omit<Insertable<MatterEventsTable>, 'data' | 'attachment_ids'> & {
  data: Record<string, unknown> | null;
  attachment_ids?: string[];
};

export async function appendEvents(db: Q, events: NewEvent[]) {
  if (events.length === 0) return [];
  return db
    .insertInto('matter_events')
    .values(events.map((e) => ({ ...e, data: e.data ? JSON.stringify(e.data) : null, attachment_ids: e.attachment_ids ?? [] })))
    .returningAll()
    .execute();
}

export function listEvents(db: Q, matterId: string) {
  return db.selectFrom('matter_events').selectAll().where('matter_id', '=', matterId).orderBy('id').execute();
}
export type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

/**
 * The atomic step of a person's action, answering the matter as it is now with the names the
 * pages show (RETURNING), so an action reads the matter once; undefined when it was no longer in `from`.
 */
export function moveIfState(db: Q, id: string, from: readonly string[], set: Record<string, unknown>): Promise<MatterView | undefined> {
  return db.updateTable('matters as m').set(set).where('m.id', '=', id).where('m.state', 'in', [...from]).returning(MATTER_COLUMNS).returning(viewNames).executeTakeFirst();
}

/** The atomic step of every transition: it only happens if the matter is still in an expected state. */
export async function updateIfState(db: Q, id: string, from: readonly string[], set: Record<string, unknown>): Promise<boolean> {
  const result = await db
    .updateTable('matters')
    .set(set)
    .where('id', '=', id)
    .where('state', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

