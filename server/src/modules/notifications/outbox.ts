import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { OutboxRow } from '../../platform/db/schema-files-notifications.js';
import type { OutboxPayload, Sender } from './senders.js';

export const OUTBOX_BATCH = 50;
export const MAX_ATTEMPTS = 8;
/** How long a claim holds; a worker that dies mid-batch frees its rows after this. */
export const LEASE_MS = 60_000;

/** Wait before retry n (1-based): 30 s, 1, 2, 4 … 64 min. */
export const backoffMs = (attempt: number) => 30_000 * 2 ** Math.max(0, attempt - 1);

export interface OutboxWorkerOptions {
  intervalMs: number;
  /** Unique per process (host:pid:random): whose lease a row carries. */
  workerId: string;
  clock: Clock;
  log?: { error(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void };
}

export interface OutboxWorker {
  /** Claims and sends one batch; returns how many rows it handled. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for the batch in flight. */
  stop(): Promise<void>;
}

/**
 * Takes a batch: rows due, unsent, not leased by a live worker. FOR UPDATE SKIP LOCKED lets
 * several processes claim at once without waiting on or taking each other's rows; the lease
 * (locked_until) keeps a row from being claimed again while it is being sent.
 */
export async function claimBatch(db: Kysely<DB>, workerId: string, now: Date, limit = OUTBOX_BATCH): Promise<OutboxRow[]> {
  const until = new Date(now.getTime() + LEASE_MS);
  const result = await sql<OutboxRow>`
    update outbox set locked_by = ${workerId}, locked_until = ${until}
    where id in (
      select id from outbox
      where sent_at is null and attempts < ${MAX_ATTEMPTS} and available_at <= ${now}
        and (locked_until is null or locked_until < ${now})
      order by id
      limit ${limit}
      for update skip locked)
    returning *`.execute(db);
  return [...result.rows].sort((a, b) => Number(a.id) - Number(b.id));
}

async function deliver(db: Kysely<DB>, senders: Map<string, Sender>, row: OutboxRow, workerId: string, clock: Clock): Promise<void> {
  const attempt = row.attempts + 1;
  const mine = () => db.updateTable('outbox').where('id', '=', Number(row.id)).where('locked_by', '=', workerId);
  try {
    const sender = senders.get(row.channel);
    if (!sender) throw new Error(`no sender for channel ${row.channel}`);
    const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as OutboxPayload;
    await sender.send(row.recipient, payload, { outboxId: Number(row.id), attempt });
    await mine()
      .set({ sent_at: clock.now(), attempts: attempt, last_error: null, locked_by: null, locked_until: null })
      .execute();
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    await mine()
      .set({ attempts: attempt, last_error: message, available_at: new Date(clock.now().getTime() + backoffMs(attempt)), locked_by: null, locked_until: null })
      .execute();
  }
}

/**
 * The outbox dispatcher: every `intervalMs` (and straight away again after a full batch) claims
 * due rows and hands each to the sender of its channel. A failed send is retried after
 * `backoffMs(attempts)`, at most MAX_ATTEMPTS times; the last error stays on the row.
 */
export function startOutboxWorker(db: Kysely<DB>, senders: Sender[], options: OutboxWorkerOptions): OutboxWorker {
  const byChannel = new Map(senders.map((s) => [s.channel, s]));
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let inFlight: Promise<number> | null = null;

  const runOnce = (): Promise<number> => {
    inFlight ??= (async () => {
      try {
        const rows = await claimBatch(db, options.workerId, options.clock.now());
        for (const row of rows) await deliver(db, byChannel, row, options.workerId, options.clock);
        return rows.length;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };

  const tick = async () => {
    timer = null;
    let handled = 0;
    try {
      handled = await runOnce();
    } catch (err) {
      options.log?.error({ err }, 'outbox dispatch failed');
    }
    if (!stopped) timer = setTimeout(tick, handled >= OUTBOX_BATCH ? 0 : options.intervalMs);
  };
  if (options.intervalMs > 0) timer = setTimeout(tick, options.intervalMs);

  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight?.catch(() => undefined);
    },
  };
}
