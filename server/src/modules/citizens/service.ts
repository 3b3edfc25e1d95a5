import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { CitizenCodeRequest, CitizenLoginBody, CitizenPasswordReset, CitizenProfile, CitizenProfilePatch, CitizenRegisterBody, VerificationPurpose } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { createSession, forgetUserSessions, type NewSession } from '../../platform/auth/sessions.js';
import { accountOf, attemptSucceeded, chargeClient, forgetLoginFailures, takeAttempt, throttleRules, type Attempt } from '../../platform/auth/throttle.js';
import type { Config } from '../../platform/config.js';
import type { Ctx } from '../../platform/context.js';
import { maskPhone, type FieldCipher } from '../../platform/crypto.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, conflict } from '../../platform/errors.js';
import { requireActor } from '../../platform/policy/policy.js';
import { hasCitizenProfile } from '../../platform/policy/accounts.js';
import { logInWith } from '../auth/service.js';
import type { OutboxPayload } from '../notifications/senders.js';
import { findUserForLoginByPhoneLookup } from '../users/public.js';
import { loginAccountsOf } from '../users/service.js';

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_INTERVAL_MS = 60_000;
export const CODES_PER_DAY = 10;
export const CODE_MAX_ATTEMPTS = 5;
const DAY_MS = 24 * 3600_000;

/** The mobile number as hashed: the schema already allows only 11 digits, so only stray spaces go. */
export const normalizeMobile = (mobile: string) => mobile.replace(/\s+/g, '');
export const phoneLookup = (cipher: FieldCipher, mobile: string) => cipher.lookupHash(`mobile:${normalizeMobile(mobile)}`);
/** The code is kept only as an HMAC bound to its row, so a leaked table gives no usable codes. */
export const codeHash = (cipher: FieldCipher, id: string, code: string) => cipher.lookupHash(`code:${id}:${code}`);

/** One request at a time per number (rate limits, code use, registration). */
const lockNumber = (trx: Transaction<DB>, lookup: string) => sql`select pg_advisory_xact_lock(hashtextextended(${lookup}, 0))`.execute(trx);

function rateLimited(now: Date, retryAt: Date, why: string): AppError {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  return new AppError('RATE_LIMITED', `${why}: try again in ${seconds} s (after ${retryAt.toISOString()})`, undefined, seconds);
}

const SMS_TEXT: Record<VerificationPurpose, (code: string) => string> = {
  register: (code) => `【枫桥】您的注册验证码是 ${code}，10分钟内有效。请勿告诉他人。`,
  reset: (code) => `【枫桥】您正在重置密码，验证码是 ${code}，10分钟内有效。如非本人操作请忽略。`,
};

/**
 * Issues a 6-digit code for the number. Answers alike whether or not the number is registered:
 * a register code goes only to a new number, a reset code only to a registered one, but the
 * code row (and so the rate limit) is written either way.
 */
