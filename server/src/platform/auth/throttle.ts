import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { Ctx } from '../context.js';
import type { DB } from '../db/schema.js';
import type { ThrottleScope } from '../db/schema-throttle.js';
import { AppError } from '../errors.js';
import { clientAddress } from './client-address.js';

/**
 * Failed logins and code guesses, counted in the database (so every server process sees them)
 * per account on one client, per account on all clients, and per client on all accounts:
 *  - one client backs off on one account after `clientFailures` failures: refused for
 *    backoff · 2ⁿ (capped) after the n-th further failure; a success there clears its count;
 *  - one client over all accounts is refused for the rest of the window after `ipFailures`;
 *  - an account failed `accountFailures` times in the window by all clients together (guessing
 *    spread over many addresses) makes every client back off after its first failure. No client
 *    is refused before its own first failure, so the owner's right password from a fresh client
 *    always gets in: nobody can lock an account from outside.
 * Every attempt is counted before the password is checked (and uncounted on success), so a burst
 * of parallel guesses gets no more tries than a sequence. The account is named by what was typed
 * (accountOf), whether or not it exists, so known and unknown accounts are answered alike.
 */
export interface ThrottleRules {
  clientFailures: number;
  accountFailures: number;
  ipFailures: number;
  windowMs: number;
  backoffMs: number;
  backoffMaxMs: number;
}

export const throttleRules = (config: Config): ThrottleRules => ({
  clientFailures: config.loginClientFailures,
  accountFailures: config.loginAccountFailures,
  ipFailures: config.loginIpFailures,
  windowMs: config.loginWindowMinutes * 60_000,
  backoffMs: config.loginBackoffSeconds * 1000,
  backoffMaxMs: config.loginBackoffMaxMinutes * 60_000,
});

export const normalizeUsername = (username: string) => username.trim().toLowerCase();
/** The account an attempt counts against, named by what was typed: existing or not. */
export const accountOf = {
  username: (username: string) => `username:${normalizeUsername(username)}`,
  mobile: (phoneLookup: string) => `mobile:${phoneLookup}`,
};

/** An attempt on `account` (accountOf) from the client at `ip` (Fastify's request.ip). */
export interface Attempt {
  scope: Extract<ThrottleScope, 'login' | 'code'>;
  account: string;
  ip: string;
}

type Deps = Pick<Ctx, 'db' | 'clock' | 'cipher'>;
type Db = Kysely<DB> | Transaction<DB>;
type Row = { account_key: string; client_key: string; failures: number; window_start: Date; last_at: Date; blocked_until: Date | null };

