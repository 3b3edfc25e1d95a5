// Data for bench/public-feed.ts: a year of matters in the demo city, loaded set-based in SQL
// (INSERT … SELECT generate_series), with the share of public ones and the timelines the public
// pages read.
import type pg from 'pg';
import { FieldCipher } from '../server/src/platform/crypto.js';
import { ISSUES } from './matters-data.js';

/** Channel mix of a city with an online public platform: half the matters come from citizens online. */
const CITIZEN_ONLINE_SHARE = 0.5;
/** Of those, the share their reporters make public: 0.5 × 0.8 = 40 % of all matters are public. */
const PUBLIC_SHARE_OF_CITIZEN = 0.8;

const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['秀英', '建国', '丽华', '志强', '桂兰', '海燕', '伟', '敏', '静', '磊'];

const REPLIES = [
  '经现场核实，已安排维修人员更换损坏设施，目前已恢复正常。感谢您的监督。',
  '已联系物业公司于三日内完成清理，社区将持续跟进，如有问题请拨打社区电话0473-3912345。',
  '已责令商户整改，城管执法中队将每晚巡查，情况已明显好转。',
  '经协调，供热公司已对管线进行排查，室温已恢复至18摄氏度以上。',
  '经调解，双方已达成协议，楼上住户承担维修费用，纠纷已化解。',
  '已督促施工单位足额发放工资，涉及的十二名工人已全部领到工资。',
];

/** The names reporters give, encrypted with the server's key, as the intake stores them. */
export function encryptedNames(cipher: FieldCipher): string[] {
  return SURNAMES.flatMap((s) => GIVEN.map((g) => cipher.encrypt(s + g)));
}

/**
 * Loads `total` matters spread over every grid of the demo city, dated over the year before
 * yesterday, in a realistic mix of channels and states; 40 % are public. Every matter gets its
 * 'created' event, and every public one its public steps (dispatch, accept, reply, verify_pass,
 * rate as far as its state goes) plus an internal comment, in step order.
 *
 * Numbers are per day (YYYYMMDD + 6 digits) without matter_number_seq, so intake during the bench
 * (numbered today from the sequence) never meets a loaded number.
 */
