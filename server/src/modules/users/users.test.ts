import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../platform/db/schema.js';
import { describeEachDb } from '../../../test/databases.js';
import { makeArea, makeUser } from '../../../test/factories.js';
import { call, loginToken, useTestEnv } from '../../../test/test-app.js';

// Users: personal data at rest, account lifecycle (create, disable, password, lockout) and
// who may see whom.

const PHONE = '13812345678';

/** A city admin plus a district with two streets and a dispatcher in street A. */
async function setup(db: Kysely<DB>) {
  const city = await makeArea(db, { level: 'city' });
  const district = await makeArea(db, { level: 'district', parent: city });
  const streetA = await makeArea(db, { level: 'street', parent: district });
  const streetB = await makeArea(db, { level: 'street', parent: district });
  const communityA = await makeArea(db, { level: 'community', parent: streetA });
  const admin = await makeUser(db, { roles: ['admin'], scope: city });
  const dispatcher = await makeUser(db, { roles: ['dispatcher'], scope: streetA });
  return { city, district, streetA, streetB, communityA, admin, dispatcher };
}

const newUser = (scopeAreaCode: string, extra: Record<string, unknown> = {}) => ({
  username: `n${crypto.randomBytes(5).toString('hex')}`,
  displayName: '新用户',
  password: 'a brand new password',
  roles: ['grid_worker'],
  scopeAreaCode,
  ...extra,
});

