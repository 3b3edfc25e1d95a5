// Matters over HTTP against real PostgreSQL: intake throughput (and its ratio to raw single-row
// INSERTs of the same rows, same database, same run), then list/detail read latency with
// 100,000 matters in the database (searchable: the bulk-loaded ones get their search documents),
// 20 in flight, paced at a steady rate (the target) and one at a time, with each request's CPU
// in the server and the database. Loopback only; every phase is bounded in count and time.
// Run: node --import tsx bench/matters.ts
// Needs PostgreSQL 15 at BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres);
// creates a database fq_bench_<random> and drops it at the end, also on error or Ctrl-C
// (BENCH_KEEP_DB=1 keeps it, for EXPLAIN ANALYZE afterwards; drop it by hand).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { FieldCipher } from '../server/src/platform/crypto.js';
import { openDatabase } from '../server/src/platform/db/database.js';
import { BenchDatabase, BenchServer, bounded, commits, cpuSeconds, fmt, freePort, gridWorkerPoint, int, intakeRequest, paced, pct, perSecond, postgresBackends, runBench, type Run } from './harness.js';
import { bulkLoad, intakeBody } from './matters-data.js';
import { bulkIndex } from './search-index.js';
import { runWrk, wrkVersion, type WrkRun } from './wrk.js';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const INTAKE_WARMUP = 200;
const INTAKE_N = 5_000;
const INTAKE_CONCURRENCY = 50;
/** The server's pg.Pool size (server/src/platform/db/database.ts). */
const POOL_SIZE = 10;
const TOTAL_MATTERS = 100_000;
const READ_CONCURRENCY = 20;
/**
 * The paced reads, requests a second per scenario (decision 0004): a list or matter page about as
 * often as 3,000 staff at their desks open one a minute; a text search as often as 600 (a city's
 * hotline seats looking up callers' matters, and more).
 */
const READ_RATE = Number(process.env.BENCH_READ_RATE ?? 50);
const SEARCH_RATE = Number(process.env.BENCH_SEARCH_RATE ?? 10);
const READ_PACED_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 15);
/** A paced run lasts long enough for this many requests (a p99 of 150 would be its second worst), up to 60 s. */
const PACED_SAMPLES = 700;
const pacedSeconds = (rate: number) => Math.min(60, Math.max(READ_PACED_SECONDS, PACED_SAMPLES / rate));
const READ_N = 2_000;
const READ_WARMUP = 100;
const SERIAL_N = 100;
const SERIAL_MAX_SECONDS = 5;
/** Hard caps per phase, so a slow machine cannot make the bench run away. */
const INTAKE_MAX_SECONDS = 60;
/** With wrk: each measurement runs this long (wrk runs for a time, not a count). */
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 5);
const READ_MAX_SECONDS = 15;

const TARGET_INTAKE_PER_SECOND = 1_000;
const TARGET_RATIO = 0.3;
const TARGET_READ_P99_MS = 50;

const database = new BenchDatabase(ADMIN_URL, 'bench');
const dbName = database.name;
const dbUrl = database.url;
/** The server's field key, so the bench can write search documents for the matters it bulk-loads. */
const secret = crypto.randomBytes(32);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-bench-'));
let server: BenchServer | null = null;
let rawPool: pg.Pool | null = null;