export async function requestCode(ctx: Ctx, config: Config, body: CitizenCodeRequest, ip: string): Promise<void> {
  const mobile = normalizeMobile(body.mobile);
  const lookup = phoneLookup(ctx.cipher, mobile);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await lockNumber(trx, lookup);
    const recent = await trx
      .selectFrom('verification_codes')
      .select('created_at')
      .where('phone_lookup', '=', lookup)
      .where('created_at', '>', new Date(now.getTime() - DAY_MS))
      .orderBy('created_at', 'asc')
      .execute();
    const last = recent.at(-1);
    if (last && new Date(last.created_at).getTime() + CODE_INTERVAL_MS > now.getTime()) {
      throw rateLimited(now, new Date(new Date(last.created_at).getTime() + CODE_INTERVAL_MS), 'A code was sent to this number less than 60 s ago');
    }
    if (recent.length >= CODES_PER_DAY) {
      const oldest = recent[recent.length - CODES_PER_DAY]!;
      throw rateLimited(now, new Date(new Date(oldest.created_at).getTime() + DAY_MS), `At most ${CODES_PER_DAY} codes a day are sent to one number`);
    }
    // Counted only for a code actually issued; refused alike for registered and unregistered numbers.
    await chargeClient(trx, ctx, throttleRules(config), { scope: 'code_send', ip, limit: config.codeSendsPerIp, why: 'Too many codes were requested from this network' });
    const registered = Boolean(await trx.selectFrom('users').select('id').where('phone_lookup', '=', lookup).executeTakeFirst());
    // A new code replaces the ones before it.
    await trx
      .updateTable('verification_codes')
      .set({ used_at: now })
      .where('phone_lookup', '=', lookup)
      .where('purpose', '=', body.purpose)
      .where('used_at', 'is', null)
      .execute();
    const id = crypto.randomUUID();
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    await trx
      .insertInto('verification_codes')
      .values({ id, phone_lookup: lookup, purpose: body.purpose, code_hash: codeHash(ctx.cipher, id, code), expires_at: new Date(now.getTime() + CODE_TTL_MS), created_at: now })
      .execute();
    if (body.purpose === 'register' ? registered : !registered) return;
    const payload: OutboxPayload = {
      kind: `citizen.code.${body.purpose}`,
      title: '枫桥验证码',
      body: ctx.cipher.encrypt(SMS_TEXT[body.purpose](code)),
      link: null,
      matterId: null,
      phoneEnc: ctx.cipher.encrypt(mobile),
    };
    await trx
      .insertInto('outbox')
      .values({ channel: 'sms', recipient: `phone:${lookup}`, payload: JSON.stringify(payload), created_at: now, available_at: now })
      .execute();
  });
}

const badCode = (message: string) => new AppError('VALIDATION_FAILED', message, [{ path: 'code', message }]);

/**
 * Uses the number's latest code of this purpose. A wrong code counts an attempt; the error is
 * returned (not thrown) so the caller commits the count before answering.
 */
async function useCode(trx: Transaction<DB>, ctx: Ctx, lookup: string, purpose: VerificationPurpose, code: string): Promise<AppError | null> {
  const now = ctx.clock.now();
  const row = await trx
    .selectFrom('verification_codes')
    .selectAll()
    .where('phone_lookup', '=', lookup)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.used_at) return badCode('Wrong verification code; request a new one');
  if (new Date(row.expires_at) <= now) return badCode('The verification code has expired; request a new one');
  if (row.attempts >= CODE_MAX_ATTEMPTS) return badCode('Too many wrong attempts; request a new code');
  const expected = Buffer.from(row.code_hash, 'hex');
  const given = Buffer.from(codeHash(ctx.cipher, row.id, code), 'hex');
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
    await trx.updateTable('verification_codes').set({ attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
    return badCode(row.attempts + 1 >= CODE_MAX_ATTEMPTS ? 'Too many wrong attempts; request a new code' : 'Wrong verification code');
  }
  await trx.updateTable('verification_codes').set({ used_at: now }).where('id', '=', row.id).execute();
  return null;
}

const digits = (n: number) => Array.from({ length: n }, () => crypto.randomInt(0, 10)).join('');

/** Code guesses are throttled per number and client like password guesses (platform/auth/throttle.ts). */
async function takeCodeAttempt(ctx: Ctx, config: Config, lookup: string, ip: string): Promise<Attempt> {
  const attempt: Attempt = { scope: 'code', account: accountOf.mobile(lookup), ip };
  await takeAttempt(ctx, throttleRules(config), attempt);
  return attempt;
}

