import { AREA_CODE_LENGTH, POLYGON_LEVELS, childLevel, type AreaGeometry, type AreaLevel } from '@fengqiao/shared';
import type { ErrorDetail } from '../../platform/errors.js';
import { validateGeometry } from './geometry.js';

export interface PlacedArea {
  code: string;
  level: AreaLevel;
  parentCode: string;
  geometry?: AreaGeometry | null | undefined;
}

/**
 * Checks that an area fits under its parent: the next level down, a code that extends the
 * parent's (行政区划代码: a district shares the city's first 4 digits), and a usable polygon
 * only where the level carries one. `at` prefixes field paths (e.g. "features.3.").
 */
export function checkPlacement(area: PlacedArea, parent: { code: string; level: string } | undefined, at = ''): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  if (!parent) {
    return [{ path: `${at}parentCode`, message: `parent area ${area.parentCode} not found` }];
  }
  const expected = childLevel(parent.level as AreaLevel);
  if (area.level !== expected) {
    issues.push({ path: `${at}level`, message: `an area under a ${parent.level} must be a ${expected ?? 'nothing'}` });
  }
  const length = AREA_CODE_LENGTH[area.level];
  const prefix = area.level === 'district' ? parent.code.slice(0, 4) : parent.code;
  if (area.code.length !== length || !area.code.startsWith(prefix)) {
    issues.push({ path: `${at}code`, message: `a ${area.level} code has ${length} digits and starts with ${prefix}` });
  }
  if (area.geometry) {
    if (!POLYGON_LEVELS.includes(area.level)) {
      issues.push({ path: `${at}geometry`, message: `a ${area.level} has no polygon; only grids and above do` });
    } else {
      for (const issue of validateGeometry(area.geometry)) {
        issues.push({ path: `${at}${issue.path}`, message: issue.message });
      }
    }
  }
  return issues;
}
