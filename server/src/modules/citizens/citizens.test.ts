import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { makeArea } from '../../../test/factories.js';
import { useTestEnv } from '../../../test/test-app.js';
import { CODE_TTL_MS } from './service.js';

const PASSWORD = 'citizen password 1';
let serial = 0;
/** A number no other test in this file uses. */
const newMobile = () => `139${String(process.pid % 1000).padStart(3, '0')}${String(serial++).padStart(5, '0')}`;

describeEachDb('citizen accounts', (kind) => {
  const env = useTestEnv(kind);
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}, remoteAddress?: string) =>
    env().app.inject({ method: 'POST', url, payload: payload as object, headers, ...(remoteAddress ? { remoteAddress } : {}) });

  beforeAll(async () => {
    await makeArea(env().database.db, { level: 'city' });
  });

  /** The code of the latest SMS to this number, read from the outbox (number and text sealed). */
  async function codeFor(mobile: string): Promise<string> {
    const { cipher } = env().deps;
    const rows = await env().database.db.selectFrom('outbox').select(['payload', 'channel']).where('channel', '=', 'sms').orderBy('id', 'desc').execute();
    for (const row of rows) {
      const p = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as { phoneEnc?: string; body: string };
      if (p.phoneEnc && cipher.decrypt(p.phoneEnc) === mobile) return /(\d{6})/.exec(cipher.decrypt(p.body))![1]!;
    }
    throw new Error('no code sent');
  }

  async function registered(mobile: string, displayName = '张三') {
    expect((await post('/api/citizens/codes', { mobile, purpose: 'register' })).statusCode).toBe(202);
    const res = await post('/api/citizens/register', { mobile, code: await codeFor(mobile), password: PASSWORD, displayName });
    expect(res.statusCode).toBe(200);
    return res;
  }

  const cookieOf = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie'] as string | string[]].flat().find((c) => c.startsWith('fq_session='))!.split(';')[0]!;

  it('registers with a code from the SMS outbox, logs in, and keeps a citizen profile', async () => {
    const mobile = newMobile();
    const res = await registered(mobile);
    const me = res.json();
    expect(me.user.roles).toEqual(['citizen']);
    expect(me.user.username).toMatch(/^m\d{11}$/);
    expect(me.user.username).not.toContain(mobile);
    expect(me.user.phoneMasked).toBe(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
    const city = await env().database.db.selectFrom('areas').select('code').where('parent_code', 'is', null).orderBy('code').limit(1).executeTakeFirstOrThrow();
    expect(me.scopeArea.code).toBe(city.code);
    const cookie = cookieOf(res);
    const profile = await env().app.inject({ method: 'GET', url: '/api/citizens/me', headers: { cookie } });
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({ displayName: '张三', phoneMasked: me.user.phoneMasked });
    const patched = await env().app.inject({ method: 'PATCH', url: '/api/citizens/me', headers: { cookie, 'x-csrf-token': me.csrfToken }, payload: { displayName: '张小三' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().displayName).toBe('张小三');
    const audits = await env().database.db.selectFrom('audit_log').select('action').where('entity_id', '=', me.user.id).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['citizen.register', 'citizen.profile_update']));
  });

  it('logs in by mobile number, throttled per client like username login (no lockout)', async () => {
    const mobile = newMobile();
    await registered(mobile);
    const ok = await post('/api/citizens/login', { mobile, password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(cookieOf(ok)).toMatch(/^fq_session=/);
    const unknown = await post('/api/citizens/login', { mobile: newMobile(), password: PASSWORD });
    const wrong = await post('/api/citizens/login', { mobile, password: 'wrong password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    for (let i = 0; i < 4; i++) expect((await post('/api/citizens/login', { mobile, password: 'wrong password' })).statusCode).toBe(401);
    const throttled = await post('/api/citizens/login', { mobile, password: PASSWORD });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect((await post('/api/citizens/login', { mobile, password: PASSWORD }, {}, '10.3.3.3')).statusCode).toBe(200);
    env().clock.advance(Number(throttled.headers['retry-after']) * 1000);
    expect((await post('/api/citizens/login', { mobile, password: PASSWORD })).statusCode).toBe(200);
  });

  it('answers 409 for a registered number, but only after a valid code; codes always answer 202', async () => {
    const mobile = newMobile();
    await registered(mobile, '赵六');
    env().clock.advance(61_000);
    // Registered or not, the code request answers alike; no register code goes to a registered number.
    expect((await post('/api/citizens/codes', { mobile, purpose: 'register' })).statusCode).toBe(202);
    expect((await post('/api/citizens/codes', { mobile: newMobile(), purpose: 'reset' })).statusCode).toBe(202);
    const guess = await post('/api/citizens/register', { mobile, code: '000000', password: PASSWORD, displayName: '李四' });
    expect(guess.statusCode).toBe(400);
    // A valid code for a number registered meanwhile (free the number, get a code, take it back): 409.
    const db = env().database.db;
    const lookup = env().deps.cipher.lookupHash(`mobile:${mobile}`);
    await db.updateTable('users').set({ phone_lookup: null }).where('phone_lookup', '=', lookup).execute();
    env().clock.advance(61_000);
    await post('/api/citizens/codes', { mobile, purpose: 'register' });
    const code = await codeFor(mobile);
    await db.updateTable('users').set({ phone_lookup: lookup }).where('display_name', '=', '赵六').execute();
    const dup = await post('/api/citizens/register', { mobile, code, password: PASSWORD, displayName: '赵六' });
    expect(dup.statusCode).toBe(409);
  });

  it('locks a code after 5 wrong attempts, and a code works once', async () => {
    const mobile = newMobile();
    await post('/api/citizens/codes', { mobile, purpose: 'register' });
    const code = await codeFor(mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await post('/api/citizens/register', { mobile, code: wrong, password: PASSWORD, displayName: '甲' })).statusCode).toBe(400);
    // From another client: this one now backs off on the number (throttle.test.ts).
    const locked = await post('/api/citizens/register', { mobile, code, password: PASSWORD, displayName: '甲' }, {}, '10.4.4.4');
    expect(locked.statusCode).toBe(400);
    expect(locked.json().error.message).toMatch(/Too many wrong attempts/);

    const next = newMobile();
    await post('/api/citizens/codes', { mobile: next, purpose: 'register' });
    const good = await codeFor(next);
    expect((await post('/api/citizens/register', { mobile: next, code: good, password: PASSWORD, displayName: '乙' })).statusCode).toBe(200);
    expect((await post('/api/citizens/register', { mobile: next, code: good, password: PASSWORD, displayName: '乙' })).statusCode).toBe(400);
  });

  it('expires a code after 10 minutes', async () => {
    const mobile = newMobile();
    await post('/api/citizens/codes', { mobile, purpose: 'register' });
    const code = await codeFor(mobile);
    env().clock.advance(CODE_TTL_MS + 1000);
    const res = await post('/api/citizens/register', { mobile, code, password: PASSWORD, displayName: '丙' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/expired/);
  });

  it('rate-limits codes: one per 60 s and ten a day per number', async () => {
    const mobile = newMobile();
    expect((await post('/api/citizens/codes', { mobile, purpose: 'register' })).statusCode).toBe(202);
    const soon = await post('/api/citizens/codes', { mobile, purpose: 'reset' });
    expect(soon.statusCode).toBe(429);
    expect(soon.json().error.code).toBe('RATE_LIMITED');
    expect(soon.json().error.message).toMatch(/try again in 60 s/);
    const start = env().clock.now();
    for (let i = 1; i < 10; i++) {
      env().clock.advance(61_000);
      expect((await post('/api/citizens/codes', { mobile, purpose: 'register' })).statusCode).toBe(202);
    }
    env().clock.advance(61_000);
    const daily = await post('/api/citizens/codes', { mobile, purpose: 'register' });
    expect(daily.statusCode).toBe(429);
    expect(daily.json().error.message).toContain(new Date(start.getTime() + 24 * 3600_000).toISOString());
    env().clock.set(new Date(start.getTime() + 24 * 3600_000 + 1000));
    expect((await post('/api/citizens/codes', { mobile, purpose: 'register' })).statusCode).toBe(202);
    // Another number is not affected.
    expect((await post('/api/citizens/codes', { mobile: newMobile(), purpose: 'register' })).statusCode).toBe(202);
  });

  it('resets the password with a reset code, ending the old sessions', async () => {
    const mobile = newMobile();
    const reg = await registered(mobile);
    const cookie = cookieOf(reg);
    env().clock.advance(61_000);
    await post('/api/citizens/codes', { mobile, purpose: 'reset' });
    const code = await codeFor(mobile);
    expect((await post('/api/citizens/password-reset', { mobile, code, newPassword: 'yyyyyyyyyyyy' })).statusCode).toBe(200);
    expect((await post('/api/citizens/password-reset', { mobile, code, newPassword: 'zzzzzzzzzzzz' })).statusCode).toBe(400); // single use
    expect((await env().app.inject({ method: 'GET', url: '/api/citizens/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await post('/api/citizens/login', { mobile, password: PASSWORD })).statusCode).toBe(401);
    expect((await post('/api/citizens/login', { mobile, password: 'yyyyyyyyyyyy' })).statusCode).toBe(200);
    const audits = await env().database.db.selectFrom('audit_log').select('action').where('entity_id', '=', reg.json().user.id).execute();
    expect(audits.map((a) => a.action)).toContain('citizen.password_reset');
  });

  it('refuses the citizen profile to staff', async () => {
    const { makeUser, TEST_PASSWORD } = await import('../../../test/factories.js');
    const staff = await makeUser(env().database.db, { roles: ['dispatcher'] });
    const login = await post('/api/auth/login', { username: staff.username, password: TEST_PASSWORD });
    expect((await env().app.inject({ method: 'GET', url: '/api/citizens/me', headers: { cookie: cookieOf(login) } })).statusCode).toBe(403);
    expect((await env().app.inject({ method: 'GET', url: '/api/citizens/me' })).statusCode).toBe(401);
  });

  it('never stores or logs a mobile number in clear', async () => {
    const mobile = newMobile();
    await registered(mobile);
    env().clock.advance(61_000);
    await post('/api/citizens/codes', { mobile, purpose: 'reset' });
    const db = env().database.db;
    const dump = JSON.stringify([
      await db.selectFrom('users').selectAll().execute(),
      await db.selectFrom('verification_codes').selectAll().execute(),
      await db.selectFrom('outbox').selectAll().execute(),
      await db.selectFrom('audit_log').selectAll().execute(),
      await db.selectFrom('sessions').selectAll().execute(),
    ]);
    for (let i = 0; i < serial; i++) {
      const m = `139${String(process.pid % 1000).padStart(3, '0')}${String(i).padStart(5, '0')}`;
      expect(dump).not.toContain(m);
      expect(dump).not.toContain(m.slice(3)); // not even the last 8 digits
    }
  });
});
