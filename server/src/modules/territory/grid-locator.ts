import type { Kysely } from 'kysely';
import type { AreaGeometry } from '@fengqiao/shared';
import type { DB } from '../../platform/db/schema.js';
import { GridIndex } from './grid-index.js';
import { gridLayerStamp, listAllGridGeometries } from './repository.js';

const RECHECK_MS = 10_000;

/**
 * Keeps the in-memory grid index in step with the database. Writes in this process call
 * `invalidate()`; edits by other server processes are noticed within RECHECK_MS through a
 * cheap count/max(updated_at) stamp.
 */
export class GridLocator {
  private index: GridIndex | null = null;
  private stamp = '';
  private checkedAt = 0;
  private loading: Promise<GridIndex> | null = null;

  constructor(private readonly db: Kysely<DB>) {}

  invalidate(): void {
    this.checkedAt = 0;
    this.stamp = '';
  }

  async resolve(lon: number, lat: number): Promise<string | null> {
    return (await this.current()).resolve(lon, lat);
  }

  private async current(): Promise<GridIndex> {
    if (this.index && Date.now() - this.checkedAt < RECHECK_MS) return this.index;
    this.loading ??= this.reload().finally(() => (this.loading = null));
    return this.loading;
  }

  private async reload(): Promise<GridIndex> {
    const stamp = await gridLayerStamp(this.db);
    if (!this.index || stamp !== this.stamp) {
      const rows = await listAllGridGeometries(this.db);
      this.index = GridIndex.build(rows.map((r) => ({ code: r.code, geometry: r.geometry as AreaGeometry })));
      this.stamp = stamp;
    }
    this.checkedAt = Date.now();
    return this.index;
  }
}

const locators = new WeakMap<Kysely<DB>, GridLocator>();

/** One locator per database, shared by every module that resolves points. */
export function gridLocatorFor(db: Kysely<DB>): GridLocator {
  let locator = locators.get(db);
  if (!locator) {
    locator = new GridLocator(db);
    locators.set(db, locator);
  }
  return locator;
}
