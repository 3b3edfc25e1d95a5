import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { makeUser } from '../../../test/factories.js';
import { useTestEnv } from '../../../test/test-app.js';
import { backoffMs, claimBatch, LEASE_MS, MAX_ATTEMPTS, startOutboxWorker } from './outbox.js';
import type { OutboxPayload, Sender } from './senders.js';
import { notify } from './service.js';

// The outbox dispatcher: each row delivered once, failures retried with backoff up to a limit,
// and several workers (processes) never delivering the same row twice.

class RecordingSender implements Sender {
  readonly sent: { recipient: string; title: string; outboxId: number }[] = [];
  failNext = 0;
  failAlways = false;
  constructor(
    readonly channel: string,
    private readonly delayMs = 0,
  ) {}
  async send(recipient: string, payload: OutboxPayload, meta: { outboxId: number }) {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failAlways || this.failNext-- > 0) throw new Error('gateway down');
    this.sent.push({ recipient, title: payload.title, outboxId: meta.outboxId });
  }
}

describeEachDb('outbox', (kind) => {
  const env = useTestEnv(kind);

  /** A fresh outbox with `n` rows on `channel` for a new user. */
  async function rows(n: number, channel: 'sms' | 'log' = 'sms') {
    const { database, clock } = env();
    await database.db.deleteFrom('outbox').execute();
    const user = await makeUser(database.db, { roles: ['grid_worker'] });
    for (let i = 0; i < n; i++) await notify(database.db, { clock }, { userIds: [user.id], kind: 'k', title: `#${i}`, body: '', channels: [channel] });
    return user;
  }
  const outbox = () => env().database.db.selectFrom('outbox').selectAll().orderBy('id').execute();

  it('sends each row once and marks it sent', async () => {
    const { database, clock } = env();
    const user = await rows(3);
    const sms = new RecordingSender('sms');
    const worker = startOutboxWorker(database.db, [sms], { intervalMs: 0, workerId: 'w1', clock });
    expect(await worker.runOnce()).toBe(3);
    expect(await worker.runOnce()).toBe(0);
    await worker.stop();
    expect(sms.sent.map((s) => [s.recipient, s.title])).toEqual([[user.id, '#0'], [user.id, '#1'], [user.id, '#2']]);
    for (const row of await outbox()) expect(row).toMatchObject({ attempts: 1, last_error: null, locked_by: null, sent_at: clock.now() });
  });

  it('retries a failed send after an exponential backoff, and gives up after the last attempt', async () => {
    const { database, clock } = env();
    await rows(1);
    const sms = new RecordingSender('sms');
    const worker = startOutboxWorker(database.db, [sms], { intervalMs: 0, workerId: 'w1', clock });

    sms.failNext = 2;
    expect(await worker.runOnce()).toBe(1);
    let [row] = await outbox();
    expect(row).toMatchObject({ attempts: 1, last_error: 'gateway down', sent_at: null, locked_by: null });
    expect(row!.available_at.getTime()).toBe(clock.now().getTime() + backoffMs(1));
    expect(await worker.runOnce()).toBe(0); // not due yet
    clock.advance(backoffMs(1));
    expect(await worker.runOnce()).toBe(1);
    [row] = await outbox();
    expect(row!.attempts).toBe(2);
    expect(row!.available_at.getTime()).toBe(clock.now().getTime() + backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    clock.advance(backoffMs(2));
    expect(await worker.runOnce()).toBe(1);
    [row] = await outbox();
    expect(row).toMatchObject({ attempts: 3, last_error: null, sent_at: clock.now() });
    expect(sms.sent).toHaveLength(1);

    // A row that never goes through is tried MAX_ATTEMPTS times, then left with its last error.
    await rows(1);
    sms.failAlways = true;
    for (let i = 1; i <= MAX_ATTEMPTS + 2; i++) {
      await worker.runOnce();
      clock.advance(backoffMs(i));
    }
    [row] = await outbox();
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, last_error: 'gateway down', sent_at: null });
    await worker.stop();
  });

  it('records a missing sender for a channel as a failure', async () => {
    const { database, clock } = env();
    await rows(1, 'log');
    const worker = startOutboxWorker(database.db, [new RecordingSender('sms')], { intervalMs: 0, workerId: 'w1', clock });
    await worker.runOnce();
    await worker.stop();
    expect((await outbox())[0]).toMatchObject({ attempts: 1, last_error: 'no sender for channel log', sent_at: null });
  });

  it('lets no two workers send the same row, and frees the rows of a worker that died after its lease', async () => {
    const { database, clock } = env();
    await rows(180);
    const senders = [new RecordingSender('sms', 1), new RecordingSender('sms', 1), new RecordingSender('sms', 1)];
    const workers = senders.map((s, i) => startOutboxWorker(database.db, [s], { intervalMs: 0, workerId: `w${i}`, clock }));
    const drain = async (w: (typeof workers)[number]) => {
      while ((await w.runOnce()) > 0);
    };
    await Promise.all(workers.map(drain));
    const ids = senders.flatMap((s) => s.sent.map((x) => x.outboxId));
    expect(ids).toHaveLength(180);
    expect(new Set(ids).size).toBe(180);
    if (kind === 'postgres') expect(senders.filter((s) => s.sent.length > 0).length).toBeGreaterThan(1);

    // A worker claims rows and dies: nobody else takes them until its lease runs out.
    await rows(2);
    expect(await claimBatch(database.db, 'dead', clock.now())).toHaveLength(2);
    expect(await workers[0]!.runOnce()).toBe(0);
    clock.advance(LEASE_MS + 1);
    expect(await workers[0]!.runOnce()).toBe(2);
    await Promise.all(workers.map((w) => w.stop()));
  });

  it('runs on its own timer until stopped', async () => {
    const { database, clock } = env();
    await rows(2);
    const sms = new RecordingSender('sms');
    const worker = startOutboxWorker(database.db, [sms], { intervalMs: 20, workerId: 'timer', clock });
    for (let i = 0; i < 100 && sms.sent.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(sms.sent).toHaveLength(2);
  });
});
