import type { Kysely } from 'kysely';
import { hasAnyRole } from '../../platform/db/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { overridesFrom, type CalendarOverrides } from './calendar/working-time.js';
import { findCentreFor } from './repository.js';

const TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

interface Cached<T> {
  value: T;
  at: number;
}

/**
 * Small, read-mostly data every intake and triage consults (calendar, categories, rules, areas,
 * centres, a unit's staff), cached per process. Writes through the admin API call invalidate(); other processes see
 * changes within TTL_MS.
 */
export class MatterReferenceData {
  private cache = new Map<string, Cached<unknown>>();
  constructor(private readonly db: Kysely<DB>) {}

  invalidate(): void {
    this.cache.clear();
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key) as Cached<T> | undefined;
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = await load();
    if (this.cache.size > MAX_ENTRIES) this.cache.clear(); // bounded: a province has ~36,000 grids
    this.cache.set(key, { value, at: Date.now() });
    return value;
  }

  calendar(): Promise<CalendarOverrides> {
    return this.cached('calendar', async () => {
      const rows = await this.db.selectFrom('calendar_days').select(['day', 'kind']).execute();
      return overridesFrom(rows.map((r) => ({ day: r.day, kind: r.kind })));
    });
  }

  categories(): Promise<Map<string, { code: string; name: string; parentCode: string | null; active: boolean }>> {
    return this.cached('categories', async () => {
      const rows = await this.db.selectFrom('categories').selectAll().orderBy('sort').orderBy('code').execute();
      return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, parentCode: r.parent_code, active: r.active }]));
    });
  }

  deadlineRules() {
    return this.cached('deadlineRules', () =>
      this.db
        .selectFrom('deadline_rules')
        .selectAll()
        .execute()
        .then((rows) => rows.map((r) => ({ id: r.id, categoryCode: r.category_code, urgency: r.urgency, acceptHours: r.accept_hours, handleDays: r.handle_days }))),
    );
  }

  /** An area's name, level and path, for intake's point → area → centre steps. */
  area(code: string): Promise<{ code: string; name: string; level: string; path: string } | undefined> {
    return this.cached(`area:${code}`, () => this.db.selectFrom('areas').select(['code', 'name', 'level', 'path']).where('code', '=', code).executeTakeFirst());
  }

  /** The 综治中心 that owns matters in an area: the nearest centre at or above it. */
  centreFor(areaPath: string): Promise<{ id: string; name: string; path: string } | undefined> {
    return this.cached(`centre:${areaPath}`, () => findCentreFor(this.db, areaPath));
  }

  /** Active users of a unit holding one of the roles (who a notification for the unit reaches). */
  unitUsers(unitId: string, roles: readonly string[], executor: Kysely<DB> = this.db): Promise<string[]> {
    // `executor`: inside a transaction pass it, since PGlite serves one connection and the root would wait for it forever.
    return this.cached(`users:${unitId}:${roles.join(',')}`, async () => {
      const rows = await executor
        .selectFrom('users')
        .select('id')
        .where('unit_id', '=', unitId)
        .where('disabled', '=', false)
        .where(hasAnyRole('roles', roles))
        .execute();
      return rows.map((r) => r.id);
    });
  }

  routingRules() {
    return this.cached('routingRules', () =>
      this.db
        .selectFrom('routing_rules as r')
        .innerJoin('areas as a', 'a.code', 'r.area_code')
        .innerJoin('org_units as o', 'o.id', 'r.unit_id')
        .select(['r.id', 'r.category_code', 'r.area_code', 'a.path as area_path', 'a.name as area_name', 'r.unit_id', 'o.name as unit_name', 'r.note'])
        .execute()
        .then((rows) =>
          rows.map((r) => ({
            id: r.id,
            categoryCode: r.category_code,
            areaCode: r.area_code,
            areaPath: r.area_path,
            areaName: r.area_name,
            unitId: r.unit_id,
            unitName: r.unit_name,
            note: r.note,
          })),
        ),
    );
  }
}


const instances = new WeakMap<Kysely<DB>, MatterReferenceData>();

export function referenceDataFor(db: Kysely<DB>): MatterReferenceData {
  let ref = instances.get(db);
  if (!ref) {
    ref = new MatterReferenceData(db);
    instances.set(db, ref);
  }
  return ref;
}
