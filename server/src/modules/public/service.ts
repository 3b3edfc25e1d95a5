import { sql, type ExpressionBuilder } from 'kysely';
import { AREA_CODE_LENGTH, PUBLIC_STEPS, type PublicMatter, type PublicMatterListItem, type PublicMatterPage, type PublicMatterQuery, type PublicStep } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { pathWithin } from '../../platform/db/area-path.js';
import { containsPattern } from '../../platform/db/paging.js';
import type { DB } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { findArea } from '../territory/repository.js';
import { COUNT_CAP } from '../matters/list.js';
import { maskName, redactText } from './redact.js';

// The public feed (公开诉求): matters their reporter made public, read by anyone. Every column
// that could name or locate a person (reporter, contact, address, map point, grid) stays here:
// the answer is built from an explicit list, and free text passes through redactText.

type PublicCtx = Pick<Ctx, 'db' | 'cipher'>;
type MatterEb = ExpressionBuilder<DB & { m: DB['matters'] }, 'm'>;

/** Not shown even when public: 作废 and 并单 matters are not a matter of their own. */
const HIDDEN_STATES = ['voided', 'merged'];

const iso = (d: Date | string) => new Date(d).toISOString();

function publicRows(ctx: PublicCtx) {
  return ctx.db
    .selectFrom('matters as m')
    .leftJoin('categories as c', 'c.code', 'm.category_code')
    .select([
      'm.id', 'm.number', 'm.title', 'm.description', 'm.state', 'm.rating', 'm.area_path', 'm.anonymous', 'm.public_anonymous',
      'm.reporter_name_enc', 'm.created_at', 'c.name as category_name',
    ])
    .where('m.public', '=', true)
    .where('m.state', 'not in', HIDDEN_STATES);
}
type PublicRow = Awaited<ReturnType<ReturnType<typeof publicRows>['executeTakeFirstOrThrow']>>;

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

function reporterOf(ctx: PublicCtx, r: PublicRow): string {
  if (r.anonymous || r.public_anonymous || !r.reporter_name_enc) return '匿名';
  return maskName(ctx.cipher.decrypt(r.reporter_name_enc));
}

function toItem(ctx: PublicCtx, r: PublicRow, names: Map<string, string>): PublicMatterListItem {
  return {
    number: r.number,
    title: redactText(r.title),
    description: redactText(r.description),
    categoryName: r.category_name,
    areaName: names.get(communityCode(r.area_path)) ?? '',
    state: r.state as PublicMatterListItem['state'],
    rating: r.rating as PublicMatterListItem['rating'],
    reporter: reporterOf(ctx, r),
    createdAt: iso(r.created_at),
  };
}

function filter(q: PublicMatterQuery, areaPath: string | null) {
  return (eb: MatterEb) => {
    const all = [];
    if (q.state) all.push(eb('m.state', '=', q.state));
    if (q.categoryCode) all.push(eb.or([eb('m.category_code', '=', q.categoryCode), eb('m.category_code', 'like', `${q.categoryCode}.%`)]));
    if (areaPath) all.push(pathWithin('m.area_path', areaPath));
    if (q.q) {
      const like = containsPattern(q.q);
      all.push(eb.or([eb('m.title', 'like', like), eb('m.description', 'like', like)]));
    }
    return eb.and(all);
  };
}

/** The feed: newest first, filtered; the count stops at COUNT_CAP like the staff lists. */
export async function listPublicMatters(ctx: PublicCtx, q: PublicMatterQuery): Promise<PublicMatterPage> {
  let areaPath: string | null = null;
  if (q.areaCode) areaPath = (await findArea(ctx.db, q.areaCode))?.path ?? '-';
  const where = filter(q, areaPath);
  const [rows, counted] = await Promise.all([
    publicRows(ctx)
      .where(where)
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    ctx.db
      .selectFrom(
        ctx.db
          .selectFrom('matters as m')
          .where('m.public', '=', true)
          .where('m.state', 'not in', HIDDEN_STATES)
          .where(where)
          .select(sql<number>`1`.as('one'))
          .limit(COUNT_CAP + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const names = await communityNames(ctx, rows);
  const n = Number(counted.n);
  return { items: rows.map((r) => toItem(ctx, r, names)), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, page: q.page, pageSize: q.pageSize };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** A public matter's page by its 工单编号; a private one answers exactly like a missing one. */
export async function publicMatter(ctx: PublicCtx, number: string): Promise<PublicMatter> {
  const row = await publicRows(ctx).where('m.number', '=', number).executeTakeFirst();
  if (!row) throw notFound('Matter');
  const [names, events] = await Promise.all([
    communityNames(ctx, [row]),
    ctx.db
      .selectFrom('matter_events as e')
      .leftJoin('org_units as u', 'u.id', 'e.unit_id')
      .select(['e.action', 'e.at', 'e.note', 'e.data', 'u.name as unit_name'])
      .where('e.matter_id', '=', row.id)
      .where('e.action', 'in', [...PUBLIC_STEPS])
      .orderBy('e.id')
      .execute(),
  ]);
  const timeline = events.map((e): PublicStep => {
    const data = (e.data ?? {}) as Record<string, unknown>;
    const action = e.action as PublicStep['action'];
    return {
      action,
      at: iso(e.at),
      unitName: e.unit_name,
      toUnitName: action === 'dispatch' ? str(data.unitName) : action === 'escalate' || action === 'rate' ? str(data.toUnitName) : null,
      reply: action === 'reply' && e.note ? redactText(e.note) : null,
      rating: action === 'rate' ? ((str(data.rating) as PublicStep['rating']) ?? null) : null,
    };
  });
  return { ...toItem(ctx, row, names), timeline };
}
