import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from '@fengqiao/shared';
import { describe, expect, it } from 'vitest';
import { hasCitizenProfile, locksSelfOut } from './accounts.js';
import type { Actor } from './actor.js';
import { mediatesOwnIntake } from './disputes.js';
import { mayReadAnyFile } from './files.js';
import { maySeeReplyFlags } from './matters.js';
import { permissionsOf } from './policy.js';
import { canHandleSupervision, worksSupervisionDesk } from './supervision.js';

// The role rules the modules ask instead of reading actor.roles themselves.

const actor = (roles: Role[], over: Partial<Actor> = {}): Actor => ({
  id: 'u-1',
  username: 'u1',
  displayName: '甲',
  roles,
  unitId: null,
  scopeAreaCode: '330100',
  scopePath: '330100',
  permissions: permissionsOf(roles),
  ...over,
});

/** The roles, alone, for which `rule` holds. */
const holdingAlone = (rule: (a: Actor) => boolean) => ROLES.filter((r) => rule(actor([r])));

describe('role rules', () => {
  it('only the administrator reads any file', () => {
    expect(holdingAlone(mayReadAnyFile)).toEqual(['admin']);
    expect(mayReadAnyFile(actor(['citizen', 'admin']))).toBe(true);
  });

  it('reply flags are hidden from accounts with no staff role', () => {
    expect(holdingAlone(maySeeReplyFlags)).toEqual(ROLES.filter((r) => r !== 'citizen'));
    expect(maySeeReplyFlags(actor(['citizen', 'grid_worker']))).toBe(true);
    // An Open311 key has no roles: it is no staff member either.
    expect(maySeeReplyFlags(actor([], { apiKeyId: 'k-1' }))).toBe(false);
  });

  it('only citizen accounts have a citizen profile', () => {
    expect(holdingAlone(hasCitizenProfile)).toEqual(['citizen']);
    expect(hasCitizenProfile(actor(['grid_worker', 'citizen']))).toBe(true);
  });

  it('a mediator mediates the cases they register', () => {
    expect(holdingAlone(mediatesOwnIntake)).toEqual(['mediator']);
    expect(mediatesOwnIntake(actor(['community_staff', 'mediator']))).toBe(true);
  });

  it('the supervision desk is a command operator holding supervision.read', () => {
    expect(holdingAlone(worksSupervisionDesk)).toEqual(['command_operator']);
    const withoutGrant = actor(['command_operator'], { permissions: new Set([...permissionsOf(['command_operator'])].filter((p) => p !== 'supervision.read')) });
    expect(worksSupervisionDesk(withoutGrant)).toBe(false);
    const report = { areaPath: '330100', handlingUnitId: null, reporterUserId: 'u-2' };
    expect(canHandleSupervision(withoutGrant, report)).toBe(false);
    expect(canHandleSupervision(actor(['command_operator']), report)).toBe(true);
  });

  it('nobody locks themselves out of their own account', () => {
    const admin = actor(['admin']);
    expect(locksSelfOut(admin, admin.id, { disabled: true })).toBe(true);
    expect(locksSelfOut(admin, admin.id, { roles: ['auditor'] })).toBe(true);
    expect(locksSelfOut(admin, admin.id, { roles: ['admin', 'auditor'], disabled: false })).toBe(false);
    expect(locksSelfOut(admin, 'u-2', { disabled: true, roles: [] })).toBe(false);
    // Only an administrator's own admin role is guarded: others may change their roles as their grants allow.
    expect(locksSelfOut(actor(['dispatcher']), 'u-1', { roles: ['grid_worker'] })).toBe(false);
  });
});

/** Every non-test TypeScript file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

// Reading an actor's roles (`actor.roles`, `requireActor(ctx).roles`, `const { roles } = actor`).
const ROLE_READS = [/\b(actor|requireActor\([^)]*\))!?\??\.roles\b/, /\{[^}]*\broles\b[^}]*\}\s*=\s*(ctx\.)?actor\b/];

describe('role checks live in the policy', () => {
  it('no module or platform file outside platform/policy reads an actor’s roles', () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const policyDir = path.join(src, 'platform', 'policy');
    const offending = sources(src)
      .filter((f) => !f.startsWith(policyDir + path.sep))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) => (ROLE_READS.some((re) => re.test(line)) ? [`${path.relative(src, f)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offending).toEqual([]);
  });

  it('the scan catches the forms it names', () => {
    const caught = ['if (actor.roles.includes(\'admin\')) return', 'requireActor(ctx.actor).roles.some((r) => r === x)', 'const { roles } = ctx.actor;', 'ctx.actor!.roles'];
    for (const line of caught) expect(ROLE_READS.some((re) => re.test(line)), line).toBe(true);
    expect(ROLE_READS.some((re) => re.test("users.find((x) => x.roles.includes('dept_handler'))"))).toBe(false);
  });
});
