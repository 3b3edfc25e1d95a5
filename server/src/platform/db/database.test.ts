import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDb, createTestDatabase } from '../../../test/databases.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

describeEachDb('database platform', (kind) => {
  it('gives counts as numbers on both databases', async () => {
    const database = await createTestDatabase(kind);
    try {
      const row = await sql<{ n: number; big: number }>`select count(*) as n, 9007199254740991::int8 as big`.execute(database.db);
      expect(row.rows[0]).toEqual({ n: 1, big: 9007199254740991 });
    } finally {
      await database.drop();
    }
  });

  it('keeps the audit log append-only, whatever the application tries', async () => {
    const database = await createTestDatabase(kind);
    try {
      await database.db.insertInto('audit_log').values({ at: new Date(), action: 'test', entity: 'x', entity_id: '1' }).execute();
      await expect(database.db.updateTable('audit_log').set({ action: 'changed' }).execute()).rejects.toThrow(/append-only/);
      await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
      const rows = await database.db.selectFrom('audit_log').select('action').execute();
      expect(rows).toEqual([{ action: 'test' }]);
    } finally {
      await database.drop();
    }
  });

  it('does not interleave concurrent transactions', async () => {
    const database = await createTestDatabase(kind);
    try {
      await sql`create table counter (n int not null)`.execute(database.db);
      await sql`insert into counter values (0)`.execute(database.db);
      // Each transaction reads, waits, then writes read+1 under a row lock; interleaving would lose updates.
      await Promise.all(
        Array.from({ length: 20 }, () =>
          database.db.transaction().execute(async (trx) => {
            const { rows } = await sql<{ n: number }>`select n from counter for update`.execute(trx);
            await new Promise((r) => setTimeout(r, 2));
            await sql`update counter set n = ${rows[0]!.n + 1}`.execute(trx);
          }),
        ),
      );
      const { rows } = await sql<{ n: number }>`select n from counter`.execute(database.db);
      expect(rows[0]!.n).toBe(20);
      // A failed transaction rolls back and leaves the database usable.
      await expect(
        database.db.transaction().execute(async (trx) => {
          await sql`update counter set n = 100`.execute(trx);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await sql<{ n: number }>`select n from counter`.execute(database.db)).rows[0]!.n).toBe(20);
    } finally {
      await database.drop();
    }
  });

  it('runs migrations idempotently', async () => {
    const database = await createTestDatabase(kind);
    try {
      expect(await migrateToLatest(database.db)).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});

it('refuses a second process-level open of one PGlite data directory, and keeps data across reopen', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-lock-'));
  const first = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    await migrateToLatest(first.db);
    await first.db.insertInto('audit_log').values({ at: new Date(), action: 'kept', entity: 'x', entity_id: '1' }).execute();
    // Simulate another live process owning the lock: our parent process is alive and is not us.
    fs.writeFileSync(path.join(dir, 'fengqiao.lock'), String(process.ppid));
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(/in use by process/);
    fs.writeFileSync(path.join(dir, 'fengqiao.lock'), String(process.pid));
  } finally {
    await first.close();
  }
  const again = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    expect(await again.db.selectFrom('audit_log').select('action').execute()).toEqual([{ action: 'kept' }]);
  } finally {
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