/** Creates the citizen account (scope: the city) and logs it in with a session cookie. */
export async function register(ctx: Ctx, config: Config, body: CitizenRegisterBody, ip: string): Promise<NewSession & { userId: string }> {
  const mobile = normalizeMobile(body.mobile);
  const lookup = phoneLookup(ctx.cipher, mobile);
  const attempt = await takeCodeAttempt(ctx, config, lookup, ip);
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    await lockNumber(trx, lookup);
    const bad = await useCode(trx, ctx, lookup, 'register', body.code);
    if (bad) return { bad };
    await attemptSucceeded(trx, ctx, attempt);
    // Checked after the code, so nobody without the phone learns whether a number is registered.
    if (await trx.selectFrom('users').select('id').where('phone_lookup', '=', lookup).executeTakeFirst()) {
      throw conflict('This mobile number is already registered: log in, or reset the password', [{ path: 'mobile', message: 'already registered' }]);
    }
    const city = await trx.selectFrom('areas').select('code').where('parent_code', 'is', null).orderBy('code').limit(1).executeTakeFirst();
    if (!city) throw new AppError('INTERNAL', 'No city area is set up yet');
    // The user name is random (m + 11 digits), not the number: the number is never stored in clear.
    let username = `m${digits(11)}`;
    while (await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) username = `m${digits(11)}`;
    const user = await trx
      .insertInto('users')
      .values({
        username,
        display_name: body.displayName,
        password_hash: passwordHash,
        roles: ['citizen'],
        unit_id: null,
        scope_area_code: city.code,
        phone_enc: ctx.cipher.encrypt(mobile),
        phone_masked: maskPhone(mobile),
        phone_lookup: lookup,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const actor = { id: user.id, displayName: body.displayName };
    await audit(trx, { ...ctx, actor }, { action: 'citizen.register', entity: 'user', entityId: user.id, after: { username, displayName: body.displayName, roles: ['citizen'], scopeAreaCode: city.code } });
    const session = await createSession(trx, user.id, 'cookie', ctx.clock, config.sessionTtlHours);
    return { session: { ...session, userId: user.id } };
  });
  if ('bad' in result) throw result.bad!;
  return result.session;
}

export function logInByMobile(ctx: Ctx, config: Config, body: CitizenLoginBody, ip: string) {
  const lookup = phoneLookup(ctx.cipher, body.mobile);
  return logInWith(
    ctx,
    config,
    { account: accountOf.mobile(lookup), find: (db) => findUserForLoginByPhoneLookup(db, lookup), password: body.password, wrongMessage: 'Wrong mobile number or password' },
    'cookie',
    ip,
  );
}

/** Sets a new password with a reset code; ends every session of the account and every client's login back-off. */
export async function resetPassword(ctx: Ctx, config: Config, body: CitizenPasswordReset, ip: string): Promise<void> {
  const lookup = phoneLookup(ctx.cipher, body.mobile);
  const attempt = await takeCodeAttempt(ctx, config, lookup, ip);
  const passwordHash = await hashPassword(body.newPassword);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    await lockNumber(trx, lookup);
    const bad = await useCode(trx, ctx, lookup, 'reset', body.code);
    if (bad) return { bad };
    const user = await trx.selectFrom('users').select(['id', 'display_name', 'username', 'phone_lookup']).where('phone_lookup', '=', lookup).executeTakeFirst();
    // Reset codes are sent only to registered numbers; an account removed since answers like a wrong code.
    if (!user) throw badCode('Wrong verification code; request a new one');
    await attemptSucceeded(trx, ctx, attempt);
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', user.id).execute();
    await forgetLoginFailures(trx, ctx, loginAccountsOf(user));
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await audit(trx, { ...ctx, actor: { id: user.id, displayName: user.display_name } }, { action: 'citizen.password_reset', entity: 'user', entityId: user.id, after: { password: '(changed)' } });
    return { userId: user.id };
  });
  if ('bad' in result) throw result.bad!;
  forgetUserSessions(result.userId);
}

function requireCitizen(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  if (!hasCitizenProfile(actor)) throw new AppError('FORBIDDEN', 'Only citizen accounts have a citizen profile');
  return actor;
}

export async function getProfile(ctx: Ctx): Promise<CitizenProfile> {
  const actor = requireCitizen(ctx);
  const row = await ctx.db.selectFrom('users').select(['display_name', 'phone_masked', 'created_at']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  return { displayName: row.display_name, phoneMasked: row.phone_masked, createdAt: new Date(row.created_at).toISOString() };
}

export async function updateProfile(ctx: Ctx, patch: CitizenProfilePatch): Promise<CitizenProfile> {
  const actor = requireCitizen(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select('display_name').where('id', '=', actor.id).forUpdate().executeTakeFirstOrThrow();
    await trx.updateTable('users').set({ display_name: patch.displayName, updated_at: ctx.clock.now() }).where('id', '=', actor.id).execute();
    await audit(trx, ctx, { action: 'citizen.profile_update', entity: 'user', entityId: actor.id, before: { displayName: before.display_name }, after: { displayName: patch.displayName } });
  });
  forgetUserSessions(actor.id);
  return getProfile(ctx);
}
