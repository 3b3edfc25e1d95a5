// 热点 at 100,000 matters: the demo city with 100,000 matters over the past 90 days (varied texts,
// spread over its grids), then computeHotIssues (the read of the newest MATTER_CAP matters in the
// window, and the grouping) for the whole city and for one street, 7/30/90 days: the read, the
// grouping cold (nothing segmented yet) and with the words known (feature cache filled), the whole
// answer again for the same matters (grouping reused), and one early-warning sweep.
// Run: npm run bench:hot-issues   (embedded PGlite in memory; BENCH_PG_URL=postgres://… runs on a
// fresh PostgreSQL database instead, dropped at the end)
import crypto from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { ManualClock } from '../server/src/platform/clock.js';
import { FieldCipher } from '../server/src/platform/crypto.js';
import { openDatabase, type Database } from '../server/src/platform/db/database.js';
import { migrateToLatest } from '../server/src/platform/db/migrate.js';
import { loadDemoCityIfEmpty } from '../server/src/seed/load-demo-city.js';
import { ensureMatterReferenceData } from '../server/src/modules/matters/seed-reference.js';
import { sweepHotIssues } from '../server/src/modules/hot-issues/alerts.js';
import { detectHotIssues } from '../server/src/modules/hot-issues/engine.js';
import { FeatureCache } from '../server/src/modules/hot-issues/features.js';
import { mattersInWindow } from '../server/src/modules/hot-issues/repository.js';
import { computeHotIssues, MATTER_CAP, toMessage } from '../server/src/modules/hot-issues/service.js';
import { ISSUES } from './matters-data.js';

const TOTAL = Number(process.env.BENCH_MATTERS ?? 100_000);
const DAYS = 90;
/** Words that make each report read a little differently from its neighbours. */
const DETAILS = ['已多次反映', '居民意见很大', '夜间尤其严重', '老人孩子受影响', '物业不管', '社区已协调', '希望尽快处理', '持续一周', '昨天又发生', '周末更严重', '拍了照片', '邻居也反映过'];
const PLACES = ['阳光花园小区', '新桥小区', '滨河苑', '幸福里小区', '海勃湾路', '黄河大街', '第一中学', '人民医院', '建设路', '团结小区', '星河湾', '锦绣家园'];

async function database(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const admin = process.env.BENCH_PG_URL;
  if (!admin) {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    return { db, drop: () => db.close() };
  }
  const name = `fq_bench_hot_${crypto.randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    db,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; text: string }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, text: `${Math.round(performance.now() - t)} ms (${Math.round((used.user + used.system) / 1000)})` };
}

async function main() {
  const { db: database_, drop } = await database();
  try {
    const db = database_.db;
    await migrateToLatest(db);
    await ensureMatterReferenceData(db);
    await loadDemoCityIfEmpty(db, new FieldCipher(crypto.randomBytes(32)), { seed: 20261130, scale: 1, posts: false });
    const now = new Date('2026-11-30T09:00:00+08:00');
    let t = performance.now();
    // One statement: each matter a random grid (and its street's centre as owner), an issue with a
    // place and two details, a random reporter, dated uniformly over the past DAYS days.
    await sql`
      with grids as (
        select row_number() over (order by g.code)::int - 1 as idx, g.code, g.path,
          (select o.id from org_units o join areas a on a.code = o.area_code
            where o.kind = 'center' and (g.path = a.path or g.path like a.path || '.%') order by a.depth desc limit 1) as centre
        from areas g where g.level = 'grid'),
      people as (select row_number() over (order by id)::int - 1 as idx, id from users),
      src as (
        select i, floor(random() * (select count(*) from grids))::int as gi, floor(random() * (select count(*) from people))::int as ui,
          floor(random() * ${ISSUES.length})::int + 1 as k, floor(random() * ${PLACES.length})::int + 1 as p,
          floor(random() * ${DETAILS.length})::int + 1 as d1, floor(random() * ${DETAILS.length})::int + 1 as d2,
          ${now}::timestamptz - random() * interval '${sql.raw(String(DAYS))} days' as created
        from generate_series(1, ${TOTAL}::int) i)
      insert into matters (number, channel, title, description, urgency, state, address, area_code, area_path, grid_code, owner_unit_id,
        reporter_user_id, anonymous, stage_started_at, created_at, updated_at)
      select 'B' || lpad(i::text, 9, '0'), 'grid_report',
        (${sql.val(PLACES)}::text[])[p] || (${sql.val(ISSUES.map((x) => x[0]))}::text[])[k],
        (${sql.val(ISSUES.map((x) => x[1]))}::text[])[k] || (${sql.val(DETAILS)}::text[])[d1] || '，' || (${sql.val(DETAILS)}::text[])[d2] || '。',
        'normal', 'pending_triage', (${sql.val(PLACES)}::text[])[p] || (i % 30 + 1) || '号楼', g.code, g.path, g.code, g.centre,
        u.id, false, created, created, created
      from src join grids g on g.idx = src.gi join people u on u.idx = src.ui`.execute(db);
    await sql`analyze matters`.execute(db);
    console.log(`${database_.kind}: loaded ${TOTAL} matters over ${DAYS} days in ${ms(t)}`);

    const street = await db.selectFrom('users as u').innerJoin('areas as a', 'a.code', 'u.scope_area_code').select('a.path').where('u.username', '=', 'diaodu').executeTakeFirstOrThrow();
    console.log(`cap ${MATTER_CAP} matters read per answer; wall time (the machine may be shared), CPU time of this process in brackets`);
    console.log('| scope | days | matters in window (read) | groups | SQL read | grouping, cold | grouping, words known | answer again (same matters) |\n|---|---|---|---|---|---|---|---|');
    for (const [scope, path] of [['city', null], ['street (拉僧仲街道)', street.path]] as const) {
      for (const days of [7, 30, 90]) {
        const from = new Date(now.getTime() - days * 86_400_000);
        const inWindow = await db
          .selectFrom('matters')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('created_at', '>=', from)
          .where((eb) => (path ? eb.or([eb('area_path', '=', path), eb('area_path', 'like', `${path}.%`)]) : eb.val(true)))
          .executeTakeFirstOrThrow();
        const read = await timed(() => mattersInWindow(db, { from, to: now, scopePath: path, limit: MATTER_CAP }));
        const messages = read.value.map(toMessage);
        const cache = new FeatureCache();
        const cold = await timed(async () => detectHotIssues(messages, { now, windowDays: days, cache }));
        const warm = await timed(async () => detectHotIssues(messages, { now, windowDays: days, cache }));
        await computeHotIssues(db, now, { days, scopePath: path });
        const again = await timed(() => computeHotIssues(db, now, { days, scopePath: path }));
        console.log(`| ${scope} | ${days} | ${Number(inWindow.n)} (${read.value.length}) | ${cold.value.length} | ${read.text} | ${cold.text} | ${warm.text} | ${again.text} |`);
      }
    }
    t = performance.now();
    const sweep = await sweepHotIssues(db, new ManualClock(now));
    console.log(`early-warning sweep (7 days, city): ${sweep.groups} groups, ${sweep.alerts} alerts in ${ms(t)}`);
    t = performance.now();
    const again = await sweepHotIssues(db, new ManualClock(now));
    console.log(`the same sweep again: ${again.alerts} alerts in ${ms(t)}`);
  } finally {
    await drop();
  }
}

await main();
