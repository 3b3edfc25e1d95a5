import type { Kysely } from 'kysely';
import type { MatterActionBody, Rating, Role } from '@fengqiao/shared';
import type { Clock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/policy/actor.js';
import { permissionsOf } from '../../platform/policy/policy.js';
import { follow } from '../public/follows.js';
import { actOnMatter } from './actions.js';
import { reportMatter } from './intake.js';
import { suggestTriage } from './triage.js';

// Demo posts for the public feed (诉求广场): 群众 qunzhong reports online in 新桥社区's grids
// (拉僧仲街道, 海南区), and the demo staff take each post as far as its `stage` says, through the
// real use cases (受理, 三定/派遣 to the unit the routing suggests, 签收, 反馈, 核查, 评价, 追问,
// 关注), so every row, event, notification and audit entry is the one the app writes. Invented
// texts, no personal data. Runs once, right after the transaction that loaded the demo city: the
// use cases open their own transactions, which cannot nest in the loader's.

const HOUR = 3_600_000;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type Stage = 'reported' | 'dispatched' | 'handling' | 'replied' | 'closed' | 'rated';
const ORDER: Stage[] = ['reported', 'dispatched', 'handling', 'replied', 'closed', 'rated'];

interface DemoPost {
  grid: number; // 新桥社区第N网格
  title: string;
  description: string;
  categoryCode: string;
  address: string;
  urgency?: 'normal' | 'urgent';
  visibility: 'named' | 'anonymous' | 'private';
  stage: Stage;
  hoursAgo: number; // when it was reported
  reply?: string;
  rating?: Rating;
  ratingComment?: string;
  verifiedBy?: 'wanggeyuan' | 'diaodu';
  followUp?: string;
  followers?: string[];
}

const POSTS: DemoPost[] = [
  { grid: 1, title: '3号楼楼道灯坏了', description: '3号楼2单元三楼到五楼的楼道灯坏了一个多星期，晚上上下楼一片漆黑，老人孩子容易摔倒，希望尽快维修。', categoryCode: 'urban_construction.property_service', address: '新桥社区3号楼2单元', visibility: 'named', stage: 'rated', hoursAgo: 170, reply: '已协调物业更换三至五楼声控灯6盏，经现场测试照明正常。', rating: 'satisfied', ratingComment: '修得很快，谢谢！', verifiedBy: 'wanggeyuan', followers: ['wanggezhang'] },
  { grid: 2, title: '小区门口井盖缺失', description: '小区东门人行道上一处井盖缺失，只用几根树枝挡着，晚上很危险，已经有人差点踩空。', categoryCode: 'public_facility.manhole', address: '新桥社区东门人行道', urgency: 'urgent', visibility: 'anonymous', stage: 'rated', hoursAgo: 150, reply: '已补装井盖并设置警示标志，排查周边井盖均完好。', rating: 'basically_satisfied', ratingComment: '井盖补上了，希望以后多巡查。', verifiedBy: 'diaodu' },
  { grid: 1, title: '楼下商铺夜间噪音扰民', description: '小区临街一层的商铺每天晚上十一点以后还在搬货装卸，噪音很大，影响休息，多次沟通没有改善。', categoryCode: 'environment.noise', address: '新桥社区临街商铺（1号楼底商）', visibility: 'named', stage: 'reported', hoursAgo: 8, followers: ['loudongzhang'] },
  { grid: 3, title: '小区垃圾清运不及时', description: '12号楼旁垃圾点连续三天没有清运，垃圾堆到桶外，气味很大，还招来了老鼠。', categoryCode: 'city_appearance.garbage', address: '新桥社区12号楼旁垃圾收集点', visibility: 'anonymous', stage: 'dispatched', hoursAgo: 28 },
  { grid: 2, title: '菜市场路口占道经营', description: '早市时段菜市场路口两侧摊贩占道摆摊，车辆和行人都很难通过，早高峰经常堵塞。', categoryCode: 'street_order.street_vendor', address: '新桥社区菜市场路口', visibility: 'named', stage: 'reported', hoursAgo: 3 },
  { grid: 1, title: '家中暖气不热', description: '8号楼4单元家中暖气片上半部分温热、下半部分冰凉，室温只有14度左右，家里有老人，希望尽快处理。', categoryCode: 'public_facility.heating', address: '新桥社区8号楼4单元', urgency: 'urgent', visibility: 'named', stage: 'rated', hoursAgo: 120, reply: '供热站已上门排气，室温仍未达标，建议下一步更换阀门。', rating: 'unsatisfied', ratingComment: '排气后还是不热，问题没有解决。', verifiedBy: 'wanggeyuan', followUp: '重新处理时能否提前电话告知上门时间？白天家里只有老人在。' },
  { grid: 3, title: '5号楼外墙瓷砖脱落', description: '5号楼北侧外墙瓷砖有松动脱落，前几天掉下来一块砸在自行车棚上，楼下经常有人经过，存在安全隐患。', categoryCode: 'urban_construction.housing_quality', address: '新桥社区5号楼北侧', visibility: 'anonymous', stage: 'handling', hoursAgo: 50, followers: ['shequ', 'wanggeyuan'] },
  { grid: 1, title: '小区内车辆乱停乱放', description: '小区消防通道上长期停放私家车，消防车无法通行，晚上更严重。', categoryCode: 'street_order.illegal_parking', address: '新桥社区2号楼至4号楼之间消防通道', visibility: 'named', stage: 'reported', hoursAgo: 1 },
  { grid: 2, title: '物业服务不到位', description: '小区物业对楼道卫生、绿化维护长期不管，电话报修也没人回复，希望相关部门督促。', categoryCode: 'urban_construction.property_service', address: '新桥社区物业服务中心', visibility: 'anonymous', stage: 'closed', hoursAgo: 40, reply: '已约谈物业公司负责人，限期整改楼道卫生和绿化，并公布24小时报修电话。', verifiedBy: 'diaodu' },
  { grid: 4, title: '路边烧烤油烟大', description: '每天傍晚小区西门外有露天烧烤，油烟直接飘进楼里，窗户都不敢开。', categoryCode: 'street_order.outdoor_bbq', address: '新桥社区西门外', visibility: 'named', stage: 'dispatched', hoursAgo: 20 },
  { grid: 3, title: '家门口下水道堵塞', description: '10号楼1单元门前下水道堵塞，下雨后积水没过脚踝，进出单元门很不方便。', categoryCode: 'public_facility.drainage', address: '新桥社区10号楼1单元门前', visibility: 'private', stage: 'replied', hoursAgo: 60, reply: '已安排疏通车疏通管道，积水已排净。' },
  { grid: 1, title: '咨询老旧小区改造时间', description: '听说今年新桥社区要进行老旧小区改造，想了解一下我们楼是否在改造范围内，大概什么时候开工。', categoryCode: 'urban_construction.old_community', address: '新桥社区7号楼', visibility: 'private', stage: 'reported', hoursAgo: 6 },
];

/** A clock a seed step can set: each action happens at the time the demo story says. */
function storyClock(): Clock & { at(d: Date): void } {
  let t = new Date();
  return { now: () => new Date(t), at: (d) => void (t = d) };
}

export async function seedDemoPosts(db: Kysely<DB>, cipher: FieldCipher): Promise<number> {
  const community = await db
    .selectFrom('areas as c')
    .innerJoin('areas as s', 's.code', 'c.parent_code')
    .select(['c.code', 'c.name'])
    .where('c.name', '=', '新桥社区')
    .where('s.name', '=', '拉僧仲街道')
    .executeTakeFirst();
  if (!community) return 0;
  const grids = await db.selectFrom('areas').select(['code', 'name']).where('parent_code', '=', community.code).where('level', '=', 'grid').execute();
  const gridCode = (n: number) => grids.find((g) => g.name.endsWith(`第${n}网格`))?.code ?? grids[0]?.code;
  const users = await db
    .selectFrom('users as u')
    .innerJoin('areas as a', 'a.code', 'u.scope_area_code')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.unit_id', 'u.scope_area_code', 'a.path'])
    .execute();
  const actor = (username: string): Actor | null => {
    const u = users.find((x) => x.username === username);
    if (!u) return null;
    const roles = u.roles as Role[];
    return { id: u.id, username: u.username, displayName: u.display_name, roles, unitId: u.unit_id, scopeAreaCode: u.scope_area_code, scopePath: u.path, permissions: permissionsOf(roles) };
  };
  const clock = storyClock();
  const ctxOf = (username: string): Ctx | null => {
    const a = actor(username);
    return a ? { actor: a, requestId: 'demo-seed', clock, db, cipher } : null;
  };
  const citizen = ctxOf('qunzhong');
  const dispatcher = ctxOf('diaodu');
  if (!citizen || !dispatcher) return 0;
  const housing = actor('chengban')?.unitId ?? null; // 海南区住建局
  /** A handler (or else leader) of the unit the matter went to, when the demo city has one. */
  const handlerOf = (unitId: string): Ctx | null => {
    const u = users.find((x) => x.unit_id === unitId && x.roles.includes('dept_handler')) ?? users.find((x) => x.unit_id === unitId && x.roles.includes('dept_leader'));
    return u ? ctxOf(u.username) : null;
  };

  const start = Date.now();
  let n = 0;
  for (const [i, p] of POSTS.entries()) {
    const areaCode = gridCode(p.grid);
    if (!areaCode) break;
    const reportedAt = start - p.hoursAgo * HOUR;
    let step = 0;
    const at = (hours: number) => clock.at(new Date(Math.min(reportedAt + hours * HOUR, start - (POSTS.length - i) * 60_000 + step++ * 1000)));
    clock.at(new Date(reportedAt));
    const { matter } = await reportMatter(
      citizen,
      {
        channel: 'citizen_online', title: p.title, description: p.description, categoryCode: p.categoryCode, urgency: p.urgency ?? 'normal',
        address: p.address, areaCode, anonymous: false, attachmentIds: [],
        public: p.visibility !== 'private', publicAnonymous: p.visibility === 'anonymous',
      },
      `demo-post-${i + 1}`,
    );
    n++;
    const reached = (s: Stage) => ORDER.indexOf(p.stage) >= ORDER.indexOf(s);
    const act = (ctx: Ctx, body: DistributiveOmit<MatterActionBody, 'attachmentIds'>) => actOnMatter(ctx, matter.id, { attachmentIds: [], ...body } as MatterActionBody);

    for (const who of p.followers ?? []) {
      const c = ctxOf(who);
      if (c && p.visibility !== 'private') {
        at(0.5);
        await follow(c, matter.number);
      }
    }
    if (!reached('dispatched')) continue;
    at(1);
    const suggestion = await suggestTriage(dispatcher, matter.id, {});
    // No routing rule for the category (井盖, 供暖, 排水 in the demo city): the dispatcher picks 住建局.
    const unitId = suggestion.unit?.id ?? housing;
    if (!unitId) continue;
    await act(dispatcher, { action: 'dispatch', categoryCode: p.categoryCode, unitId, note: suggestion.unit ? `按路由建议派至${suggestion.unit.name}` : '市政设施问题，派海南区住建局办理' });
    const handler = handlerOf(unitId);
    if (!reached('handling') || !handler) continue;
    at(3);
    await act(handler, { action: 'accept' });
    if (reached('replied') && p.reply) {
      at(20);
      await act(handler, { action: 'reply', note: p.reply });
    }
    if (reached('closed')) {
      at(26);
      await act(p.verifiedBy === 'wanggeyuan' ? (ctxOf('wanggeyuan') ?? dispatcher) : dispatcher, { action: 'verify_pass', note: '现场核查属实，已处理完毕' });
    }
    if (reached('rated') && p.rating) {
      at(30);
      await act(citizen, { action: 'rate', rating: p.rating, ...(p.ratingComment ? { comment: p.ratingComment } : {}) });
    }
    if (p.followUp) {
      at(32);
      await act(citizen, { action: 'follow_up', note: p.followUp });
    }
  }
  return n;
}
