import { AREA_CODE_LENGTH } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { invalid, notFound, type ErrorDetail } from '../../platform/errors.js';
import { referenceDataFor } from '../matters/reference-data.js';
import { photosOf } from '../public/photos.js';
import { redactText } from '../public/redact.js';
import { knownNamesOf } from '../public/redact-known.js';
import { parseW3c, w3c } from './format.js';
import { areasByCode, CLOSED_STATES, findToken, lastCatalogueChange, publicRequests, type RequestFilter, type RequestRow } from './repository.js';
import type { SparkValue } from './xml.js';

// The read side of Open311 GeoReport v2: discovery, the service list (our category catalogue),
// service definitions, service requests and tokens. Service requests are the public feed's
// matters, answered with what the feed shows: the description and the latest official reply
// redacted with the same known names as the feed (redact-known.ts), the community and its centre
// point, the units handling it; never a person.

type ReadCtx = Pick<Ctx, 'db' | 'clock' | 'cipher'>;
type Query = Record<string, unknown>;

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint first answered: the changeset floor while the catalogue has never been edited. */
const ENDPOINT_SINCE = new Date('2026-11-30T00:00:00+08:00');
const DAY_MS = 24 * 3600_000;
/** The specification's window and page: "a span of 90 days or first 1000 requests, whichever is smallest". */
export const WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

export async function discovery(ctx: ReadCtx, baseUrl: string): Promise<SparkValue> {
  const changed = await lastCatalogueChange(ctx.db);
  const changeset = w3c(changed && changed > ENDPOINT_SINCE ? changed : ENDPOINT_SINCE);
  return {
    changeset,
    contact: 'Fengqiao 枫桥 city social-governance platform: contact the city’s 综治中心 (the platform administrators).',
    key_service: 'API keys are issued by the platform administrators (系统管理员) on the Open311 API keys page; ask the city’s 综治中心.',
    endpoints: [{ specification: SPECIFICATION, url: `${baseUrl}/open311/v2`, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
  };
}

/** Active second-level categories under an active first level: what a request may be filed as. */
export async function activeServices(ctx: Pick<Ctx, 'db'>) {
  const categories = await referenceDataFor(ctx.db).categories();
  return [...categories.values()].flatMap((c) => {
    const group = c.parentCode ? categories.get(c.parentCode) : undefined;
    return c.active && group?.active ? [{ code: c.code, name: c.name, group: group.name }] : [];
  });
}

export async function services(ctx: Pick<Ctx, 'db'>): Promise<SparkValue> {
  return (await activeServices(ctx)).map((s) => ({
    service_code: s.code,
    service_name: s.name,
    description: `${s.group}/${s.name}`,
    // No service has extra questions (attributes): clients need not fetch a definition.
    metadata: false,
    type: 'realtime',
    keywords: null,
    group: s.group,
  }));
}

export async function serviceDefinition(ctx: Pick<Ctx, 'db'>, code: string): Promise<SparkValue> {
  const found = (await activeServices(ctx)).find((s) => s.code === code);
  if (!found) throw notFound(`service_code ${code}`);
  return { service_code: found.code, attributes: [] };
}

/** "a,b" or ["a", "b,c"] → ['a', 'b', 'c']; empty means not given (the specification's optional arguments). */
function listParam(q: Query, name: string): string[] | undefined {
  const raw = q[name];
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [])).map((v) => v.trim()).filter(Boolean);
  return values.length ? values : undefined;
}

