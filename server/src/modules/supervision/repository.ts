import { sql, type ExpressionBuilder, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { SupervisionState } from '@fengqiao/shared';
import type { Actor } from '../../platform/policy/actor.js';
import { worksSupervisionDesk } from '../../platform/policy/supervision.js';
import { pathWithin } from '../../platform/db/area-path.js';
import type { DB } from '../../platform/db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;
type ReportEb = ExpressionBuilder<DB & { r: DB['supervision_reports'] } & { m: DB['matters'] }, 'r' | 'm'>;

/** Reports with what their readers need: the linked matter's number and handling unit, the reporter's name. */
export function reportRows(db: Q) {
  return db
    .selectFrom('supervision_reports as r')
    .innerJoin('users as u', 'u.id', 'r.reporter_user_id')
    .leftJoin('matters as m', 'm.id', 'r.matter_id')
    .select([
      'r.id', 'r.number', 'r.kind', 'r.state', 'r.matter_id', 'r.area_path', 'r.subject', 'r.content', 'r.reporter_user_id',
      'r.accept_note', 'r.accepted_at', 'r.close_note', 'r.closed_at', 'r.created_at', 'r.updated_at',
      'm.number as matter_number', 'm.assigned_unit_id as handling_unit_id', 'u.display_name as reporter_name',
    ]);
}
export type ReportRow = Awaited<ReturnType<ReturnType<typeof reportRows>['executeTakeFirstOrThrow']>>;

/** SQL form of policy/supervision.canHandleSupervision, for the queue. */
export function queueVisibleTo(actor: Actor) {
  return (eb: ReportEb) => {
    if (!worksSupervisionDesk(actor)) return sql<boolean>`false`;
    const inScope = pathWithin('r.area_path', actor.scopePath);
    if (!actor.unitId) return inScope;
    return eb.and([inScope, eb.or([eb('m.assigned_unit_id', 'is', null), eb('m.assigned_unit_id', '!=', actor.unitId)])]);
  };
}

export async function insertReport(
  trx: Transaction<DB>,
  row: { numberPrefix: string; kind: DB['supervision_reports']['kind']; matter_id: string | null; area_path: string; subject: string; content: string; reporter_user_id: string; at: Date },
) {
  const { numberPrefix, at, ...rest } = row;
  return trx
    .insertInto('supervision_reports')
    .values({
      ...rest,
      // At least six digits, never cut (lpad alone would truncate the millionth and later serials).
      number: sql<string>`${numberPrefix} || (select lpad(v::text, greatest(6, length(v::text)), '0') from nextval('supervision_number_seq') as v)`,
      state: 'open',
      created_at: at,
      updated_at: at,
    })
    .returning(['id', 'number', 'state'])
    .executeTakeFirstOrThrow();
}

/** The guarded step of every transition: it only happens while the report is still in an expected state. */
export async function moveReport(db: Q, id: string, from: readonly SupervisionState[], set: Updateable<DB['supervision_reports']>): Promise<boolean> {
  const moved = await db.updateTable('supervision_reports').set(set).where('id', '=', id).where('state', 'in', [...from]).executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}
