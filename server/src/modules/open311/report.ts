import { z } from 'zod';
import { AreaCode, MatterIntake } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { randomToken } from '../../platform/crypto.js';
import { AppError, invalid, notFound, type ErrorDetail } from '../../platform/errors.js';
import { reportMatter, TRIAGE_HOURS } from '../matters/intake.js';
import { lookupArea } from '../territory/public.js';
import { gridLocatorFor } from '../territory/grid-locator.js';
import { keyActor } from './keys.js';
import { activeServices } from './service.js';
import type { SparkValue } from './xml.js';

// POST requests: a third-party app files a service request with its API key. It becomes an
// ordinary matter through the ordinary intake (channel open311), public and anonymous in the
// feed by nature of this API. The place must resolve to one of our areas: a map point (lat/long)
// inside a grid, or address_id naming an area code; a free-text address alone cannot be placed.

type Body = Record<string, unknown>;
/** The specification's limit on a description, and our intake's on a title. */
const MAX_DESCRIPTION = 4000;
const MAX_TITLE = 80;

/** Our intake's field names in the specification's words, for error messages. */
const OPEN311_NAME: Record<string, string> = {
  title: 'description',
  description: 'description',
  categoryCode: 'service_code',
  address: 'address_string',
  lon: 'long',
  lat: 'lat',
  areaCode: 'address_id',
  reporterName: 'first_name',
  contactPhone: 'phone',
};

/** A form field (or JSON member) as trimmed text; empty counts as not sent, like the specification's optional arguments. */
function field(body: Body, name: string, issues: ErrorDetail[]): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') {
    issues.push({ path: name, message: 'must be text' });
    return undefined;
  }
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

function coordinate(raw: string | undefined, name: 'lat' | 'long', limit: number, issues: ErrorDetail[]): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^[+-]?\d{1,3}(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(n) || Math.abs(n) > limit) {
    issues.push({ path: name, message: `must be a WGS84 ${name === 'lat' ? 'latitude' : 'longitude'} between -${limit} and ${limit}` });
    return undefined;
  }
  return n;
}

/** 张 + 伟 → 张伟 (family name first in Chinese); John + Smith → John Smith. */
function fullName(first?: string, last?: string): string | undefined {
  if (!first || !last) return first ?? last;
  return /^[\p{Script=Han}·]+$/u.test(first + last) ? `${last}${first}` : `${first} ${last}`;
}

/** +86 138 1234 5678 → 13812345678; a landline keeps its dash. */
const normalisePhone = (p: string) => p.replace(/[\s()]/g, '').replace(/^(\+|00)86-?/, '');

