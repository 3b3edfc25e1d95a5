// Code tables of dispute cases (矛盾纠纷排查调处). Labels live in the web's i18n dictionaries.

/** Where a case came from. */
export const DISPUTE_SOURCES = [
  'screening', // 排查 (rolling screening by grid staff)
  'matter', // from a matter (事项/工单)
  'walk_in', // 来访
  'mobile_desk', // 流动办公桌
  'police_referral', // 警调: 公安 refers
  'court_referral', // 诉调: 法院 refers
  'procuratorate_referral', // 检调: 检察院 refers
  'petition_referral', // 访调: 信访 refers
  'arbitration_referral', // 仲调: 仲裁委 refers
  'professional_referral', // 专调: a trade or professional mediation body refers
] as const;
export type DisputeSource = (typeof DISPUTE_SOURCES)[number];

export const DISPUTE_TYPES = [
  'marriage_family', // 婚姻家庭
  'neighbourhood', // 邻里
  'land_forest', // 土地/山林
  'labour_wages', // 劳动争议/欠薪
  'property_management', // 物业
  'medical', // 医疗
  'traffic_accident', // 交通事故
  'contract_debt', // 合同债务
  'land_acquisition', // 征地拆迁
  'consumer', // 消费
  'other', // 其他
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

/** 一般 / 较大 / 重大. A major case alerts the level above at once, as does the 易激化 flag. */
export const DISPUTE_RISK_LEVELS = ['general', 'serious', 'major'] as const;
export type DisputeRiskLevel = (typeof DISPUTE_RISK_LEVELS)[number];

/** 人民调解 / 行政调解 / 司法调解 / 行业性专业性调解. */
export const MEDIATION_TYPES = ['people', 'administrative', 'judicial', 'professional'] as const;
export type MediationType = (typeof MEDIATION_TYPES)[number];

/**
 * Levels a case is handled at, bottom to top (网格 → 村/社区 → 镇/街道 → 区), each the area level of
 * the same name. A case unresolved past its level's time limit moves up one level.
 */
export const DISPUTE_LEVELS = ['grid', 'community', 'street', 'district'] as const;
export type DisputeLevel = (typeof DISPUTE_LEVELS)[number];

/** Working days a case may stay at each level unless an admin configures otherwise. */
export const DEFAULT_LEVEL_LIMIT_DAYS: Record<DisputeLevel, number> = { grid: 3, community: 10, street: 15, district: 30 };

export function levelAbove(level: DisputeLevel): DisputeLevel | null {
  return DISPUTE_LEVELS[DISPUTE_LEVELS.indexOf(level) + 1] ?? null;
}

export const DISPUTE_STATES = [
  'registered', // 已受理, awaiting mediators at its level
  'mediating', // 调解中
  'settled', // 调解成功: an agreement whose performance is tracked
  'failed', // 调解不成: the parties are shown a path (仲裁, 诉讼, 行政处理)
  'withdrawn', // 撤回
  'terminated', // 终止
  'closed', // 结案: every term of the agreement performed
] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];
export const OPEN_DISPUTE_STATES: readonly DisputeState[] = ['registered', 'mediating'];

/** What a failed mediation points the parties to. */
export const FAILED_PATHS = ['arbitration', 'litigation', 'administrative'] as const; // 仲裁 / 诉讼 / 行政处理
export type FailedPath = (typeof FAILED_PATHS)[number];

export const PARTY_ROLES = ['applicant', 'respondent'] as const; // 申请人 / 被申请人
export type PartyRole = (typeof PARTY_ROLES)[number];
export const PARTY_KINDS = ['person', 'organisation'] as const; // 自然人 / 法人或其他组织
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Why a person escalated a case by hand (the scheduler escalates overdue ones itself). */
export const ESCALATION_REASONS = ['beyond_competence'] as const; // 超出本级调处能力
export type EscalationReason = (typeof ESCALATION_REASONS)[number];
