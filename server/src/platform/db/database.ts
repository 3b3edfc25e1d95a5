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

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10, types: pgTypes });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool opens a new one on the next query.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') console.warn(`PostgreSQL idle connection lost: ${err.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
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
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      unlock?.();
    },
  };
}
