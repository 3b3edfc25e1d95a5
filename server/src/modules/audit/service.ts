import type { AuditEntry } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { paginate } from '../../platform/db/paging.js';
import { requireActor } from '../../platform/policy/policy.js';

export interface AuditQuery {
  page: number;
  pageSize: number;
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
}

/** The auditor's scope is the whole trail: auditing is not confined to an area. */
export async function listAuditEntries(ctx: Ctx, q: AuditQuery) {
  requireActor(ctx.actor);
  let query = ctx.db.selectFrom('audit_log');
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  const { items: rows, total } = await paginate(query.selectAll().orderBy('id', 'desc'), q.page, q.pageSize);
  const items: AuditEntry[] = rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.request_id,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
