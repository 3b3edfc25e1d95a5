import crypto from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

/**
 * Every database test runs on embedded PGlite, and on PostgreSQL when TEST_DATABASE_URL points at
 * a server (e.g. postgres://postgres@127.0.0.1:5432/postgres). Each test file gets a database of
 * its own: a fresh in-memory PGlite, or a fresh PostgreSQL database dropped afterwards.
 */
export const TEST_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrateToLatest(database.db);
    return { ...database, drop: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `fq_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // The public pages' own pool as in production (a few connections, read-only, time-limited).
  const database = await openDatabase({ kind: 'postgres', url: url.toString() }, { max: 4, statementTimeoutMs: 3000 });
  await migrateToLatest(database.db);
  return {
    ...database,
    drop: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** describe() once per database kind. */
export function describeEachDb(name: string, body: (kind: DatabaseKind) => void): void {
  for (const kind of TEST_KINDS) describe(`${name} [${kind}]`, () => body(kind));
}
