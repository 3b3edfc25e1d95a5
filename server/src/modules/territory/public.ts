/**
 * What other modules may ask of territory: an area by its code, checked against what the caller
 * may see. Other modules import this file (or service.ts), never territory's repository.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AreaRow, DB } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { findArea } from './repository.js';

type Q = Kysely<DB> | Transaction<DB>;
/** Whether the caller may see an area of this path (e.g. `(p) => inScope(actor, p)`). */
export type AreaVisible = (path: string) => boolean;

const anyArea: AreaVisible = () => true;

/** A path no area has: as a list filter it matches nothing. */
export const NO_AREA_PATH = '-';

/** The area with this code, if there is one and `visible` accepts it; callers word their own error. */
export async function lookupArea(db: Q, code: string, visible: AreaVisible = anyArea): Promise<AreaRow | undefined> {
  const area = await findArea(db, code);
  return area && visible(area.path) ? area : undefined;
}

/**
 * The area with this code, or the 404 "<what> not found": a hidden area gets the same answer
 * as a missing one, so a caller learns nothing about areas outside its scope.
 */
export async function areaOrNotFound(db: Q, code: string, opts: { visible?: AreaVisible; what?: string } = {}): Promise<AreaRow> {
  const area = await lookupArea(db, code, opts.visible);
  if (!area) throw notFound(opts.what ?? 'Area');
  return area;
}

/** The path a list's area filter uses: an unknown or hidden area matches nothing rather than failing. */
export async function areaFilterPath(db: Q, code: string, visible?: AreaVisible): Promise<string> {
  return (await lookupArea(db, code, visible))?.path ?? NO_AREA_PATH;
}
