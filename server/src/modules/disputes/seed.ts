import type { Transaction } from 'kysely';
import type { DisputeCreate, DisputeLevel } from '@fengqiao/shared';
import type { FieldCipher } from '../../platform/crypto.js';
import type { DB } from '../../platform/db/schema.js';
import { localDay, overridesFrom } from '../matters/calendar/working-time.js';
import { levelEntry } from './escalation.js';
import { partyRow } from './parties.js';
import { appendEvents } from './repository.js';
import { seedDemoScreenings } from './seed-screening.js';

// Demo dispute cases for 乌海市 海南区: invented people with valid-looking numbers (check digits
// right), the demo mediator 刘磊 (tiaojie, 刘磊工作室) at work in 公乌素镇, 陈姐工作室 on two cases
// found by 新桥社区's screening this month. Runs inside the
// demo-city loader's transaction (never the root db: see ARCHITECTURE Pitfalls).

const DAY = 86_400_000;

interface DemoCase {
  street: string;
  community?: string;
  /** Found by this month's screening of the community's grid of this number (seed-screening.ts). */
  screenedGrid?: number;
  level: DisputeLevel;
  state: 'registered' | 'mediating' | 'settled' | 'failed';
  studio?: string;
  mediator?: string;
  case: Omit<DisputeCreate, 'areaCode' | 'level'>;
  session?: { place: string; onSite: boolean; minutes: string };
  terms?: { text: string; dueInDays: number; performed?: boolean }[];
}

const person = (role: 'applicant' | 'respondent', name: string, idNumber: string, phone?: string) => ({ role, kind: 'person' as const, name, idNumber, ...(phone ? { phone } : {}) });
const org = (role: 'applicant' | 'respondent', name: string, idNumber: string) => ({ role, kind: 'organisation' as const, name, idNumber });

