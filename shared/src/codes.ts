// Code tables shared by server and web. Labels live in the web's i18n dictionaries,
// keyed by these codes, so the data model never carries display text.

/** Area tree levels, top to bottom (市 → 区/县/旗 → 街道/镇/苏木 → 社区/村/嘎查 → 网格 → 楼栋 → 单元). */
export const AREA_LEVELS = ['city', 'district', 'street', 'community', 'grid', 'building', 'unit'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** Levels that carry a polygon (grid and above). */
export const POLYGON_LEVELS: readonly AreaLevel[] = ['city', 'district', 'street', 'community', 'grid'];

export function childLevel(level: AreaLevel): AreaLevel | null {
  const i = AREA_LEVELS.indexOf(level);
  return i >= 0 && i < AREA_LEVELS.length - 1 ? AREA_LEVELS[i + 1]! : null;
}

/**
 * Digits each level adds to its parent's code (行政区划代码 style):
 * 市 6 (150300), 区 6 (150303), 街道 9, 社区 12, 网格 = 社区 + 3, 楼栋 + 3, 单元 + 2.
 */
export const AREA_CODE_LENGTH: Record<AreaLevel, number> = {
  city: 6,
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
  building: 18,
  unit: 20,
};

export const ROLES = [
  'citizen',
  'grid_worker', // 网格员
  'grid_leader', // 网格长
  'building_leader', // 楼栋长/单元长
  'community_staff', // 社区工作人员
  'dispatcher', // 坐席/调度 at a 综治中心
  'dept_handler', // 承办人
  'dept_leader', // 部门领导
  'mediator', // 调解员
  'case_leader', // 包案领导
  'command_operator', // 指挥中心值班员
  'auditor', // 审计员
  'admin', // 系统管理员
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = [
  'center', // 综治中心
  'department', // 职能部门 (人社, 住建, 城管, 市场监管, 信访, 妇联 …)
  'police_station', // 公安/派出所
  'judicial_office', // 司法所
  'court', // 法院/人民法庭
  'mediation_committee', // 人民调解委员会
  'studio', // 调解工作室 (刘磊工作室, 老书记工作室)
  'property_company', // 物业
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Every action the policy module decides. Routes declare one; the web hides what the user lacks. */
export const ACTIONS = [
  'area.read',
  'area.write',
  'org.read',
  'org.write',
  'user.read',
  'user.write',
  'audit.read',
  'matter.create',
  'matter.read',
  'matter.act',
  'catalog.read',
  'catalog.write',
  'file.upload',
  'contact.read',
  'contact.write',
  'public.follow',
  'supervision.create',
  'supervision.read',
  'supervision.handle',
  'matter.moderate',
  'open311.keys', // issue and revoke Open311 API keys (admin)
  'dispute.read', // 矛盾纠纷: which cases, the record rules in server/src/platform/policy/disputes.ts decide
  'dispute.create',
  'dispute.mediate', // sessions, outcome, performance, agreement, chain steps (assigned mediators and the level's staff)
  'dispute.manage', // assign mediators, escalate (the level's staff)
  'dispute.configure', // level time limits (admin)
  'hot_issue.read', // 热点: groups of matters about one problem at one place (command centre, dispatchers, leaders; area scope)
  'classifier.manage', // train the category classifier, import labelled history (admin)
] as const;
export type Action = (typeof ACTIONS)[number];
