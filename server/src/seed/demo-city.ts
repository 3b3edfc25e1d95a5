import type { AreaGeometry, AreaLevel, OrgKind, Role } from '@fengqiao/shared';
import { CITY, DISTRICTS, extraCommunityName, isTown, type DistrictSeed } from './demo-city-names.js';
import { buildOrgUnits, buildUsers } from './demo-city-org.js';
import { cellPolygon, makeLattice, snakeOrder, unionCells, type Lattice } from './lattice.js';
import { mulberry32, randomInt } from './random.js';

export interface DemoArea {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
  geometry: AreaGeometry | null;
}
export interface DemoOrgUnit {
  key: string;
  name: string;
  kind: OrgKind;
  areaCode: string;
  parentKey: string | null;
  categories: string[];
  phone: string | null;
}
export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  unitKey: string | null;
  scopeAreaCode: string;
  phone: string | null;
}
export interface DemoCity {
  /** parents before children */
  areas: DemoArea[];
  /** parents before children */
  orgUnits: DemoOrgUnit[];
  users: DemoUser[];
}

export const DEMO_PASSWORD = 'Fengqiao#2026';

/** The area tree without geometry: what org units and users are attached to. */
export interface CityLayout {
  districts: {
    code: string;
    name: string;
    streets: {
      code: string;
      name: string;
      town: boolean;
      communities: { code: string; name: string; gridCodes: string[]; buildingCodes: string[] }[];
    }[];
  }[];
}

/** Cell size at scale 1 (~0.8 km either way at 39.5°N); it shrinks with √scale so districts keep their footprint. */
const CELL_W = 0.0095;
const CELL_H = 0.0075;
/** Rows per band of the snake order: communities come out roughly 4 cells tall. */
const BAND_ROWS = 4;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Deterministic demo city: 乌海市 with 海勃湾区, 海南区 (152 grids) and 乌达区 (148 grids) at scale 1.
 * `scale` multiplies grids and communities (scale 80 ≈ 36,000 grids); streets stay the real ones.
 */
export function generateDemoCity(opts: { seed?: number; scale?: number } = {}): DemoCity {
  const seed = opts.seed ?? 20260101;
  const scale = opts.scale ?? 1;
  if (!(scale > 0)) throw new Error('scale must be positive');
  const random = mulberry32(seed);

  const areas: DemoArea[] = [];
  const layout: CityLayout = { districts: [] };
  const districtGeometries: AreaGeometry[] = [];
  const cityIndex = areas.push({ code: CITY.code, name: CITY.name, level: 'city', parentCode: null, geometry: null }) - 1;

  for (const seedDistrict of DISTRICTS) {
    const { lattice, cells } = districtLattice(seedDistrict, scale, random);
    const district = { code: seedDistrict.code, name: seedDistrict.name, streets: [] as CityLayout['districts'][number]['streets'] };
    layout.districts.push(district);
    const geometry = unionCells(lattice, cells);
    districtGeometries.push(geometry);
    areas.push({ code: district.code, name: district.name, level: 'district', parentCode: CITY.code, geometry });

    const plan = planCommunities(seedDistrict, scale, cells.length, random);
    let next = 0; // position in the district's snake order
    let streetNo = 0;
    let townNo = 99;
    for (const street of plan) {
      const town = isTown(street.name);
      const streetCode = district.code + pad(town ? ++townNo : ++streetNo, 3);
      const streetCells = cells.slice(next, next + street.communities.reduce((s, c) => s + c.grids, 0));
      areas.push({ code: streetCode, name: street.name, level: 'street', parentCode: district.code, geometry: unionCells(lattice, streetCells) });
      const streetLayout = { code: streetCode, name: street.name, town, communities: [] as CityLayout['districts'][number]['streets'][number]['communities'] };
      district.streets.push(streetLayout);

      street.communities.forEach((community, ci) => {
        const communityCode = streetCode + pad(ci + 1, 3);
        const communityCells = cells.slice(next, next + community.grids);
        next += community.grids;
        areas.push({ code: communityCode, name: community.name, level: 'community', parentCode: streetCode, geometry: unionCells(lattice, communityCells) });
        const gridCodes: string[] = [];
        const buildingCodes: string[] = [];
        communityCells.forEach((cell, gi) => {
          const gridCode = communityCode + pad(gi + 1, 3);
          gridCodes.push(gridCode);
          areas.push({ code: gridCode, name: `${community.name}第${gi + 1}网格`, level: 'grid', parentCode: communityCode, geometry: cellPolygon(lattice, cell) });
          // Buildings only in each community's first grid: enough for 楼栋长 scopes without bloating the tree.
          if (gi === 0) buildingCodes.push(...addBuildings(areas, gridCode, random));
        });
        streetLayout.communities.push({ code: communityCode, name: community.name, gridCodes, buildingCodes });
      });
    }
  }

  areas[cityIndex]!.geometry = {
    type: 'MultiPolygon',
    coordinates: districtGeometries.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)),
  };
  const orgUnits = buildOrgUnits(layout, random);
  return { areas, orgUnits, users: buildUsers(layout, orgUnits, random) };
}

