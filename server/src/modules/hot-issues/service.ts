import crypto from 'node:crypto';
import type { HotIssue as HotIssueView, HotIssueDetail, HotIssueList, HotIssueOneQuery, HotIssueQuery } from '@fengqiao/shared';
import type { Kysely } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { inScope, requireActor } from '../../platform/policy/policy.js';
import { byHeat, detectHotIssues, timeFigures, type HotIssue } from './engine.js';
import { FeatureCache, type HotMessage } from './features.js';
import { areaOrNotFound } from '../territory/public.js';
import { areaNamesByPath, mattersInWindow, type WindowMatter } from './repository.js';

// 热点 use cases: the matters of a window inside the caller's scope, grouped by the engine on
// every read (no stored groups to drift from the matters). At most MATTER_CAP matters are read,
// the newest; the answer says when the window held more.

export const MATTER_CAP = 5_000;
const DAY = 86_400_000;
/** Segmenting is most of the work and a matter's text never changes: kept per process. */
const features = new FeatureCache();
/**
 * Groupings by what they were computed from (the matters read, their times and places): the same
 * matters give the same groups, so a reload, another dispatcher of the same scope or the next
 * sweep only recomputes what moves with the clock and with follows (engine.timeFigures).
 */
const groupings = new Map<string, HotIssue[]>();
const GROUPINGS_KEPT = 32;

function inputKey(rows: readonly WindowMatter[], days: number): string {
  const hash = crypto.createHash('sha1').update(String(days));
  for (const m of rows) hash.update(`|${m.id},${new Date(m.created_at).getTime()},${m.area_path},${m.lon},${m.lat},${m.reporter_user_id}`);
  return hash.digest('hex');
}

function group(rows: readonly WindowMatter[], now: Date, days: number): HotIssue[] {
  const key = inputKey(rows, days);
  const known = groupings.get(key);
  if (!known) {
    const issues = detectHotIssues(rows.map(toMessage), { now, windowDays: days, cache: features });
    groupings.set(key, issues);
    while (groupings.size > GROUPINGS_KEPT) groupings.delete(groupings.keys().next().value!);
    return issues;
  }
  const byId = new Map(rows.map((m) => [m.id, m]));
  return known
    .map((h) => ({ ...h, ...timeFigures(h.memberIds.map((id) => toMessage(byId.get(id)!)), h.reporters, h.spanDays, { now, windowDays: days }) }))
    .sort(byHeat);
}

export interface Computed {
  issues: HotIssue[];
  matters: Map<string, WindowMatter>;
  matterCount: number;
  capped: boolean;
  from: Date;
  to: Date;
}

export function toMessage(m: WindowMatter): HotMessage {
  return {
    id: m.id,
    title: m.title,
    // The address names the estate or road more often than the description does.
    text: `${m.description}\n${m.address}`,
    time: new Date(m.created_at),
    reporter: m.reporter_user_id ?? (m.reporter_contact_masked ? `tel:${m.reporter_contact_masked}` : null),
    followers: m.follower_count,
    area: { path: m.area_path, name: m.community_name ?? m.area_name },
    lon: m.lon,
    lat: m.lat,
  };
}

/** Hot issues among the matters of the last `days` days inside `scopePath` (all when null). */
export async function computeHotIssues(db: Kysely<DB>, now: Date, opts: { days: number; scopePath: string | null; cap?: number }): Promise<Computed> {
  const cap = opts.cap ?? MATTER_CAP;
  const from = new Date(now.getTime() - opts.days * DAY);
  const rows = await mattersInWindow(db, { from, to: now, scopePath: opts.scopePath, limit: cap + 1 });
  const read = rows.slice(0, cap);
  const issues = group(read, now, opts.days);
  return { issues, matters: new Map(read.map((m) => [m.id, m])), matterCount: read.length, capped: rows.length > cap, from, to: now };
}

/** The caller's scope, or an area inside it; an area outside answers like a missing one. */
async function scopeOf(ctx: Ctx, areaCode: string | undefined): Promise<string> {
  const actor = requireActor(ctx.actor);
  if (!areaCode) return actor.scopePath;
  return (await areaOrNotFound(ctx.db, areaCode, { visible: (p) => inScope(actor, p) })).path;
}

function view(h: HotIssue, matters: Map<string, WindowMatter>, areaNames: Map<string, string>): HotIssueView {
  const members = h.memberIds.map((id) => matters.get(id)!);
  return {
    id: h.id,
    label: h.label,
    place: h.place,
    terms: h.terms,
    employer: h.employer,
    count: h.count,
    reporters: h.reporters,
    followers: h.followers,
    firstAt: h.firstAt.toISOString(),
    lastAt: h.lastAt.toISOString(),
    spanDays: h.spanDays,
    recent: h.recent,
    earlier: h.earlier,
    daily: h.daily,
    heat: h.heat,
    areaName: h.areaPath ? (areaNames.get(h.areaPath) ?? null) : null,
    points: members.filter((m) => m.lon !== null && m.lat !== null).map((m) => ({ matterId: m.id, lon: m.lon!, lat: m.lat! })),
  };
}

export async function findHotIssues(ctx: Ctx, query: HotIssueQuery): Promise<HotIssueList> {
  const scopePath = await scopeOf(ctx, query.areaCode);
  const c = await computeHotIssues(ctx.db, ctx.clock.now(), { days: query.days, scopePath });
  const shown = c.issues.slice(0, query.limit);
  const names = await areaNamesByPath(ctx.db, shown.flatMap((h) => (h.areaPath ? [h.areaPath] : [])));
  return {
    days: query.days,
    from: c.from.toISOString(),
    to: c.to.toISOString(),
    matterCount: c.matterCount,
    capped: c.capped,
    items: shown.map((h) => view(h, c.matters, names)),
  };
}

/** The hot issue holding matter `matterId` (a group is named by its earliest matter), with its matters. */
export async function getHotIssue(ctx: Ctx, matterId: string, query: HotIssueOneQuery): Promise<HotIssueDetail> {
  const scopePath = await scopeOf(ctx, undefined);
  const c = await computeHotIssues(ctx.db, ctx.clock.now(), { days: query.days, scopePath });
  const h = c.issues.find((issue) => issue.memberIds.includes(matterId));
  if (!h) throw notFound('Hot issue');
  const names = await areaNamesByPath(ctx.db, h.areaPath ? [h.areaPath] : []);
  return {
    ...view(h, c.matters, names),
    matters: h.memberIds.map((id) => {
      const m = c.matters.get(id)!;
      return {
        id: m.id,
        number: m.number,
        title: m.title,
        state: m.state,
        createdAt: new Date(m.created_at).toISOString(),
        areaName: m.area_name,
        address: m.address,
        lon: m.lon,
        lat: m.lat,
      };
    }),
  };
}