const Email = z.string().max(120).email();
const MediaUrl = z.string().max(500).url().refine((u) => /^https?:\/\//i.test(u));

function placeRequired(addressString: string | undefined): AppError {
  return invalid('A location is required', [
    addressString
      ? { path: 'address_string', message: 'a free-text address alone cannot be placed here: send lat and long (WGS84), or address_id (the area code of the community, grid or building)' }
      : { path: 'lat', message: 'send lat and long (WGS84), or address_id (an area code)' },
  ]);
}

/** Our intake's 400 in the specification's field names. */
function renamed(err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED' || !err.details) return err;
  return invalid(err.message, err.details.map((d) => ({ path: OPEN311_NAME[d.path.split('.')[0]!] ?? d.path, message: d.message })));
}

export async function createRequest(ctx: Ctx, rawBody: unknown): Promise<SparkValue> {
  const body: Body = rawBody && typeof rawBody === 'object' && !Array.isArray(rawBody) ? (rawBody as Body) : {};
  // The key first: without a valid one nothing else is looked at (403).
  const actor = await keyActor(ctx, body.api_key);
  const issues: ErrorDetail[] = [];
  const text = (name: string) => field(body, name, issues);
  const serviceCode = text('service_code');
  if (!serviceCode) issues.push({ path: 'service_code', message: 'service_code was not provided' });
  const lat = coordinate(text('lat'), 'lat', 90, issues);
  const lon = coordinate(text('long'), 'long', 180, issues);
  if ((lat === undefined) !== (lon === undefined) && !issues.some((i) => i.path === 'lat' || i.path === 'long')) {
    issues.push({ path: lat === undefined ? 'lat' : 'long', message: 'lat and long both need to be sent' });
  }
  const addressString = text('address_string');
  const addressId = text('address_id');
  if (addressId !== undefined && !AreaCode.safeParse(addressId).success) issues.push({ path: 'address_id', message: 'must be one of our area codes (6 to 20 digits)' });
  const email = text('email');
  if (email !== undefined && !Email.safeParse(email).success) issues.push({ path: 'email', message: 'not an e-mail address' });
  const mediaUrl = text('media_url');
  if (mediaUrl !== undefined && !MediaUrl.safeParse(mediaUrl).success) issues.push({ path: 'media_url', message: 'must be an http(s) URL of at most 500 characters' });
  const phone = text('phone');
  const name = fullName(text('first_name'), text('last_name'));
  const description = text('description');
  // The link stays with the report for the handlers; the request's own media_url answers the public photos.
  const mediaLine = mediaUrl ? `媒体链接: ${mediaUrl}` : null;
  if ((description?.length ?? 0) > MAX_DESCRIPTION) issues.push({ path: 'description', message: 'at most 4,000 characters' });
  else if (description && mediaLine && description.length + mediaLine.length + 2 > MAX_DESCRIPTION) {
    issues.push({ path: 'media_url', message: 'description and media_url together exceed 4,000 characters' });
  }
  if (issues.length) throw invalid('Invalid request', issues);
  if (lat === undefined && addressId === undefined) throw placeRequired(addressString);

  const service = (await activeServices(ctx)).find((s) => s.code === serviceCode);
  if (!service) throw notFound(`service_code ${serviceCode}`);
  const gridCode = lat !== undefined ? await gridLocatorFor(ctx.db).resolve(lon!, lat) : null;
  if (lat !== undefined && !gridCode && addressId === undefined) {
    throw invalid('The point lies outside this jurisdiction', [{ path: 'lat', message: 'lat/long lie outside every grid: send address_id (an area code) too' }]);
  }
  const area = await lookupArea(ctx.db, gridCode ?? addressId!);
  if (!area) throw invalid('Unknown address_id', [{ path: 'address_id', message: 'no area has this code' }]);

  const fullDescription = [description ?? service.name, mediaLine].filter(Boolean).join('\n\n');
  // The title staff lists show: the service and the first words (a matter's title is a plain name, no markup).
  const snippet = (description ?? '').split('\n')[0]!.replace(/[<>\p{Cc}]/gu, '').trim();
  const parsed = MatterIntake.safeParse({
    channel: 'open311',
    title: (snippet ? `${service.name}: ${snippet}` : service.name).slice(0, MAX_TITLE),
    description: fullDescription,
    categoryCode: service.code,
    address: addressString ?? area.name,
    ...(lat !== undefined ? { lon, lat } : {}),
    ...(addressId !== undefined ? { areaCode: addressId } : {}),
    ...(name ? { reporterName: name } : {}),
    ...(phone ? { contactPhone: normalisePhone(phone) } : {}),
    public: true,
    publicAnonymous: true,
  });
  if (!parsed.success) {
    throw renamed(invalid('Invalid request', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))));
  }

  const token = randomToken(18);
  const { matter } = await reportMatter({ ...ctx, actor }, parsed.data, null).catch((err: unknown) => Promise.reject(renamed(err)));
  // The matter and its audit row are one transaction (the intake's); the token is the answer's
  // bookkeeping, written right after together with the key's last use.
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await trx
      .insertInto('open311_tokens')
      .values({ token, matter_id: matter.id, api_key_id: actor.apiKeyId!, email_enc: email ? ctx.cipher.encrypt(email) : null, created_at: now })
      .execute();
    await trx.updateTable('open311_api_keys').set({ last_used_at: now }).where('id', '=', actor.apiKeyId!).execute();
  });
  return [{ service_request_id: matter.number, token, service_notice: `已受理, 综治中心将在${TRIAGE_HOURS}个工作小时内分拨办理`, account_id: null }];
}
