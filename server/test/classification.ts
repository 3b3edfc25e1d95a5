import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';

// Test data for the category classifier: labelled texts a small model can learn from, written
// into the platform as closed matters (the training data) without walking each one through the
// lifecycle, and as an import CSV.

export interface LabelledMatter {
  title: string;
  description: string;
  categoryCode: string;
}

const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;

/** `n` varied texts of each kind; the same i always gives the same text. */
const KINDS: Record<string, (i: number) => { title: string; description: string }> = {
  'labor.wage_arrears': (i) => ({
    title: pick(['拖欠工资', '讨薪', '欠薪不还', '工资一直不发'], i),
    description: `${pick(['某建筑公司', '工地老板', '包工头', '物流公司', '饭店老板'], i)}拖欠我们${(i % 9) + 2}个月工资，${pick(['农民工讨薪无门', '请人社局帮忙追讨欠薪', '年底了还不发工资', '老板跑路了工资没人管'], i)}`,
  }),
  'labor.contract': (i) => ({
    title: pick(['不签劳动合同', '违法解除劳动合同', '试用期被辞退'], i),
    description: `${pick(['公司', '工厂', '超市'], i)}${pick(['入职半年不签劳动合同', '突然解除劳动合同不给经济补偿', '试用期延长到一年'], i)}，${pick(['要求补签合同', '请劳动监察处理', '要求支付双倍工资'], i + 1)}`,
  }),
  'transport.bus': (i) => ({
    title: pick(['公交车晚点', '公交司机态度差', '末班公交提前收车', '公交线路调整'], i),
    description: `${(i % 30) + 1}路公交车${pick(['经常晚点半小时', '司机开车太猛还骂乘客', '末班车提前二十分钟收车', '线路调整后站点太远'], i)}，${pick(['请公交公司整改', '乘客等车很辛苦', '希望恢复原来的站点'], i)}`,
  }),
  'education_culture.admission': (i) => ({
    title: pick(['孩子入学难', '学区划片不合理', '幼儿园入园难', '小学学位不足'], i),
    description: `${pick(['孩子今年六岁', '我家户口在本社区', '孩子该上幼儿园了', '随迁子女'], i)}，${pick(['报名入学被拒', '学区划片把我们划到很远的学校', '公办幼儿园没有学位', '小学说学位已满'], i)}，${pick(['请教育局解决入学问题', '希望就近入学', '请增加学位'], i)}`,
  }),
};

/** `perKind` texts of each given category. */
export function labelledTexts(perKind: Record<string, number>): LabelledMatter[] {
  return Object.entries(perKind).flatMap(([code, n]) => {
    const make = KINDS[code] ?? KINDS[Object.keys(KINDS).find((k) => k.startsWith(`${code}.`))!]!;
    return Array.from({ length: n }, (_, i) => ({ ...make(i), categoryCode: code }));
  });
}

/**
 * Closed (or rated, or still open) matters of the given texts in `area`, owned by `ownerUnitId`,
 * closed a minute apart from `closedAt` on.
 */
export async function makeClosedMatters(
  db: Kysely<DB>,
  place: { areaCode: string; areaPath: string; ownerUnitId: string },
  items: readonly LabelledMatter[],
  opts: { state?: 'closed' | 'rated' | 'handling'; closedAt?: Date } = {},
): Promise<void> {
  const closedAt = opts.closedAt ?? new Date('2026-11-01T10:00:00+08:00');
  const state = opts.state ?? 'closed';
  await db
    .insertInto('matters')
    .values(
      items.map((m, i) => {
        const at = new Date(closedAt.getTime() + i * 60_000);
        return {
          number: `CL${crypto.randomBytes(6).toString('hex')}`,
          channel: 'grid_report',
          title: m.title,
          description: m.description,
          category_code: m.categoryCode,
          urgency: 'normal',
          state,
          address: '测试地址',
          anonymous: false,
          area_code: place.areaCode,
          area_path: place.areaPath,
          owner_unit_id: place.ownerUnitId,
          stage_started_at: at,
          created_at: new Date(at.getTime() - 86_400_000),
          updated_at: at,
          closed_at: state === 'handling' ? null : at,
          rated_at: state === 'rated' ? at : null,
        };
      }),
    )
    .execute();
}
