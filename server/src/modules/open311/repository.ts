import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { publicVisible } from '../public/service.js';

type Q = Kysely<DB> | Transaction<DB>;

/** Matter states Open311 calls closed (resolved); 作废 and 并单 never show at all (publicVisible). */
export const CLOSED_STATES = ['closed', 'rated', 'withdrawn'];

export interface RequestFilter {
  numbers?: readonly string[];
  serviceCodes?: readonly string[];
  statuses?: readonly ('open' | 'closed')[];
  from?: Date;
  to?: Date;
  limit: number;
}

/**
 * Service requests anyone may read: exactly the matters the public feed shows (public, not hidden
 * or marked abusive by moderation, not voided or merged), newest first. Only columns that the
 * answer may carry, or that lead to them, are read: never a contact or a map point, and the
 * reporter's name only to mask it.
 */
export function publicRequests(db: Q, f: RequestFilter) {
  return db
    .selectFrom('matters as m')
    .leftJoin('categories as c', 'c.code', 'm.category_code')
    .innerJoin('org_units as o', 'o.id', 'm.owner_unit_id')
    .leftJoin('org_units as u', 'u.id', 'm.assigned_unit_id')
    .select([
      'm.id', 'm.number', 'm.state', 'm.description', 'm.public_description', 'm.category_code', 'c.name as category_name',
      'm.area_path', 'm.created_at', 'm.updated_at', 'm.closed_at', 'm.due_at', 'm.public_hidden_photo_ids',
      // Read only to mask the reporter's name in the text (redact-known.ts); never answered.
      'm.reporter_name_enc',
      'o.name as owner_name', 'u.name as assigned_name',
    ])
    // status_notes: the latest official reply (反馈), the one note of the handling the public sees.
    .select((eb) =>
      eb.selectFrom('matter_events as e').select('e.note').whereRef('e.matter_id', '=', 'm.id').where('e.action', '=', 'reply').orderBy('e.id', 'desc').limit(1).as('reply_note'),
    )
    .where(publicVisible)
    .$if(f.numbers !== undefined, (q) => q.where('m.number', 'in', [...f.numbers!]))
    .$if(f.serviceCodes !== undefined, (q) => q.where('m.category_code', 'in', [...f.serviceCodes!]))
    .$if(f.statuses !== undefined && f.statuses.length === 1, (q) =>
      q.where('m.state', f.statuses![0] === 'closed' ? 'in' : 'not in', CLOSED_STATES),
    )
    .$if(f.from !== undefined, (q) => q.where('m.created_at', '>=', f.from!))
    .$if(f.to !== undefined, (q) => q.where('m.created_at', '<=', f.to!))
    .orderBy('m.created_at', 'desc')
    // 工单编号 grow with each report: a stable order among matters of the same instant.
    .orderBy('m.number', 'desc')
    .limit(f.limit);
}
export type RequestRow = Awaited<ReturnType<ReturnType<typeof publicRequests>['execute']>>[number];

/** Name and bounding box of each community (or coarser area) code. */
export function areasByCode(db: Q, codes: readonly string[]) {
  return db.selectFrom('areas').select(['code', 'name', 'min_lon', 'min_lat', 'max_lon', 'max_lat']).where('code', 'in', [...codes]).execute();
}

/** When the services list last changed: the latest audited change of the category catalogue. */
export async function lastCatalogueChange(db: Q): Promise<Date | null> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('at').as('at')).where('entity', '=', 'category').executeTakeFirst();
  return row?.at ? new Date(row.at as Date | string) : null;
}

// --- API keys and tokens --------------------------------------------------------------------

export function keyRows(db: Q) {
  return db
    .selectFrom('open311_api_keys as k')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .select(['k.id', 'k.name', 'k.prefix', 'u.display_name as created_by_name', 'k.created_at', 'k.last_used_at', 'k.revoked_at']);
}
export type KeyRow = Awaited<ReturnType<ReturnType<typeof keyRows>['execute']>>[number];

export function findKey(db: Q, id: string): Promise<KeyRow | undefined> {
  return keyRows(db).where('k.id', '=', id).executeTakeFirst();
}

/** The key with this hash, if it is not revoked. */
export function findLiveKeyByHash(db: Q, hash: string) {
  return db.selectFrom('open311_api_keys').select(['id', 'name', 'prefix']).where('key_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
}

export function findToken(db: Q, token: string) {
  return db
    .selectFrom('open311_tokens as t')
    .innerJoin('matters as m', 'm.id', 't.matter_id')
    .select(['t.token', 'm.number'])
    .where('t.token', '=', token)
    .executeTakeFirst();
}
