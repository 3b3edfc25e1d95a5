// The public feed and post pages under reader load, against PostgreSQL with 1,000,000 matters,
// measured with autocannon on loopback; then staff intake alone and while readers hammer public
// pages. Everything runs once per mode, on the same data: the server's reader isolation off (no
// micro-cache, no limit on public database work, the staff pool) and on (the defaults). Results
// and what limits them: docs/bench/public-feed.md.
// Run: node --import tsx bench/public-feed.ts
// Needs PostgreSQL 15 at BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), as
// a superuser (the bulk load skips foreign-key triggers). Keeps its database (BENCH_FEED_DB,
// default fq_bench_feed) for the next run, recognised by its comment; BENCH_FEED_RELOAD=1 drops
// and loads it again. BENCH_FEED_SECONDS sets the length of each measurement (default 10),
// BENCH_FEED_MATTERS the number of matters (default 1,000,000; a smaller one for a quick try),
// BENCH_FEED_MODES the server settings compared (default off,on; also: shared).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { FieldCipher } from '../server/src/platform/crypto.js';
import { BenchServer, bounded, databaseUrl, fmt, freePort, gridWorkerPoint, int, intakeRequest, pct, perSecond, runBench, type Run } from './harness.js';
import { intakeBody } from './matters-data.js';
import { encryptedNames, loadFeedMatters } from './public-feed-data.js';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_FEED_DB ?? 'fq_bench_feed';
const TOTAL_MATTERS = Number(process.env.BENCH_FEED_MATTERS ?? 1_000_000);
/** Written as the database's comment once the load has committed: a later run reuses the data. */
const MARKER = `fengqiao public-feed bench v1: ${TOTAL_MATTERS} matters`;
/** This database's own key (it encrypts the reporters' names), fixed so that a reused database still decrypts. */
const SECRET_KEY = crypto.createHash('sha256').update('fengqiao public-feed bench').digest();
const SECONDS = Number(process.env.BENCH_FEED_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 50;
const POST_NUMBERS = 20_000;
const INTAKE_CONCURRENCY = 50;
const FIXED_RATE = 3_000;

/** Server settings per mode: reader isolation off (as before it existed), on (the defaults), and on but with public reads in the staff pool. */
const MODES = {
  off: ['isolation off', { PUBLIC_CACHE_MS: '0', PUBLIC_DB_CONCURRENCY: '0', PUBLIC_DB_POOL: '0' }],
  on: ['isolation on', {}],
  shared: ['on, staff pool', { PUBLIC_DB_POOL: '0' }],
} as const satisfies Record<string, [string, Record<string, string>]>;

const TARGET_RPS = 3_000;
const TARGET_P99_MS = 50;

const dbUrl = databaseUrl(ADMIN_URL, DB_NAME);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-bench-feed-'));
/** Post pages or cache-missing searches (process.env.BENCH_FEED_READ), in this thread or in autocannon's worker. */
const VARIED_READS = path.join(import.meta.dirname, 'public-feed-reads.cjs');
let server: BenchServer | null = null;

const load1 = () => os.loadavg()[0]!.toFixed(2);

async function prepareDatabase(admin: pg.Client): Promise<boolean> {
  const { rows } = await admin.query<{ comment: string | null }>(
    `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
    [DB_NAME],
  );
  if (rows.length && rows[0]!.comment === MARKER && process.env.BENCH_FEED_RELOAD !== '1') return true;
  if (rows.length) await admin.query(`drop database ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  return false;
}

interface Scenario {
  name: string;
  /** The statuses that count as answered as intended. */
  expect: number[];
  options: autocannon.Options;
}

interface Measured {
  name: string;
  mode: string;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  overloaded: number;
  other: number;
  load: string;
}

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...options }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function summarise(name: string, mode: string, expected: number[], r: autocannon.Result, load: string): Measured {
  const count = (status: number) => r.statusCodeStats?.[`${status}`]?.count ?? 0;
  const ok = expected.reduce((n, s) => n + count(s), 0);
  const answered = Object.values(r.statusCodeStats ?? {}).reduce((n, s) => n + (s.count ?? 0), 0);
  return {
    name, mode, load,
    rps: answered / r.duration,
    p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max,
    ok, overloaded: count(503), other: answered - ok - count(503) + r.errors + r.timeouts,
  };
}

async function measure(mode: string, s: Scenario): Promise<Measured> {
  await cannon({ ...s.options, duration: WARMUP_SECONDS });
  const load = load1();
  return summarise(s.name, mode, s.expect, await cannon({ ...s.options, duration: SECONDS }), load);
}

interface IntakeRun {
  name: string;
  mode: string;
  /** Intake alone just before: the machine is shared, so each ratio compares runs seconds apart. */
  alone: Run;
  intake: Run;
  feed: Measured;
  load: string;
}

/**
 * Staff intake for SECONDS alone, then for SECONDS while autocannon (in a worker thread, off this
 * event loop) reads public pages.
 */
async function intakeUnder(mode: string, name: string, readers: autocannon.Options, intake: (i: number) => Promise<void>): Promise<IntakeRun> {
  await databaseIdle();
  const alone = await bounded('intake alone', 10_000_000, INTAKE_CONCURRENCY, SECONDS, intake);
  const load = load1();
  const feed = cannon({ ...readers, duration: SECONDS + 2 * WARMUP_SECONDS, workers: 1 });
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
  const run = await bounded(name, 10_000_000, INTAKE_CONCURRENCY, SECONDS, intake);
  return { name, mode, alone, intake: run, feed: summarise('readers during intake', mode, [200], await feed, load), load };
}

/**
 * Waits until no query runs in the bench database for 1.5 s: readers that autocannon dropped at the
 * end of a run may still queue for a database slot, and a flood of searches keeps PostgreSQL busy
 * after its clients are gone; neither may spill into the next measurement.
 */
async function databaseIdle(): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    for (let quiet = 0, waited = 0; quiet < 3 && waited < 120_000; waited += 500) {
      const { rows } = await c.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = $1 and state = 'active'`, [DB_NAME]);
      quiet = rows[0]!.n === 0 ? quiet + 1 : 0;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await c.end();
  }
}

async function stopQuietly(srv: BenchServer): Promise<void> {
  await databaseIdle();
  await srv.stop();
  await databaseIdle();
}

async function startServer(env: Record<string, string>): Promise<BenchServer> {
  server = BenchServer.spawn(
    await freePort(),
    { DATABASE_URL: dbUrl, DATA_DIR: dataDir, DEMO_CITY: 'true', SECRET_KEY: SECRET_KEY.toString('base64'), SCHEDULER_SECONDS: '0', ...env },
    INTAKE_CONCURRENCY,
  );
  await server.ready();
  return server;
}

async function main() {
  const t0 = performance.now();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const { rows: settings } = await admin.query<{ v: string; sb: string; par: string }>(
    `select current_setting('server_version') as v, current_setting('shared_buffers') as sb, current_setting('max_parallel_workers_per_gather') as par`,
  );
  const reused = await prepareDatabase(admin);
  console.log(`public feed bench: PostgreSQL ${settings[0]!.v} (shared_buffers ${settings[0]!.sb}, parallel workers per gather ${settings[0]!.par}), ` +
    `database ${DB_NAME}, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  // 1. Migrations and the demo city come from the server itself; then the bulk load, once.
  let srv = await startServer({});
  if (!reused) {
    const t = performance.now();
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      await loadFeedMatters(client, TOTAL_MATTERS, encryptedNames(new FieldCipher(SECRET_KEY)));
      await client.query('vacuum (analyze) matters, matter_events');
    } finally {
      await client.end();
    }
    await admin.query(`comment on database ${DB_NAME} is '${MARKER}'`);
    console.log(`loaded ${int(TOTAL_MATTERS)} matters with their timelines, vacuumed and analysed in ${fmt((performance.now() - t) / 1000)} s`);
  } else console.log(`reusing ${DB_NAME} (BENCH_FEED_RELOAD=1 loads it again)`);
  await admin.end();

  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const visible = `public and not public_hidden and not public_abuse and state not in ('voided', 'merged')`;
  const { rows: stats } = await client.query<{ total: number; visible: number; events: number }>(
    `select (select count(*)::int from matters) as total, (select count(*)::int from matters where ${visible}) as visible,
       (select count(*)::int from matter_events) as events`,
  );
  const { rows: numbers } = await client.query<{ number: string }>(`select number from matters where ${visible} order by random() limit ${POST_NUMBERS}`);
  process.env.BENCH_FEED_NUMBERS = path.join(dataDir, 'numbers.json');
  fs.writeFileSync(process.env.BENCH_FEED_NUMBERS, JSON.stringify(numbers.map((n) => n.number)));
  const { rows: street } = await client.query<{ code: string; name: string }>(`select code, name from areas where code = '150303001'`);
  // The top-level category with the most public matters: a reader's click on a category tab.
  const { rows: category } = await client.query<{ code: string; name: string }>(
    `select c.code, c.name from categories c
     join (select split_part(category_code, '.', 1) as code, count(*) as n from matters where ${visible} group by 1) t on t.code = c.code
     order by t.n desc limit 1`,
  );
  await client.end();
  console.log(`${int(stats[0]!.total)} matters, ${int(stats[0]!.visible)} of them in the public feed; ${int(stats[0]!.events)} timeline events`);

  const modes = (process.env.BENCH_FEED_MODES ?? 'off,on').split(',').map((m) => {
    if (!(m in MODES)) throw new Error(`BENCH_FEED_MODES: unknown mode ${m} (${Object.keys(MODES).join(', ')})`);
    return MODES[m as keyof typeof MODES];
  });
  const results: Measured[] = [];
  const intakeRuns: IntakeRun[] = [];
  for (const [mode, env] of modes) {
    await stopQuietly(srv);
    srv = await startServer(env);
    const url = (p: string) => `http://127.0.0.1:${srv.port}${p}`;
    const etag = (await fetch(url('/api/public/matters'))).headers.get('etag')!;
    const scenarios: Scenario[] = [
      { name: '(a) feed page 1', expect: [200], options: { url: url('/api/public/matters') } },
      { name: `(b) feed page 1, area ${street[0]!.name}`, expect: [200], options: { url: url(`/api/public/matters?areaCode=${street[0]!.code}`) } },
      { name: `(b) feed page 1, category ${category[0]!.name}`, expect: [200], options: { url: url(`/api/public/matters?categoryCode=${category[0]!.code}`) } },
      {
        name: `(c) post pages, ${int(numbers.length)} numbers`,
        expect: [200],
        options: {
          url: url('/api/public/matters'),
          requests: [{ setupRequest: createRequire(import.meta.url)(VARIED_READS) }],
        },
      },
      { name: '(d) feed page 1, If-None-Match → 304', expect: [304], options: { url: url('/api/public/matters'), headers: { 'if-none-match': etag } } },
    ];
    process.env.BENCH_FEED_READ = 'posts';
    for (const s of scenarios) {
      const m = await measure(mode, s);
      results.push(m);
      console.log(`  ${mode}: ${m.name}: ${int(m.rps)} req/s, p99 ${fmt(m.p99)} ms`);
    }

    const gridToken = await srv.login('wanggeyuan');
    const { lon, lat } = await gridWorkerPoint(srv, gridToken);
    const runId = crypto.randomBytes(3).toString('hex');
    let i = 0;
    const intake = () => {
      const n = i++;
      return intakeRequest(srv, gridToken, intakeBody(n, lon, lat), `feed-bench-${runId}-${n}`);
    };
    await bounded('intake warm-up', 200, INTAKE_CONCURRENCY, 30, intake);
    const varied = { url: url('/api/public/matters'), requests: [{ setupRequest: VARIED_READS as unknown as autocannon.Request['setupRequest'] }] };
    const readerLoads: [string, autocannon.Options, string][] = [
      [`intake + feed page 1 at ${int(FIXED_RATE)} req/s`, { url: url('/api/public/matters'), overallRate: FIXED_RATE }, ''],
      ['intake + feed page 1 flat out', { url: url('/api/public/matters') }, ''],
      ['intake + post pages flat out', varied, 'posts'],
      ['intake + feed searches flat out', varied, 'search'],
    ];
    for (const [name, readers, read] of readerLoads) {
      process.env.BENCH_FEED_READ = read; // read by the worker thread autocannon starts next
      const r = await intakeUnder(mode, name, readers, intake);
      intakeRuns.push(r);
      console.log(`  ${mode}: ${name}: ${int(perSecond(r.intake))} matters/s (alone ${int(perSecond(r.alone))}), readers ${int(r.feed.rps)} req/s p99 ${fmt(r.feed.p99)} ms`);
    }
  }

  await stopQuietly(srv);

  // Report.
  console.log('');
  console.log(`readers: autocannon, ${CONNECTIONS} connections over keep-alive loopback HTTP, ${SECONDS} s each after ${WARMUP_SECONDS} s of warm-up; ` +
    `latency in ms; "ok" = the intended status (200, or 304 for revalidation), 503 = turned away by the limit`);
  console.log('modes: "isolation off" = PUBLIC_CACHE_MS=0 PUBLIC_DB_CONCURRENCY=0 PUBLIC_DB_POOL=0 (public reads as before: no cache, no limit, the staff pool);');
  console.log('  "isolation on" = the defaults (1 s micro-cache + 4 s stale-while-refresh, 2 public loads at once + queue 100, their own pool of 4:');
  console.log('  read-only, no parallel workers, 3 s statement timeout); "on, staff pool" = the defaults with PUBLIC_DB_POOL=0');
  console.log('');
  const head = `  ${'scenario'.padEnd(44)}${'mode'.padEnd(16)}${'req/s'.padStart(8)}${'p50'.padStart(7)}${'p99'.padStart(8)}${'max'.padStart(8)}${'ok'.padStart(9)}${'503'.padStart(7)}${'other'.padStart(7)}${'load1'.padStart(7)}`;
  console.log(head);
  const row = (m: Measured) =>
    console.log(`  ${m.name.padEnd(44)}${m.mode.padEnd(16)}${int(m.rps).padStart(8)}${fmt(m.p50, 0).padStart(7)}${fmt(m.p99, 0).padStart(8)}${fmt(m.max, 0).padStart(8)}` +
      `${String(m.ok).padStart(9)}${String(m.overloaded).padStart(7)}${String(m.other).padStart(7)}${m.load.padStart(7)}`);
  for (const m of results) row(m);
  console.log('');
  console.log(`staff intake: POST /api/matters as wanggeyuan (grid_report), ${INTAKE_CONCURRENCY} in flight, ${SECONDS} s each; the readers (autocannon, ${CONNECTIONS} connections)`);
  console.log(`  run in a worker thread from ${WARMUP_SECONDS} s before to ${WARMUP_SECONDS} s after; each run follows ${SECONDS} s of intake alone,`);
  console.log('  and "ratio" = matters/s with the readers / matters/s alone just before (latency in ms: intake with the readers)');
  console.log('');
  console.log(`  ${'run'.padEnd(36)}${'mode'.padEnd(16)}${'alone/s'.padStart(8)}${'with/s'.padStart(8)}${'ratio'.padStart(7)}${'p50'.padStart(7)}${'p99'.padStart(8)}${'errors'.padStart(8)}` +
    `${'read req/s'.padStart(11)}${'read p99'.padStart(10)}${'read 503'.padStart(10)}${'load1'.padStart(7)}`);
  for (const r of intakeRuns) {
    const l = r.intake.latencies;
    console.log(`  ${r.name.padEnd(36)}${r.mode.padEnd(16)}${int(perSecond(r.alone)).padStart(8)}${int(perSecond(r.intake)).padStart(8)}${(perSecond(r.intake) / perSecond(r.alone)).toFixed(2).padStart(7)}` +
      `${fmt(pct(l, 0.5), 0).padStart(7)}${fmt(pct(l, 0.99), 0).padStart(8)}${String(r.intake.errors).padStart(8)}` +
      `${int(r.feed.rps).padStart(11)}${fmt(r.feed.p99, 0).padStart(10)}${String(r.feed.overloaded).padStart(10)}${r.load.padStart(7)}`);
  }
  console.log('');
  const verdicts: [boolean, string][] = results
    .filter((m) => m.mode === MODES.on[0] && m.name.startsWith('(a)'))
    .flatMap((first): [boolean, string][] => [
      [first.rps >= TARGET_RPS, `feed page 1 (isolation on): ${int(first.rps)} req/s vs target ≥ ${int(TARGET_RPS)}`],
      [first.p99 < TARGET_P99_MS, `feed page 1 (isolation on): p99 ${fmt(first.p99)} ms vs target < ${TARGET_P99_MS} ms`],
      [first.other === 0 && first.overloaded === 0, `feed page 1 (isolation on): ${first.overloaded} × 503, ${first.other} other answers or errors`],
    ]);
  // Staff errors with isolation off are what it is there to prevent: reported, not a failure of this bench.
  const failed = intakeRuns.filter((r) => r.intake.errors > 0);
  verdicts.push(...intakeRuns.filter((r) => r.alone.errors > 0).map((r): [boolean, string] => [false, `${r.mode} intake alone: ${r.alone.errors} errors, first: ${r.alone.firstError}`]));
  verdicts.push(...failed.filter((r) => r.mode !== MODES.off[0]).map((r): [boolean, string] => [false, `${r.mode} ${r.name}: ${r.intake.errors} intake errors, first: ${r.intake.firstError}`]));
  for (const [ok, line] of verdicts) console.log(`${ok ? 'PASS' : 'FAIL'}: ${line}`);
  for (const r of failed.filter((r) => r.mode === MODES.off[0])) console.log(`info: ${r.mode} ${r.name}: ${r.intake.errors} intake errors, first: ${r.intake.firstError}`);
  if (verdicts.some(([ok]) => !ok)) process.exitCode = 1;
  console.log(`total ${fmt((performance.now() - t0) / 1000)} s, load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

async function cleanup() {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await runBench(main, cleanup);
