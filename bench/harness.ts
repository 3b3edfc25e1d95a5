// What the HTTP benches share: bounded-concurrency and paced runs with latency percentiles, keep-alive
// requests, the real server in its own process on a loopback port, logins, and the point a grid
// worker reports from.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { bbox } from '../server/src/modules/territory/geometry.js';
import { mulberry32 } from '../server/src/seed/random.js';

export const PASSWORD = 'Fengqiao#2026';

// ---------------------------------------------------------------------------------------------
// Measurement

export interface Run {
  name: string;
  count: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  /** ms, sorted */
  latencies: number[];
}

export const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);
export const perSecond = (r: Run) => r.count / r.seconds;
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
export const int = (n: number) => Math.round(n).toLocaleString('en');

/** Runs fn(0..n-1) with at most `concurrency` in flight; stops issuing new calls after maxSeconds. */
export async function bounded(name: string, n: number, concurrency: number, maxSeconds: number, fn: (i: number) => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  const start = performance.now();
  const deadline = start + maxSeconds * 1000;
  const worker = async () => {
    while (next < n && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      try {
        await fn(i);
        latencies.push(performance.now() - t);
      } catch (err) {
        errors++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { name, count: latencies.length + errors, errors, firstError, seconds, latencies };
}

/**
 * Open loop: starts fn(i) at `rate` a second on average (Poisson arrivals, seeded) for `seconds`,
 * whatever the pace of the answers, and times each from when it was due: a slow answer delays no
 * later request, so queueing shows in the latency (no coordinated omission). Past `maxInFlight`
 * unanswered, an arrival is counted as an error rather than sent.
 */
export async function paced(name: string, rate: number, seconds: number, maxInFlight: number, fn: (i: number) => Promise<void>): Promise<Run> {
  const random = mulberry32(rate * 1000 + seconds);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  let due = start;
  for (let i = 0; ; i++) {
    due += (-Math.log(1 - random()) / rate) * 1000;
    if (due - start > seconds * 1000) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= maxInFlight) {
      errors++;
      firstError ??= `more than ${maxInFlight} requests unanswered`;
      continue;
    }
    inFlight++;
    const scheduled = due;
    pending.push(
      fn(i).then(
        () => void latencies.push(performance.now() - scheduled),
        (err: Error) => {
          errors++;
          firstError ??= err.message;
        },
      ).finally(() => inFlight--),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return { name, count: latencies.length + errors, errors, firstError, seconds: (performance.now() - start) / 1000, latencies };
}

/** CPU seconds (user + system) the processes have used so far; Linux /proc, 0 elsewhere or once a process is gone. */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone, or not Linux
    }
  }
  return ticks / 100; // USER_HZ
}

/** The PostgreSQL backends serving `dbName` on this machine (by their process titles). */
export function postgresBackends(dbName: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `postgres: .* ${dbName} `]).toString().trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/**
 * A database of a bench's own on the server at `adminUrl`: fq_<prefix>_<random>, created by
 * create() and dropped by drop() — at the end, on an error or on Ctrl-C — unless BENCH_KEEP_DB=1
 * keeps it for EXPLAIN ANALYZE afterwards (drop it by hand then).
 */
export class BenchDatabase {
  readonly name: string;
  readonly url: string;
  private created = false;

  constructor(
    private readonly adminUrl: string,
    prefix: string,
  ) {
    this.name = `fq_${prefix}_${crypto.randomBytes(4).toString('hex')}`;
    this.url = databaseUrl(adminUrl, this.name);
  }

  /** Creates it; answers the server's version. */
  async create(): Promise<string> {
    const admin = new pg.Client({ connectionString: this.adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ v: string }>(`select current_setting('server_version') as v`);
      await admin.query(`create database ${this.name}`);
      this.created = true;
      return rows[0]!.v;
    } finally {
      await admin.end();
    }
  }

  async drop(): Promise<void> {
    if (!this.created) return;
    if (process.env.BENCH_KEEP_DB === '1') {
      console.error(`BENCH_KEEP_DB=1: kept ${this.url}`);
      return;
    }
    const admin = new pg.Client({ connectionString: this.adminUrl });
    try {
      await admin.connect();
      await admin.query(`drop database if exists ${this.name} with (force)`);
      this.created = false;
    } catch (err) {
      console.error(`could not drop ${this.name}: ${(err as Error).message}`);
    } finally {
      await admin.end().catch(() => {});
    }
  }
}

