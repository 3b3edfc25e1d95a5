import path from 'node:path';

// Every setting the server reads, in one place (documented in docs/CONFIGURATION.md).
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… switches from embedded PGlite to real PostgreSQL. */
  databaseUrl: string | null;
  demoCity: boolean;
  demoSeed: number;
  demoScale: number;
  sessionTtlHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** base64 of 32 bytes; when unset a key is generated once into DATA_DIR/secret.key. */
  secretKey: string | null;
  cookieSecure: boolean;
  logLevel: string;
  webDist: string;
  /** How often the deadline scheduler sweeps; 0 turns it off in this process. */
  schedulerSeconds: number;
  /** Server processes sharing the port (PostgreSQL only). */
  workers: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port: int(env, 'PORT', 8080),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || path.join(repoRoot, 'data')),
    databaseUrl,
    demoCity: bool(env, 'DEMO_CITY', true),
    demoSeed: int(env, 'DEMO_SEED', 20261130),
    demoScale: int(env, 'DEMO_SCALE', 1),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12),
    lockoutThreshold: int(env, 'LOCKOUT_THRESHOLD', 5),
    lockoutMinutes: int(env, 'LOCKOUT_MINUTES', 15),
    secretKey: env.SECRET_KEY || null,
    cookieSecure: bool(env, 'COOKIE_SECURE', false),
    logLevel: env.LOG_LEVEL || 'info',
    webDist: path.resolve(env.WEB_DIST || path.join(repoRoot, 'web/dist')),
    schedulerSeconds: int(env, 'SCHEDULER_SECONDS', 60),
    workers: int(env, 'WORKERS', 1),
  };
}
