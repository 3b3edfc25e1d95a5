// Full-text search over matters (modules/search) against real PostgreSQL: recall on real citizen
// messages; tokenizer speed; then for each size in BENCH_SEARCH_SIZES (default 100000): bulk load,
// indexing (the first size by the indexer's own sweep, for its throughput; larger sizes in bulk:
// documents written with the GIN index dropped, then built), index size, and search latency of the
// index against LIKE for staff lists and the public feed; last, intake over HTTP for 10 s with the
// indexer off and on, alternately.
// Run: npm run bench:search   (BENCH_SEARCH_SIZES=100000,1000000 for a million as well)
// Needs PostgreSQL 15 at BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres);
// creates fq_search_bench_<random> and drops it at the end, also on error or Ctrl-C
// (BENCH_KEEP_DB=1 keeps it). Text: ../shared/data/taidi2020 (outside the repository).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type Expression, type SqlBool } from 'kysely';
import { listMatters } from '../server/src/modules/matters/list.js';
import { visibleMatters } from '../server/src/platform/policy/matters-sql.js';
import { matterQuery } from '../server/src/modules/matters/repository.js';
import { ensureMatterReferenceData } from '../server/src/modules/matters/seed-reference.js';
import { listPublicMatters, publicRows, publicVisible } from '../server/src/modules/public/service.js';
import { sweepSearchIndex } from '../server/src/modules/search/indexer.js';
import { matterDocument, parseSearch } from '../server/src/modules/search/tokens.js';
import { loadDemoCityIfEmpty } from '../server/src/seed/load-demo-city.js';
import { systemClock } from '../server/src/platform/clock.js';
import type { Ctx } from '../server/src/platform/context.js';
import { FieldCipher } from '../server/src/platform/crypto.js';
import { openDatabase, type Database } from '../server/src/platform/db/database.js';
import { migrateToLatest } from '../server/src/platform/db/migrate.js';
import { containsPattern } from '../server/src/platform/db/paging.js';
import type { Role } from '@fengqiao/shared';
import { permissionsOf } from '../server/src/platform/policy/policy.js';
import { BenchDatabase, BenchServer, bounded, fmt, freePort, gridWorkerPoint, int, intakeRequest, pct, perSecond, runBench } from './harness.js';
import { intakeBody } from './matters-data.js';
import { loadMatters, loadMessages } from './search-data.js';
import { bulkIndex } from './search-index.js';
import { evaluateRecall } from './search-recall.js';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '100000').split(',').map(Number);
const RUNS = 30;
const RUN_MAX_SECONDS = 8;
const INTAKE_SECONDS = 10;
const INTAKE_CONCURRENCY = 50;

const benchDb = new BenchDatabase(ADMIN_URL, 'search_bench');
const dbName = benchDb.name;
const dbUrl = benchDb.url;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-search-bench-'));
const secret = crypto.randomBytes(32);
const cipher = new FieldCipher(secret);
let database: Database | null = null;
let server: BenchServer | null = null;

