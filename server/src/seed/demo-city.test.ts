import { describe, it, expect } from 'vitest';
import { AREA_CODE_LENGTH, AREA_LEVELS, AreaGeometry, ROLES, childLevel, type AreaLevel } from '@fengqiao/shared';
import { bbox, validateGeometry } from '../modules/territory/geometry.js';
import { DEMO_PASSWORD, generateDemoCity, type DemoArea } from './demo-city.js';

const city = generateDemoCity({ seed: 42 });
const byCode = new Map(city.areas.map((a) => [a.code, a]));
const ofLevel = (level: AreaLevel) => city.areas.filter((a) => a.level === level);
const gridsIn = (c: { areas: DemoArea[] }, prefix: string) => c.areas.filter((a) => a.level === 'grid' && a.code.startsWith(prefix)).length;

describe('generateDemoCity: area tree', () => {
  it('has the real districts and exact grid counts for 海南区 and 乌达区', () => {
    expect(ofLevel('city').map((a) => [a.code, a.name])).toEqual([['150300', '乌海市']]);
    expect(ofLevel('district').map((a) => [a.code, a.name])).toEqual([
      ['150302', '海勃湾区'],
      ['150303', '海南区'],
      ['150304', '乌达区'],
    ]);
    expect(gridsIn(city, '150303')).toBe(152);
    expect(gridsIn(city, '150304')).toBe(148);
    expect(gridsIn(city, '150302')).toBeGreaterThan(140);
    expect(gridsIn(city, '150302')).toBeLessThan(160);
  });

  it('has the real streets and towns, 街道 coded 001–099 and 镇 100+', () => {
    const hainan = ofLevel('street').filter((s) => s.parentCode === '150303').map((s) => s.name);
    expect(hainan).toEqual(['拉僧仲街道', '西卓子山街道', '巴音陶亥镇', '公乌素镇', '拉僧庙镇']);
    expect(ofLevel('street').filter((s) => s.parentCode === '150304')).toHaveLength(8);
    expect(ofLevel('street').filter((s) => s.parentCode === '150302')).toHaveLength(8);
    for (const s of ofLevel('street')) {
      const n = Number(s.code.slice(6));
      if (s.name.endsWith('镇')) expect(n).toBeGreaterThanOrEqual(100);
      else expect(n >= 1 && n <= 99).toBe(true);
    }
  });

  it('codes have the right length, extend their parent code and list parents first', () => {
    const seen = new Set<string>();
    for (const a of city.areas) {
      expect(a.code).toMatch(/^\d+$/);
      expect(a.code).toHaveLength(AREA_CODE_LENGTH[a.level]);
      if (a.level === 'city') {
        expect(a.parentCode).toBeNull();
      } else {
        const parent = byCode.get(a.parentCode!)!;
        expect(seen.has(parent.code)).toBe(true);
        expect(childLevel(parent.level)).toBe(a.level);
        if (a.level !== 'district') expect(a.code.startsWith(parent.code)).toBe(true);
      }
      expect(seen.has(a.code)).toBe(false);
      seen.add(a.code);
    }
    expect(new Set(city.areas.map((a) => a.level))).toEqual(new Set(AREA_LEVELS));
  });

  it('communities: 2–6 per street at scale 1, towns have 村/嘎查, 新桥社区 in 拉僧仲街道', () => {
    for (const s of ofLevel('street')) {
      const communities = city.areas.filter((a) => a.parentCode === s.code);
      expect(communities.length).toBeGreaterThanOrEqual(2);
      expect(communities.length).toBeLessThanOrEqual(6);
      for (const c of communities) expect(c.name).toMatch(s.name.endsWith('镇') ? /(村|嘎查)$/ : /社区$/);
    }
    const xinqiao = city.areas.find((a) => a.name === '新桥社区')!;
    expect(byCode.get(xinqiao.parentCode!)!.name).toBe('拉僧仲街道');
    expect(byCode.get(`${xinqiao.code}001`)!.name).toBe('新桥社区第1网格');
  });

  it('buildings (2–3, with 2 units each) only in the first grid of each community', () => {
    for (const c of ofLevel('community')) {
      const buildings = ofLevel('building').filter((b) => b.parentCode!.startsWith(c.code));
      expect(buildings.length).toBeGreaterThanOrEqual(2);
      expect(buildings.length).toBeLessThanOrEqual(3);
      for (const b of buildings) {
        expect(b.parentCode).toBe(`${c.code}001`);
        expect(city.areas.filter((u) => u.parentCode === b.code).map((u) => u.name)).toEqual(['1单元', '2单元']);
      }
    }
  });
});

