// Code tables of the matter (事项/工单) lifecycle. Labels live in the web's i18n dictionaries.

/** Where a matter came from. */
export const MATTER_CHANNELS = [
  'grid_report', // 网格员上报
  'citizen_online', // 群众网上诉求
  'hotline_12345', // 12345 热线
  'walk_in', // 来访 / 流动办公桌
  'referral', // 公安/法院/信访 转来
  'open311', // 第三方平台 through the Open311 GeoReport v2 API (an API key, never a person's role)
] as const;
export type MatterChannel = (typeof MATTER_CHANNELS)[number];

export const REFERRAL_SOURCES = ['police', 'court', 'petition'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const URGENCIES = ['normal', 'urgent', 'critical'] as const; // 一般 / 紧急 / 特急
export type Urgency = (typeof URGENCIES)[number];

export const MATTER_STATES = [
  'pending_triage', // 待分拨: at a 综治中心, awaiting 三定 and dispatch
  'dispatched', // 已派遣, awaiting 签收
  'handling', // 处置中
  'replied', // 已反馈, awaiting 核查
  'closed', // 已结案, awaiting 评价
  'rated', // 已评价 (archived)
  'voided', // 已作废
  'withdrawn', // 已撤回
  'merged', // 已并单 into another matter
] as const;
export type MatterState = (typeof MATTER_STATES)[number];

export const FINAL_STATES: readonly MatterState[] = ['rated', 'voided', 'withdrawn', 'merged'];
export const OPEN_STATES: readonly MatterState[] = MATTER_STATES.filter((s) => !FINAL_STATES.includes(s));

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const; // 满意 / 基本满意 / 不满意
export type Rating = (typeof RATINGS)[number];

/** Clock colour of a matter against its current deadline. */
export const WARNING_LEVELS = ['none', 'yellow', 'red'] as const; // 正常 / 临期 / 超期
export type WarningLevel = (typeof WARNING_LEVELS)[number];
