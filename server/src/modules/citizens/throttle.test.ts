import { beforeAll, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDb } from '../../../test/databases.js';
import { makeArea, makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import { useTestEnv } from '../../../test/test-app.js';
import { phoneLookup } from './service.js';

// Citizens' mobile logins, code guesses and code requests are throttled per client and number,
// answered alike for registered and unregistered numbers. Small limits so each rule shows quickly.
const RULES = { loginClientFailures: 3, loginBackoffSeconds: 60, loginAccountFailures: 10, loginIpFailures: 8, loginWindowMinutes: 60, codeSendsPerIp: 4 };

let serial = 0;
const newMobile = () => `158${String(process.pid % 1000).padStart(3, '0')}${String(serial++).padStart(5, '0')}`;
let ipSerial = 0;
const newIp = () => `10.30.${Math.floor(ipSerial / 250)}.${(ipSerial++ % 250) + 1}`;

/** Everything a client sees but the request id and the date. */
function seen(res: LightMyRequestResponse) {
  const { 'x-request-id': _id, date: _date, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body.replace(/"requestId":"[^"]*"/, '"requestId":"…"') };
}

describeEachDb('citizen throttle', (kind) => {
  const env = useTestEnv(kind, RULES);
  const post = (url: string, payload: object, ip: string) => env().app.inject({ method: 'POST', url, payload, remoteAddress: ip });

  beforeAll(async () => {
    await makeArea(env().database.db, { level: 'city' });
  });

  /** A citizen account with this mobile number (password TEST_PASSWORD). */
  async function citizenWith(mobile: string) {
    const user = await makeUser(env().database.db, { roles: ['citizen'] });
    await env().database.db.updateTable('users').set({ phone_lookup: phoneLookup(env().deps.cipher, mobile) }).where('id', '=', user.id).execute();
    return user;
  }

  async function codeFor(mobile: string): Promise<string> {
    const { cipher } = env().deps;
    const rows = await env().database.db.selectFrom('outbox').select('payload').where('channel', '=', 'sms').orderBy('id', 'desc').execute();
    for (const row of rows) {
      const p = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as { phoneEnc?: string; body: string };
      if (p.phoneEnc && cipher.decrypt(p.phoneEnc) === mobile) return /(\d{6})/.exec(cipher.decrypt(p.body))![1]!;
    }
    throw new Error('no code sent');
  }

  it('answers mobile logins alike for registered and unregistered numbers, and backs off only the failing client', async () => {
    const mobile = newMobile();
    await citizenWith(mobile);
    const unregistered = newMobile();
    const a = newIp();
    const b = newIp();
    for (let i = 0; i < 3; i++) {
      const known = await post('/api/citizens/login', { mobile, password: `wrong ${i}` }, a);
      const unknown = await post('/api/citizens/login', { mobile: unregistered, password: `wrong ${i}` }, b);
      expect(known.statusCode).toBe(401);
      expect(seen(unknown)).toEqual(seen(known));
    }
    const knownRefused = await post('/api/citizens/login', { mobile, password: TEST_PASSWORD }, a);
    expect(knownRefused.statusCode).toBe(429);
    expect(knownRefused.headers['retry-after']).toBe('60');
    expect(seen(await post('/api/citizens/login', { mobile: unregistered, password: TEST_PASSWORD }, b))).toEqual(seen(knownRefused));
    expect((await post('/api/citizens/login', { mobile, password: TEST_PASSWORD }, newIp())).statusCode).toBe(200);
    env().clock.advance(60_000);
    expect((await post('/api/citizens/login', { mobile, password: TEST_PASSWORD }, a)).statusCode).toBe(200);
  });

  it('throttles code guesses per number and client, alike for registered and unregistered numbers', async () => {
    const mobile = newMobile();
    await citizenWith(mobile);
    const unregistered = newMobile();
    const setup = newIp();
    expect((await post('/api/citizens/codes', { mobile, purpose: 'reset' }, setup)).statusCode).toBe(202);
    expect((await post('/api/citizens/codes', { mobile: unregistered, purpose: 'reset' }, setup)).statusCode).toBe(202);
    const code = await codeFor(mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    const a = newIp();
    const b = newIp();
    for (let i = 0; i < 3; i++) {
      const known = await post('/api/citizens/password-reset', { mobile, code: wrong, newPassword: 'a new password 1' }, a);
      const unknown = await post('/api/citizens/password-reset', { mobile: unregistered, code: wrong, newPassword: 'a new password 1' }, b);
      expect(known.statusCode).toBe(400);
      expect(seen(unknown)).toEqual(seen(known));
    }
    const refused = await post('/api/citizens/password-reset', { mobile, code, newPassword: 'a new password 1' }, a);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.headers['retry-after']).toBe('60');
    expect(seen(await post('/api/citizens/password-reset', { mobile: unregistered, code, newPassword: 'a new password 1' }, b))).toEqual(seen(refused));
    // The owner, from their own phone's network, uses the code: the guesses did not spend it.
    expect((await post('/api/citizens/password-reset', { mobile, code, newPassword: 'a new password 1' }, newIp())).statusCode).toBe(200);
    expect((await post('/api/citizens/login', { mobile, password: 'a new password 1' }, newIp())).statusCode).toBe(200);
  });

  it('refuses one client guessing codes across many numbers', async () => {
    const sprayer = newIp();
    for (let i = 0; i < 8; i++) {
      const res = await post('/api/citizens/register', { mobile: newMobile(), code: '123456', password: 'a password 12', displayName: '甲' }, sprayer);
      expect(res.statusCode).toBe(400);
    }
    const refused = await post('/api/citizens/register', { mobile: newMobile(), code: '123456', password: 'a password 12', displayName: '甲' }, sprayer);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBe(3600);
    expect((await post('/api/citizens/register', { mobile: newMobile(), code: '123456', password: 'a password 12', displayName: '甲' }, newIp())).statusCode).toBe(400);
  });

  it('limits the codes one client may request, alike for registered and unregistered numbers', async () => {
    const registered = newMobile();
    await citizenWith(registered);
    const ip = newIp();
    expect((await post('/api/citizens/codes', { mobile: registered, purpose: 'reset' }, ip)).statusCode).toBe(202);
    // Refused for the number (once a minute): not counted against the client.
    expect((await post('/api/citizens/codes', { mobile: registered, purpose: 'reset' }, ip)).statusCode).toBe(429);
    for (let i = 0; i < 3; i++) expect((await post('/api/citizens/codes', { mobile: newMobile(), purpose: i % 2 ? 'reset' : 'register' }, ip)).statusCode).toBe(202);
    env().clock.advance(61_000);
    const toRegistered = await post('/api/citizens/codes', { mobile: registered, purpose: 'register' }, ip);
    const toNew = await post('/api/citizens/codes', { mobile: newMobile(), purpose: 'register' }, ip);
    expect(toNew.statusCode).toBe(429);
    expect(toNew.json().error.code).toBe('RATE_LIMITED');
    expect(toNew.headers['retry-after']).toBe(String(3600 - 61)); // the window began with the first code
    expect(toRegistered.statusCode).toBe(429);
    expect(toRegistered.json().error.message).toBe(toNew.json().error.message);
    expect((await post('/api/citizens/codes', { mobile: newMobile(), purpose: 'register' }, newIp())).statusCode).toBe(202);
    env().clock.advance((3600 - 61) * 1000);
    expect((await post('/api/citizens/codes', { mobile: newMobile(), purpose: 'register' }, ip)).statusCode).toBe(202);
  });
});
