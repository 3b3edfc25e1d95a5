import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { ManualClock } from '../src/platform/clock.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { FieldCipher } from '../src/platform/crypto.js';
import type { DatabaseKind } from '../src/platform/db/database.js';
import { buildApp, type AppDeps } from '../src/platform/http/app.js';
import { modules } from '../src/modules/index.js';
import { ensureMatterReferenceData } from '../src/modules/matters/seed-reference.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface TestEnv {
  app: FastifyInstance;
  database: TestDatabase;
  deps: AppDeps;
  clock: ManualClock;
}

export const TEST_NOW = new Date('2026-11-30T09:00:00+08:00');

/**
 * The real app on a fresh database of the given kind, with a clock the test controls and a
 * DATA_DIR of its own (uploaded files land there), removed by useTestEnv afterwards.
 */
export async function createTestEnv(kind: DatabaseKind, overrides: Partial<Config> = {}): Promise<TestEnv> {
  const database = await createTestDatabase(kind);
  await ensureMatterReferenceData(database.db);
  const clock = new ManualClock(TEST_NOW);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-test-'));
  // publicCacheMs 0: a test reads its own writes at once (public-cache.test.ts turns the micro-cache on).
  const config = { ...loadConfig({}), webDist: '/nonexistent', dataDir, publicCacheMs: 0, ...overrides };
  const deps: AppDeps = {
    config,
    db: database.db,
    publicDb: database.publicDb,
    dbKind: database.kind,
    clock,
    cipher: new FieldCipher(crypto.randomBytes(32)),
  };
  const app = await buildApp(deps, modules, { logger: false });
  await app.ready();
  return { app, database, deps, clock };
}

/** beforeAll/afterAll wiring; read `env()` inside tests. */
export function useTestEnv(kind: DatabaseKind, overrides: Partial<Config> = {}): () => TestEnv {
  let env: TestEnv | null = null;
  beforeAll(async () => {
    env = await createTestEnv(kind, overrides);
  });
  afterAll(async () => {
    await env?.app.close();
    await env?.database.drop();
    if (env?.deps.config.dataDir.startsWith(path.join(os.tmpdir(), 'fq-test-'))) fs.rmSync(env.deps.config.dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!env) throw new Error('test env not ready');
    return env;
  };
}

export interface Session {
  token: string;
  userId: string;
}

/** A bearer-token session for API calls in tests. */
export async function loginToken(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/token', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const token = res.json().token as string;
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
  return { token, userId: me.json().user.id };
}

/** `headers` add to (or override) the default ones, e.g. a Content-Type for a raw Buffer payload. */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: method as 'GET',
    url,
    ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: { ...(session ? { authorization: `Bearer ${session.token}` } : {}), ...headers },
  });
}
