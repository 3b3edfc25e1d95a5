import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  /** What public pages read through: a pool of their own on PostgreSQL (see PublicPool), else db. */
  publicDb: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** dataDir null = in memory (tests). */
  | { kind: 'pglite'; dataDir: string | null };

// int8 (count(*), bigserial) comes back from `pg` as a string and from PGlite as a number:
// make `pg` agree, so both databases give the same types to the application.
// Likewise `date` stays the 'YYYY-MM-DD' text it is: a calendar day has no time zone.
const INT8_OID = 20;
const DATE_OID = 1082;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (v: string) => Number(v);
    if (oid === DATE_OID) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const pgliteParsers = { [DATE_OID]: (v: string) => v };

/**
 * The public pages' lower-priority path on PostgreSQL: a few connections of their own, so readers
 * never wait for (or hold) the staff's; read-only; no parallel workers, so one reader query keeps
 * to one core; and a statement timeout, so none runs long. max 0: public pages use the staff pool.
 */
export interface PublicPool {
  max: number;
  statementTimeoutMs: number;
}

function pgPool(url: string, max: number, options?: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes, ...(options ? { options } : {}) });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool opens a new one on the next query.
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') console.warn(`PostgreSQL idle connection lost: ${err.message}`);
  });
  return pool;
}

export async function openDatabase(target: DatabaseTarget, publicPool: PublicPool = { max: 0, statementTimeoutMs: 0 }): Promise<Database> {
  if (target.kind === 'postgres') {
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pgPool(target.url, 10) }) });
    if (publicPool.max <= 0) return { db, publicDb: db, kind: 'postgres', close: () => db.destroy() };
    const settings = `-c default_transaction_read_only=on -c max_parallel_workers_per_gather=0 -c statement_timeout=${publicPool.statementTimeoutMs}`;
    const publicDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pgPool(target.url, publicPool.max, settings) }) });
    return {
      db,
      publicDb,
      kind: 'postgres',
      close: async () => {
        await publicDb.destroy();
        await db.destroy();
      },
    };
  }
  let unlock: (() => void) | null = null;
  let pglite: PGlite;
  if (target.dataDir) {
    unlock = lockDataDir(target.dataDir);
    const dir = path.join(target.dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true }); // PGlite does not create missing parents
    pglite = await PGlite.create(dir, { parsers: pgliteParsers });
  } else {
    pglite = await PGlite.create({ parsers: pgliteParsers });
  }
  // Kysely's PGlite dialect serialises connections, so a transaction owns the instance until it ends.
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    publicDb: db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      unlock?.();
    },
  };
}
