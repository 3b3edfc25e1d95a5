import { describe, expect, it } from 'vitest';
import { detectHotIssues, type HotMessage } from './engine.js';
import { heatIndex } from './heat.js';

const NOW = new Date('2026-11-30T12:00:00+08:00');
const DAY = 86_400_000;
let serial = 0;
const msg = (title: string, text: string, opts: Partial<HotMessage> & { daysAgo?: number } = {}): HotMessage => ({
  id: `m${String(++serial).padStart(4, '0')}`,
  title,
  text,
  time: new Date(NOW.getTime() - (opts.daysAgo ?? 1) * DAY),
  reporter: `u${serial}`,
  ...opts,
});

/** Unrelated background messages, so that word weights are those of a real mix. */
const TOPICS = [
  ['学士路路灯不亮', '学士路晚上路灯全部不亮，行人出行不便。'],
  ['星沙大道公交车站台破损', '公交站台的顶棚破了，下雨没法等车。'],
  ['幼儿园收费太高', '幼儿园每月收费三千元，远超普惠标准。'],
  ['菜市场周边占道经营', '早市摊贩占用人行道，车辆无法通行。'],
  ['医院挂号难', '医院专家号总是挂不上，黄牛倒卖。'],
  ['垃圾清运不及时', '垃圾站三天没人清运，臭气熏天。'],
  ['小区电梯经常故障', '电梯一个月坏了五次，老人被困。'],
  ['地铁站出口设置不合理', '地铁出口离公交站太远，换乘不便。'],
  ['农村自来水不通', '村里自来水管道一直没接通，只能吃井水。'],
  ['学区划分不合理', '孩子被划到五公里外的学校上学。'],
  ['违章建筑无人拆除', '楼顶搭建彩钢房，举报多次无人处理。'],
  ['房屋漏水维修难', '顶楼漏水，维修基金申请不下来。'],
  ['停车位收费过高', '小区车位月租八百元，远高于周边。'],
  ['养老金发放延迟', '退休工资晚发了两个月。'],
  ['公园设施损坏', '健身器材生锈损坏，存在安全隐患。'],
  ['出租车拒载', '晚上打车司机挑客拒载。'],
  ['网吧接纳未成年人', '网吧让初中生通宵上网。'],
  ['供暖温度不达标', '室内温度只有十四度，家里有老人孩子。'],
  ['快递乱收费', '快递柜超时收费，取件不方便。'],
  ['共享单车乱停放', '共享单车堆满人行道，行人无法通过。'],
  ['井盖缺失', '路口雨水井盖丢失，有坠落危险。'],
  ['房产证办不下来', '交房五年了房产证还没办下来。'],
];
const background = () => TOPICS.map(([title, text]) => msg(title!, text!, { daysAgo: 5 }));
const run = (messages: HotMessage[], windowDays = 30) => detectHotIssues(messages, { now: NOW, windowDays });
const groupOf = (issues: ReturnType<typeof run>, id: string) => issues.find((h) => h.memberIds.includes(id));