/** A lattice centred on the district's centre, and the district's cells in snake order. */
function districtLattice(d: DistrictSeed, scale: number, random: () => number): { lattice: Lattice; cells: number[] } {
  const grids = Math.max(1, Math.round(d.grids * scale));
  const shrink = Math.sqrt(scale);
  const cellW = CELL_W / shrink;
  const cellH = CELL_H / shrink;
  let cols = Math.max(1, Math.round(Math.sqrt(grids)));
  if (cols % 2 === 0) cols++;
  const rows = Math.ceil(grids / (cols * BAND_ROWS)) * BAND_ROWS;
  const lattice = makeLattice({
    rows,
    cols,
    x0: d.centre[0] - (cols * cellW) / 2,
    y0: d.centre[1] - (rows * cellH) / 2,
    cellW,
    cellH,
    random,
  });
  return { lattice, cells: snakeOrder(rows, cols, BAND_ROWS).slice(0, grids) };
}

interface PlannedStreet {
  name: string;
  communities: { name: string; grids: number }[];
}

/** Community names and grid counts: weights vary ±25% and the largest remainder settles the exact total. */
function planCommunities(d: DistrictSeed, scale: number, totalGrids: number, random: () => number): PlannedStreet[] {
  const streets = d.streets.map((s) => {
    const count = Math.max(1, Math.round(s.communities.length * scale));
    if (count > 999) throw new Error(`scale ${scale} gives more than 999 communities in ${s.name}`);
    const names = s.communities.slice(0, count);
    const taken = new Set(names);
    for (let k = 0; names.length < count; k++) names.push(extraCommunityName(isTown(s.name), k, taken));
    return { name: s.name, communities: names.map((name) => ({ name, grids: 0, weight: 0.75 + random() * 0.5 })) };
  });
  const all = streets.flatMap((s) => s.communities);
  if (all.length > totalGrids) throw new Error(`${d.name}: more communities than grids`);
  // Every community gets one grid up front, the rest goes by weight.
  const spare = totalGrids - all.length;
  const weightSum = all.reduce((s, c) => s + c.weight, 0);
  const exact = all.map((c) => (spare * c.weight) / weightSum);
  all.forEach((c, i) => (c.grids = 1 + Math.floor(exact[i]!)));
  const left = totalGrids - all.reduce((s, c) => s + c.grids, 0);
  const byRemainder = all.map((_, i) => i).sort((a, b) => (exact[b]! % 1) - (exact[a]! % 1) || a - b);
  for (const i of byRemainder.slice(0, left)) all[i]!.grids++;
  for (const c of all) if (c.grids > 999) throw new Error(`${d.name}: more than 999 grids in ${c.name}`);
  return streets.map((s) => ({ name: s.name, communities: s.communities.map(({ name, grids }) => ({ name, grids })) }));
}

function addBuildings(areas: DemoArea[], gridCode: string, random: () => number): string[] {
  const codes: string[] = [];
  for (let b = 1, count = randomInt(random, 2, 3); b <= count; b++) {
    const code = gridCode + pad(b, 3);
    codes.push(code);
    areas.push({ code, name: `${b}号楼`, level: 'building', parentCode: gridCode, geometry: null });
    for (let u = 1; u <= 2; u++) {
      areas.push({ code: code + pad(u, 2), name: `${u}单元`, level: 'unit', parentCode: code, geometry: null });
    }
  }
  return codes;
}