describeEachDb('users', (kind) => {
  const env = useTestEnv(kind);

  describe('create', () => {
    it('stores the phone encrypted, keeps only a masked copy readable, and returns only the mask', async () => {
      const { app, database } = env();
      const t = await setup(database.db);
      const admin = await loginToken(app, t.admin.username, t.admin.password);
      const res = await call(app, admin, 'POST', '/api/users', newUser(t.streetA.code, { phone: PHONE }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().phoneMasked).toBe('138****5678');
      expect(res.body).not.toContain(PHONE);

      const row = await database.db.selectFrom('users').select(['phone_enc', 'phone_masked']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
      expect(row.phone_masked).toBe('138****5678');
      expect(row.phone_enc).toMatch(/^v1\./);
      // Neither the number nor its hidden middle digits appear in the stored ciphertext.
      expect(row.phone_enc).not.toContain(PHONE);
      expect(row.phone_enc).not.toContain('1234');
      expect(env().deps.cipher.decrypt(row.phone_enc!)).toBe(PHONE);

      const got = await call(app, admin, 'GET', `/api/users/${res.json().id}`);
      expect(got.json().phoneMasked).toBe('138****5678');
      expect(got.body).not.toContain(PHONE);
      // The audit trail is no back door to the number either.
      const trail = await database.db.selectFrom('audit_log').select('after').where('entity_id', '=', res.json().id).execute();
      expect(JSON.stringify(trail)).not.toContain(PHONE);
    });

    it('creates a user who can then log in with the password given', async () => {
      const { app, database } = env();
      const t = await setup(database.db);
      const admin = await loginToken(app, t.admin.username, t.admin.password);
      const body = newUser(t.communityA.code);
      expect((await call(app, admin, 'POST', '/api/users', body)).statusCode).toBe(201);
      const session = await loginToken(app, body.username, body.password);
      const me = await call(app, session, 'GET', '/api/auth/me');
      expect(me.json().user).toMatchObject({ username: body.username, roles: ['grid_worker'], scopeAreaCode: t.communityA.code });
      const wrong = await app.inject({ method: 'POST', url: '/api/auth/token', payload: { username: body.username, password: 'not the password' } });
      expect(wrong.statusCode).toBe(401);
    });

    it('refuses a username that is taken with 409 on `username`', async () => {
      const { app, database } = env();
      const t = await setup(database.db);
      const admin = await loginToken(app, t.admin.username, t.admin.password);
      const body = newUser(t.streetA.code);
      expect((await call(app, admin, 'POST', '/api/users', body)).statusCode).toBe(201);
      const again = await call(app, admin, 'POST', '/api/users', { ...body, displayName: '另一个人' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'username' }] });
      expect(again.json().error.message).not.toMatch(/duplicate|constraint|insert/i);
    });
  });

  describe('scope', () => {
    it('lists for a dispatcher only the users whose scope lies in their street', async () => {
      const { app, database } = env();
      const t = await setup(database.db);
      const inStreet = await makeUser(database.db, { roles: ['grid_worker'], scope: t.communityA });
      await makeUser(database.db, { roles: ['grid_worker'], scope: t.streetB });
      await makeUser(database.db, { roles: ['dept_handler'], scope: t.district });
      const me = await loginToken(app, t.dispatcher.username, t.dispatcher.password);

      const res = await call(app, me, 'GET', '/api/users?pageSize=200');
      expect(res.statusCode).toBe(200);
      // Users above the street (the district's, the city admin) are not theirs to see either.
      expect(res.json().items.map((u: { id: string }) => u.id).sort()).toEqual([inStreet.id, me.userId].sort());
      expect(res.json().total).toBe(2);
    });

    it('answers another street’s user like a missing one', async () => {
      const { app, database } = env();
      const t = await setup(database.db);
      const other = await makeUser(database.db, { roles: ['grid_worker'], scope: t.streetB });
      const me = await loginToken(app, t.dispatcher.username, t.dispatcher.password);
      const hidden = await call(app, me, 'GET', `/api/users/${other.id}`);
      const missing = await call(app, me, 'GET', `/api/users/${crypto.randomUUID()}`);
      expect(hidden.statusCode).toBe(404);
      expect({ ...hidden.json().error, requestId: null }).toEqual({ ...missing.json().error, requestId: null });
    });
  });

  describe('account lifecycle', () => {
    it('does not let an admin disable themself', async () => {
      const { app, database } = env();
      const t = await setup(database.db);
      const admin = await loginToken(app, t.admin.username, t.admin.password);
      const res = await call(app, admin, 'PATCH', `/api/users/${admin.userId}`, { disabled: true });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'disabled' }] });
      expect((await call(app, admin, 'GET', '/api/auth/me')).statusCode).toBe(200);
    });

    it('ends the user’s sessions when an admin sets a new password', async () => {
      const { app, database } = env();
      const t = await setup(database.db);
      const admin = await loginToken(app, t.admin.username, t.admin.password);
      const user = await makeUser(database.db, { roles: ['grid_worker'], scope: t.communityA });
      const theirs = await loginToken(app, user.username, user.password);
      expect((await call(app, theirs, 'GET', '/api/auth/me')).statusCode).toBe(200);

      const res = await call(app, admin, 'PATCH', `/api/users/${user.id}`, { password: 'a fresh password 2' });
      expect(res.statusCode).toBe(200);
      expect((await call(app, theirs, 'GET', '/api/auth/me')).statusCode).toBe(401);
      expect((await call(app, admin, 'GET', '/api/auth/me')).statusCode).toBe(200);
      await loginToken(app, user.username, 'a fresh password 2');
    });

    it('ends an admin’s other sessions, not the current one, when they change their own password', async () => {
      const { app, database } = env();
      const t = await setup(database.db);
      const here = await loginToken(app, t.admin.username, t.admin.password);
      const elsewhere = await loginToken(app, t.admin.username, t.admin.password);
      const res = await call(app, here, 'PATCH', `/api/users/${here.userId}`, { password: 'my new admin password' });
      expect(res.statusCode).toBe(200);
      expect((await call(app, elsewhere, 'GET', '/api/auth/me')).statusCode).toBe(401);
      expect((await call(app, here, 'GET', '/api/auth/me')).statusCode).toBe(200);
    });

    it('backs a client off after 5 wrong passwords (not the account); an admin unlock lets it in again', async () => {
      const { app, database } = env();
      const t = await setup(database.db);
      const admin = await loginToken(app, t.admin.username, t.admin.password);
      const user = await makeUser(database.db, { roles: ['grid_worker'], scope: t.communityA });
      const attempt = (password: string) => app.inject({ method: 'POST', url: '/api/auth/token', payload: { username: user.username, password } });

      for (let i = 1; i <= 4; i++) expect((await attempt(`wrong password ${i}`)).statusCode).toBe(401);
      expect((await attempt('wrong password 5')).statusCode).toBe(401);
      const right = await attempt(user.password);
      expect(right.statusCode).toBe(429);
      expect(right.json().error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(right.headers['retry-after']).toBe('60');
      const elsewhere = await app.inject({ method: 'POST', url: '/api/auth/token', payload: { username: user.username, password: user.password }, remoteAddress: '10.8.8.8' });
      expect(elsewhere.statusCode).toBe(200);

      const listed = await call(app, admin, 'GET', `/api/users/${user.id}`);
      expect(listed.json().lockedUntil).not.toBeNull();
      const unlocked = await call(app, admin, 'PATCH', `/api/users/${user.id}`, { unlock: true });
      expect(unlocked.statusCode).toBe(200);
      expect(unlocked.json().lockedUntil).toBeNull();
      expect((await attempt(user.password)).statusCode).toBe(200);
      const audits = await database.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).execute();
      expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'user.update']));
    });

    it('lets the back-off lapse after LOGIN_BACKOFF_SECONDS', async () => {
      const { app, database, clock } = env();
      const t = await setup(database.db);
      const user = await makeUser(database.db, { roles: ['grid_worker'], scope: t.communityA });
      const attempt = (password: string) => app.inject({ method: 'POST', url: '/api/auth/token', payload: { username: user.username, password } });
      for (let i = 1; i <= 5; i++) await attempt(`wrong password ${i}`);
      expect((await attempt(user.password)).statusCode).toBe(429);

      clock.advance(59_000);
      expect((await attempt(user.password)).statusCode).toBe(429);
      clock.advance(1_000);
      expect((await attempt(user.password)).statusCode).toBe(200);
    });
  });
});