const accountKey = (deps: Pick<Deps, 'cipher'>, account: string) => deps.cipher.lookupHash(`throttle account:${account}`);
const clientKey = (deps: Pick<Deps, 'cipher'>, ip: string) => deps.cipher.lookupHash(`throttle client:${clientAddress(ip)}`);
/** One request at a time per account and per client (always account first, so no deadlock). */
const lock = (trx: Transaction<DB>, scope: ThrottleScope, side: 'account' | 'client', key: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`throttle ${scope} ${side} ${key}`}, 0))`.execute(trx);

function retryError(code: 'TOO_MANY_ATTEMPTS' | 'RATE_LIMITED', why: string, now: Date, retryAt: Date): AppError {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  return new AppError(code, `${why}: try again in ${seconds} s (after ${new Date(now.getTime() + seconds * 1000).toISOString()})`, undefined, seconds);
}

const SWEEP_ROWS = 100;
/**
 * Rows quiet for a whole window, with no back-off still running, count for nothing: they go a batch
 * at a time with each attempt (which adds at most 3), so the table holds about one window's activity.
 */
async function sweep(db: Db, now: Date, windowMs: number): Promise<void> {
  await sql`
    delete from login_throttle where (scope, account_key, client_key) in (
      select scope, account_key, client_key from login_throttle
      where last_at < ${new Date(now.getTime() - windowMs)} and (blocked_until is null or blocked_until <= ${now})
      order by last_at limit ${SWEEP_ROWS} for update skip locked)`.execute(db);
}

async function rowsOf(trx: Transaction<DB>, scope: ThrottleScope, keys: { account: string; client: string }[]): Promise<Row[]> {
  const rows = await trx
    .selectFrom('login_throttle')
    .select(['account_key', 'client_key', 'failures', 'window_start', 'last_at', 'blocked_until'])
    .where('scope', '=', scope)
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('account_key', '=', k.account), eb('client_key', '=', k.client)]))))
    .execute();
  return rows.map((r) => ({ ...r, window_start: new Date(r.window_start), last_at: new Date(r.last_at), blocked_until: r.blocked_until && new Date(r.blocked_until) }));
}

/** The count of a row over a fixed window from its first failure (0 once the window has passed). */
const inWindow = (row: Row | undefined, now: Date, windowMs: number) => (row && now.getTime() < row.window_start.getTime() + windowMs ? row.failures : 0);

async function upsert(trx: Transaction<DB>, scope: ThrottleScope, rows: Row[]): Promise<void> {
  await trx
    .insertInto('login_throttle')
    .values(rows.map((r) => ({ scope, ...r })))
    .onConflict((oc) =>
      oc.columns(['scope', 'account_key', 'client_key']).doUpdateSet((eb) => ({
        failures: eb.ref('excluded.failures'),
        window_start: eb.ref('excluded.window_start'),
        last_at: eb.ref('excluded.last_at'),
        blocked_until: eb.ref('excluded.blocked_until'),
      })),
    )
    .execute();
}

/**
 * Counts an attempt as failed before it is checked; throws 429 TOO_MANY_ATTEMPTS (with
 * Retry-After) instead when this client must wait. Call attemptSucceeded when it turns out right.
 */
export async function takeAttempt(deps: Deps, rules: ThrottleRules, attempt: Attempt): Promise<void> {
  const now = deps.clock.now();
  const account = accountKey(deps, attempt.account);
  const client = clientKey(deps, attempt.ip);
  await sweep(deps.db, now, rules.windowMs);
  await deps.db.transaction().execute(async (trx) => {
    await lock(trx, attempt.scope, 'account', account);
    await lock(trx, attempt.scope, 'client', client);
    const rows = await rowsOf(trx, attempt.scope, [{ account, client }, { account, client: '' }, { account: '', client }]);
    const find = (a: string, c: string) => rows.find((r) => r.account_key === a && r.client_key === c);
    const pair = find(account, client);
    const onAccount = find(account, '');
    const fromClient = find('', client);

    const clientCount = inWindow(fromClient, now, rules.windowMs);
    const waits = [
      pair?.blocked_until && pair.blocked_until > now ? pair.blocked_until : null,
      rules.ipFailures > 0 && clientCount >= rules.ipFailures ? new Date(fromClient!.window_start.getTime() + rules.windowMs) : null,
    ].filter((d): d is Date => d !== null);
    if (waits.length) throw retryError('TOO_MANY_ATTEMPTS', 'Too many failed attempts', now, new Date(Math.max(...waits.map((d) => d.getTime()))));

    // A client's count on an account lasts until it has been quiet for a window.
    const pairCount = pair && now.getTime() < pair.last_at.getTime() + rules.windowMs ? pair.failures : 0;
    const accountCount = inWindow(onAccount, now, rules.windowMs);
    const free = rules.accountFailures > 0 && accountCount >= rules.accountFailures ? 1 : rules.clientFailures;
    const failures = pairCount + 1;
    const blockedUntil = failures >= free ? new Date(now.getTime() + Math.min(rules.backoffMaxMs, rules.backoffMs * 2 ** Math.min(failures - free, 30))) : null;
    await upsert(trx, attempt.scope, [
      { account_key: account, client_key: client, failures, window_start: pairCount ? pair!.window_start : now, last_at: now, blocked_until: blockedUntil },
      { account_key: account, client_key: '', failures: accountCount + 1, window_start: accountCount ? onAccount!.window_start : now, last_at: now, blocked_until: null },
      { account_key: '', client_key: client, failures: clientCount + 1, window_start: clientCount ? fromClient!.window_start : now, last_at: now, blocked_until: null },
    ]);
  });
}

/** The attempt was right: this client's count on the account goes, and the attempt is uncounted. */
export async function attemptSucceeded(trx: Transaction<DB>, deps: Pick<Deps, 'cipher'>, attempt: Attempt): Promise<void> {
  const account = accountKey(deps, attempt.account);
  const client = clientKey(deps, attempt.ip);
  await lock(trx, attempt.scope, 'account', account);
  await lock(trx, attempt.scope, 'client', client);
  await trx.deleteFrom('login_throttle').where('scope', '=', attempt.scope).where('account_key', '=', account).where('client_key', '=', client).execute();
  await trx
    .updateTable('login_throttle')
    .set({ failures: sql`greatest(failures - 1, 0)` })
    .where('scope', '=', attempt.scope)
    .where((eb) => eb.or([eb.and([eb('account_key', '=', account), eb('client_key', '=', '')]), eb.and([eb('account_key', '=', ''), eb('client_key', '=', client)])]))
    .execute();
}

/**
 * Counts one event of a client (e.g. a verification code sent) inside the caller's transaction;
 * throws 429 RATE_LIMITED with Retry-After once `limit` (0 = none) were counted in the window.
 */
export async function chargeClient(trx: Transaction<DB>, deps: Pick<Deps, 'cipher' | 'clock'>, rules: ThrottleRules, event: { scope: 'code_send'; ip: string; limit: number; why: string }): Promise<void> {
  const { scope, limit, why } = event;
  const { windowMs } = rules;
  if (limit <= 0) return;
  const now = deps.clock.now();
  const client = clientKey(deps, event.ip);
  await sweep(trx, now, windowMs);
  await lock(trx, scope, 'client', client);
  const [row] = await rowsOf(trx, scope, [{ account: '', client }]);
  const count = inWindow(row, now, windowMs);
  if (count >= limit) throw retryError('RATE_LIMITED', why, now, new Date(row!.window_start.getTime() + windowMs));
  await upsert(trx, scope, [{ account_key: '', client_key: client, failures: count + 1, window_start: count ? row!.window_start : now, last_at: now, blocked_until: null }]);
}

/** Admin unlock and password reset: every client's login back-off on these accounts ends. */
export async function forgetLoginFailures(db: Db, deps: Pick<Deps, 'cipher'>, accounts: string[]): Promise<void> {
  if (!accounts.length) return;
  await db.deleteFrom('login_throttle').where('scope', '=', 'login').where('account_key', 'in', accounts.map((a) => accountKey(deps, a))).execute();
}

/** For each account (accountOf) some client is refused logins on: until when. */
export async function loginBlockedUntil(db: Db, deps: Pick<Deps, 'cipher'>, now: Date, accounts: string[]): Promise<Map<string, Date>> {
  const byKey = new Map(accounts.map((a) => [accountKey(deps, a), a]));
  if (!byKey.size) return new Map();
  const rows = await db
    .selectFrom('login_throttle')
    .select(['account_key', (eb) => eb.fn.max('blocked_until').as('until')])
    .where('scope', '=', 'login')
    .where('account_key', 'in', [...byKey.keys()])
    .where('blocked_until', '>', now)
    .groupBy('account_key')
    .execute();
  return new Map(rows.filter((r) => r.until).map((r) => [byKey.get(r.account_key)!, new Date(r.until!)]));
}