export async function loadFeedMatters(client: pg.ClientBase, total: number, names: string[]): Promise<void> {
  const titles = ISSUES.map(([title]) => title);
  // Some citizens write their number into the text: the public pages must redact it.
  const descriptions = ISSUES.map(([, d], i) => (i % 3 === 0 ? `${d}联系电话13947${String(100000 + i * 7919).slice(-6)}。` : d));
  await client.query('begin');
  // A bulk load of consistent rows: skip the per-row foreign-key triggers (superuser only).
  await client.query(`set local session_replication_role = replica`);
  await client.query(`set local work_mem = '256MB'`);
  await client.query(`select setseed(0.2026)`);
  await client.query(`
    create temp table feed_grids on commit drop as
    select row_number() over (order by g.code)::int - 1 as idx, g.code, g.path, g.name,
      (select o.id from org_units o join areas a on a.code = o.area_code
        where o.kind = 'center' and (a.path = g.path or g.path like a.path || '.%') order by a.depth desc limit 1) as centre
    from areas g where g.level = 'grid'`);
  await client.query(`create temp table feed_depts on commit drop as select row_number() over (order by id)::int - 1 as idx, id, name from org_units where kind = 'department'`);
  await client.query(`create temp table feed_cats on commit drop as select row_number() over (order by code)::int - 1 as idx, code from categories where parent_code is not null and active`);
  await client.query(`create temp table feed_users on commit drop as select row_number() over (order by id)::int - 1 as idx, id, display_name from users`);
  await client.query(
    `create temp table feed_src on commit drop as
     with src as (
       select i, random() as r, random() as rp, random() as rc,
         now() - interval '2 days' - random() * interval '363 days' as created,
         floor(random() * (select count(*) from feed_grids))::int as gi,
         floor(random() * (select count(*) from feed_depts))::int as di,
         floor(random() * (select count(*) from feed_cats))::int as ci,
         floor(random() * (select count(*) from feed_users))::int as ui
       from generate_series(1, $1::int) i
     )
     select s.*,
       to_char(created at time zone 'Asia/Shanghai', 'YYYYMMDD')
         || lpad((row_number() over (partition by (created at time zone 'Asia/Shanghai')::date order by i))::text, 6, '0') as number,
       case when rc < $2 then 'citizen_online' when rc < $2 + (1 - $2) * 0.6 then 'grid_report' else 'hotline_12345' end as channel,
       case when r < 0.08 then 'pending_triage' when r < 0.15 then 'dispatched' when r < 0.30 then 'handling'
            when r < 0.35 then 'replied' when r < 0.45 then 'closed' when r < 0.95 then 'rated'
            when r < 0.98 then 'voided' else 'withdrawn' end as state
     from src s`,
    [total, CITIZEN_ONLINE_SHARE],
  );
  await client.query(
    `create temp table feed_rows on commit drop as
     select s.i, s.r, s.created, s.number, s.channel, s.state, gen_random_uuid() as id,
       g.code as grid_code, g.path as grid_path, g.name as grid_name, g.centre, d.id as dept, d.name as dept_name,
       c.code as cat, u.id as user_id, u.display_name as user_name,
       s.channel = 'citizen_online' and s.rp < $1 as public,
       s.channel = 'citizen_online' and s.i % 10 = 9 as anonymous,
       case when s.state = 'rated' then (array['satisfied','satisfied','satisfied','basically_satisfied','unsatisfied'])[1 + s.i % 5] end as rating
     from feed_src s
     join feed_grids g on g.idx = s.gi
     join feed_depts d on d.idx = s.di
     join feed_cats c on c.idx = s.ci
     join feed_users u on u.idx = s.ui`,
    [PUBLIC_SHARE_OF_CITIZEN],
  );
  await client.query(
    `insert into matters (id, number, channel, title, description, category_code, urgency, state, address, lon, lat, grid_code, area_code, area_path,
       owner_unit_id, assigned_unit_id, reporter_user_id, anonymous, reporter_name_enc, accept_due_at, due_at, stage_started_at, warning, rating,
       created_at, updated_at, closed_at, rated_at, public, public_anonymous)
     select id, number, channel,
       ($1::text[])[1 + i % cardinality($1::text[])], ($2::text[])[1 + i % cardinality($2::text[])],
       case when state = 'pending_triage' then null else cat end,
       case when i % 20 = 0 then 'urgent' when i % 97 = 0 then 'critical' else 'normal' end,
       state, grid_name || (1 + i % 30) || '号楼' || (1 + i % 4) || '单元', null, null, grid_code, grid_code, grid_path,
       centre, case when state in ('pending_triage','voided','withdrawn') then null else dept end,
       case when channel = 'grid_report' then user_id end, anonymous,
       case when not anonymous then ($3::text[])[1 + i % cardinality($3::text[])] end,
       case when state = 'pending_triage' then created + interval '2 hours' end,
       case when state in ('pending_triage','voided','withdrawn') then null else created + interval '5 days' end,
       created,
       case when state in ('dispatched','handling') and r < 0.20 then 'red' when state in ('dispatched','handling') and r < 0.25 then 'yellow' else 'none' end,
       rating, created,
       case when state in ('pending_triage','dispatched') then created else created + interval '2 days' end,
       case when state in ('closed','rated') then created + interval '4 days' end,
       case when state = 'rated' then created + interval '6 days' end,
       public, public and i % 10 < 3
     from feed_rows`,
    [titles, descriptions, names],
  );
  // Timelines, in step order per matter (the public page orders them by event id).
  await client.query(
    `insert into matter_events (matter_id, at, actor_id, actor_name, unit_id, action, from_state, to_state, note, data)
     select matter_id, at, actor_id, actor_name, unit_id, action, from_state, to_state, note, data
     from (
       select id as matter_id, 0 as step, created as at, case when channel = 'grid_report' then user_id end as actor_id,
         case when channel = 'grid_report' then user_name end as actor_name, null::uuid as unit_id, 'created' as action,
         null as from_state, 'pending_triage' as to_state, null as note, jsonb_build_object('channel', channel) as data
       from feed_rows
       union all
       select id, 1, created + interval '2 hours', user_id, user_name, centre, 'dispatch', 'pending_triage', 'dispatched', null,
         jsonb_build_object('unitId', dept, 'unitName', dept_name, 'categoryCode', cat, 'urgency', 'normal')
       from feed_rows where public and state in ('dispatched','handling','replied','closed','rated')
       union all
       select id, 2, created + interval '3 hours', user_id, user_name, centre, 'comment', null, null, '内部备注：已电话联系报事人，约定明日上门查看。', '{}'
       from feed_rows where public and state in ('dispatched','handling','replied','closed','rated')
       union all
       select id, 3, created + interval '5 hours', user_id, user_name, dept, 'accept', 'dispatched', 'handling', null, '{}'
       from feed_rows where public and state in ('handling','replied','closed','rated')
       union all
       select id, 4, created + interval '2 days', user_id, user_name, dept, 'reply', 'handling', 'replied', ($1::text[])[1 + i % cardinality($1::text[])], '{}'
       from feed_rows where public and state in ('replied','closed','rated')
       union all
       select id, 5, created + interval '4 days', user_id, user_name, centre, 'verify_pass', 'replied', 'closed', '现场核查属实，已整改。', '{}'
       from feed_rows where public and state in ('closed','rated')
       union all
       select id, 6, created + interval '6 days', null, null, null, 'rate', 'closed', 'rated', null, jsonb_build_object('rating', rating)
       from feed_rows where public and state = 'rated'
     ) e
     order by matter_id, step`,
    [REPLIES],
  );
  await client.query('commit');
}