async function cleanup() {
  await server?.stop();
  server = null;
  await database?.close().catch(() => {});
  database = null;
  await benchDb.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function ctxFor(db: Database['db'], username: string): Promise<Ctx> {
  const u = await db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.code', 'u.scope_area_code')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.unit_id', 'u.scope_area_code', 'a.path'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = u.roles as Role[];
  const actor = { id: u.id, username: u.username, displayName: u.display_name, roles, unitId: u.unit_id, scopeAreaCode: u.scope_area_code, scopePath: u.path, permissions: permissionsOf(roles) };
  return { actor, requestId: 'bench', clock: systemClock, db, cipher };
}

/** The list as it searched before the index: LIKE on title, number and address (or also description), first page and capped count. */
async function likeList(ctx: Ctx, q: string, withDescription: boolean): Promise<number> {
  const like = containsPattern(q);
  const where = (eb: any): Expression<SqlBool> => {
    const fields = [eb('m.title', 'like', like), eb('m.number', 'like', like), eb('m.address', 'like', like)];
    if (withDescription) fields.push(eb('m.description', 'like', like));
    return eb.and([visibleMatters(ctx.actor!)(eb), eb.or(fields)]);
  };
  const [, counted] = await Promise.all([
    matterQuery(ctx.db).where(where).orderBy(sql.ref('m.created_at'), (ob) => ob.desc().nullsLast()).orderBy('m.id', 'desc').limit(20).execute(),
    ctx.db.selectFrom(ctx.db.selectFrom('matters as m').where(where).select(sql`1`.as('one')).limit(1001).as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return Number(counted.n);
}

/** The public feed as it searched before: LIKE on the (moderated) title and description. */
async function likeFeed(ctx: Ctx, q: string): Promise<number> {
  const like = containsPattern(q);
  const where = (eb: any) => eb.or([eb(eb.fn.coalesce('m.public_title', 'm.title'), 'like', like), eb(eb.fn.coalesce('m.public_description', 'm.description'), 'like', like)]);
  const [, counted] = await Promise.all([
    publicRows(ctx).where(where).orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(20).execute(),
    ctx.db.selectFrom(ctx.db.selectFrom('matters as m').where(publicVisible).where(where).select(sql`1`.as('one')).limit(1001).as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return Number(counted.n);
}

const page = { page: 1, pageSize: 20, sort: 'createdAt', order: 'desc' } as const;

async function latency(label: string, fn: () => Promise<number>) {
  await fn();
  const run = await bounded(label, RUNS, 1, RUN_MAX_SECONDS, async () => void (await fn()));
  const hits = await fn();
  return { label, hits, p50: pct(run.latencies, 0.5), p99: pct(run.latencies, 0.99), runs: run.count };
}

async function sizes(db: Database['db']) {
  const { rows } = await sql<{ name: string; bytes: number }>`
    select c.relname as name, pg_total_relation_size(c.oid) as bytes from pg_class c
    where c.relname in ('matters', 'matter_search', 'matter_search_tokens_idx', 'matter_search_pkey')`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
}
const mb = (bytes: number | undefined) => `${fmt((bytes ?? 0) / 1024 / 1024, 0)} MB`;

async function intakeFor(seconds: number, indexer: boolean, waitMs: number) {
  server = BenchServer.spawn(
    await freePort(),
    { DATABASE_URL: dbUrl, DATA_DIR: dataDir, SECRET_KEY: secret.toString('base64'), DEMO_CITY: 'true', SCHEDULER_SECONDS: '0', SEARCH_INDEX_SECONDS: indexer ? '1' : '0' },
    INTAKE_CONCURRENCY,
  );
  const srv = server;
  await srv.ready(120);
  await new Promise((r) => setTimeout(r, waitMs)); // the indexer's first (full) sweep at start
  const token = await srv.login('wanggeyuan');
  const { lon, lat } = await gridWorkerPoint(srv, token);
  const runId = crypto.randomBytes(3).toString('hex');
  const run = await bounded(`intake, indexer ${indexer ? 'on (1 s)' : 'off'}`, 1_000_000, INTAKE_CONCURRENCY, seconds, (i) => intakeRequest(srv, token, intakeBody(i, lon, lat), `search-${runId}-${i}`));
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from matters m where m.created_at > now() - interval '1 minute'
    and not exists (select 1 from matter_search s where s.matter_id = m.id)`.execute(database!.db);
  await srv.stop();
  server = null;
  return { run, unindexed: rows[0]!.n };
}

async function main() {
  const t0 = performance.now();
  const version = await benchDb.create();
  database = await openDatabase({ kind: 'postgres', url: dbUrl });
  const db = database.db;
  await migrateToLatest(db);
  await ensureMatterReferenceData(db);
  await loadDemoCityIfEmpty(db, cipher, { seed: 20261130, scale: 1, posts: false });
  const { messages, source } = loadMessages();
  console.log(`search bench: PostgreSQL ${version}, database ${dbName}, ${os.cpus().length} cores, Node ${process.version}; text: ${source}`);

  // 1. Recall.
  console.log('\nrecall against "the normalised text holds every space-separated part of the query"');
  console.log(`  ${'kind'.padEnd(20)}${'queries'.padStart(8)}${'ref hits'.padStart(9)}${'LIKE'.padStart(7)}${'words'.padStart(7)}${'index'.padStart(7)}${'extra LIKE/words/index'.padStart(24)}${'crossing'.padStart(10)}`);
  for (const r of await evaluateRecall(db, messages)) {
    const p = (x: number) => `${fmt(x * 100, 0)}%`.padStart(7);
    console.log(`  ${r.kind.padEnd(20)}${String(r.queries).padStart(8)}${String(r.reference).padStart(9)}${p(r.recall.like)}${p(r.recall.words)}${p(r.recall.index)}${`${r.extra.like}/${r.extra.words}/${r.extra.index}`.padStart(24)}${`${fmt(r.crossing * 100, 1)}%`.padStart(10)}`);
  }

  // 2. Tokenizer alone (one core): what the indexer's CPU side costs.
  const texts = messages.map((m) => [m.title, m.text, '乌海市海南区拉僧仲街道新桥社区3号楼', '城市建设']);
  let t = performance.now();
  let lexemeChars = 0;
  for (const fields of texts) lexemeChars += matterDocument('20261130000123', fields).length;
  const tokenMs = performance.now() - t;
  const avgChars = texts.reduce((n, f) => n + f.join('').length, 0) / texts.length;
  console.log(`\ntokenizer: ${int(texts.length / (tokenMs / 1000))} matters/s on one core (average ${int(avgChars)} characters; tsvector literal ${int(lexemeChars / texts.length)} bytes)`);
  t = performance.now();
  for (let i = 0; i < 2000; i++) parseSearch(['小区 停车', '下水道堵塞', '乌海市海南区路灯不亮'][i % 3]!);
  console.log(`query parsing: ${fmt((performance.now() - t) / 2000 * 1000, 1)} µs per query`);

  const adminCtx = await ctxFor(db, 'admin');
  const streetCtx = await ctxFor(db, 'diaodu');
  let idleSweepS = 0;
  for (const [k, size] of SIZES.entries()) {
    // 3. Load and index: the first size through the indexer itself (its throughput), larger ones in bulk.
    t = performance.now();
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    const loaded = await loadMatters(client, size, messages).finally(() => client.end());
    console.log(`\n=== ${int(size)} matters (loaded ${int(loaded)} in ${fmt((performance.now() - t) / 1000)} s) ===`);
    if (k === 0) {
      t = performance.now();
      const cpu = process.cpuUsage();
      const swept = await sweepSearchIndex(db, cipher, systemClock, { full: true });
      const sweepS = (performance.now() - t) / 1000;
      const nodeS = process.cpuUsage(cpu).user / 1e6;
      console.log(`indexing: ${int(swept.indexed)} matters in ${fmt(sweepS)} s = ${int(swept.indexed / sweepS)} matters/s (the indexer's full sweep, one process; its own CPU ${fmt(nodeS)} s, the rest is PostgreSQL)`);
    } else {
      const bulk = await bulkIndex(db, cipher);
      console.log(`bulk indexing (drop the GIN index, insert the documents, build it again): ${int(bulk.count)} documents in ${fmt(bulk.documentsS)} s, GIN build ${fmt(bulk.buildS)} s`);
    }
    t = performance.now();
    await sql`analyze matter_search`.execute(db);
    console.log(`analyze matter_search: ${fmt((performance.now() - t) / 1000)} s (statistics target 1000)`);
    t = performance.now();
    const again = await sweepSearchIndex(db, cipher, systemClock, { full: true });
    idleSweepS = (performance.now() - t) / 1000;
    console.log(`a full sweep with nothing to do (each process's first): ${fmt(idleSweepS, 2)} s (${again.indexed} indexed)`);
    const s = await sizes(db);
    console.log(`sizes: matters ${mb(s.matters)} (with its indexes); matter_search ${mb(s.matter_search)} in all: GIN ${mb(s.matter_search_tokens_idx)}, pkey ${mb(s.matter_search_pkey)}`);

    // 4. Latency, one request at a time.
    const serial = (await db.selectFrom('matters').select('number').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow()).number.slice(-7);
    const queries: [string, string][] = [
      ['common word', '小区'], ['medium word', '噪音'], ['rare word', '渣土车'], ['sub-word', '下水'], ['two words', '小区 停车'],
      ['long phrase', '乌海市海南区路灯不亮'], ['number serial', serial], ['no match', '量子纠缠'],
    ];
    console.log(`\nlatency, ${RUNS} runs one at a time (cap ${RUN_MAX_SECONDS} s): first page of 20 + capped count; ms p50 / p99 (hits, capped at 1,001)`);
    console.log(`  ${'query'.padEnd(26)}${'who'.padEnd(8)}${'LIKE t/n/a'.padStart(20)}${'LIKE +descr.'.padStart(20)}${'index'.padStart(20)}`);
    const cell = (r: { p50: number; p99: number; hits: number }) => `${fmt(r.p50)}/${fmt(r.p99)} (${r.hits})`.padStart(20);
    for (const [kind, q] of queries) {
      for (const [who, ctx] of [['admin', adminCtx], ['diaodu', streetCtx]] as const) {
        const old = await latency('like', () => likeList(ctx, q, false));
        const oldDescr = await latency('like+d', () => likeList(ctx, q, true));
        const index = await latency('index', async () => (await listMatters(ctx, { ...page, q })).total + 0);
        console.log(`  ${`${kind} ${q}`.padEnd(26)}${who.padEnd(8)}${cell(old)}${cell(oldDescr)}${cell(index)}`);
      }
      const feedOld = await latency('feed like', () => likeFeed(adminCtx, q));
      const feedIndex = await latency('feed index', async () => (await listPublicMatters(adminCtx, { page: 1, pageSize: 20, sort: 'newest', q })).total);
      console.log(`  ${`${kind} ${q}`.padEnd(26)}${'public'.padEnd(8)}${cell(feedOld)}${''.padStart(20)}${cell(feedIndex)}`);
    }
  }

  // 5. Intake with the indexer off and on, alternately.
  console.log(`\nintake over HTTP, ${INTAKE_SECONDS} s each, ${INTAKE_CONCURRENCY} in flight; the indexer sweeps every 1 s when on`);
  for (const indexer of [false, true, false, true]) {
    const { run, unindexed } = await intakeFor(INTAKE_SECONDS, indexer, Math.max(5000, idleSweepS * 2000 + 2000));
    console.log(
      `  ${run.name.padEnd(28)}${int(perSecond(run)).padStart(7)} /s  p50 ${fmt(pct(run.latencies, 0.5))} ms  p99 ${fmt(pct(run.latencies, 0.99))} ms  errors ${run.errors}${run.firstError ? ` (${run.firstError})` : ''}` +
        `  not indexed at the end: ${int(unindexed)}`,
    );
  }
  console.log(`\ntotal ${fmt((performance.now() - t0) / 1000)} s`);
}

await runBench(main, cleanup);
