import type { AreaLevel, LoginBody, Me } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import { burnPasswordCheck, verifyPassword } from '../../platform/auth/passwords.js';
import { createSession, deleteSession, type NewSession, type SessionKind } from '../../platform/auth/sessions.js';
import { accountOf, attemptSucceeded, normalizeUsername, takeAttempt, throttleRules, type Attempt } from '../../platform/auth/throttle.js';
import type { Config } from '../../platform/config.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { permissionsOf } from '../../platform/policy/policy.js';
import { findUserForLogin, findUserView } from '../users/public.js';
import { toUsers } from '../users/service.js';

/**
 * Checks the password of a username login. Attempts are throttled per username and client
 * (platform/auth/throttle.ts), never by locking the account; unknown usernames are counted,
 * timed and answered like known ones.
 */
export function logIn(ctx: Ctx, config: Config, body: LoginBody, kind: SessionKind, ip: string): Promise<NewSession & { userId: string }> {
  const username = normalizeUsername(body.username);
  return logInWith(ctx, config, { account: accountOf.username(username), find: (db) => findUserForLogin(db, username), password: body.password, wrongMessage: 'Wrong username or password' }, kind, ip);
}

export type LoginUser = Awaited<ReturnType<typeof findUserForLogin>>;

export interface LoginLookup {
  /** What the attempt is throttled by (accountOf): named by what was typed, whether or not it exists. */
  account: string;
  /** Finds the account (by username, by the mobile number's look-up hash …). */
  find: (db: Ctx['db']) => Promise<LoginUser>;
  password: string;
  /** Said alike for an unknown account and a wrong password. */
  wrongMessage: string;
}

/** logIn for any way of finding the account: the same throttle, password check, session and audit. */
export async function logInWith(ctx: Ctx, config: Config, lookup: LoginLookup, kind: SessionKind, ip: string): Promise<NewSession & { userId: string }> {
  const WRONG = () => new AppError('UNAUTHENTICATED', lookup.wrongMessage);
  const attempt: Attempt = { scope: 'login', account: lookup.account, ip };
  await takeAttempt(ctx, throttleRules(config), attempt);
  const user = await lookup.find(ctx.db);
  if (!user) {
    await burnPasswordCheck(lookup.password);
    throw WRONG();
  }
  if (!(await verifyPassword(user.password_hash, lookup.password))) {
    await audit(ctx.db, { ...ctx, actor: null }, { action: 'auth.login_failed', entity: 'user', entityId: user.id });
    throw WRONG();
  }
  if (user.disabled) throw new AppError('UNAUTHENTICATED', 'This account is disabled; ask an administrator');
  return ctx.db.transaction().execute(async (trx) => {
    await attemptSucceeded(trx, ctx, attempt);
    const session = await createSession(trx, user.id, kind, ctx.clock, config.sessionTtlHours);
    await audit(trx, { ...ctx, actor: { id: user.id, displayName: user.display_name } }, { action: `auth.login.${kind}`, entity: 'user', entityId: user.id });
    return { ...session, userId: user.id };
  });
}

export async function logOut(ctx: Ctx, token: string): Promise<void> {
  await deleteSession(ctx.db, token);
}

export async function describeMe(ctx: Ctx, userId: string, csrfToken: string): Promise<Me> {
  const view = await findUserView(ctx.db, userId);
  if (!view) throw new AppError('UNAUTHENTICATED', 'Please log in first');
  const user = (await toUsers(ctx, [view]))[0]!;
  return {
    user,
    scopeArea: { code: view.scope_area_code, name: view.scope_area_name, level: view.scope_area_level as AreaLevel },
    permissions: [...permissionsOf(user.roles)],
    csrfToken,
  };
}
