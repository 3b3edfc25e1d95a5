import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { HOLIDAYS_2026 } from './calendar/holidays-2026.js';
import { catalogueRows, demoRoutingRules } from './catalogue.js';
import { DEFAULT_DEADLINE_RULES } from './deadlines.js';

/**
 * Reference data every installation starts with, loaded once into an empty catalogue: the
 * two-level category catalogue, default deadline rules and the 2026 holiday calendar. Admins
 * edit all three afterwards.
 */
export async function ensureMatterReferenceData(db: Kysely<DB>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const any = await trx.selectFrom('categories').select('code').limit(1).executeTakeFirst();
    if (any) return false;
    const rows = catalogueRows();
    await trx
      .insertInto('categories')
      .values(rows.map((c, i) => ({ code: c.code, name: c.name, parent_code: c.parentCode, active: c.active, sort: i })))
      .execute();
    await trx
      .insertInto('deadline_rules')
      .values(DEFAULT_DEADLINE_RULES.map((r) => ({ category_code: r.categoryCode, urgency: r.urgency, accept_hours: r.acceptHours, handle_days: r.handleDays })))
      .execute();
    await trx
      .insertInto('calendar_days')
      .values(HOLIDAYS_2026.map((d) => ({ day: d.day, kind: d.kind, name: d.name })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    return true;
  });
}

/** Routing rules for the demo city's units (属地 rules per street, 主管 rules per district). */
export async function seedDemoRoutingRules(trx: Transaction<DB>): Promise<number> {
  const units = await trx.selectFrom('org_units').select(['id', 'name', 'kind', 'area_code', 'categories']).execute();
  const districts = await trx.selectFrom('areas').select('code').where('level', '=', 'district').execute();
  const streets = await trx.selectFrom('areas').select(['code', 'parent_code']).where('level', '=', 'street').execute();
  const layout = {
    districts: districts.map((d) => ({ code: d.code, streets: streets.filter((s) => s.parent_code === d.code).map((s) => ({ code: s.code })) })),
  };
  const rules = demoRoutingRules(
    units.map((u) => ({ key: u.id, name: u.name, kind: u.kind as never, areaCode: u.area_code, categories: u.categories })),
    layout,
  );
  if (rules.length) {
    await trx
      .insertInto('routing_rules')
      .values(rules.map((r) => ({ category_code: r.categoryCode, area_code: r.areaCode, unit_id: r.unitKey, note: r.note })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return rules.length;
}
