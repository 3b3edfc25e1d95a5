import type { Role, User, UserCreate, UserUpdate } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { forgetUserSessions } from '../../platform/auth/sessions.js';
import { accountOf, forgetLoginFailures, loginBlockedUntil } from '../../platform/auth/throttle.js';
import type { Ctx } from '../../platform/context.js';
import { maskPhone, sha256 } from '../../platform/crypto.js';
import { conflict, invalid } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy/actor.js';
import { aboveScope, assertVisible, inScope, requireActor } from '../../platform/policy/policy.js';
import { locksSelfOut } from '../../platform/policy/accounts.js';
import { findOrgUnit } from '../org/public.js';
import { areaFilterPath, lookupArea } from '../territory/public.js';
import * as repo from './repository.js';

/** The identifiers an account can be logged in with, so its login throttle rows can be found. */
export const loginAccountsOf = (u: { username: string; phone_lookup: string | null }): string[] => [
  accountOf.username(u.username),
  ...(u.phone_lookup ? [accountOf.mobile(u.phone_lookup)] : []),
];

function toUser(u: repo.UserView, lockedUntil: Date | null): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles as Role[],
    unitId: u.unit_id,
    unitName: u.unit_name,
    scopeAreaCode: u.scope_area_code,
    scopeAreaName: u.scope_area_name,
    phoneMasked: u.phone_masked,
    disabled: u.disabled,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    createdAt: new Date(u.created_at).toISOString(),
  };
}

/** Users as the API shows them: lockedUntil is when the last client's login back-off on the account ends. */
export async function toUsers(ctx: Pick<Ctx, 'db' | 'cipher' | 'clock'>, views: repo.UserView[]): Promise<User[]> {
  const until = await loginBlockedUntil(ctx.db, ctx, ctx.clock.now(), views.flatMap(loginAccountsOf));
  return views.map((u) => {
    const times = loginAccountsOf(u).flatMap((a) => until.get(a)?.getTime() ?? []);
    return toUser(u, times.length ? new Date(Math.max(...times)) : null);
  });
}

async function visibleUser(ctx: Ctx, id: string) {
  const actor = requireActor(ctx.actor);
  return assertVisible(await repo.findUserView(ctx.db, id), (u) => u.id === actor.id || inScope(actor, u.scope_path), 'User');
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  return (await toUsers(ctx, [await visibleUser(ctx, id)]))[0]!;
}

export async function listUsers(ctx: Ctx, query: { page: number; pageSize: number; areaCode?: string | undefined; unitId?: string | undefined; role?: string | undefined; q?: string | undefined }) {
  const actor = requireActor(ctx.actor);
  let areaPath: string | undefined;
  if (query.areaCode) {
    areaPath = await areaFilterPath(ctx.db, query.areaCode, (p) => inScope(actor, p));
  }
  const { items, total } = await repo.listUsers(
    ctx.db,
    { scopePath: actor.scopePath, areaPath, unitId: query.unitId, role: query.role, q: query.q },
    query.page,
    query.pageSize,
  );
  return { items: await toUsers(ctx, items), total, page: query.page, pageSize: query.pageSize };
}

/** The scope must lie inside the writer's; the unit must be one they can see. */
async function checkAssignment(ctx: Ctx, actor: Actor, scopeAreaCode: string | undefined, unitId: string | null | undefined) {
  const issues = [];
  if (scopeAreaCode !== undefined) {
    if (!(await lookupArea(ctx.db, scopeAreaCode, (p) => inScope(actor, p)))) issues.push({ path: 'scopeAreaCode', message: `area ${scopeAreaCode} not found` });
  }
  if (unitId) {
    const unit = await findOrgUnit(ctx.db, unitId);
    if (!unit || !(inScope(actor, unit.area_path) || aboveScope(actor, unit.area_path))) issues.push({ path: 'unitId', message: 'unit not found' });
  }
  if (issues.length) throw invalid('Check the highlighted fields', issues);
}

export async function createUser(ctx: Ctx, input: UserCreate): Promise<User> {
  const actor = requireActor(ctx.actor);
  await checkAssignment(ctx, actor, input.scopeAreaCode, input.unitId);
  if (await repo.usernameTaken(ctx.db, input.username)) {
    throw conflict(`Username ${input.username} is taken`, [{ path: 'username', message: 'already taken' }]);
  }
  const now = ctx.clock.now();
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        roles: [...new Set(input.roles)],
        unit_id: input.unitId ?? null,
        scope_area_code: input.scopeAreaCode,
        phone_enc: input.phone ? ctx.cipher.encrypt(input.phone) : null,
        phone_masked: input.phone ? maskPhone(input.phone) : null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { password: _password, phone, ...safe } = input;
    await audit(trx, ctx, { action: 'user.create', entity: 'user', entityId: row.id, after: { ...safe, phone: phone ? maskPhone(phone) : null } });
    return row.id;
  });
  return getUser(ctx, id);
}

/** `currentSessionToken`: the caller's own session, kept when they change their own password. */
export async function updateUser(ctx: Ctx, id: string, patch: UserUpdate, currentSessionToken?: string): Promise<User> {
  const actor = requireActor(ctx.actor);
  const before = await visibleUser(ctx, id);
  await checkAssignment(ctx, actor, patch.scopeAreaCode, patch.unitId);
  if (locksSelfOut(actor, id, patch)) {
    throw invalid('You cannot disable yourself or remove your own admin role', [{ path: patch.disabled ? 'disabled' : 'roles', message: 'would lock you out' }]);
  }
  const now = ctx.clock.now();
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  const beforeUser = (await toUsers(ctx, [before]))[0]!;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        ...(patch.roles !== undefined ? { roles: [...new Set(patch.roles)] } : {}),
        ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
        ...(patch.scopeAreaCode !== undefined ? { scope_area_code: patch.scopeAreaCode } : {}),
        ...(patch.phone !== undefined
          ? { phone_enc: patch.phone ? ctx.cipher.encrypt(patch.phone) : null, phone_masked: patch.phone ? maskPhone(patch.phone) : null }
          : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (patch.unlock) await forgetLoginFailures(trx, ctx, loginAccountsOf(before));
    // A password change, disabling or a new scope ends the user's open sessions; when the user
    // is the caller, every session but the one making this request (a stolen one must not survive).
    if (passwordHash || patch.disabled || patch.scopeAreaCode !== undefined || patch.roles !== undefined) {
      let end = trx.deleteFrom('sessions').where('user_id', '=', id);
      if (id === actor.id && currentSessionToken) end = end.where('token_hash', '!=', sha256(currentSessionToken));
      await end.execute();
    }
    const { password, phone, ...rest } = patch;
    await audit(trx, ctx, {
      action: 'user.update',
      entity: 'user',
      entityId: id,
      before: beforeUser,
      after: { ...rest, ...(password ? { password: '(changed)' } : {}), ...(phone !== undefined ? { phone: phone ? maskPhone(phone) : null } : {}) },
    });
  });
  forgetUserSessions(id); // after the commit, so no request re-caches the old state
  return getUser(ctx, id);
}
