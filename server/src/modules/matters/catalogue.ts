import type { Category, OrgKind } from '@fengqiao/shared';

// The seed category catalogue (事项分类), two levels, after the classification 12345 hotlines and
// 综治中心 use. Admins edit it afterwards; code keeps only the codes it routes or times specially
// (see deadlines.ts and demoRoutingRules below), so renaming a category never breaks anything.

type Level1 = { code: string; name: string; children: readonly (readonly [suffix: string, name: string])[] };

export const CATEGORY_CATALOGUE: readonly Level1[] = [
  { code: 'urban_construction', name: '城乡建设', children: [
    ['illegal_building', '违法建设'], ['construction_noise', '施工扰民'], ['construction_site', '建筑工地管理'],
    ['housing_quality', '房屋质量'], ['old_community', '老旧小区改造'], ['property_service', '物业服务监管'], ['expropriation', '征收拆迁'] ] },
  { code: 'environment', name: '环境保护', children: [
    ['air', '大气污染'], ['water', '水污染'], ['noise', '噪声污染'], ['solid_waste', '固体废物'], ['ecology', '生态破坏'] ] },
  { code: 'transport', name: '交通运输', children: [
    ['road_damage', '道路破损'], ['bus', '公交运营'], ['taxi', '出租车'], ['illegal_operation', '非法营运'], ['traffic_order', '交通秩序'] ] },
  { code: 'education_culture', name: '教育文体', children: [
    ['admission', '入学入园'], ['training', '校外培训'], ['campus_safety', '校园安全'], ['culture_market', '文化市场'], ['sports', '体育设施'] ] },
  { code: 'labor', name: '劳动和社会保障', children: [
    ['wage_arrears', '拖欠工资'], ['contract', '劳动合同'], ['social_insurance', '社会保险'], ['work_injury', '工伤认定'], ['employment', '就业创业'] ] },
  { code: 'commerce_tourism', name: '商贸旅游', children: [
    ['tourism', '旅游投诉'], ['prepaid_card', '预付卡消费'], ['catering_lodging', '住宿餐饮'], ['business_outlets', '商业网点'] ] },
  { code: 'health', name: '卫生计生', children: [
    ['medical_service', '医疗服务'], ['public_health', '公共卫生'], ['epidemic', '传染病防控'], ['family_planning', '计划生育'], ['medical_insurance', '医疗保障'] ] },
  { code: 'city_appearance', name: '市容环境', children: [
    ['garbage', '垃圾清运'], ['sanitation', '环境卫生'], ['outdoor_ads', '户外广告'], ['greenery', '园林绿化'], ['public_toilet', '公厕管理'] ] },
  { code: 'street_order', name: '街面秩序', children: [
    ['street_vendor', '占道经营'], ['shop_overflow', '店外经营'], ['illegal_parking', '乱停乱放'], ['outdoor_bbq', '露天烧烤'], ['littering', '乱扔乱倒'] ] },
  { code: 'public_facility', name: '公共设施', children: [
    ['gas_pipe', '燃气管道'], ['street_light', '路灯'], ['manhole', '井盖'], ['water_supply', '供水'], ['heating', '供暖'], ['power_supply', '供电'], ['drainage', '排水'] ] },
  { code: 'public_order', name: '治安', children: [
    ['theft', '盗窃'], ['fraud', '诈骗'], ['fighting', '打架斗殴'], ['gambling_drugs', '涉赌涉毒'], ['key_persons', '重点人员'] ] },
  { code: 'dispute', name: '矛盾纠纷', children: [
    ['neighbor', '邻里纠纷'], ['family', '婚姻家庭纠纷'], ['property', '物业纠纷'], ['land', '土地纠纷'], ['contract', '合同债务纠纷'],
    ['labor', '劳资纠纷'], ['medical', '医疗纠纷'], ['traffic_accident', '交通事故纠纷'] ] },
  { code: 'safety', name: '安全隐患', children: [
    ['fire', '消防隐患'], ['gas', '燃气隐患'], ['dangerous_building', '危房'], ['hazardous_chemicals', '危险化学品'],
    ['production', '安全生产'], ['electricity', '用电隐患'], ['elevator', '电梯安全'] ] },
  { code: 'civil_affairs', name: '民政服务', children: [
    ['subsistence', '低保救助'], ['elderly', '养老服务'], ['disability', '残疾人服务'], ['women_children', '妇女儿童权益'], ['funeral', '殡葬管理'] ] },
  { code: 'market', name: '市场监管', children: [
    ['consumer', '消费维权'], ['food_safety', '食品安全'], ['drug_safety', '药品安全'], ['price', '价格监督'], ['counterfeit', '假冒伪劣'], ['unlicensed', '无照经营'] ] },
  // Not in the brief's list, but the demo city has 信访局 and 司法所/法庭 units that need codes.
  { code: 'petition', name: '信访事项', children: [
    ['visit', '来访'], ['letter', '来信'], ['online', '网上信访'], ['repeated', '重复信访'], ['collective', '集体访'] ] },
  { code: 'legal_service', name: '法律服务', children: [
    ['legal_aid', '法律援助'], ['consultation', '法律咨询'], ['judicial_confirmation', '司法确认'], ['notarization', '公证'] ] },
];

