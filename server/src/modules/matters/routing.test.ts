import { describe, expect, it } from 'vitest';
import { areaCovers, matchRoutingRule, type RoutingRuleLike } from './routing.js';

const CITY = '150300';
const HAINAN = `${CITY}.150303`;
const LASENGZHONG = `${HAINAN}.150303001`;
const XIZHUOZISHAN = `${HAINAN}.150303002`;
const GRID = `${LASENGZHONG}.150303001001.150303001001001`;
const WUDA = `${CITY}.150304`;

const rule = (id: string, categoryCode: string | null, areaPath: string, areaName: string, unitName: string): RoutingRuleLike => ({
  id,
  categoryCode,
  areaCode: areaPath.split('.').at(-1)!,
  areaPath,
  areaName,
  unitId: `unit-${id}`,
  unitName,
});

const rules: RoutingRuleLike[] = [
  rule('r1', 'urban_construction', HAINAN, '海南区', '海南区住建局'),
  rule('r2', 'urban_construction.illegal_building', HAINAN, '海南区', '海南区城管局'),
  rule('r3', 'urban_construction.illegal_building', LASENGZHONG, '拉僧仲街道', '拉僧仲街道综治中心'),
  rule('r4', 'dispute', LASENGZHONG, '拉僧仲街道', '拉僧仲司法所'),
  rule('r5', 'labor', WUDA, '乌达区', '乌达区人社局'),
];

describe('matchRoutingRule', () => {
  it('picks the lowest level that covers the matter (属地) and explains it', () => {
    const m = matchRoutingRule(rules, 'urban_construction.illegal_building', GRID)!;
    expect(m.rule.id).toBe('r3');
    expect(m.categoryMatch).toBe('exact');
    expect(m.explanation).toBe('按规则: 城乡建设/违法建设 @ 拉僧仲街道 → 拉僧仲街道综治中心 (属地)');
  });

  it('falls back to the district department in charge where the street has no rule', () => {
    const m = matchRoutingRule(rules, 'urban_construction.illegal_building', `${XIZHUOZISHAN}.150303002001`)!;
    expect(m.rule.id).toBe('r2');
    expect(m.explanation).toBe('按规则: 城乡建设/违法建设 @ 海南区 → 海南区城管局 (区级主管部门)');
  });

  it('prefers the exact category over its parent at the same level, and uses the parent when that is all there is', () => {
    expect(matchRoutingRule(rules, 'urban_construction.illegal_building', XIZHUOZISHAN)!.rule.id).toBe('r2');
    const m = matchRoutingRule(rules, 'urban_construction.construction_noise', GRID)!;
    expect(m.rule.id).toBe('r1');
    expect(m.categoryMatch).toBe('parent');
    expect(m.explanation).toBe('按规则: 城乡建设 (按大类) @ 海南区 → 海南区住建局 (区级主管部门)');
    expect(matchRoutingRule(rules, 'dispute.neighbor', GRID)!.rule.unitName).toBe('拉僧仲司法所');
  });

  it('lets a deeper parent-category rule beat a shallower exact one (属地 first)', () => {
    const withStreetParent = [...rules, rule('r6', 'urban_construction', XIZHUOZISHAN, '西卓子山街道', '西卓子山街道综治中心')];
    expect(matchRoutingRule(withStreetParent, 'urban_construction.illegal_building', XIZHUOZISHAN)!.rule.id).toBe('r6');
  });

  it('matches the rule’s own area and never a sibling or a code that is only a string prefix', () => {
    expect(matchRoutingRule(rules, 'labor.wage_arrears', WUDA)!.rule.id).toBe('r5');
    expect(matchRoutingRule(rules, 'labor.wage_arrears', GRID)).toBeNull();
    expect(matchRoutingRule(rules, 'dispute.family', `${XIZHUOZISHAN}.150303002001`)).toBeNull();
    expect(matchRoutingRule(rules, 'disputes_other', LASENGZHONG)).toBeNull();
    expect(areaCovers(HAINAN, `${CITY}.1503031`)).toBe(false);
    expect(areaCovers(HAINAN, HAINAN)).toBe(true);
    expect(areaCovers(HAINAN, LASENGZHONG)).toBe(true);
    expect(areaCovers(LASENGZHONG, HAINAN)).toBe(false);
  });

  it('routes an uncategorised matter only by catch-all rules, which rank below category rules', () => {
    expect(matchRoutingRule(rules, null, GRID)).toBeNull();
    const withAny = [...rules, rule('r7', null, CITY, '乌海市', '乌海市综治中心'), rule('r8', null, LASENGZHONG, '拉僧仲街道', '拉僧仲街道综治中心')];
    const m = matchRoutingRule(withAny, null, WUDA)!;
    expect(m.rule.id).toBe('r7');
    expect(m.categoryMatch).toBe('any');
    expect(m.explanation).toBe('按规则: 全部类别 @ 乌海市 → 乌海市综治中心 (市级主管部门)');
    expect(matchRoutingRule(withAny, 'dispute.neighbor', GRID)!.rule.id).toBe('r4');
    expect(matchRoutingRule(withAny, 'environment.noise', GRID)!.rule.id).toBe('r8');
  });

  it('does not depend on row order, uses admin names and shows the area code without a name', () => {
    const twins = [rule('b', 'dispute', LASENGZHONG, '拉僧仲街道', '乙'), rule('a', 'dispute', LASENGZHONG, '拉僧仲街道', '甲')];
    expect(matchRoutingRule(twins, 'dispute.land', GRID)!.rule.id).toBe('a');
    expect(matchRoutingRule([...twins].reverse(), 'dispute.land', GRID)!.rule.id).toBe('a');
    const names = new Map([['urban_construction', '城建'], ['urban_construction.illegal_building', '违建']]);
    const { areaName: _, ...nameless } = rules[2]!;
    expect(matchRoutingRule([nameless], 'urban_construction.illegal_building', GRID, names)!.explanation).toBe(
      '按规则: 城建/违建 @ 150303001 → 拉僧仲街道综治中心 (属地)',
    );
  });
});
