import { sql, type ExpressionBuilder } from 'kysely';
import { AREA_CODE_LENGTH, PUBLIC_STEPS, type PublicCategory, type PublicMatter, type PublicMatterListItem, type PublicMatterPage, type PublicMatterQuery, type PublicStep } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { pathWithin } from '../../platform/db/area-path.js';
import type { DB } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { publicTextMatch } from '../search/match.js';
import { areaFilterPath } from '../territory/public.js';
import { COUNT_CAP } from '../matters/list.js';
import { photosOf } from './photos.js';
import { maskName, redactText } from './redact.js';
import { knownNamesOf } from './redact-known.js';

// The public feed (公开诉求): matters their reporter made public, read by anyone. Every column
// that could name or locate a person (reporter, contact, address, map point, grid) stays here:
// the answer is built from an explicit list, and free text passes through redactText.

type PublicCtx = Pick<Ctx, 'db' | 'cipher'>;
type MatterEb = ExpressionBuilder<DB & { m: DB['matters'] }, 'm'>;

/** Not shown even when public: 作废 and 并单 matters are not a matter of their own. */
const HIDDEN_STATES = ['voided', 'merged'];

/** A post anyone may read: made public, not hidden or marked abusive by moderation, still a matter of its own. */
export function publicVisible(eb: MatterEb) {
  return eb.and([eb('m.public', '=', true), eb('m.public_hidden', '=', false), eb('m.public_abuse', '=', false), eb('m.state', 'not in', HIDDEN_STATES)]);
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function publicRows(ctx: PublicCtx) {
  return ctx.db
    .selectFrom('matters as m')
    .leftJoin('categories as c', 'c.code', 'm.category_code')
    .select([
      'm.id', 'm.number', 'm.title', 'm.description', 'm.state', 'm.rating', 'm.area_path', 'm.anonymous', 'm.public_anonymous',
      'm.reporter_name_enc', 'm.created_at', 'c.name as category_name',
      'm.public_title', 'm.public_description', 'm.follower_count', 'm.public_hidden_photo_ids',
    ])
    .where(publicVisible);
}
export type PublicRow = Awaited<ReturnType<ReturnType<typeof publicRows>['executeTakeFirstOrThrow']>>;

/** The community (社区) a matter lies in; a matter placed above community level shows its own area. */
function communityCode(areaPath: string): string {
  const codes = areaPath.split('.');
  return [...codes].reverse().find((c) => c.length <= AREA_CODE_LENGTH.community) ?? codes[0]!;
}

async function communityNames(ctx: PublicCtx, rows: readonly PublicRow[]): Promise<Map<string, string>> {
  const codes = [...new Set(rows.map((r) => communityCode(r.area_path)))];
  if (codes.length === 0) return new Map();
  const areas = await ctx.db.selectFrom('areas').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(areas.map((a) => [a.code, a.name]));
}

/** `known`: knownNamesOf's names of the matter, the reporter's first. */
function reporterOf(r: PublicRow, known: readonly string[]): string {
  if (r.anonymous || r.public_anonymous || !r.reporter_name_enc || known.length === 0) return '匿名';
  return maskName(known[0]!);
}

/** `known`: the names masked wherever the text repeats them (the reporter's also when shown as 匿名). */
function toItem(r: PublicRow, names: Map<string, string>, photoCount: number, known: readonly string[]): PublicMatterListItem {
  return {
    number: r.number,
    // Moderation's replacement, when there is one, is still redacted: it is typed by a person too.
    title: redactText(r.public_title ?? r.title, known),
    description: redactText(r.public_description ?? r.description, known),
    categoryName: r.category_name,
    areaName: names.get(communityCode(r.area_path)) ?? '',
    state: r.state as PublicMatterListItem['state'],
    rating: r.rating as PublicMatterListItem['rating'],
    reporter: reporterOf(r, known),
    createdAt: iso(r.created_at),
    followerCount: r.follower_count,
    photoCount,
  };
}

/** List items for rows of publicRows: community names, photo counts and the names to mask in three queries for the page. */
export async function toItems(ctx: PublicCtx, rows: readonly PublicRow[]): Promise<PublicMatterListItem[]> {
  const [names, photos, known] = await Promise.all([communityNames(ctx, rows), photosOf(ctx.db, rows), knownNamesOf(ctx.db, ctx.cipher, rows)]);
  return rows.map((r) => toItem(r, names, photos.get(r.id)?.length ?? 0, known.get(r.id) ?? []));
}

function filter(q: PublicMatterQuery, areaPath: string | null) {
  return (eb: MatterEb) => {
    const all = [];
    if (q.state) all.push(eb('m.state', '=', q.state));
    if (q.categoryCode) all.push(eb.or([eb('m.category_code', '=', q.categoryCode), eb('m.category_code', 'like', `${q.categoryCode}.%`)]));
    if (areaPath) all.push(pathWithin('m.area_path', areaPath));
    return eb.and(all);
  };
}

/** The feed: newest or most followed first, filtered; the count stops at COUNT_CAP like the staff lists. */
export async function listPublicMatters(ctx: PublicCtx, q: PublicMatterQuery): Promise<PublicMatterPage> {
  let areaPath: string | null = null;
  if (q.areaCode) areaPath = await areaFilterPath(ctx.db, q.areaCode);
  const filters = filter(q, areaPath);
  // The public text only, as the page shows it (redacted): never words moderation or redaction took out.
  const text = q.q ? await publicTextMatch(ctx, q.q, (eb) => eb.and([publicVisible(eb), filters(eb)])) : null;
  const where = (eb: MatterEb) => (text ? eb.and([filters(eb), text(eb)]) : filters(eb));
  const [rows, counted] = await Promise.all([
    publicRows(ctx)
      .where(where)
      .$if(q.sort === 'most_followed', (qb) => qb.orderBy('m.follower_count', 'desc'))
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    ctx.db
      .selectFrom(
        ctx.db
          .selectFrom('matters as m')
          .where(publicVisible)
          .where(where)
          .select(sql<number>`1`.as('one'))
          .limit(COUNT_CAP + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const n = Number(counted.n);
  return { items: await toItems(ctx, rows), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, page: q.page, pageSize: q.pageSize };
}

/** A post anyone may read, by its 工单编号, or the 404 a missing one gets. */
export async function findPublicPost(ctx: Pick<Ctx, 'db'>, number: string) {
  const post = await ctx.db
    .selectFrom('matters as m')
    .select(['m.id', 'm.number', 'm.follower_count', 'm.public_hidden_photo_ids'])
    .where('m.number', '=', number)
    .where(publicVisible)
    .executeTakeFirst();
  if (!post) throw notFound('Matter');
  return post;
}

/** Active categories, parents first, for the feed's category filter; an inactive parent hides its children too. */
export async function listPublicCategories(ctx: Pick<Ctx, 'db'>): Promise<PublicCategory[]> {
  const rows = await ctx.db
    .selectFrom('categories as c')
    .leftJoin('categories as p', 'p.code', 'c.parent_code')
    .select(['c.code', 'c.name', 'c.parent_code'])
    .where('c.active', '=', true)
    .where((eb) => eb.or([eb('c.parent_code', 'is', null), eb('p.active', '=', true)]))
    .orderBy('c.sort')
    .orderBy('c.code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, parentCode: r.parent_code }));
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** A public matter's page by its 工单编号; a private one answers exactly like a missing one. */
export async function publicMatter(ctx: PublicCtx, number: string): Promise<PublicMatter> {
  const row = await publicRows(ctx).where('m.number', '=', number).executeTakeFirst();
  if (!row) throw notFound('Matter');
  const [names, photos, knownById, events] = await Promise.all([
    communityNames(ctx, [row]),
    photosOf(ctx.db, [row]),
    knownNamesOf(ctx.db, ctx.cipher, [row]),
    ctx.db
      .selectFrom('matter_events as e')
      .leftJoin('org_units as u', 'u.id', 'e.unit_id')
      .select(['e.action', 'e.at', 'e.note', 'e.data', 'u.name as unit_name'])
      .where('e.matter_id', '=', row.id)
      .where('e.action', 'in', [...PUBLIC_STEPS])
      .orderBy('e.id')
      .execute(),
  ]);
  const known = knownById.get(row.id) ?? [];
  const timeline = events.map((e): PublicStep => {
    const data = (e.data ?? {}) as Record<string, unknown>;
    const action = e.action as PublicStep['action'];
    return {
      action,
      at: iso(e.at),
      unitName: e.unit_name,
      toUnitName: action === 'dispatch' ? str(data.unitName) : action === 'escalate' || action === 'rate' ? str(data.toUnitName) : null,
      reply: action === 'reply' && e.note ? redactText(e.note, known) : null,
      note: action === 'follow_up' && e.note ? redactText(e.note, known) : null,
      rating: action === 'rate' ? ((str(data.rating) as PublicStep['rating']) ?? null) : null,
    };
  });
  const shown = photos.get(row.id) ?? [];
  return { ...toItem(row, names, shown.length, known), photos: shown, timeline };
}
