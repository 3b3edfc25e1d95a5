import { describe, expect, it } from 'vitest';
import { URGENCIES } from '@fengqiao/shared';
import { localTime } from './calendar/working-time.js';
import { catalogueRows } from './catalogue.js';
import { DEFAULT_DEADLINE_RULES, deadlinesFor, resolveDeadlineRule, type DeadlineRuleLike } from './deadlines.js';

const rules = DEFAULT_DEADLINE_RULES.map((r, i) => ({ ...r, id: `r${i}` }));
const pick = (code: string | null, urgency: (typeof URGENCIES)[number]) => {
  const found = resolveDeadlineRule(rules, code, urgency);
  return found && { acceptHours: found.rule.acceptHours, handleDays: found.rule.handleDays, matched: found.matched };
};

describe('resolveDeadlineRule', () => {
  it('uses the defaults for an uncategorised matter and a category without rows', () => {
    expect(pick(null, 'normal')).toEqual({ acceptHours: 4, handleDays: 5, matched: 'default' });
    expect(pick(null, 'urgent')).toEqual({ acceptHours: 2, handleDays: 3, matched: 'default' });
    expect(pick('environment.noise', 'critical')).toEqual({ acceptHours: 1, handleDays: 1, matched: 'default' });
  });

  it('prefers the exact category, then its first-level parent', () => {
    expect(pick('labor.wage_arrears', 'normal')).toEqual({ acceptHours: 4, handleDays: 3, matched: 'category' });
    expect(pick('safety.gas', 'normal')).toEqual({ acceptHours: 1, handleDays: 1, matched: 'category' });
    expect(pick('safety.elevator', 'normal')).toEqual({ acceptHours: 2, handleDays: 3, matched: 'parent' });
    expect(pick('safety', 'urgent')).toEqual({ acceptHours: 1, handleDays: 2, matched: 'category' });
    // No 特急 row for 安全隐患: the default 特急 row applies, not the slower 一般 one.
    expect(pick('safety.fire', 'critical')).toEqual({ acceptHours: 1, handleDays: 1, matched: 'default' });
  });

  it('returns the caller’s own row type and null when no default exists', () => {
    const found = resolveDeadlineRule(rules, 'labor.wage_arrears', 'urgent');
    expect(found?.rule.id).toBe(rules.find((r) => r.categoryCode === 'labor.wage_arrears' && r.urgency === 'urgent')!.id);
    const noDefault: DeadlineRuleLike[] = [{ categoryCode: 'labor', urgency: 'normal', acceptHours: 4, handleDays: 3 }];
    expect(resolveDeadlineRule(noDefault, 'environment.air', 'normal')).toBeNull();
    expect(resolveDeadlineRule(noDefault, 'labor.contract', 'urgent')).toBeNull();
  });
});

describe('DEFAULT_DEADLINE_RULES', () => {
  it('has a default for every urgency, one row per category and urgency, known codes only', () => {
    for (const u of URGENCIES) expect(DEFAULT_DEADLINE_RULES.some((r) => r.categoryCode === null && r.urgency === u)).toBe(true);
    const keys = DEFAULT_DEADLINE_RULES.map((r) => `${r.categoryCode}|${r.urgency}`);
    expect(new Set(keys).size).toBe(keys.length);
    const codes = new Set(catalogueRows().map((c) => c.code));
    for (const r of DEFAULT_DEADLINE_RULES) {
      if (r.categoryCode) expect(codes.has(r.categoryCode), r.categoryCode).toBe(true);
      expect(Number.isInteger(r.acceptHours) && r.acceptHours >= 1 && r.acceptHours <= 240).toBe(true);
      expect(Number.isInteger(r.handleDays) && r.handleDays >= 1 && r.handleDays <= 365).toBe(true);
    }
  });
});

describe('deadlinesFor', () => {
  it('times 签收 in working hours and 办结 in working days, across a weekend', () => {
    const friday = localTime('2026-03-06', '16:00');
    expect(deadlinesFor({ acceptHours: 4, handleDays: 5 }, friday, new Map())).toEqual({
      acceptDueAt: localTime('2026-03-09', '11:30'),
      dueAt: localTime('2026-03-13', '17:30'),
    });
  });
});