/** GET requests' arguments as a filter: the ids override everything; otherwise a window of at most 90 days. */
export function requestFilter(q: Query, now: Date): RequestFilter {
  const numbers = listParam(q, 'service_request_id');
  if (numbers && numbers.length > MAX_REQUESTS) throw invalid('Too many ids', [{ path: 'service_request_id', message: `at most ${MAX_REQUESTS} ids at once` }]);
  if (numbers) return { numbers, limit: MAX_REQUESTS };
  const issues: ErrorDetail[] = [];
  const statuses = listParam(q, 'status');
  for (const s of statuses ?? []) if (s !== 'open' && s !== 'closed') issues.push({ path: 'status', message: `"${s}" is not a status: open or closed` });
  const dates: Record<'start_date' | 'end_date', Date | undefined> = { start_date: undefined, end_date: undefined };
  for (const name of ['start_date', 'end_date'] as const) {
    const raw = listParam(q, name)?.[0];
    if (raw === undefined) continue;
    const at = parseW3c(raw);
    if (at) dates[name] = at;
    else issues.push({ path: name, message: `"${raw}" is not a W3C date-time, e.g. 2026-11-30T00:00:00+08:00` });
  }
  let { start_date: from, end_date: to } = dates;
  if (from && to && from > to) issues.push({ path: 'start_date', message: 'start_date is after end_date' });
  if (from && to && to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) issues.push({ path: 'end_date', message: `the range may not span more than ${WINDOW_DAYS} days` });
  if (issues.length) throw invalid('Invalid arguments', issues);
  if (!from && !to) to = now;
  if (to && !from) from = new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
  if (from && !to) to = new Date(from.getTime() + WINDOW_DAYS * DAY_MS);
  const serviceCodes = listParam(q, 'service_code');
  const wanted = statuses ? [...new Set(statuses as ('open' | 'closed')[])] : undefined;
  return { from: from!, to: to!, limit: MAX_REQUESTS, ...(serviceCodes ? { serviceCodes } : {}), ...(wanted ? { statuses: wanted } : {}) };
}

/** The community (社区) of a matter; one placed above community level gives its own area. */
function communityOf(areaPath: string): string {
  const codes = areaPath.split('.');
  return [...codes].reverse().find((c) => c.length <= AREA_CODE_LENGTH.community) ?? codes[0]!;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

async function toRequests(ctx: ReadCtx, rows: readonly RequestRow[], baseUrl: string): Promise<SparkValue[]> {
  const codes = [...new Set(rows.map((r) => communityOf(r.area_path)))];
  const [areas, photos, known] = await Promise.all([codes.length ? areasByCode(ctx.db, codes) : [], photosOf(ctx.db, rows), knownNamesOf(ctx.db, ctx.cipher, rows)]);
  const byCode = new Map(areas.map((a) => [a.code, a]));
  return rows.map((r) => {
    const community = byCode.get(communityOf(r.area_path));
    const hasBox = community && community.min_lon !== null && community.max_lon !== null && community.min_lat !== null && community.max_lat !== null;
    const closed = CLOSED_STATES.includes(r.state);
    const photo = photos.get(r.id)?.[0];
    const names = known.get(r.id) ?? [];
    return {
      service_request_id: r.number,
      status: closed ? 'closed' : 'open',
      status_notes: r.reply_note ? redactText(r.reply_note, names) : null,
      service_name: r.category_name,
      service_code: r.category_code,
      // Moderation's replacement when there is one; redacted either way, like the feed.
      description: redactText(r.public_description ?? r.description, names),
      agency_responsible: r.assigned_name ?? r.owner_name,
      service_notice: null,
      requested_datetime: w3c(r.created_at),
      updated_datetime: w3c(closed && r.closed_at ? r.closed_at : r.updated_at),
      expected_datetime: r.due_at ? w3c(r.due_at) : null,
      // Never finer than the community: its name, its code and the centre of its bounding box.
      address: community?.name ?? null,
      address_id: community?.code ?? null,
      zipcode: null,
      lat: hasBox ? round6((community.min_lat! + community.max_lat!) / 2) : null,
      long: hasBox ? round6((community.min_lon! + community.max_lon!) / 2) : null,
      media_url: photo ? `${baseUrl}${photo.url}` : null,
    };
  });
}

export async function listRequests(ctx: ReadCtx, q: Query, baseUrl: string): Promise<SparkValue> {
  const rows = await publicRequests(ctx.db, requestFilter(q, ctx.clock.now())).execute();
  return toRequests(ctx, rows, baseUrl);
}

/** One request; a private, hidden or missing one is the same 404. */
export async function getRequest(ctx: ReadCtx, number: string, baseUrl: string): Promise<SparkValue> {
  const rows = await publicRequests(ctx.db, { numbers: [number], limit: 1 }).execute();
  if (rows.length === 0) throw notFound(`service_request_id ${number}`);
  return toRequests(ctx, rows, baseUrl);
}

export async function getToken(ctx: Pick<Ctx, 'db'>, token: string): Promise<SparkValue> {
  const found = await findToken(ctx.db, token);
  if (!found) throw notFound(`token ${token}`);
  return [{ service_request_id: found.number, token: found.token }];
}
