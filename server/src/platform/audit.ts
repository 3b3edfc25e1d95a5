import type { Kysely, Transaction } from 'kysely';
import type { DB } from './db/schema.js';
import type { Ctx } from './context.js';
import type { Actor } from './policy/actor.js';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export interface AuditCtx extends Pick<Ctx, 'clock' | 'requestId'> {
  actor: Pick<Actor, 'id' | 'displayName'> | null;
}

/** Appends audit rows; call it inside the transaction that makes the change. */
export async function audit(trx: Transaction<DB> | Kysely<DB>, ctx: AuditCtx, events: AuditEvent | AuditEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  const at = ctx.clock.now();
  for (let i = 0; i < list.length; i += 500) {
    await trx
      .insertInto('audit_log')
      .values(
        list.slice(i, i + 500).map((e) => ({
          at,
          actor_id: ctx.actor?.id ?? null,
          actor_name: ctx.actor?.displayName ?? null,
          action: e.action,
          entity: e.entity,
          entity_id: e.entityId,
          before: json(e.before),
          after: json(e.after),
          request_id: ctx.requestId,
        })),
      )
      .execute();
  }
}
