import { sql } from 'kysely';
import { POLYGON_LEVELS, type AreaLevel, type Contact, type ContactCreate, type ContactKind, type ContactUpdate, type PublicAreaChild, type PublicContacts } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { pathAbove, pathWithin } from '../../platform/db/area-path.js';
import { AppError, invalid, notFound, type ErrorDetail } from '../../platform/errors.js';
import { aboveScope, inScope, requireActor } from '../../platform/policy/policy.js';
import { areaOrNotFound, lookupArea } from '../territory/public.js';
import { contactRows, findContact, matchText, type ContactRow } from './repository.js';

// Contacts directory (联系人名录): phone numbers of leaders and units published on purpose, by
// area. Anyone reads them for an area and every area above it; admins write them within their
// scope, each change audited with before/after.

const toContact = (r: ContactRow): Contact => ({
  id: r.id,
  areaCode: r.area_code,
  areaName: r.area_name,
  areaLevel: r.area_level as AreaLevel,
  kind: r.kind as ContactKind,
  name: r.name,
  title: r.title,
  unit: r.unit_id && r.unit_name ? { id: r.unit_id, name: r.unit_name } : null,
  phone: r.phone,
  duty: r.duty,
  sort: r.sort,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The public directory for an area: its contacts and those of every area above it, nearest first. */
export async function listPublicContacts(ctx: Pick<Ctx, 'db'>, areaCode: string, q?: string): Promise<PublicContacts> {
  const area = await areaOrNotFound(ctx.db, areaCode);
  const chain = area.path.split('.');
  let query = contactRows(ctx.db).where('c.area_code', 'in', chain);
  if (q) query = query.where(matchText(q));
  const rows = await query.orderBy('a.depth', 'desc').orderBy('c.sort').orderBy('c.name').orderBy('c.id').execute();
  const groups: PublicContacts = [];
  for (const r of rows) {
    let group = groups.at(-1);
    if (!group || group.area.code !== r.area_code) {
      group = { area: { code: r.area_code, name: r.area_name, level: r.area_level as AreaLevel }, contacts: [] };
      groups.push(group);
    }
    const { areaCode: _a, areaName: _n, areaLevel: _l, updatedAt: _u, ...contact } = toContact(r);
    group.contacts.push(contact);
  }
  return groups;
}

/** A strong validator of a public answer: same body, same tag. */
/** The picker's pseudo-code for the top of the tree (the cities). */
export const PUBLIC_ROOT = '000000';

/** Children of an area for the public picker: code, name, level; down to grids, never polygons. */
export async function listPublicAreaChildren(ctx: Pick<Ctx, 'db'>, code: string): Promise<PublicAreaChild[]> {
  const levels = POLYGON_LEVELS as readonly string[];
  const root = code === PUBLIC_ROOT;
  if (!root) {
    const area = await areaOrNotFound(ctx.db, code);
    if (!levels.includes(area.level)) return [];
  }
  const rows = await ctx.db
    .selectFrom('areas as a')
    .select(['a.code', 'a.name', 'a.level'])
    .select((eb) => eb.exists(eb.selectFrom('areas as k').select(sql`1`.as('one')).whereRef('k.parent_code', '=', 'a.code').where('k.level', 'in', [...levels])).as('has_children'))
    .where((eb) => (root ? eb('a.parent_code', 'is', null) : eb('a.parent_code', '=', code)))
    .where('a.level', 'in', [...levels])
    .orderBy('a.code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level as AreaLevel, hasChildren: Boolean(r.has_children) }));
}

/** Staff list: contacts inside the actor's scope and above it (the leaders they answer to). */
export async function listContacts(ctx: Ctx, filter: { areaCode?: string | undefined; kind?: ContactKind | undefined; q?: string | undefined }): Promise<Contact[]> {
  const actor = requireActor(ctx.actor);
  let query = contactRows(ctx.db).where((eb) => eb.or([pathWithin('a.path', actor.scopePath), pathAbove('a.path', actor.scopePath)]));
  if (filter.areaCode) {
    const area = await areaOrNotFound(ctx.db, filter.areaCode, { visible: (p) => inScope(actor, p) || aboveScope(actor, p) });
    query = query.where(pathWithin('a.path', area.path));
  }
  if (filter.kind) query = query.where('c.kind', '=', filter.kind);
  if (filter.q) query = query.where(matchText(filter.q));
  const rows = await query.orderBy('a.path').orderBy('c.sort').orderBy('c.name').orderBy('c.id').limit(2000).execute();
  return rows.map(toContact);
}

/** Area inside the admin's scope and unit that exists, or a 400 naming the fields. */
async function checkRefs(ctx: Ctx, input: { areaCode?: string | undefined; unitId?: string | null | undefined }) {
  const actor = requireActor(ctx.actor);
  const issues: ErrorDetail[] = [];
  if (input.areaCode !== undefined) {
    if (!(await lookupArea(ctx.db, input.areaCode, (p) => inScope(actor, p)))) issues.push({ path: 'areaCode', message: 'area not found' });
  }
  if (input.unitId) {
    const unit = await ctx.db.selectFrom('org_units').select('id').where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) issues.push({ path: 'unitId', message: 'unit not found' });
  }
  if (issues.length) throw invalid('Check the highlighted fields', issues);
}

/** The contact, if it lies inside the actor's scope; otherwise the 404 of a missing one. */
async function writableContact(ctx: Ctx, id: string): Promise<Contact> {
  const actor = requireActor(ctx.actor);
  const row = await findContact(ctx.db, id);
  if (!row || !inScope(actor, row.area_path)) throw notFound('Contact');
  return toContact(row);
}

export async function createContact(ctx: Ctx, input: ContactCreate): Promise<Contact> {
  await checkRefs(ctx, input);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('contacts')
      .values({
        area_code: input.areaCode,
        kind: input.kind,
        name: input.name,
        title: input.title,
        unit_id: input.unitId ?? null,
        phone: input.phone,
        duty: input.duty ?? null,
        sort: input.sort ?? 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = toContact((await findContact(trx, id))!);
    await audit(trx, ctx, { action: 'contact.create', entity: 'contact', entityId: id, before: null, after: created });
    return created;
  });
}

export async function updateContact(ctx: Ctx, id: string, patch: ContactUpdate): Promise<Contact> {
  const before = await writableContact(ctx, id);
  await checkRefs(ctx, patch);
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('contacts')
      .set({
        ...(patch.areaCode !== undefined ? { area_code: patch.areaCode } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.duty !== undefined ? { duty: patch.duty } : {}),
        ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    const after = toContact((await findContact(trx, id))!);
    await audit(trx, ctx, { action: 'contact.update', entity: 'contact', entityId: id, before, after });
    return after;
  });
}

export async function deleteContact(ctx: Ctx, id: string): Promise<void> {
  const before = await writableContact(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('contacts').where('id', '=', id).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new AppError('NOT_FOUND', 'Contact not found');
    await audit(trx, ctx, { action: 'contact.delete', entity: 'contact', entityId: id, before, after: null });
  });
}
