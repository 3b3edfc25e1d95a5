import type { Kysely, Transaction } from 'kysely';
import { audit, type AuditCtx, type AuditEvent } from '../audit.js';
import type { Clock } from '../clock.js';
import type { DB } from '../db/schema.js';
import { conflict } from '../errors.js';
import type { Kind, Subject } from './check.js';

type Trx = Transaction<DB>;

/** One state change as the toolkit applies it. */
export interface Change {
  /**
   * The guarded write: `UPDATE … WHERE id = $1 AND state IN from` (plus whatever else the
   * lifecycle guards, such as the level); false when it matched no row, because someone else
   * moved the thing first. The clock also claims its exactly-once alert here.
   */
  move: (trx: Trx) => Promise<boolean>;
  /** The timeline row(s) and the step's own rows, in the same transaction. */
  write: (trx: Trx) => Promise<void>;
  /** A function when it depends on what `move` found (the clock's escalation target). */
  audit: AuditEvent | (() => AuditEvent);
  /** Notifications written in the transaction (the outbox); answers whom to tell once it commits. */
  notify?: (trx: Trx) => Promise<string[]>;
}

/** Who the audit trail names for the clock's own steps. */
export const systemAuditor = (clock: Clock): AuditCtx => ({ clock, requestId: 'scheduler', actor: null });

/** Tells the live channels; only ever called after the transaction committed. */
export type Publish = (userIds: string[]) => void;

async function run(db: Kysely<DB>, who: AuditCtx, change: Change, lost: () => never | false): Promise<string[] | false> {
  return db.transaction().execute(async (trx) => {
    if (!(await change.move(trx))) return lost();
    await change.write(trx);
    await audit(trx, who, typeof change.audit === 'function' ? change.audit() : change.audit);
    return (await change.notify?.(trx)) ?? [];
  });
}

/** A person's step: of two at once on one thing exactly one wins, the other gets a 409 and nothing is written. */
export async function applyTransition(db: Kysely<DB>, who: AuditCtx, kind: Kind, subject: Subject<string>, change: Change, publish: Publish): Promise<void> {
  const users = await run(db, who, change, () => {
    throw conflict(`The ${kind.noun} ${subject.number} changed while you were working on it; reload and try again`);
  });
  if (users) publish(users);
}

/** The clock's: when the guard or the alert claim does not match, someone got there first and nothing is written. */
export async function applySystemTransition(db: Kysely<DB>, who: AuditCtx, change: Change, publish: Publish): Promise<boolean> {
  const users = await run(db, who, change, () => false);
  if (!users) return false;
  publish(users);
  return true;
}
