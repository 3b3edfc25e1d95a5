import { expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDb } from '../../../test/databases.js';
import { makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import { call, useTestEnv } from '../../../test/test-app.js';

// Failed logins slow the client that made them, never lock the account (issue: lockout abuse
// and account enumeration). Small limits so each rule shows in a few requests.
const RULES = { loginClientFailures: 3, loginBackoffSeconds: 60, loginBackoffMaxMinutes: 15, loginAccountFailures: 10, loginIpFailures: 20, loginWindowMinutes: 60 };

let ipSerial = 0;
/** An address no other test in this file uses. */
const newIp = () => `10.20.${Math.floor(ipSerial / 250)}.${(ipSerial++ % 250) + 1}`;

/** Everything a client sees but the request id (and the date), to compare answers byte for byte. */
function seen(res: LightMyRequestResponse) {
  const { 'x-request-id': _id, date: _date, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body.replace(/"requestId":"[^"]*"/, '"requestId":"…"') };
}

describeEachDb('login throttle', (kind) => {
  const env = useTestEnv(kind, RULES);
  const login = (username: string, password: string, ip: string, url = '/api/auth/token') =>
    env().app.inject({ method: 'POST', url, payload: { username, password }, remoteAddress: ip });

  it('answers a wrong password for a known and an unknown username byte for byte alike', async () => {
    const known = await makeUser(env().database.db, { roles: ['grid_worker'] });
    for (const url of ['/api/auth/token', '/api/auth/login']) {
      const wrong = await login(known.username, 'not the password', newIp(), url);
      const unknown = await login('no.such.user', 'not the password', newIp(), url);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('UNAUTHENTICATED');
      expect(seen(unknown)).toEqual(seen(wrong));
    }
  });

  it('backs off the client that failed, not the account: the right password from another client gets in', async () => {
    const admin = await makeUser(env().database.db, { roles: ['admin'] });
    const attacker = newIp();
    for (let i = 0; i < 3; i++) expect((await login(admin.username, `guess ${i}`, attacker)).statusCode).toBe(401);
    const refused = await login(admin.username, TEST_PASSWORD, attacker); // even the right password: no oracle
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.json().error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/try again in 60 s/) });

    expect((await login(admin.username, TEST_PASSWORD, newIp())).statusCode).toBe(200);

    // An unknown username from the same kind of client is refused with the same answer.
    const other = newIp();
    for (let i = 0; i < 3; i++) expect((await login('nobody.here', `guess ${i}`, other)).statusCode).toBe(401);
    expect(seen(await login('nobody.here', TEST_PASSWORD, other))).toEqual(seen(await login(admin.username, TEST_PASSWORD, attacker)));

    env().clock.advance(60_000);
    expect((await login(admin.username, TEST_PASSWORD, attacker)).statusCode).toBe(200);
    const audit = await env().database.db.selectFrom('audit_log').select('action').where('entity_id', '=', admin.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.login.bearer']));
  });

  it('doubles the back-off with each further failure, and a success clears the client’s count', async () => {
    const user = await makeUser(env().database.db, { roles: ['dispatcher'] });
    const ip = newIp();
    for (let i = 0; i < 3; i++) await login(user.username, `guess ${i}`, ip);
    expect((await login(user.username, 'x', ip)).headers['retry-after']).toBe('60');
    env().clock.advance(60_000);
    expect((await login(user.username, 'guess 4', ip)).statusCode).toBe(401);
    expect((await login(user.username, 'x', ip)).headers['retry-after']).toBe('120');
    env().clock.advance(120_000);
    expect((await login(user.username, 'guess 5', ip)).statusCode).toBe(401);
    expect((await login(user.username, 'x', ip)).headers['retry-after']).toBe('240');
    env().clock.advance(240_000);

    expect((await login(user.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login(user.username, `again ${i}`, ip)).statusCode).toBe(401); // counted from zero
    expect((await login(user.username, TEST_PASSWORD, ip)).statusCode).toBe(429);
  });

  it('refuses one client spraying many usernames, known or not, until its window passes', async () => {
    const users = await Promise.all([0, 1, 2, 3].map(() => makeUser(env().database.db, { roles: ['grid_worker'] })));
    const sprayer = newIp();
    // Two guesses at each real account (under its own back-off), one at each of twelve made-up ones.
    const targets = [...users, ...users].map((u) => u.username).concat(Array.from({ length: 12 }, (_, i) => `ghost.${i}`));
    for (const [i, username] of targets.entries()) expect((await login(username, `spray ${i}`, sprayer)).statusCode).toBe(401);
    const fresh = await login('never.tried', 'spray', sprayer);
    expect(fresh.statusCode).toBe(429);
    expect(Number(fresh.headers['retry-after'])).toBe(3600);
    expect((await login(users[0]!.username, TEST_PASSWORD, sprayer)).statusCode).toBe(429);
    expect((await login(users[0]!.username, TEST_PASSWORD, newIp())).statusCode).toBe(200);
    env().clock.advance(3600_000);
    expect((await login(users[1]!.username, TEST_PASSWORD, sprayer)).statusCode).toBe(200);
  });

  it('never locks an account from outside: guessing spread over many clients only slows those clients', async () => {
    const admin = await makeUser(env().database.db, { roles: ['admin'] });
    const botnet = Array.from({ length: 12 }, newIp);
    for (const ip of botnet) expect((await login(admin.username, `from ${ip}`, ip)).statusCode).toBe(401);
    // Past the account's ceiling (10 in the window) every client backs off after one failure.
    const late = newIp();
    expect((await login(admin.username, 'one more', late)).statusCode).toBe(401);
    expect((await login(admin.username, 'and another', late)).statusCode).toBe(429);
    // The owner, from a client of their own, still gets in with the right password …
    expect((await login(admin.username, TEST_PASSWORD, newIp())).statusCode).toBe(200);
    // … and after a typo waits a minute, not a lockout.
    const owner = newIp();
    expect((await login(admin.username, 'typo', owner)).statusCode).toBe(401);
    expect((await login(admin.username, TEST_PASSWORD, owner)).statusCode).toBe(429);
    env().clock.advance(60_000);
    expect((await login(admin.username, TEST_PASSWORD, owner)).statusCode).toBe(200);
  });

  it('counts parallel guesses before checking them, so a burst gets no more tries', async () => {
    const user = await makeUser(env().database.db, { roles: ['grid_worker'] });
    const ip = newIp();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => login(user.username, `burst ${i}`, ip)));
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(3);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(7);
  });

  it('counts an IPv6 /64 as one client, an IPv4-mapped address as its IPv4 address, and a username however it is typed', async () => {
    const user = await makeUser(env().database.db, { roles: ['grid_worker'] });
    await login(user.username, 'g1', '2001:db8:7:1::a');
    await login(user.username.toUpperCase(), 'g2', '2001:db8:7:1:ffff::b');
    await login(` ${user.username} `, 'g3', '2001:0db8:0007:0001::c');
    expect((await login(user.username, TEST_PASSWORD, '2001:db8:7:1::d')).statusCode).toBe(429);
    expect((await login(user.username, TEST_PASSWORD, '2001:db8:7:2::d')).statusCode).toBe(200);

    const other = await makeUser(env().database.db, { roles: ['grid_worker'] });
    for (const ip of ['10.99.0.1', '::ffff:10.99.0.1', '10.99.0.1']) await login(other.username, 'g', ip);
    expect((await login(other.username, TEST_PASSWORD, '::ffff:10.99.0.1')).statusCode).toBe(429);
  });

  it('keeps neither usernames nor addresses in clear, and sweeps counters after the window', async () => {
    const db = env().database.db;
    for (let i = 0; i < 5; i++) await login(`sweep.me.${i}`, 'guess', `10.77.0.${i + 1}`);
    const rows = await db.selectFrom('login_throttle').selectAll().execute();
    expect(JSON.stringify(rows)).not.toMatch(/sweep\.me|10\.77\./);
    expect(rows.length).toBeGreaterThan(10);
    env().clock.advance(61 * 60_000);
    const stale = async () => (await db.selectFrom('login_throttle').select('scope').where('last_at', '<', new Date(env().clock.now().getTime() - 60 * 60_000)).execute()).length;
    // Each attempt removes a batch of up to 100 stale rows; attempts add at most 3.
    let left = await stale();
    expect(left).toBeGreaterThan(0);
    while (left > 0) {
      await login('sweep.trigger', 'guess', newIp());
      const now = await stale();
      expect(now).toBe(Math.max(0, left - 100));
      left = now;
    }
  });

  it('lets an admin see a client’s back-off on an account and end it', async () => {
    const admin = await makeUser(env().database.db, { roles: ['admin'] });
    const user = await makeUser(env().database.db, { roles: ['grid_worker'], scope: admin.scope });
    const ip = newIp();
    for (let i = 0; i < 3; i++) await login(user.username, `guess ${i}`, ip);
    const res = await login(admin.username, TEST_PASSWORD, newIp());
    const session = { token: res.json().token as string, userId: admin.id };
    expect((await call(env().app, session, 'GET', `/api/users/${user.id}`)).json().lockedUntil).toBe(new Date(env().clock.now().getTime() + 60_000).toISOString());
    const unlocked = await call(env().app, session, 'PATCH', `/api/users/${user.id}`, { unlock: true });
    expect(unlocked.json().lockedUntil).toBeNull();
    expect((await login(user.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });
});
