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
  /** Wrong passwords (or codes) one client may make on one account before it backs off. */
  loginClientFailures: number;
  /** The first back-off; it doubles with each further failure, up to loginBackoffMaxMinutes. */
  loginBackoffSeconds: number;
  loginBackoffMaxMinutes: number;
  /** Failures on one account from all clients in a window after which every client backs off after its first failure; 0 = no such ceiling. */
  loginAccountFailures: number;
  /** Failures from one client over all accounts in a window after which it is refused until the window ends; 0 = no such ceiling. */
  loginIpFailures: number;
  /** The window of those counts; a client's count on an account is forgotten this long after its last failure. */
  loginWindowMinutes: number;
  /** Verification codes one client may request per login window; 0 = no such ceiling. */
  codeSendsPerIp: number;
  /** base64 of 32 bytes; when unset a key is generated once into DATA_DIR/secret.key. */
  secretKey: string | null;
  cookieSecure: boolean;
  /** Fastify trustProxy: false, true, or the proxies' addresses/CIDRs whose X-Forwarded-* headers count. */
  trustProxy: boolean | string[];
  /** Origins images may come from besides this one (the map's tile server), for the Content-Security-Policy. */
  cspImgSources: string[];
  logLevel: string;
  webDist: string;
  /** How often the deadline scheduler sweeps; 0 turns it off in this process. */
  schedulerSeconds: number;
  /** 热点 early warning: group the last week's matters and warn every this many seconds; 0 = off in this process. */
  hotIssueSeconds: number;
  /** Search indexer: sweep every this many seconds (new matters are also indexed right after intake); 0 = no indexer in this process. */
  searchIndexSeconds: number;
  /** Server processes sharing the port (PostgreSQL only). */
  workers: number;
  /** How long identical public GETs share one answer in this process; 0 turns the micro-cache off. */
  publicCacheMs: number;
  /** After publicCacheMs, how long the old answer is still given while one request refreshes it. */
  publicCacheStaleMs: number;
  /** Public answers kept at most (least recently used go first). */
  publicCacheEntries: number;
  /** Database loads for public pages at once per process; 0 means no limit. */
  publicDbConcurrency: number;
  /** Public loads that may wait for a slot; beyond that readers get 503 with Retry-After. */
  publicDbQueue: number;
  /** PostgreSQL: connections of the public pages' own read-only pool; 0 = they share the staff pool. */
  publicDbPool: number;
  /** PostgreSQL: statement timeout of that pool, so no reader query runs long; 0 = none. */
  publicDbTimeoutMs: number;
  /** Category classifier: retrain at most this often when new closed matters exist; 0 = no scheduled retraining. */
  classifierRetrainHours: number;
  /** A category needs this many labelled examples to be a label of its own (else it counts for its parent). */
  classifierMinExamples: number;
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

function nonNegative(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const n = int(env, name, fallback);
  if (n < 0) throw new Error(`${name} must be 0 or more, got "${n}"`);
  return n;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const n = int(env, name, fallback);
  if (n < 1) throw new Error(`${name} must be 1 or more, got "${n}"`);
  return n;
}

/** TRUST_PROXY: unset/false, true (any sender: only when nothing but the proxy can reach the port), or addresses/CIDRs. */
function trustProxy(raw: string | undefined): boolean | string[] {
  if (raw === undefined || raw === '' || ['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (!list.every((s) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(s))) throw new Error(`TRUST_PROXY must be true, false or addresses/CIDRs separated by commas, got "${raw}"`);
  return list;
}

/** Space-separated origins (https://tiles.example.cn); each must be a scheme and host, nothing a policy could be bent with. */
function sources(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (env[name] ?? '').split(/\s+/).filter(Boolean);
  for (const s of list) if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(s)) throw new Error(`${name} must list origins such as https://tiles.example.cn, got "${s}"`);
  return list;
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
    loginClientFailures: positive(env, 'LOGIN_CLIENT_FAILURES', 5),
    loginBackoffSeconds: positive(env, 'LOGIN_BACKOFF_SECONDS', 60),
    loginBackoffMaxMinutes: positive(env, 'LOGIN_BACKOFF_MAX_MINUTES', 15),
    loginAccountFailures: nonNegative(env, 'LOGIN_ACCOUNT_FAILURES', 20),
    loginIpFailures: nonNegative(env, 'LOGIN_IP_FAILURES', 50),
    loginWindowMinutes: positive(env, 'LOGIN_WINDOW_MINUTES', 60),
    codeSendsPerIp: nonNegative(env, 'CODE_SENDS_PER_IP', 30),
    secretKey: env.SECRET_KEY || null,
    cookieSecure: bool(env, 'COOKIE_SECURE', false),
    trustProxy: trustProxy(env.TRUST_PROXY),
    cspImgSources: sources(env, 'CSP_IMG_SOURCES'),
    logLevel: env.LOG_LEVEL || 'info',
    webDist: path.resolve(env.WEB_DIST || path.join(repoRoot, 'web/dist')),
    schedulerSeconds: int(env, 'SCHEDULER_SECONDS', 60),
    hotIssueSeconds: nonNegative(env, 'HOT_ISSUE_SECONDS', 600),
    searchIndexSeconds: nonNegative(env, 'SEARCH_INDEX_SECONDS', 5),
    workers: int(env, 'WORKERS', 1),
    publicCacheMs: nonNegative(env, 'PUBLIC_CACHE_MS', 1000),
    publicCacheStaleMs: nonNegative(env, 'PUBLIC_CACHE_STALE_MS', 4000),
    publicCacheEntries: nonNegative(env, 'PUBLIC_CACHE_ENTRIES', 1000),
    publicDbConcurrency: nonNegative(env, 'PUBLIC_DB_CONCURRENCY', 2),
    publicDbQueue: nonNegative(env, 'PUBLIC_DB_QUEUE', 100),
    publicDbPool: nonNegative(env, 'PUBLIC_DB_POOL', 4),
    publicDbTimeoutMs: nonNegative(env, 'PUBLIC_DB_TIMEOUT_MS', 3000),
    classifierRetrainHours: nonNegative(env, 'CLASSIFIER_RETRAIN_HOURS', 24),
    classifierMinExamples: nonNegative(env, 'CLASSIFIER_MIN_EXAMPLES', 10),
  };
}