describe('generateDemoCity: geometry', () => {
  it('grids and above have valid polygons; buildings and units have none', () => {
    for (const a of city.areas) {
      if (a.level === 'building' || a.level === 'unit') {
        expect(a.geometry).toBeNull();
        continue;
      }
      expect(AreaGeometry.safeParse(a.geometry).success).toBe(true);
      expect(validateGeometry(a.geometry!)).toEqual([]);
    }
  });

  it('every child bbox lies inside its parent bbox', () => {
    for (const a of city.areas) {
      if (!a.geometry || !a.parentCode) continue;
      const [x0, y0, x1, y1] = bbox(a.geometry);
      const [px0, py0, px1, py1] = bbox(byCode.get(a.parentCode)!.geometry!);
      expect(x0 >= px0 && y0 >= py0 && x1 <= px1 && y1 <= py1).toBe(true);
    }
  });

  it('districts do not overlap, even at province scale', () => {
    for (const scale of [1, 80]) {
      const boxes = generateDemoCity({ scale })
        .areas.filter((a) => a.level === 'district')
        .map((a) => bbox(a.geometry!));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          expect(a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1]).toBe(true);
        }
      }
    }
  });

  it('district centres are near the real ones', () => {
    const centres: Record<string, [number, number]> = { '150302': [106.82, 39.68], '150303': [106.89, 39.44], '150304': [106.72, 39.5] };
    for (const d of ofLevel('district')) {
      const [x0, y0, x1, y1] = bbox(d.geometry!);
      const [cx, cy] = centres[d.code]!;
      expect(Math.abs((x0 + x1) / 2 - cx)).toBeLessThan(0.02);
      expect(Math.abs((y0 + y1) / 2 - cy)).toBeLessThan(0.02);
    }
  });
});

describe('generateDemoCity: determinism and scale', () => {
  it('same seed gives deep-equal output; another seed moves the polygons', () => {
    expect(generateDemoCity({ seed: 42 })).toEqual(city);
    const other = generateDemoCity({ seed: 43 });
    expect(other.areas.find((a) => a.level === 'grid')!.geometry).not.toEqual(city.areas.find((a) => a.level === 'grid')!.geometry);
  });

  it('scale multiplies grids and communities', () => {
    const big = generateDemoCity({ scale: 10 });
    expect(gridsIn(big, '150303')).toBe(1520);
    expect(gridsIn(big, '150304')).toBe(1480);
    const communities = (c: { areas: DemoArea[] }) => c.areas.filter((a) => a.level === 'community').length;
    expect(communities(big)).toBe(communities(city) * 10);
    expect(new Set(big.areas.map((a) => a.code)).size).toBe(big.areas.length);
  });
});

describe('generateDemoCity: org units and users', () => {
  const units = new Map(city.orgUnits.map((u) => [u.key, u]));

  it('units list parents first, point at existing areas and have unique keys', () => {
    const seen = new Set<string>();
    for (const u of city.orgUnits) {
      expect(seen.has(u.key)).toBe(false);
      if (u.parentKey) expect(seen.has(u.parentKey)).toBe(true);
      expect(byCode.has(u.areaCode)).toBe(true);
      for (const c of u.categories) expect(c).toMatch(/^[a-z0-9_.-]{1,40}$/);
      expect(u.phone).toMatch(/^0473-\d{7}$/);
      seen.add(u.key);
    }
  });

  it('has the named centres, departments, studios and per-street units', () => {
    const names = new Set(city.orgUnits.map((u) => u.name));
    for (const n of ['乌海市综治中心', '海南区综治中心', '海南区住建局', '海南区人民法庭', '拉僧仲街道综治中心', '拉僧仲派出所', '公乌素司法所', '公乌素镇人民调解委员会', '刘磊工作室', '老书记工作室', '陈姐工作室']) {
      expect(names.has(n), n).toBe(true);
    }
    const liulei = city.orgUnits.find((u) => u.name === '刘磊工作室')!;
    expect(units.get(liulei.parentKey!)!.name).toBe('公乌素司法所');
    expect(byCode.get(city.orgUnits.find((u) => u.name === '陈姐工作室')!.areaCode)!.name).toBe('新桥社区');
    expect(city.orgUnits.filter((u) => u.kind === 'property_company').length).toBeGreaterThan(0);
    for (const s of ofLevel('street')) {
      const kinds = city.orgUnits.filter((u) => u.areaCode === s.code).map((u) => u.kind);
      expect(kinds).toEqual(expect.arrayContaining(['center', 'police_station', 'judicial_office']));
    }
  });

  it('one demo user per role (plus diaodu2), scopes and units that exist', () => {
    expect(DEMO_PASSWORD).toBe('Fengqiao#2026');
    const roles = city.users.flatMap((u) => u.roles);
    expect(new Set(roles)).toEqual(new Set(ROLES));
    expect(roles.filter((r) => r !== 'dispatcher')).toHaveLength(ROLES.length - 1);
    for (const u of city.users) {
      expect(byCode.has(u.scopeAreaCode)).toBe(true);
      if (u.unitKey) expect(units.has(u.unitKey)).toBe(true);
      expect(u.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    const user = (name: string) => city.users.find((u) => u.username === name)!;
    const areaName = (name: string) => byCode.get(user(name).scopeAreaCode)!.name;
    expect(areaName('diaodu')).toBe('拉僧仲街道');
    expect(areaName('diaodu2')).toBe('新达街道');
    expect(areaName('wanggeyuan')).toBe('新桥社区第1网格');
    expect(areaName('wanggezhang')).toBe('新桥社区');
    expect(byCode.get(user('loudongzhang').scopeAreaCode)!.parentCode).toBe(user('wanggeyuan').scopeAreaCode);
    expect(areaName('tiaojie')).toBe('公乌素镇');
    expect(units.get(user('tiaojie').unitKey!)!.name).toBe('刘磊工作室');
    expect(units.get(user('chengban').unitKey!)!.name).toBe('海南区住建局');
    expect(user('qunzhong').unitKey).toBeNull();
  });
});