/**
 * Runs a bench's `main`, then `cleanup` (stop the server, drop the bench's database …) whether it
 * finished, failed (exit code 1) or was interrupted: on Ctrl-C, `cleanup` and exit 130; a second
 * Ctrl-C exits at once.
 */
export async function runBench(main: () => Promise<void>, cleanup: () => Promise<void>): Promise<void> {
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error('\ninterrupted: cleaning up …');
    void cleanup().finally(() => process.exit(130));
  });
  try {
    await main();
  } catch (err) {
    console.error(err);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

/** The URL of another database on the same PostgreSQL server. */
export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Transactions committed in a database so far (PostgreSQL's own statistics). */
export async function commits(adminUrl: string, dbName: string): Promise<number> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await new Promise((r) => setTimeout(r, 1500)); // statistics are flushed about once a second
    const { rows } = await c.query<{ n: string }>('select xact_commit as n from pg_stat_database where datname = $1', [dbName]);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The server in its own process

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as AddressInfo;
      probe.close(() => resolve(p));
    });
  });
}

export interface Response {
  status: number;
  body: string;
}

/** The real server as it runs in production: its own process, on a loopback port, over keep-alive HTTP. */
export class BenchServer {
  private readonly agent: http.Agent;
  private constructor(
    private process: ChildProcess | null,
    readonly port: number,
    maxSockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /**
   * Starts server/src/main.ts on `port` with `env` on top of this process's environment; then await ready().
   * BENCH_SERVER_NODE_ARGS adds Node flags to the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
   */
  static spawn(port: number, env: Record<string, string>, maxSockets: number): BenchServer {
    const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'server/src/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    });
    return new BenchServer(child, port, maxSockets);
  }

  /** Waits until /api/health answers (migrations and the demo city first, on a new database). */
  async ready(maxSeconds = 120): Promise<void> {
    for (let waited = 0; ; waited += 200) {
      if (!this.process || this.process.exitCode !== null) throw new Error(`the server exited with code ${this.process?.exitCode}`);
      if (await this.request('GET', '/api/health', null).then((r) => r.status === 200, () => false)) return;
      if (waited > maxSeconds * 1000) throw new Error(`the server did not answer /api/health within ${maxSeconds} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The server's process id, for its CPU time. */
  get pid(): number | null {
    return this.process?.pid ?? null;
  }

  request(method: string, url: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path: url,
          agent: this.agent,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error('request timed out after 30 s')));
      req.end(payload);
    });
  }

  async expectOk(method: string, url: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<any> {
    const res = await this.request(method, url, token, body, headers);
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${res.body.slice(0, 200)}`);
    return JSON.parse(res.body);
  }

  async login(username: string): Promise<string> {
    return (await this.expectOk('POST', '/api/auth/token', null, { username, password: PASSWORD })).token as string;
  }

  /** SIGTERM, then up to 10 s for a clean exit. */
  async stop(): Promise<void> {
    this.agent.destroy();
    const child = this.process;
    this.process = null;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
  }
}

/** wanggeyuan's grid and a point inside it: the bbox centre, or for a concave grid the first of a fixed sequence of points that lies in it. */
export async function gridWorkerPoint(server: BenchServer, token: string) {
  const me = await server.expectOk('GET', '/api/auth/me', token);
  const grid = await server.expectOk('GET', `/api/areas/${me.scopeArea.code}`, token);
  const [x0, y0, x1, y1] = bbox(grid.geometry);
  const random = mulberry32(2026);
  let lon = (x0 + x1) / 2;
  let lat = (y0 + y1) / 2;
  for (let tries = 0; ; tries++) {
    const hit = await server.expectOk('GET', `/api/areas/resolve?lon=${lon}&lat=${lat}`, token);
    if (hit.grid?.code === grid.code) break;
    if (tries > 200) throw new Error(`no point found inside grid ${grid.code}`);
    lon = x0 + random() * (x1 - x0);
    lat = y0 + random() * (y1 - y0);
  }
  return { grid: grid as { code: string; name: string }, lon, lat };
}

/** One grid-worker report (POST /api/matters), 201 or it throws. */
export function intakeRequest(server: BenchServer, token: string, body: unknown, idempotencyKey: string): Promise<void> {
  return server.request('POST', '/api/matters', token, body, { 'idempotency-key': idempotencyKey }).then((res) => {
    if (res.status !== 201) throw new Error(`POST /api/matters → ${res.status} ${res.body.slice(0, 200)}`);
  });
}
