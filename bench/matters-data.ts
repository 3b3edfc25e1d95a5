// Data for bench/matters.ts: realistic 网格员 report texts and the bulk load to 100,000 matters.
import type pg from 'pg';

// Realistic report text (网格员上报)

export const ISSUES: [string, string][] = [
  ['楼道堆放杂物堵塞消防通道', '单元一楼至三楼楼道内堆放纸箱、旧家具和电动车电瓶，堵塞消防通道，存在火灾隐患，已劝导未果。'],
  ['小区路灯损坏夜间无照明', '小区主干道两盏路灯连续多日不亮，居民夜间出行不便，老人反映曾险些摔倒。'],
  ['雨水井盖缺失存在安全隐患', '路口雨水井盖缺失，仅用树枝遮挡，行人和车辆经过时有坠落危险，需尽快补装。'],
  ['餐饮店油烟噪音扰民', '临街烧烤店每晚营业至凌晨两点，油烟直排、噪音较大，楼上住户多次投诉。'],
  ['占道经营影响通行', '早市摊贩在人行道及机动车道上摆摊，早高峰时段车辆通行困难，学生上学绕行。'],
  ['生活垃圾清运不及时', '垃圾收集点已连续三天未清运，垃圾外溢、气味难闻，夏季易滋生蚊蝇。'],
  ['屋顶违规搭建彩钢房', '顶楼住户在屋顶新搭建彩钢板房约二十平方米，邻居担心漏水及结构安全。'],
  ['邻里漏水纠纷', '楼上卫生间漏水导致楼下天花板发霉，双方多次协商未果，情绪较为激动，需调解。'],
  ['楼栋外墙瓷砖脱落', '外墙瓷砖有大面积空鼓，昨日有瓷砖坠落至人行道，所幸无人受伤，已临时拉警戒线。'],
  ['拖欠农民工工资', '某装修项目班组十余名工人反映被拖欠工资约八万元，包工头联系不上，工人聚集在项目部。'],
  ['小区供暖温度不达标', '多户居民反映室内温度不足十六摄氏度，家中有老人和婴儿，请协调热力公司检修。'],
  ['流浪犬伤人隐患', '小区周边有多只流浪犬聚集，夜间追咬路人，居民出行担心被咬伤。'],
];

export function intakeBody(i: number, lon: number, lat: number) {
  const [title, description] = ISSUES[i % ISSUES.length]!;
  return {
    channel: 'grid_report',
    title,
    description,
    urgency: i % 20 === 0 ? 'urgent' : 'normal',
    address: `乌海市海南区拉僧仲街道新桥社区${1 + (i % 24)}号楼${1 + (i % 4)}单元`,
    lon,
    lat,
  };
}


/**
 * Tops matters up to `total` with one INSERT … SELECT generate_series, spread uniformly over
 * the demo city's grids, dated over the past year, in a realistic mix of states; each gets its
 * 'created' timeline event in the same statement. Then ANALYZE.
 */
export async function bulkLoad(total: number, pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from matters`);
    const n = Math.max(0, total - rows[0]!.n);
    await client.query(`select setseed(0.2026)`);
    await client.query(`
      create temp table bench_grids as
      select row_number() over (order by g.code)::int - 1 as idx, g.code, g.path, g.name,
        (select o.id from org_units o join areas a on a.code = o.area_code
          where o.kind = 'center' and (a.path = g.path or g.path like a.path || '.%') order by a.depth desc limit 1) as centre
      from areas g where g.level = 'grid'`);
    await client.query(`create temp table bench_depts as select row_number() over (order by id)::int - 1 as idx, id from org_units where kind = 'department'`);
    await client.query(`create temp table bench_cats as select row_number() over (order by code)::int - 1 as idx, code from categories where parent_code is not null and active`);
    await client.query(`create temp table bench_reporters as select row_number() over (order by id)::int - 1 as idx, id, display_name from users`);
    const titles = ISSUES.map(([title]) => title);
    const descriptions = ISSUES.map(([, d]) => d);
    await client.query(
      `with src as (
         select i, random() as r, now() - random() * interval '365 days' as created,
           floor(random() * (select count(*) from bench_grids))::int as gi,
           floor(random() * (select count(*) from bench_depts))::int as di,
           floor(random() * (select count(*) from bench_cats))::int as ci,
           floor(random() * (select count(*) from bench_reporters))::int as ui,
           floor(random() * 4)::int as channel_i
         from generate_series(1, $1::int) i
       ), rows as (
         select s.*, g.code as grid_code, g.path as grid_path, g.name as grid_name, g.centre, d.id as dept, c.code as cat, u.id as reporter, u.display_name as reporter_name,
           case when s.r < 0.08 then 'pending_triage' when s.r < 0.15 then 'dispatched' when s.r < 0.30 then 'handling'
                when s.r < 0.35 then 'replied' when s.r < 0.45 then 'closed' when s.r < 0.95 then 'rated'
                when s.r < 0.98 then 'voided' else 'withdrawn' end as state
         from src s
         join bench_grids g on g.idx = s.gi
         left join bench_depts d on d.idx = s.di
         left join bench_cats c on c.idx = s.ci
         left join bench_reporters u on u.idx = s.ui
       ), ins as (
         insert into matters (number, channel, title, description, category_code, urgency, state, address, lon, lat, grid_code, area_code, area_path,
           owner_unit_id, assigned_unit_id, reporter_user_id, anonymous, accept_due_at, due_at, stage_started_at, warning, rating, created_at, updated_at, closed_at, rated_at)
         select to_char(created at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('matter_number_seq')::text, 6, '0'),
           (array['grid_report','citizen_online','hotline_12345','grid_report'])[channel_i + 1],
           ($2::text[])[1 + i % cardinality($2::text[])], ($3::text[])[1 + i % cardinality($3::text[])],
           case when state = 'pending_triage' then null else cat end,
           case when i % 20 = 0 then 'urgent' when i % 97 = 0 then 'critical' else 'normal' end,
           state, grid_name || (1 + i % 30) || '号楼' || (1 + i % 4) || '单元', null, null, grid_code, grid_code, grid_path,
           centre, case when state in ('pending_triage','voided','withdrawn') then null else dept end,
           case when channel_i in (0, 3) then reporter end, false,
           case when state = 'pending_triage' then created + interval '2 hours' end,
           case when state in ('pending_triage','voided','withdrawn') then null else created + interval '5 days' end,
           created,
           case when state in ('dispatched','handling') and r < 0.20 then 'red' when state in ('dispatched','handling') and r < 0.25 then 'yellow' else 'none' end,
           case when state = 'rated' then (array['satisfied','satisfied','basically_satisfied','unsatisfied'])[1 + i % 4] end,
           created,
           case when state in ('pending_triage','dispatched') then created else created + interval '2 days' end,
           case when state in ('closed','rated') then created + interval '4 days' end,
           case when state = 'rated' then created + interval '6 days' end
         from rows
         returning id, created_at, reporter_user_id, channel
       )
       insert into matter_events (matter_id, at, actor_id, actor_name, action, from_state, to_state, data)
       select ins.id, ins.created_at, ins.reporter_user_id, u.display_name, 'created', null, 'pending_triage', jsonb_build_object('channel', ins.channel)
       from ins left join users u on u.id = ins.reporter_user_id`,
      [n, titles, descriptions],
    );
    await client.query(`analyze`);
    return n;
  } finally {
    client.release();
  }
}

