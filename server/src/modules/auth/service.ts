import { sql } from 'kysely';
import type { AreaLevel, LoginBody, Me } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import { burnPasswordCheck, verifyPassword } from '../../platform/auth/passwords.js';
import { createSession, deleteSession, type NewSession, type SessionKind } from '../../platform/auth/sessions.js';
import type { Config } from '../../platform/config.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { permissionsOf } from '../../platform/policy/policy.js';
import { findUserForLogin, findUserView } from '../users/repository.js';
import { toUser } from '../users/service.js';

function lockedMessage(until: Date): AppError {
  return new AppError('ACCOUNT_LOCKED', `Too many failed attempts: the account is locked until ${until.toISOString()}; an administrator can unlock it sooner`);
}

/**
 * Checks the password, counting failures: after `lockoutThreshold` failures in a row the account
 * is locked for `lockoutMinutes`. Unknown usernames cost the same time as known ones.
 */
export function logIn(ctx: Ctx, config: Config, body: LoginBody, kind: SessionKind): Promise<NewSession & { userId: string }> {
  return logInWith(ctx, config, { find: (db) => findUserForLogin(db, body.username), password: body.password, wrongMessage: 'Wrong username or password' }, kind);
}

export type LoginUser = Awaited<ReturnType<typeof findUserForLogin>>;

export interface LoginLookup {
  /** Finds the account (by username, by the mobile number's look-up hash …). */
  find: (db: Ctx['db']) => Promise<LoginUser>;
  password: string;
  /** Said alike for an unknown account and a wrong password. */
  wrongMessage: string;
}

/** logIn for any way of finding the account: the same password check, lockout, session and audit. */
export async function logInWith(ctx: Ctx, config: Config, lookup: LoginLookup, kind: SessionKind): Promise<NewSession & { userId: string }> {
  const WRONG = () => new AppError('UNAUTHENTICATED', lookup.wrongMessage);
  const now = ctx.clock.now();
  const user = await lookup.find(ctx.db);
  if (!user) {
    await burnPasswordCheck(lookup.password);
    throw WRONG();
  }
  if (user.locked_until && new Date(user.locked_until) > now) throw lockedMessage(new Date(user.locked_until));
  const actorCtx = { ...ctx, actor: null };
  if (!(await verifyPassword(user.password_hash, lookup.password))) {
    const lockUntil = new Date(now.getTime() + config.lockoutMinutes * 60_000);
    const updated = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('users')
        .set({
          // After an expired lockout the count starts again, so one typo does not re-lock the account.
          failed_logins: sql`case when locked_until is not null then 1 else failed_logins + 1 end`,
          locked_until: sql`case
            when (case when locked_until is not null then 1 else failed_logins + 1 end) >= ${config.lockoutThreshold} then ${lockUntil}::timestamptz
            else null end`,
        })
        .where('id', '=', user.id)
        .returning(['failed_logins', 'locked_until'])
        .executeTakeFirstOrThrow();
      await audit(trx, actorCtx, { action: 'auth.login_failed', entity: 'user', entityId: user.id, after: { failedLogins: row.failed_logins } });
      return row;
    });
    if (updated.locked_until && new Date(updated.locked_until) > now) throw lockedMessage(new Date(updated.locked_until));
    throw WRONG();
  }
  if (user.disabled) throw new AppError('UNAUTHENTICATED', 'This account is disabled; ask an administrator');
  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
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
  const user = toUser(view, ctx.clock.now());
  return {
    user,
    scopeArea: { code: view.scope_area_code, name: view.scope_area_name, level: view.scope_area_level as AreaLevel },
    permissions: [...permissionsOf(user.roles)],
    csrfToken,
  };
}