const CASES: DemoCase[] = [
  {
    street: '公乌素镇', level: 'street', state: 'mediating', studio: '刘磊工作室', mediator: 'tiaojie',
    case: {
      source: 'mobile_desk', type: 'labour_wages', title: '煤矿运输队12名司机追讨欠薪', riskLevel: 'serious', volatile: false, mediationType: 'people',
      facts: '12名运输司机反映某运输公司拖欠2026年7月至10月工资共计86400元，多次讨要未果，在流动办公桌登记求助。', address: '公乌素镇流动办公桌（镇政府广场）',
      parties: [person('applicant', '王建国', '150303197205143014', '13847356210'), org('respondent', '乌海市顺通煤炭运输有限公司', '91150303MA0R7K2Q5G')],
      amountYuan: 86400, peopleInvolved: 12,
    },
    session: { place: '刘磊工作室', onSite: false, minutes: '双方核对工资台账，公司承认欠薪数额，提出分两期支付；司机代表要求年底前付清。约定三日后再次调解。' },
  },
  {
    street: '公乌素镇', level: 'street', state: 'settled', studio: '刘磊工作室', mediator: 'tiaojie',
    case: {
      source: 'walk_in', type: 'neighbourhood', title: '邻里排水沟堵塞致院墙受损', riskLevel: 'general', volatile: false, mediationType: 'people',
      facts: '申请人院墙因邻居修建排水沟时堵塞原有水道，雨后积水浸泡受损，双方多次争吵。', address: '公乌素镇公乌素村三组',
      parties: [person('applicant', '李秀英', '15030319880923152X'), person('respondent', '赵德明', '150303196503082032')],
      amountYuan: 3500,
    },
    session: { place: '公乌素村委会', onSite: true, minutes: '现场查看水道走向，双方同意由被申请人疏通水道并承担院墙修补费用。' },
    terms: [
      { text: '被申请人于七日内疏通原有排水道，恢复自然排水', dueInDays: 7, performed: true },
      { text: '被申请人一次性赔偿申请人院墙修补费用人民币3500元', dueInDays: 15 },
    ],
  },
  {
    street: '拉僧仲街道', community: '新桥社区', level: 'community', state: 'registered',
    case: {
      source: 'screening', type: 'property_management', title: '业主拒交物业费与电梯停运纠纷', riskLevel: 'general', volatile: false, mediationType: 'people',
      facts: '5号楼电梯停运两个月，部分业主以此为由拒交物业费，物业公司拟起诉。网格员滚动排查时发现。', address: '新桥社区5号楼',
      parties: [person('applicant', '孙志刚', '150303197911024012', '13604736628'), org('respondent', '乌海市鑫海物业服务有限公司', '91150303MA13XWD58D')],
      amountYuan: 18600, peopleInvolved: 31,
    },
  },
  {
    street: '拉僧仲街道', level: 'street', state: 'registered',
    case: {
      source: 'petition_referral', type: 'land_acquisition', title: '棚户区改造补偿标准争议', riskLevel: 'major', volatile: true, mediationType: 'administrative',
      facts: '棚户区改造项目中9户居民认为补偿标准偏低，曾聚集到街道反映，信访部门转来。', address: '拉僧仲街道棚户区改造片区',
      parties: [person('applicant', '周桂芳', '150303199006172225'), org('respondent', '乌海市鑫海物业服务有限公司', '91150303MA13XWD58D')],
      peopleInvolved: 9,
    },
  },
  {
    street: '巴音陶亥镇', level: 'street', state: 'failed', studio: '老书记工作室',
    case: {
      source: 'police_referral', type: 'land_forest', title: '承包地边界争议', riskLevel: 'serious', volatile: false, mediationType: 'people',
      facts: '两户村民对承包地界址各执一词，发生推搡，派出所出警后转来调解。', address: '巴音陶亥镇农业园区',
      parties: [person('applicant', '马俊', '150303198302251310'), person('respondent', '王建国', '150303197205143014')],
    },
    session: { place: '老书记工作室', onSite: false, minutes: '双方对1998年承包合同附图理解不一致，均不同意重新丈量方案，调解不成，告知可向人民法院起诉。' },
  },
  {
    street: '拉僧仲街道', community: '新桥社区', screenedGrid: 2, level: 'community', state: 'mediating', studio: '陈姐工作室',
    case: {
      source: 'screening', type: 'neighbourhood', title: '楼上漏水致楼下天花板受损', riskLevel: 'general', volatile: false, mediationType: 'people',
      facts: '楼上住户卫生间防水层老化，长期渗漏至楼下，楼下住户要求赔偿装修损失，双方多次争吵。网格员入户走访时发现。', address: '新桥社区第2网格8号楼',
      parties: [person('applicant', '李秀英', '15030319880923152X'), person('respondent', '孙志刚', '150303197911024012')],
      amountYuan: 2600,
    },
    session: { place: '陈姐工作室', onSite: false, minutes: '双方同意先请物业查明渗漏点，楼上住户负责维修防水层，赔偿数额下次调解再议。' },
  },
  {
    street: '拉僧仲街道', community: '新桥社区', screenedGrid: 3, level: 'community', state: 'settled', studio: '陈姐工作室',
    case: {
      source: 'screening', type: 'marriage_family', title: '赡养老人费用分担纠纷', riskLevel: 'general', volatile: false, mediationType: 'people',
      facts: '三兄妹对母亲的赡养费和住院费用分担意见不一，老人向网格员反映。', address: '新桥社区第3网格12号楼',
      parties: [person('applicant', '周桂芳', '150303199006172225'), person('respondent', '马俊', '150303198302251310')],
      amountYuan: 12000, peopleInvolved: 4,
    },
    session: { place: '新桥社区居委会', onSite: true, minutes: '三方同意按月分担赡养费，住院自付部分平均分担。' },
    terms: [{ text: '三兄妹每人每月向母亲支付赡养费800元', dueInDays: 20, performed: true }],
  },
];

