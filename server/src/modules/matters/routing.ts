import { parentCode, categoryLabel } from './catalogue.js';

// 定部门: routing rules map category × area → handling unit, following 属地管理、分级负责 (the
// lowest level whose area covers the matter handles it) and 谁主管、谁负责 (within that level, the
// unit in charge of the exact kind of problem beats the one in charge of its broad kind).

export interface RoutingRuleLike {
  id: string;
  /** Exact code, a first-level code (covers its second levels) or null (any category in the area). */
  categoryCode: string | null;
  areaCode: string;
  /** Materialised area path, area codes joined by dots from the city down ('150300.150303.150303001'). */
  areaPath: string;
  /** Shown in the explanation; the area code when absent. */
  areaName?: string;
  unitId: string;
  unitName: string;
}

export type CategoryMatch = 'exact' | 'parent' | 'any';

export interface RoutingMatch<R extends RoutingRuleLike> {
  rule: R;
  categoryMatch: CategoryMatch;
  /** Chinese, shown to the dispatcher next to the suggested unit. */
  explanation: string;
}

/** The rule's area covers the matter's: the same area or one of its ancestors. */
export function areaCovers(ruleAreaPath: string, matterAreaPath: string): boolean {
  return matterAreaPath === ruleAreaPath || matterAreaPath.startsWith(`${ruleAreaPath}.`);
}

const depth = (path: string) => path.split('.').length;
const CATEGORY_RANK: Record<CategoryMatch, number> = { exact: 2, parent: 1, any: 0 };

function categoryMatch(ruleCode: string | null, matterCode: string | null): CategoryMatch | null {
  if (ruleCode === null) return 'any';
  if (matterCode === null) return null;
  if (ruleCode === matterCode) return 'exact';
  return ruleCode === parentCode(matterCode) ? 'parent' : null;
}

/** 属地 when a street/town or lower handles it (area path depth ≥ 3: city.district.street), else the level in charge. */
function levelNote(ruleDepth: number): string {
  if (ruleDepth >= 3) return '属地';
  return ruleDepth === 2 ? '区级主管部门' : '市级主管部门';
}

/**
 * The rule for a matter: among rules whose area covers the matter's area and whose category is
 * the matter's code, its first-level parent or null (any), the deepest area wins, then the more
 * exact category; ties go to the smallest id so the answer never depends on row order. Null when
 * nothing matches: the caller then leaves the matter with the centre that owns its area.
 *
 * `categoryNames` (code → name) defaults to the seed catalogue, so admin renames show when passed.
 */
export function matchRoutingRule<R extends RoutingRuleLike>(
  rules: readonly R[],
  categoryCode: string | null,
  areaPath: string,
  categoryNames?: ReadonlyMap<string, string>,
): RoutingMatch<R> | null {
  let best: { rule: R; match: CategoryMatch; depth: number } | null = null;
  for (const rule of rules) {
    if (!areaCovers(rule.areaPath, areaPath)) continue;
    const match = categoryMatch(rule.categoryCode, categoryCode);
    if (!match) continue;
    const d = depth(rule.areaPath);
    const better =
      !best ||
      d > best.depth ||
      (d === best.depth && CATEGORY_RANK[match] > CATEGORY_RANK[best.match]) ||
      (d === best.depth && match === best.match && rule.id < best.rule.id);
    if (better) best = { rule, match, depth: d };
  }
  if (!best) return null;
  const { rule, match, depth: d } = best;
  const category = rule.categoryCode === null ? '全部类别' : categoryLabel(rule.categoryCode, categoryNames);
  const broader = match === 'parent' ? ' (按大类)' : '';
  return {
    rule,
    categoryMatch: match,
    explanation: `按规则: ${category}${broader} @ ${rule.areaName ?? rule.areaCode} → ${rule.unitName} (${levelNote(d)})`,
  };
}