describe('hot issue engine', () => {
  it('groups the same problem in other words at one place', () => {
    const noise = [
      msg('A5区魅力之城小区临街烧烤店油烟扰民', '魅力之城小区一楼临街烧烤店每天营业到凌晨，油烟直排，噪音很大。'),
      msg('投诉魅力之城小区楼下烧烤油烟太大', '夜宵摊烧烤的油烟熏得楼上住户不敢开窗，吵到半夜。'),
      msg('A市A5区魅力之城底商烧烤油烟噪音扰民', '楼下烧烤摊油烟和噪音扰民，希望城管管一管。'),
    ];
    const issues = run([...background(), ...noise]);
    const group = groupOf(issues, noise[0]!.id)!;
    expect(group.memberIds.sort()).toEqual(noise.map((m) => m.id).sort());
    expect(group.label).toMatch(/^A市A5区魅力之城小区 · /);
    expect(group.label).toMatch(/烧烤|油烟/);
    expect(group.place).toBe('A市A5区魅力之城小区');
  });

  it('keeps the same words at different places apart', () => {
    const a = [msg('丽发新城小区附近搅拌站噪音扰民', '丽发新城小区旁边的搅拌站日夜施工，噪音粉尘严重。'), msg('丽发新城附近搅拌站噪音扰民', '搅拌站噪音粉尘，丽发新城居民无法休息。')];
    const b = [msg('青青家园小区附近搅拌站噪音扰民', '青青家园小区旁边的搅拌站日夜施工，噪音粉尘严重。'), msg('青青家园附近搅拌站噪音扰民', '搅拌站噪音粉尘，青青家园居民无法休息。')];
    const issues = run([...background(), ...a, ...b]);
    expect(groupOf(issues, a[0]!.id)!.memberIds.sort()).toEqual(a.map((m) => m.id).sort());
    expect(groupOf(issues, b[0]!.id)!.memberIds.sort()).toEqual(b.map((m) => m.id).sort());
    // Areas the system knows work the same way: one grid groups, two communities do not.
    const grid = { path: '1.2.3.4.5', name: '新桥社区第1网格' };
    const other = { path: '1.2.3.9.1', name: '海达社区第1网格' };
    const filed = [
      msg('楼道堆放杂物', '楼道堆满纸箱和旧家具，堵塞消防通道。', { area: grid }),
      msg('消防通道被杂物堵塞', '单元楼道里堆放杂物，消防通道不通。', { area: grid }),
      msg('楼道堆放杂物', '楼道堆满纸箱和旧家具，堵塞消防通道。', { area: other }),
    ];
    const byArea = run([...background(), ...filed]);
    expect(groupOf(byArea, filed[0]!.id)!.memberIds).toEqual([filed[0]!.id, filed[1]!.id]);
    expect(groupOf(byArea, filed[2]!.id)).toBeUndefined();
    expect(groupOf(byArea, filed[0]!.id)!.areaPath).toBe('1.2.3.4.5');
    // Points more than a kilometre apart are different places, whatever the words.
    const far = [msg('消防栓漏水', '路边消防栓一直漏水，结冰路滑。', { lon: 106.8, lat: 39.6 }), msg('消防栓漏水', '路边消防栓一直漏水，结冰路滑。', { lon: 106.9, lat: 39.6 })];
    const near = far.map((m, i) => ({ ...m, id: `near${i}`, lon: 106.8 + i * 0.001 }));
    expect(run([...background(), ...near]).some((h) => h.memberIds.includes('near0'))).toBe(true);
    expect(run([...background(), ...far]).some((h) => h.memberIds.includes(far[0]!.id))).toBe(false);
  });

  it('keeps two problems at one place apart though they end in the same boilerplate', () => {
    const tail = '多次反映无果，希望有关部门尽快处理，居民意见很大。';
    const noise = [
      msg('幸福里小区广场舞噪音扰民', `每晚广场舞音响声音太大，${tail}`),
      msg('幸福里小区广场舞音响太吵', `广场舞音响噪音吵得无法休息，${tail}`),
      msg('幸福里小区夜间广场舞噪音', `广场舞音响开到十点以后，${tail}`),
    ];
    const parking = [
      msg('幸福里小区消防通道停满私家车', `消防通道被私家车占用，${tail}`),
      msg('幸福里小区私家车乱停堵塞消防通道', `私家车停在消防通道上，${tail}`),
      msg('幸福里小区消防通道被车辆占用', `车辆长期占用消防通道，${tail}`),
    ];
    // As on a real desk, the boilerplate is in many other matters too (so its words weigh little).
    const templated = TOPICS.map(([title, text]) => msg(title!, `${text}${tail}`, { daysAgo: 6 }));
    const issues = run([...background(), ...templated, ...noise, ...parking]);
    expect(groupOf(issues, noise[0]!.id)!.memberIds.sort()).toEqual(noise.map((m) => m.id).sort());
    expect(groupOf(issues, parking[0]!.id)!.memberIds.sort()).toEqual(parking.map((m) => m.id).sort());
  });

  it('does not let one message about two problems chain their groups together', () => {
    const noise = [
      msg('幸福里小区广场舞噪音扰民', '每晚广场舞音响声音太大。', { daysAgo: 3 }),
      msg('幸福里小区广场舞音响太吵', '广场舞音响噪音吵得无法休息。', { daysAgo: 3 }),
      msg('幸福里小区夜间广场舞噪音', '广场舞音响开到十点以后。', { daysAgo: 3 }),
    ];
    const parking = [
      msg('幸福里小区消防通道停满私家车', '消防通道被私家车占用。', { daysAgo: 2 }),
      msg('幸福里小区私家车乱停堵塞消防通道', '私家车停在消防通道上。', { daysAgo: 2 }),
      msg('幸福里小区消防通道被车辆占用', '车辆长期占用消防通道。', { daysAgo: 2 }),
    ];
    const both = msg('幸福里小区广场舞噪音和私家车堵消防通道', '广场舞音响噪音大，消防通道也被私家车占用。', { daysAgo: 1 });
    const issues = run([...background(), ...noise, ...parking, both]);
    expect(groupOf(issues, noise[0]!.id)).not.toBe(groupOf(issues, parking[0]!.id));
    expect(groupOf(issues, noise[0]!.id)!.count + groupOf(issues, parking[0]!.id)!.count).toBe(7);
  });

  it('links only messages close enough in time', () => {
    const old = msg('A2区丽发新城小区搅拌站噪音', '搅拌站噪音扰民。', { daysAgo: 80 });
    const recent = msg('A2区丽发新城小区搅拌站噪音', '搅拌站噪音扰民。', { daysAgo: 1 });
    expect(detectHotIssues([...background(), old, recent], { now: NOW, windowDays: 90, linkDays: 30 })).toEqual([]);
    expect(detectHotIssues([...background(), old, recent], { now: NOW, windowDays: 90 })).toHaveLength(1);
    // Outside the window a message is not read at all.
    expect(run([...background(), old, recent])).toEqual([]);
  });

  it('ranks by the heat index: more people, more support, newer', () => {
    const many = ['张', '李', '王', '赵'].map((who, i) => msg('A3区青山新村消防通道装油烟管道', `${who}: 消防通道被装了油烟管道，火灾隐患。`, { reporter: who, daysAgo: i + 1 }));
    const one = [1, 2, 3, 4].map((d) => msg('A3区郝家坪小学何时改扩建', '郝家坪小学学位紧张，何时改扩建？', { reporter: 'same', daysAgo: d }));
    const issues = run([...background(), ...many, ...one]);
    expect(issues[0]!.memberIds).toContain(many[0]!.id);
    expect(issues[0]!.reporters).toBe(4);
    expect(issues[1]!.reporters).toBe(1);
    expect(issues[0]!.heat).toBeGreaterThan(issues[1]!.heat);
    expect(issues[0]!.recent + issues[0]!.earlier).toBe(4);
    expect(issues[0]!.daily.reduce((s, n) => s + n, 0)).toBe(4);
    expect(issues[0]!.daily).toHaveLength(30);

    const base = { count: 5, reporters: 5, support: 0, recent: 5, spanDays: 3 };
    expect(heatIndex({ ...base, reporters: 1 })).toBeLessThan(heatIndex(base));
    expect(heatIndex({ ...base, support: 100 })).toBeGreaterThan(heatIndex(base));
    expect(heatIndex({ ...base, recent: 0 })).toBeLessThan(heatIndex(base));
    expect(heatIndex({ ...base, spanDays: 30 })).toBeGreaterThan(heatIndex(base));
    expect(heatIndex({ ...base, count: 0 })).toBe(0);
  });

  it('names the employer of unpaid-wage complaints, wherever they come from', () => {
    const wages = [
      msg('A市宏达建筑劳务有限公司拖欠农民工工资', '我们在A3区工地干了半年，宏达建筑劳务有限公司拖欠工资八万元。', { daysAgo: 3 }),
      msg('宏达建筑劳务公司欠薪', 'A7县项目部的工人被宏达建筑劳务公司拖欠工资，老板不接电话。', { daysAgo: 2 }),
      msg('讨薪: 宏达建筑劳务有限公司', '年底了工资还没发，宏达建筑劳务有限公司一直拖着。', { daysAgo: 1 }),
    ];
    const group = groupOf(run([...background(), ...wages]), wages[0]!.id)!;
    expect(group.count).toBe(3);
    expect(group.employer).toBe('宏达建筑劳务');
    expect(group.wageCount).toBe(3);
    expect(group.label).toMatch(/^宏达建筑劳务 · /);
  });

  it('answers empty text, emoji, mixed scripts and 10,000 characters', () => {
    const odd = [
      msg('', ''),
      msg('😀😀😀', '🚧🔥'),
      msg('WiFi 信號很差 in 陽光Sunshine花園', 'The WiFi is down again, 无线网络断了'),
      msg('WiFi信号很差 阳光Sunshine花园', '无线网络又断了, wifi down'),
      msg('A5区魅力之城小区噪音扰民', '噪音扰民'.repeat(2_500)),
      msg('A5区魅力之城小区噪音扰民严重', `楼下噪音${'噪音扰民'.repeat(2_500)}`),
    ];
    const issues = run([...background(), ...odd]);
    expect(groupOf(issues, odd[0]!.id)).toBeUndefined();
    expect(groupOf(issues, odd[2]!.id)!.memberIds).toEqual([odd[2]!.id, odd[3]!.id]);
    expect(groupOf(issues, odd[4]!.id)!.memberIds).toEqual([odd[4]!.id, odd[5]!.id]);
    expect(run([])).toEqual([]);
  });
});