export async function seedDemoDisputes(trx: Transaction<DB>, cipher: FieldCipher): Promise<number> {
  const now = new Date();
  const calendar = overridesFrom(await trx.selectFrom('calendar_days').select(['day', 'kind']).execute());
  const area = (name: string, level: string) => trx.selectFrom('areas').select(['code', 'path', 'name']).where('name', '=', name).where('level', '=', level).executeTakeFirst();
  const screened = await seedDemoScreenings(trx, now);
  let n = 0;
  for (const [i, d] of CASES.entries()) {
    const street = await area(d.street, 'street');
    const screening = d.screenedGrid ? screened.get(d.screenedGrid) : undefined;
    const where = screening ? { code: screening.code, path: screening.path } : d.community ? await area(d.community, 'community') : street;
    if (!street || !where) continue;
    const studio = d.studio ? await trx.selectFrom('org_units').select('id').where('name', '=', d.studio).executeTakeFirst() : undefined;
    const mediator = d.mediator ? await trx.selectFrom('users').select(['id', 'display_name']).where('username', '=', d.mediator).executeTakeFirst() : undefined;
    const created = new Date(now.getTime() - (10 - i) * DAY);
    const entry = await levelEntry(trx, where.path, d.level, created, calendar);
    const ended = d.state === 'settled' || d.state === 'failed';
    const row = await trx
      .insertInto('dispute_cases')
      .values({
        number: `JF${localDay(created).replaceAll('-', '')}${String(90_001 + i)}`,
        title: d.case.title, facts: d.case.facts, source: d.case.source, type: d.case.type, matter_id: null, screening_id: screening?.id ?? null,
        area_code: where.code, area_path: where.path, address: d.case.address,
        amount_fen: d.case.amountYuan === undefined ? null : Math.round(d.case.amountYuan * 100),
        people_involved: d.case.peopleInvolved ?? d.case.parties.length,
        risk_level: d.case.riskLevel, volatile: d.case.volatile, mediation_type: d.case.mediationType,
        ...entry.set,
        studio_id: studio?.id ?? null, state: d.state,
        failed_path: d.state === 'failed' ? 'litigation' : null,
        agreed_facts: d.state === 'settled' ? d.case.facts : null,
        created_by: mediator?.id ?? null, created_at: created, updated_at: now, ended_at: ended ? now : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('dispute_parties').values(d.case.parties.map((p, k) => partyRow(cipher, row.id, k + 1, p))).execute();
    if (mediator) await trx.insertInto('dispute_mediators').values({ case_id: row.id, user_id: mediator.id, assigned_at: created }).execute();
    const sessionAt = new Date(created.getTime() + 2 * DAY);
    if (d.session) {
      await trx
        .insertInto('dispute_sessions')
        .values({ case_id: row.id, level: d.level, at: sessionAt, place: d.session.place, on_site: d.session.onSite, participants: JSON.stringify(d.case.parties.map((p) => p.name)), minutes: d.session.minutes, held_at: sessionAt, recorded_by: mediator?.id ?? null, recorded_by_name: mediator?.display_name ?? null, created_at: sessionAt, updated_at: sessionAt })
        .execute();
    }
    for (const [k, t] of (d.terms ?? []).entries()) {
      await trx.insertInto('dispute_terms').values({ case_id: row.id, seq: k + 1, text: t.text, due_at: new Date(now.getTime() + t.dueInDays * DAY), performed_at: t.performed ? now : null }).execute();
    }
    const base = { case_id: row.id, actor_id: mediator?.id ?? null, actor_name: mediator?.display_name ?? null, level: d.level, note: null, data: null };
    await appendEvents(trx, [
      { ...base, at: created, action: 'created', from_state: null, to_state: 'registered' },
      ...(d.case.riskLevel === 'major' || d.case.volatile ? [{ ...base, at: created, action: 'alerted', from_state: null, to_state: null }] : []),
      ...(d.state !== 'registered' ? [{ ...base, at: created, action: 'assign', from_state: 'registered', to_state: 'mediating' }] : []),
      ...(d.session ? [{ ...base, at: sessionAt, action: 'record_session', from_state: 'mediating', to_state: 'mediating' }] : []),
      ...(ended ? [{ ...base, at: now, action: d.state === 'settled' ? 'settle' : 'fail', from_state: 'mediating', to_state: d.state }] : []),
    ]);
    n++;
  }
  return n;
}