/** Catalogue rows, parents before children, as the categories table stores them. */
export function catalogueRows(): Category[] {
  return CATEGORY_CATALOGUE.flatMap((c) => [
    { code: c.code, name: c.name, parentCode: null, active: true },
    ...c.children.map(([suffix, name]) => ({ code: `${c.code}.${suffix}`, name, parentCode: c.code, active: true })),
  ]);
}

/** 'labor.wage_arrears' → 'labor'; a first-level code has no parent. */
export function parentCode(code: string): string | null {
  const dot = code.indexOf('.');
  return dot < 0 ? null : code.slice(0, dot);
}

const SEED_NAMES = new Map(catalogueRows().map((c) => [c.code, c.name]));

/** '城乡建设/违法建设' (or '城乡建设'); unknown codes show as themselves. `names` defaults to the seed catalogue. */
export function categoryLabel(code: string, names: ReadonlyMap<string, string> = SEED_NAMES): string {
  const parent = parentCode(code);
  const own = names.get(code) ?? code;
  return parent ? `${names.get(parent) ?? parent}/${own}` : own;
}

/** Whether a unit whose `categories` lists codes (of either level) handles `code`. */
export function unitHandles(categories: readonly string[], code: string): boolean {
  const parent = parentCode(code);
  return categories.includes(code) || (parent !== null && categories.includes(parent));
}

// --- Demo routing rules -------------------------------------------------------------------

/** An org unit of the demo city; `key` is the seed key or the database id, passed back as `unitKey`. */
export interface RoutingUnit { key: string; name: string; kind: OrgKind; areaCode: string; categories: readonly string[] }
/** The part of the demo city's layout routing needs (CityLayout fits). */
export interface RoutingLayout { districts: readonly { code: string; streets: readonly { code: string }[] }[] }
export interface SeedRoutingRule { categoryCode: string; areaCode: string; unitKey: string; unitName: string; note: string }

/**
 * 属地管理: what a street can settle stays in the street — public order with its 派出所, disputes with
 * its 司法所 (人民调解), street order and safety checks with the street's 综治中心 (综合执法).
 */
const STREET_ROUTES: readonly [category: string, kind: OrgKind, note: string][] = [
  ['public_order', 'police_station', '属地派出所'],
  ['transport.traffic_order', 'police_station', '属地派出所'],
  ['dispute', 'judicial_office', '司法所指导人民调解'],
  ['street_order', 'center', '街道综合执法'],
  ['safety', 'center', '街道安全检查'],
];
/**
 * 谁主管、谁负责: what needs a department's powers goes to the district department in charge. A
 * department is found by the end of its name, which works for seed keys and database rows alike.
 * The exact second-level rows (违法建设 → 城管局) beat their parent (城乡建设 → 住建局).
 */
const DISTRICT_ROUTES: readonly [category: string, nameEnds: string, note: string][] = [
  ['urban_construction', '住建局', '行业主管'],
  ['urban_construction.illegal_building', '城管局', '违法建设由城管执法'],
  ['safety.dangerous_building', '住建局', '危房鉴定与治理'],
  ['labor', '人社局', '劳动保障监察'],
  ['dispute.labor', '人社局', '劳动争议仲裁'],
  ['market', '市场监管局', '行业主管'],
  ['city_appearance', '城管局', '行业主管'],
  ['petition', '信访局', '行业主管'],
  ['civil_affairs.women_children', '妇联', '妇女儿童维权'],
];

/** Routing rules for the demo city; rows whose unit does not exist are left out. */
export function demoRoutingRules(units: readonly RoutingUnit[], layout: RoutingLayout): SeedRoutingRule[] {
  const rules: SeedRoutingRule[] = [];
  const add = (categoryCode: string, areaCode: string, unit: RoutingUnit | undefined, note: string) => {
    if (unit) rules.push({ categoryCode, areaCode, unitKey: unit.key, unitName: unit.name, note });
  };
  for (const d of layout.districts) {
    for (const [category, nameEnds, note] of DISTRICT_ROUTES) {
      add(category, d.code, units.find((u) => u.areaCode === d.code && u.kind === 'department' && u.name.endsWith(nameEnds)), note);
    }
    for (const s of d.streets) {
      for (const [category, kind, note] of STREET_ROUTES) add(category, s.code, units.find((u) => u.areaCode === s.code && u.kind === kind), note);
    }
  }
  return rules;
}
