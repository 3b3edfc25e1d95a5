import { describe, expect, it } from 'vitest';
import { CategoryCode } from '@fengqiao/shared';
import { generateDemoCity } from '../../seed/demo-city.js';
import { CATEGORY_CATALOGUE, catalogueRows, categoryLabel, demoRoutingRules, parentCode, unitHandles } from './catalogue.js';

const rows = catalogueRows();
const codes = new Set(rows.map((r) => r.code));

describe('seed catalogue', () => {
  it('has valid, unique codes, parents first, 3–8 second levels each', () => {
    expect(codes.size).toBe(rows.length);
    const seen = new Set<string>();
    for (const r of rows) {
      expect(r.code).toMatch(/^[a-z0-9_]{1,30}(\.[a-z0-9_]{1,30})?$/);
      expect(CategoryCode.safeParse(r.code).success).toBe(true);
      expect(r.parentCode).toBe(parentCode(r.code));
      if (r.parentCode) expect(seen.has(r.parentCode)).toBe(true);
      expect(r.name).toMatch(/\p{Script=Han}/u);
      seen.add(r.code);
    }
    for (const c of CATEGORY_CATALOGUE) {
      expect(c.children.length, c.code).toBeGreaterThanOrEqual(3);
      expect(c.children.length, c.code).toBeLessThanOrEqual(8);
    }
  });

  it('covers the first levels and the second levels the platform relies on', () => {
    const names = CATEGORY_CATALOGUE.map((c) => c.name);
    for (const n of ['城乡建设', '环境保护', '交通运输', '教育文体', '劳动和社会保障', '商贸旅游', '卫生计生', '市容环境', '街面秩序', '公共设施', '治安', '矛盾纠纷', '安全隐患', '民政服务', '市场监管']) {
      expect(names).toContain(n);
    }
    for (const c of ['labor.wage_arrears', 'public_facility.gas_pipe', 'public_facility.street_light', 'public_facility.manhole', 'dispute.neighbor', 'dispute.family', 'dispute.property', 'dispute.land', 'safety.fire', 'safety.gas', 'safety.dangerous_building']) {
      expect(codes.has(c), c).toBe(true);
    }
  });

  it('labels codes by both levels and tells whether a unit handles a code', () => {
    expect(categoryLabel('urban_construction.illegal_building')).toBe('城乡建设/违法建设');
    expect(categoryLabel('labor')).toBe('劳动和社会保障');
    expect(categoryLabel('labor.unknown')).toBe('劳动和社会保障/labor.unknown');
    expect(categoryLabel('labor.wage_arrears', new Map([['labor', '劳动保障'], ['labor.wage_arrears', '欠薪']]))).toBe('劳动保障/欠薪');
    expect(parentCode('labor')).toBeNull();
    expect(unitHandles(['labor'], 'labor.wage_arrears')).toBe(true);
    expect(unitHandles(['labor.wage_arrears'], 'labor.wage_arrears')).toBe(true);
    expect(unitHandles(['labor.wage_arrears'], 'labor')).toBe(false);
    expect(unitHandles(['labor.contract'], 'labor.wage_arrears')).toBe(false);
  });
});

describe('demo city against the catalogue', () => {
  const city = generateDemoCity({ seed: 42 });
  const layout = {
    districts: city.areas
      .filter((a) => a.level === 'district')
      .map((d) => ({ code: d.code, streets: city.areas.filter((s) => s.level === 'street' && s.parentCode === d.code).map((s) => ({ code: s.code })) })),
  };
  const units = city.orgUnits;
  const rules = demoRoutingRules(units, layout);

  it('gives every unit only catalogue codes', () => {
    for (const u of units) for (const c of u.categories) expect(codes.has(c), `${u.name}: ${c}`).toBe(true);
  });

  it('routes to units that handle the category, one rule per category and area', () => {
    const streets = layout.districts.flatMap((d) => d.streets).length;
    expect(rules).toHaveLength(layout.districts.length * 9 + streets * 5);
    const keys = new Set(rules.map((r) => `${r.categoryCode}@${r.areaCode}`));
    expect(keys.size).toBe(rules.length);
    const byKey = new Map(units.map((u) => [u.key, u]));
    for (const r of rules) {
      const unit = byKey.get(r.unitKey)!;
      expect(codes.has(r.categoryCode), r.categoryCode).toBe(true);
      expect(unitHandles(unit.categories, r.categoryCode), `${unit.name} ← ${r.categoryCode}`).toBe(true);
      expect(unit.areaCode).toBe(r.areaCode);
      expect(r.unitName).toBe(unit.name);
    }
  });

  it('sends 违法建设 to 城管局, the rest of 城乡建设 to 住建局, and street matters to street units', () => {
    const find = (category: string, areaCode: string) => rules.find((r) => r.categoryCode === category && r.areaCode === areaCode)?.unitName;
    expect(find('urban_construction', '150303')).toBe('海南区住建局');
    expect(find('urban_construction.illegal_building', '150303')).toBe('海南区城管局');
    expect(find('labor', '150304')).toBe('乌达区人社局');
    const lasengzhong = city.areas.find((a) => a.name === '拉僧仲街道')!.code;
    expect(find('public_order', lasengzhong)).toBe('拉僧仲派出所');
    expect(find('dispute', lasengzhong)).toBe('拉僧仲司法所');
    expect(find('street_order', lasengzhong)).toBe('拉僧仲街道综治中心');
  });

  it('accepts database ids in place of seed keys and skips units that do not exist', () => {
    const withIds = units.map((u, i) => ({ ...u, key: `id-${i}` }));
    expect(demoRoutingRules(withIds, layout).every((r) => r.unitKey.startsWith('id-'))).toBe(true);
    expect(demoRoutingRules(units.filter((u) => !u.name.endsWith('人社局')), layout).some((r) => r.categoryCode === 'labor')).toBe(false);
  });
});
