import type { Kysely } from 'kysely';
import type { Urgency } from '@fengqiao/shared';
import type { DB } from '../../platform/db/schema.js';
import { deadlinesFor, resolveDeadlineRule } from './deadlines.js';
import { referenceDataFor } from './reference-data.js';
import { matchRoutingRule } from './routing.js';

/** Used when an admin has deleted even the default rule: 一般 4 h 签收 / 5 working days 办结. */
const FALLBACK = { acceptHours: 4, handleDays: 5 };

export interface TriageOutcome {
  acceptDueAt: Date;
  dueAt: Date;
  suggestedUnit: { id: string; name: string } | null;
  routing: { ruleId: string | null; explanation: string };
}

/**
 * 定部门 + 定时限 for a matter: the routing rule that matches category × area (and whether the
 * dispatcher's chosen unit follows it), and the deadlines of the matching deadline rule.
 */
export async function triageFor(
  db: Kysely<DB>,
  now: Date,
  categoryCode: string | null,
  urgency: Urgency,
  areaPath: string,
  chosenUnitId?: string | null,
): Promise<TriageOutcome> {
  const ref = referenceDataFor(db);
  const [rules, routingRules, calendar, categories] = await Promise.all([ref.deadlineRules(), ref.routingRules(), ref.calendar(), ref.categories()]);
  const rule = resolveDeadlineRule(rules.map((r) => ({ ...r, urgency: r.urgency as Urgency })), categoryCode, urgency)?.rule ?? FALLBACK;
  const { acceptDueAt, dueAt } = deadlinesFor(rule, now, calendar);
  const names = new Map([...categories.values()].map((c) => [c.code, c.name]));
  const match = matchRoutingRule(routingRules, categoryCode, areaPath, names);
  const suggestedUnit = match ? { id: match.rule.unitId, name: match.rule.unitName } : null;
  let routing: TriageOutcome['routing'];
  if (match && (!chosenUnitId || chosenUnitId === match.rule.unitId)) routing = { ruleId: match.rule.id, explanation: match.explanation };
  else if (chosenUnitId) routing = { ruleId: null, explanation: match ? `调度员改派 (规则建议: ${match.rule.unitName})` : '调度员指定' };
  else routing = { ruleId: null, explanation: '无匹配规则: 由属地综治中心研判指派' };
  return { acceptDueAt, dueAt, suggestedUnit, routing };
}
