import type { MatterActionBody } from '@fengqiao/shared';
import type { Audience } from './notify-matter.js';

/**
 * Who hears of each step, and the sentence they get (SMS and the bell; the web may word it
 * again by the notification's kind, matter.<action>).
 */
export const NOTICES: Record<string, { audiences: Audience[]; body: string }> = {
  created: { audiences: ['owner'], body: '有新的事项待分拨' },
  dispatch: { audiences: ['assigned', 'reporter'], body: '事项已派遣, 请及时签收' },
  accept: { audiences: ['reporter'], body: '承办单位已签收, 正在处置' },
  return: { audiences: ['owner'], body: '承办单位退单, 请重新分拨' },
  transfer: { audiences: ['assigned', 'reporter'], body: '事项已转办, 请及时签收' },
  request_extension: { audiences: ['owner'], body: '承办单位申请延期, 请审批' },
  decide_extension: { audiences: ['assigned'], body: '延期申请已审批' },
  escalate: { audiences: ['owner', 'reporter'], body: '事项已上报上级综治中心' },
  report_in: { audiences: ['owner'], body: '被吹哨单位已报到' },
  reply: { audiences: ['grid', 'owner', 'reporter'], body: '承办单位已反馈, 请核查' },
  verify_pass: { audiences: ['reporter', 'assigned'], body: '事项已办结, 请评价' },
  verify_fail: { audiences: ['assigned'], body: '核查未通过, 请继续处置' },
  rate: { audiences: ['assigned', 'owner'], body: '群众已评价' },
  supervise: { audiences: ['assigned', 'owner'], body: '领导督办, 请抓紧办理' },
  void: { audiences: ['reporter', 'assigned'], body: '事项已作废' },
  withdraw: { audiences: ['assigned', 'owner'], body: '群众已撤回事项' },
  merge: { audiences: ['reporter'], body: '您反映的问题已与同类事项合并办理' },
  follow_up: { audiences: ['owner', 'assigned'], body: '群众对事项有追问或补充, 请查看' },
  yellow: { audiences: ['assigned', 'owner'], body: '事项临期, 请抓紧办理' },
  overdue: { audiences: ['assigned', 'owner'], body: '事项已超期, 已上报上级督办' },
  auto_rated: { audiences: ['assigned'], body: '群众逾期未评价, 默认满意' },
  summon_late: { audiences: ['owner'], body: '被吹哨单位逾期未报到' },
  supervision_due: { audiences: ['assigned', 'owner'], body: '督办期限已到, 事项仍未反馈' },
};

/** Units named by the action itself (协办, 吹哨) hear of it too. */
export function actionAudiences(body: MatterActionBody): Audience[] {
  if (body.action === 'add_assist' || body.action === 'summon') return [{ units: body.unitIds }];
  return NOTICES[body.action]?.audiences ?? [];
}
