import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import { call, loginToken, useTestEnv } from '../../../test/test-app.js';

function cookieFrom(setCookie: string | string[] | undefined): string {
  const raw = [setCookie ?? []].flat().find((c) => c.startsWith('fq_session='));
  if (!raw) throw new Error('no session cookie');
  return raw.split(';')[0]!;
}

describeEachDb('auth', (kind) => {
  const env = useTestEnv(kind);
  let user: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    user = await makeUser(env().database.db, { roles: ['admin'] });
  });

  it('logs in with a cookie that is httpOnly and SameSite=Strict, and says who I am', async () => {
    const res = await env().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const setCookie = [res.headers['set-cookie']].flat().join(';');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const me = res.json();
    expect(me.user.username).toBe(user.username);
    expect(me.permissions).toContain('user.write');
    expect(me.scopeArea.code).toBe(user.scope.code);
    const stored = await env().database.db.selectFrom('sessions').select('token_hash').execute();
    const token = cookieFrom(res.headers['set-cookie']).split('=')[1]!;
    expect(stored.map((s) => s.token_hash)).not.toContain(token); // only the hash is kept
  });

  it('refuses cookie writes without the CSRF header and accepts them with it', async () => {
    const login = await env().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    const cookie = cookieFrom(login.headers['set-cookie']);
    const csrf = login.json().csrfToken as string;
    const body = { name: '综合执法队', kind: 'department', areaCode: user.scope.code };
    const without = await env().app.inject({ method: 'POST', url: '/api/org-units', headers: { cookie }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_FAILED');
    const withHeader = await env().app.inject({ method: 'POST', url: '/api/org-units', headers: { cookie, 'x-csrf-token': csrf }, payload: body });
    expect(withHeader.statusCode).toBe(201);
    const me = await env().app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200); // reads need no CSRF header
  });

  it('issues bearer tokens for API clients; a bearer token is not accepted as a cookie', async () => {
    const session = await loginToken(env().app, user.username, TEST_PASSWORD);
    expect((await call(env().app, session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const asCookie = await env().app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `fq_session=${session.token}` } });
    expect(asCookie.statusCode).toBe(401);
    const malformed = await env().app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Basic abc' } });
    expect(malformed.statusCode).toBe(401);
  });

  it('answers an unknown user and a wrong password with the same message', async () => {
    const unknown = await env().app.inject({ method: 'POST', url: '/api/auth/token', payload: { username: 'no.such.user', password: 'whatever12' } });
    const wrong = await env().app.inject({ method: 'POST', url: '/api/auth/token', payload: { username: (await makeUser(env().database.db, { roles: ['citizen'] })).username, password: 'whatever12' } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('expires sessions after their lifetime, and refuses disabled accounts', async () => {
    const someone = await makeUser(env().database.db, { roles: ['grid_worker'] });
    const session = await loginToken(env().app, someone.username, TEST_PASSWORD);
    env().clock.advance(13 * 3600_000);
    expect((await call(env().app, session, 'GET', '/api/auth/me')).statusCode).toBe(401);
    await env().database.db.updateTable('users').set({ disabled: true }).where('id', '=', someone.id).execute();
    const res = await env().app.inject({ method: 'POST', url: '/api/auth/token', payload: { username: someone.username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(401);
  });
});
