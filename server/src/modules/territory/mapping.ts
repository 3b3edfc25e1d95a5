import type { AreaGeometry, AreaLevel, AreaRef, AreaSummary } from '@fengqiao/shared';
import type { AreaRow, NewArea } from '../../platform/db/schema.js';
import { bbox } from './geometry.js';

export function toRef(row: Pick<AreaRow, 'code' | 'name' | 'level'>): AreaRef {
  return { code: row.code, name: row.name, level: row.level as AreaLevel };
}

export function toSummary(row: Pick<AreaRow, 'code' | 'name' | 'level' | 'parent_code'>, childCount: number): AreaSummary {
  return { ...toRef(row), parentCode: row.parent_code, childCount: Number(childCount) };
}

export function geometryOf(row: Pick<AreaRow, 'geometry'>): AreaGeometry | null {
  return (row.geometry as AreaGeometry | null) ?? null;
}

/** Area codes on the path from the root down to (excluding) the node itself. */
export function ancestorCodes(path: string): string[] {
  return path.split('.').slice(0, -1);
}

/** The row stored for an area: its path under the parent's, depth, polygon and bounding box. */
export function newAreaRow(
  area: { code: string; name: string; level: string; geometry?: AreaGeometry | null },
  parent: { code: string; path: string } | null,
  now: Date,
): NewArea & { path: string; depth: number } {
  const box = area.geometry ? bbox(area.geometry) : null;
  const path = parent ? `${parent.path}.${area.code}` : area.code;
  return {
    code: area.code,
    name: area.name,
    level: area.level,
    parent_code: parent?.code ?? null,
    path,
    depth: path.split('.').length - 1,
    geometry: area.geometry ? JSON.stringify(area.geometry) : null,
    min_lon: box?.[0] ?? null,
    min_lat: box?.[1] ?? null,
    max_lon: box?.[2] ?? null,
    max_lat: box?.[3] ?? null,
    created_at: now,
    updated_at: now,
  };
}