async function cleanup() {
  await server?.stop();
  server = null;
  await rawPool?.end().catch(() => {});
  rawPool = null;
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** One line of the report, from either load generator. */
interface Row {
  name: string;
  count: number;
  errors: number;
  firstError: string | null;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  clientCpuUs?: number;
}

const fromRun = (r: Run): Row => ({
  name: r.name,
  count: r.count,
  errors: r.errors,
  firstError: r.firstError,
  perSecond: perSecond(r),
  p50: pct(r.latencies, 0.5),
  p90: pct(r.latencies, 0.9),
  p99: pct(r.latencies, 0.99),
});

const fromWrk = (name: string, r: WrkRun): Row => ({
  name,
  count: r.requests,
  errors: r.non2xx + r.socketErrors,
  firstError: r.non2xx + r.socketErrors ? `${r.non2xx} answers not 2xx, ${r.socketErrors} socket errors` : null,
  perSecond: r.requests / r.seconds,
  p50: r.p50,
  p90: r.p90,
  p99: r.p99,
  clientCpuUs: (r.clientCpuSeconds * 1e6) / r.requests,
});

async function main() {
  const t0 = performance.now();
  const version = await database.create();

  // 1. The real server as it runs in production: its own process, on a loopback port.
  let t = performance.now();
  server = BenchServer.spawn(
    await freePort(),
    {
      DATABASE_URL: dbUrl,
      DATA_DIR: dataDir,
      DEMO_CITY: 'true',
      SECRET_KEY: secret.toString('base64'),
      // The deadline sweep is a background job, not part of intake or reads; against bulk-loaded history it
      // would spend the run catching up on thousands of warnings and default ratings, so it is off here.
      SCHEDULER_SECONDS: '0',
    },
    INTAKE_CONCURRENCY,
  );
  await server.ready(60);
  const startMs = performance.now() - t;
  const srv = server;

  const gridToken = await srv.login('wanggeyuan');
  const { grid, lon, lat } = await gridWorkerPoint(srv, gridToken);
  console.log(`matters bench: PostgreSQL ${version}, database ${dbName}, ${os.cpus().length} cores, Node ${process.version}`);
  console.log(`server started with the demo city in ${fmt(startMs / 1000)} s; wanggeyuan reports in ${grid.name} (${grid.code}) at ${lon.toFixed(5)},${lat.toFixed(5)}`);

  // 2. Intake over HTTP.
  const runId = crypto.randomBytes(3).toString('hex');
  const intake = (i: number) => intakeRequest(srv, gridToken, intakeBody(i, lon, lat), `bench-${runId}-${i}`);
  const warm = await bounded('intake warm-up', INTAKE_WARMUP, INTAKE_CONCURRENCY, INTAKE_MAX_SECONDS, (i) => intake(INTAKE_N + i));
  if (warm.errors) throw new Error(`intake warm-up failed: ${warm.firstError}`);
  const commitsBefore = await commits(ADMIN_URL, dbName);
  const nodeIntake = await bounded('POST /api/matters, Node client', INTAKE_N, INTAKE_CONCURRENCY, INTAKE_MAX_SECONDS, intake);
  const commitsPerIntake = ((await commits(ADMIN_URL, dbName)) - commitsBefore) / nodeIntake.count;
  const wrk = process.env.BENCH_NO_WRK === '1' ? null : wrkVersion();
  let wrkIntake: Row | null = null;
  /** CPU per report during the wrk run, µs: the server process and the database's backends. */
  let intakeCpu: { server: number; database: number } | null = null;
  if (wrk) {
    const bodies = Array.from({ length: 120 }, (_, i) => JSON.stringify(intakeBody(i, lon, lat)));
    const intakePids = [srv.pid ?? 0, ...postgresBackends(dbName)];
    const before = [cpuSeconds(intakePids.slice(0, 1)), cpuSeconds(intakePids.slice(1))];
    const run = await runWrk({
      port: srv.port,
      method: 'POST',
      paths: ['/api/matters'],
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${gridToken}` },
      bodies,
      keyPrefix: `wrk-${runId}-`,
      connections: INTAKE_CONCURRENCY,
      seconds: WRK_SECONDS,
    });
    wrkIntake = fromWrk('POST /api/matters, wrk', run);
    intakeCpu = {
      server: ((cpuSeconds(intakePids.slice(0, 1)) - before[0]!) * 1e6) / run.requests,
      database: ((cpuSeconds(intakePids.slice(1)) - before[1]!) * 1e6) / run.requests,
    };
  }
  const intakeRun: Row = wrkIntake ?? fromRun(nodeIntake);


  // 3. Raw baseline: the same rows as single-row autocommit INSERTs into matters, same database.
  rawPool = new pg.Pool({ connectionString: dbUrl, max: POOL_SIZE });
  const { rows: proto } = await rawPool.query(
    `select channel, urgency, state, grid_code, area_code, area_path, owner_unit_id, reporter_user_id, reporter_name_enc, anonymous, accept_due_at
       from matters where channel = 'grid_report' order by created_at desc limit 1`,
  );
  const p = proto[0]!;
  const rawInsert = async (i: number) => {
    const b = intakeBody(i, lon, lat);
    const now = new Date();
    await rawPool!.query(
      `insert into matters (number, channel, title, description, urgency, state, address, lon, lat, grid_code, area_code, area_path,
         owner_unit_id, reporter_user_id, anonymous, reporter_name_enc, accept_due_at, stage_started_at, created_at, updated_at)
       values (to_char($14::timestamptz at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('matter_number_seq')::text, 6, '0'),
         $1, $2, $3, $4, 'pending_triage', $5, $6, $7, $8, $9, $10, $11, $12, false, $13, $15, $14, $14, $14)`,
      [b.channel, b.title, b.description, b.urgency, b.address, b.lon, b.lat, p.grid_code, p.area_code, p.area_path, p.owner_unit_id, p.reporter_user_id, p.reporter_name_enc, now, p.accept_due_at],
    );
  };
  await bounded('raw warm-up', INTAKE_WARMUP, INTAKE_CONCURRENCY, INTAKE_MAX_SECONDS, (i) => rawInsert(INTAKE_N + i));
  const rawRun = await bounded('raw single-row INSERT', INTAKE_N, INTAKE_CONCURRENCY, INTAKE_MAX_SECONDS, rawInsert);

  // 4. Bulk-load up to TOTAL_MATTERS, spread over every grid of the demo city.
  t = performance.now();
  const loaded = await bulkLoad(TOTAL_MATTERS, rawPool);
  const loadMs = performance.now() - t;
  console.log(`bulk-loaded ${int(loaded)} matters (+ a 'created' event each) and analysed in ${fmt(loadMs / 1000)} s`);
  // Stamped in the past, they are behind the search indexer's watermark: index them as a backfill would.
  t = performance.now();
  const kysely = await openDatabase({ kind: 'postgres', url: dbUrl });
  try {
    const indexed = await bulkIndex(kysely.db, new FieldCipher(secret));
    // The state autovacuum keeps a database in, reached now rather than during the reads.
    await rawPool.query('vacuum (analyze) matters, matter_events, matter_search');
    console.log(`search documents for ${int(indexed.count)} bulk-loaded matters, and vacuum, in ${fmt((performance.now() - t) / 1000)} s`);
  } finally {
    await kysely.close();
  }

  const dispatcherToken = await srv.login('diaodu');
  const adminToken = await srv.login('admin');
  const dispatcher = await srv.expectOk('GET', '/api/auth/me', dispatcherToken);
  const { rows: visible } = await rawPool.query<{ id: string }>(
    `select m.id from matters m join areas a on a.code = $1 where m.area_path = a.path or m.area_path like a.path || '.%' order by random() limit 2000`,
    [dispatcher.scopeArea.code],
  );
  const { rows: counts } = await rawPool.query<{ total: number; street: number }>(
    `select count(*)::int as total, count(*) filter (where area_path like (select path from areas where code = $1) || '.%')::int as street from matters`,
    [dispatcher.scopeArea.code],
  );
  console.log(`${int(counts[0]!.total)} matters in the database, ${int(counts[0]!.street)} of them in diaodu's street (${dispatcher.scopeArea.name})`);

  const get = (token: string, url: (i: number) => string) => async (i: number) => {
    const res = await srv.request('GET', url(i), token);
    if (res.status !== 200) throw new Error(`GET ${url(i)} → ${res.status} ${res.body.slice(0, 200)}`);
  };
  const q = encodeURIComponent('路灯');
  const detailPaths = visible.map((v) => `/api/matters/${v.id}`);
  const reads: [string, string, (i: number) => string, number][] = [
    ['list diaodu default', dispatcherToken, () => '/api/matters?page=1&pageSize=20', READ_RATE],
    ['list diaodu queue=triage', dispatcherToken, () => '/api/matters?page=1&pageSize=20&queue=triage', READ_RATE],
    ['list admin whole city', adminToken, () => '/api/matters?page=1&pageSize=20', READ_RATE],
    ['list diaodu q=路灯', dispatcherToken, () => `/api/matters?page=1&pageSize=20&q=${q}`, SEARCH_RATE],
    ['list admin q=路灯', adminToken, () => `/api/matters?page=1&pageSize=20&q=${q}`, SEARCH_RATE],
    ['detail diaodu random id', dispatcherToken, (i) => detailPaths[i % detailPaths.length]!, READ_RATE],
  ];
  const readRuns: Row[] = [];
  const pacedRuns: Row[] = [];
  const serialRuns: Row[] = [];
  /** CPU per request of one-at-a-time reads, µs: the server process and the database's backends. */
  const readCpu: { server: number; database: number }[] = [];
  for (const [name, token, url, rate] of reads) {
    const fn = get(token, url);
    await bounded(`${name} warm-up`, READ_WARMUP, READ_CONCURRENCY, READ_MAX_SECONDS, (i) => fn(i + READ_N));
    // As many at once as the cores can take: throughput, and the latency of a queue 20 deep.
    if (wrk) {
      const paths = url === reads[5]![2] ? detailPaths : [url(0)];
      const run = await runWrk({ port: srv.port, method: 'GET', paths, headers: { Authorization: `Bearer ${token}` }, connections: READ_CONCURRENCY, seconds: WRK_SECONDS });
      readRuns.push(fromWrk(`${name} (${READ_CONCURRENCY} in flight)`, run));
    } else {
      readRuns.push(fromRun(await bounded(`${name} (${READ_CONCURRENCY} in flight)`, READ_N, READ_CONCURRENCY, READ_MAX_SECONDS, fn)));
    }
    // Requests arriving at a steady rate, as from a city's staff at their desks: the target.
    pacedRuns.push(fromRun(await paced(`${name} (${rate}/s)`, rate, pacedSeconds(rate), 500, (i) => fn(i + 3 * READ_N))));
    // One at a time: the service time, and what each request costs the server and the database.
    const pids = [srv.pid ?? 0, ...postgresBackends(dbName)];
    const before = [cpuSeconds(pids.slice(0, 1)), cpuSeconds(pids.slice(1))];
    const serial = fromRun(await bounded(`${name} (1 in flight)`, SERIAL_N, 1, SERIAL_MAX_SECONDS, (i) => fn(i + 2 * READ_N)));
    serialRuns.push(serial);
    readCpu.push({ server: ((cpuSeconds(pids.slice(0, 1)) - before[0]!) * 1e6) / serial.count, database: ((cpuSeconds(pids.slice(1)) - before[1]!) * 1e6) / serial.count });
  }

  // 5. Report.
  const ratio = intakeRun.perSecond / perSecond(rawRun);
  const nodeRatio = perSecond(nodeIntake) / perSecond(rawRun);
  console.log('');
  console.log(
    wrk
      ? `load generator: ${wrk} (C, one thread) for intake and the reads at ${READ_CONCURRENCY} in flight, ${WRK_SECONDS} s each; Node's http client for the rest`
      : `load generator: Node's http client in this process (install wrk for a client that leaves the cores to the server: apt-get install wrk)`,
  );
  console.log(`intake: POST /api/matters (grid_report, Idempotency-Key each), ${INTAKE_CONCURRENCY} in flight over keep-alive HTTP, after ${INTAKE_WARMUP} warm-up requests`);
  console.log(`raw baseline: ${INTAKE_N.toLocaleString('en')} rows like intake's (same column values, number from matter_number_seq) as single-row INSERT INTO matters,`);
  console.log(`  each its own autocommit statement, ${INTAKE_CONCURRENCY} in flight through a pg.Pool of ${POOL_SIZE} (the server's pool size), same database, same run;`);
  console.log(`  it writes only the matters row — intake also writes the event, idempotency key, audit row and notifications`);
  console.log(`intake commits ${commitsPerIntake.toFixed(2)} transactions per report (PostgreSQL statistics): reports that arrive together share one (decision 0003)`);
  if (intakeCpu) console.log(`  CPU per report during the wrk run: server ${int(intakeCpu.server)} µs, PostgreSQL ${int(intakeCpu.database)} µs`);
  console.log(`reads, each after ${READ_WARMUP} warm-up requests: ${READ_CONCURRENCY} in flight (throughput; the latency of a queue that deep on 2 cores),`);
  console.log(`  then ${READ_RATE} requests/s (text searches ${SEARCH_RATE}/s) arriving at random (Poisson) for ${pacedSeconds(READ_RATE)} s (${pacedSeconds(SEARCH_RATE)} s), timed from when each was due`);
  console.log(`  (the target, decision 0004),`);
  console.log(`  then ${SERIAL_N} one at a time (cap ${SERIAL_MAX_SECONDS} s): the service time, and its CPU in the server and in PostgreSQL`);
  console.log('');
  console.log(`  ${'scenario'.padEnd(44)}${'count'.padStart(7)}${'errors'.padStart(8)}${'per s'.padStart(9)}${'p50 ms'.padStart(9)}${'p90 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
  const line = (r: Row, extra = '') =>
    console.log(
      `  ${r.name.padEnd(44)}${String(r.count).padStart(7)}${String(r.errors).padStart(8)}${int(r.perSecond).padStart(9)}` +
        `${fmt(r.p50).padStart(9)}${fmt(r.p90).padStart(9)}${fmt(r.p99).padStart(9)}${extra}`,
    );
  for (const r of [...(wrkIntake ? [wrkIntake] : []), fromRun(nodeIntake), fromRun(rawRun)]) line(r);
  for (let i = 0; i < reads.length; i++) {
    line(readRuns[i]!);
    line(pacedRuns[i]!);
    line(serialRuns[i]!, `   CPU/request: server ${int(readCpu[i]!.server)} µs, PostgreSQL ${int(readCpu[i]!.database)} µs`);
  }
  if (wrkIntake) console.log(`  wrk used ${fmt(wrkIntake.clientCpuUs ?? NaN, 0)} µs of CPU per intake request; Node's http client ~300 µs`);
  console.log('');
  const verdicts: [boolean, string][] = [
    [intakeRun.errors === 0 && nodeIntake.errors === 0, `intake errors ${intakeRun.errors} of ${intakeRun.count}, ${nodeIntake.errors} of ${nodeIntake.count} with the Node client${intakeRun.firstError ?? nodeIntake.firstError ? `, first: ${intakeRun.firstError ?? nodeIntake.firstError}` : ''}`],
    [intakeRun.perSecond >= TARGET_INTAKE_PER_SECOND, `intake ${int(intakeRun.perSecond)} matters/s vs target ≥ ${int(TARGET_INTAKE_PER_SECOND)}/s`],
    [ratio >= TARGET_RATIO, `intake / raw INSERT = ${int(intakeRun.perSecond)} / ${int(perSecond(rawRun))} = ${ratio.toFixed(2)} vs target ≥ ${TARGET_RATIO}`],
    ...pacedRuns.map((r): [boolean, string] => [
      r.errors === 0 && r.p99 < TARGET_READ_P99_MS,
      `${r.name}: p99 ${fmt(r.p99)} ms vs target < ${TARGET_READ_P99_MS} ms, ${r.errors} errors${r.firstError ? ` (first: ${r.firstError})` : ''}`,
    ]),
  ];
  for (const [ok, text] of verdicts) console.log(`${ok ? 'PASS' : 'FAIL'}: ${text}`);
  if (wrk) console.log(`info: with Node's http client as the load generator intake is ${int(perSecond(nodeIntake))}/s, ratio ${nodeRatio.toFixed(2)}`);
  for (const r of [...readRuns, ...serialRuns]) {
    console.log(`info: ${r.name}: p99 ${fmt(r.p99)} ms (${r.p99 < TARGET_READ_P99_MS ? 'within' : 'over'} ${TARGET_READ_P99_MS} ms)`);
  }
  if (verdicts.some(([ok]) => !ok)) process.exitCode = 1;
  console.log(`total ${fmt((performance.now() - t0) / 1000)} s`);
}

await runBench(main, cleanup);
