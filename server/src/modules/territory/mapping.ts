import type { AreaGeometry, AreaLevel, AreaRef, AreaSummary } from '@fengqiao/shared';
import type { AreaRow } from '../../platform/db/schema.js';

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
