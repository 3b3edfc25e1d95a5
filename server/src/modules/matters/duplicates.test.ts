import { describe, expect, it } from 'vitest';
import { boundingBox, distanceMeters, rankDuplicates, type DuplicateOther } from './duplicates.js';

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

const other = (id: string, over: Partial<DuplicateOther> = {}): DuplicateOther => ({
  id,
  categoryCode: 'public_facility.manhole',
  state: 'pending_triage',
  lon: LON,
  lat: LAT,
  areaCode: '150303001001001',
  createdAt: t0,
  ...over,
});
const candidate = { id: 'c', categoryCode: 'public_facility.manhole', lon: LON, lat: LAT, areaCode: '150303001001001', createdAt: t0 };

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

describe('rankDuplicates', () => {
  it('keeps same-category, open, nearby, recent matters, nearest first, then closest in time', () => {
    const near = offset(50, 0);
    const mid = offset(0, 200);
    const ranked = rankDuplicates(candidate, [
      other('far', offset(0, 301)),
      other('mid', { ...mid, createdAt: hours(-30) }),
      other('near', { ...near, createdAt: hours(-100) }),
      other('same-spot-later', { createdAt: hours(5) }),
      other('same-spot', { createdAt: hours(-2) }),
      other('old', { createdAt: hours(-7 * 24 - 1) }),
      other('other-category', { categoryCode: 'public_facility.street_light' }),
      other('rated', { state: 'rated' }),
      other('merged', { state: 'merged' }),
      other('closed', { state: 'closed', createdAt: hours(-1) }),
      other('c'),
    ]);
    expect(ranked.map((r) => r.matter.id)).toEqual(['closed', 'same-spot', 'same-spot-later', 'near', 'mid']);
    expect(ranked[3]!.distanceMeters).toBeCloseTo(50, 0);
    expect(ranked[3]!.hoursApart).toBe(100);
  });

  it('honours the options and treats a week as the edge of recent', () => {
    const list = [other('a', { ...offset(250, 0), createdAt: hours(-7 * 24) })];
    expect(rankDuplicates(candidate, list)).toHaveLength(1);
    expect(rankDuplicates(candidate, list, { maxMeters: 200, maxDays: 7 })).toHaveLength(0);
    expect(rankDuplicates(candidate, list, { maxMeters: 300, maxDays: 6 })).toHaveLength(0);
  });

  it('falls back to the same grid when a map point is missing, ranking those last', () => {
    const ranked = rankDuplicates(candidate, [
      other('no-point', { lon: null, lat: null }),
      other('no-point-elsewhere', { lon: null, lat: null, areaCode: '150303001001002' }),
      other('point', offset(100, 0)),
    ]);
    expect(ranked.map((r) => [r.matter.id, r.distanceMeters === null])).toEqual([['point', false], ['no-point', true]]);
    const pointless = { ...candidate, lon: null, lat: null };
    expect(rankDuplicates(pointless, [other('x'), other('y', { areaCode: '150303001001002' })]).map((r) => r.matter.id)).toEqual(['x']);
  });

  it('finds nothing for an uncategorised matter', () => {
    expect(rankDuplicates({ ...candidate, categoryCode: null }, [other('a', { categoryCode: null })])).toEqual([]);
  });
});
