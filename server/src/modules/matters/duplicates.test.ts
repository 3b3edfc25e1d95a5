import { describe, expect, it } from 'vitest';
import { boundingBox, distanceMeters, DUPLICATE_DEFAULTS, SCORE_WEIGHTS, scoreDuplicates, type DuplicateOther } from './duplicates.js';

// 拉僧仲街道, 乌海市 (≈ 106.9°E, 39.4°N).
const LON = 106.9;
const LAT = 39.4;
const t0 = new Date('2026-03-09T02:00:00Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);
/** A point `north` and `east` metres away (small offsets). */
const offset = (north: number, east: number) => ({
  lat: LAT + north / 111_195,
  lon: LON + east / (111_195 * Math.cos((LAT * Math.PI) / 180)),
});

const TEXT = '新桥小区3号楼井盖丢失\n3号楼门口下水井盖不见了，晚上很危险';
const other = (id: string, over: Partial<DuplicateOther> = {}): DuplicateOther => ({
  id,
  text: TEXT,
  categoryCode: 'public_facility.manhole',
  state: 'pending_triage',
  lon: LON,
  lat: LAT,
  areaCode: '150303001001001',
  createdAt: t0,
  ...over,
});
const candidate = { id: 'c', text: TEXT, categoryCode: 'public_facility.manhole', lon: LON, lat: LAT, areaCode: '150303001001001', createdAt: t0 };

describe('distanceMeters', () => {
  it('measures known distances', () => {
    expect(distanceMeters(LON, LAT, LON, LAT)).toBe(0);
    expect(distanceMeters(0, 0, 0, 1)).toBeCloseTo(111_195, 0); // one degree of latitude
    expect(distanceMeters(116.3975, 39.9087, 121.4737, 31.2304) / 1000).toBeCloseTo(1067, -1); // 北京 → 上海
    const p = offset(300, 400);
    expect(distanceMeters(LON, LAT, p.lon, p.lat)).toBeCloseTo(500, 0);
    expect(distanceMeters(LON, LAT, p.lon, p.lat)).toBe(distanceMeters(p.lon, p.lat, LON, LAT));
  });

  it('gives a bounding box that contains the circle', () => {
    const box = boundingBox(LON, LAT, 300);
    for (const [n, e] of [[300, 0], [-300, 0], [0, 300], [0, -300], [212, 212]] as const) {
      const p = offset(n * 0.999, e * 0.999);
      expect(p.lat >= box.minLat && p.lat <= box.maxLat && p.lon >= box.minLon && p.lon <= box.maxLon).toBe(true);
    }
    expect(distanceMeters(LON, LAT, box.maxLon, LAT)).toBeCloseTo(300, 0);
  });
});

describe('scoreDuplicates', () => {
  const all = (list: DuplicateOther[]) => scoreDuplicates(candidate, list, { ...DUPLICATE_DEFAULTS, minScore: 0 });

  it('keeps open, nearby, recent matters of the same category family, best score first', () => {
    const ranked = all([
      other('far', offset(0, 301)),
      other('mid', { ...offset(0, 200), createdAt: hours(-30) }),
      other('near', { ...offset(50, 0), createdAt: hours(-100) }),
      other('same-spot-later', { createdAt: hours(5) }),
      other('old', { createdAt: hours(-7 * 24 - 1) }),
      other('sibling-category', { categoryCode: 'public_facility.street_light', text: '路灯不亮' }),
      other('other-family', { categoryCode: 'environment.noise' }),
      other('uncategorised', { categoryCode: null }),
      other('rated', { state: 'rated' }),
      other('merged', { state: 'merged' }),
      other('closed', { state: 'closed', createdAt: hours(-1) }),
      other('c'),
    ]);
    const ids = ranked.map((r) => r.matter.id);
    expect(new Set(ids)).toEqual(new Set(['mid', 'near', 'same-spot-later', 'sibling-category', 'uncategorised', 'closed']));
    expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
    // Same text, same spot: only time apart tells these apart.
    expect(ids.indexOf('closed')).toBeLessThan(ids.indexOf('same-spot-later'));
    const near = ranked.find((r) => r.matter.id === 'near')!;
    expect(near.distanceMeters).toBeCloseTo(50, 0);
    expect(near.hoursBefore).toBe(100);
    expect(near.similarity).toBeCloseTo(1, 5);
    expect(near.reasons).toEqual([
      { code: 'same_category' },
      { code: 'distance', value: 50 },
      { code: 'hours', value: 100 },
      { code: 'text', value: 1, terms: expect.arrayContaining(['井盖']) },
    ]);
    expect(ranked.find((r) => r.matter.id === 'sibling-category')!.reasons[0]).toEqual({ code: 'same_family' });
    expect(ranked.find((r) => r.matter.id === 'same-spot-later')!.hoursBefore).toBe(-5);
  });

  it('weighs text most: the same problem in other words outranks another problem on the spot', () => {
    const ranked = scoreDuplicates(candidate, [
      other('same-words', { ...offset(120, 0), createdAt: hours(-20), text: '新桥小区3号楼门口的下水井盖丢了，晚上容易掉下去' }),
      other('other-problem', { text: '小区门口减速带断裂，钉子露在外面' }),
      other('nothing-alike', { ...offset(250, 0), createdAt: hours(-150), text: '天桥上有人摆地摊' }),
    ]);
    expect(ranked.map((r) => r.matter.id)).toEqual(['same-words', 'other-problem']);
    expect(ranked[0]!.similarity).toBeGreaterThan(0.3);
    expect(ranked[1]!.similarity).toBeLessThan(0.15);
    expect(ranked[0]!.score - ranked[1]!.score).toBeGreaterThan(0.1);
  });

  it('honours the limits and treats a week as the edge of recent', () => {
    const list = [other('a', { ...offset(250, 0), createdAt: hours(-7 * 24) })];
    expect(all(list)).toHaveLength(1);
    expect(scoreDuplicates(candidate, list, { maxMeters: 200, maxDays: 7, minScore: 0 })).toHaveLength(0);
    expect(scoreDuplicates(candidate, list, { maxMeters: 300, maxDays: 6, minScore: 0 })).toHaveLength(0);
    // A week apart counts nothing for time; 250 of 300 m a sixth for place.
    expect(all(list)[0]!.score).toBeCloseTo(SCORE_WEIGHTS.text + SCORE_WEIGHTS.category + SCORE_WEIGHTS.place / 6, 2);
  });

  it('falls back to the same grid when a map point is missing', () => {
    const ranked = all([
      other('no-point', { lon: null, lat: null }),
      other('no-point-elsewhere', { lon: null, lat: null, areaCode: '150303001001002' }),
      other('point', offset(100, 0)),
    ]);
    expect(ranked.map((r) => [r.matter.id, r.distanceMeters === null])).toEqual([['point', false], ['no-point', true]]);
    expect(ranked[1]!.reasons).toContainEqual({ code: 'same_area' });
    const pointless = { ...candidate, lon: null, lat: null };
    expect(scoreDuplicates(pointless, [other('x'), other('y', { areaCode: '150303001001002' })]).map((r) => r.matter.id)).toEqual(['x']);
  });

  it('matches an uncategorised matter on text and place, with less category credit', () => {
    const ranked = scoreDuplicates({ ...candidate, categoryCode: null }, [other('a'), other('b', { categoryCode: 'environment.noise', text: '夜市噪音' })]);
    expect(ranked.map((r) => r.matter.id)).toEqual(['a']);
    expect(ranked[0]!.reasons.some((r) => r.code === 'same_category' || r.code === 'same_family')).toBe(false);
    expect(ranked[0]!.score).toBeLessThan(1);
  });

  it('leaves out candidates below the threshold', () => {
    const weak = other('weak', { ...offset(280, 0), createdAt: hours(-150), text: '天桥上有人摆地摊', categoryCode: null });
    expect(all([weak])[0]!.score).toBeLessThan(DUPLICATE_DEFAULTS.minScore);
    expect(scoreDuplicates(candidate, [weak])).toEqual([]);
  });

  it('copes with empty text, emoji, mixed scripts and 10,000 characters', () => {
    const long = '井盖丢失'.repeat(2_500);
    for (const text of ['', '😀🚧🚧', 'Manhole cover 丢了 near 3号楼 😀', long]) {
      const ranked = scoreDuplicates({ ...candidate, text }, [other('a'), other('b', { text: '' }), other('c2', { text: '🚧' })], { ...DUPLICATE_DEFAULTS, minScore: 0 });
      expect(ranked).toHaveLength(3);
      for (const r of ranked) {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(Number.isFinite(r.similarity)).toBe(true);
      }
    }
    expect(scoreDuplicates({ ...candidate, text: long }, [other('a')])[0]!.similarity).toBeGreaterThan(0.2);
  });
});
