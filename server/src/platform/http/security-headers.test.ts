import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { makeUser } from '../../../test/factories.js';
import { useTestEnv } from '../../../test/test-app.js';
import { loadConfig } from '../config.js';
import { contentSecurityPolicy } from './security-headers.js';

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('Content-Security-Policy', () => {
  it('allows scripts from this origin only, and no framing', () => {
    const csp = directives(contentSecurityPolicy([]));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  it('lets the configured tile server serve images, and refuses anything else as a source', () => {
    const csp = directives(contentSecurityPolicy(loadConfig({ CSP_IMG_SOURCES: 'https://tiles.example.cn https://t2.example.cn:8443' }).cspImgSources));
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://tiles.example.cn', 'https://t2.example.cn:8443']);
    expect(() => loadConfig({ CSP_IMG_SOURCES: "https://x.cn; script-src 'unsafe-inline'" })).toThrow(/CSP_IMG_SOURCES/);
  });

  it('reads TRUST_PROXY as off, on, or a list of proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16']);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });
});

describeEachDb('security headers', (kind) => {
  for (const trusted of [false, true]) {
    describe(trusted ? 'behind a trusted proxy' : 'with no trusted proxy', () => {
      // inject() comes from 127.0.0.1: trusting it stands for "the TLS proxy in front of us".
      const env = useTestEnv(kind, { trustProxy: trusted ? ['127.0.0.1'] : false });
      let user: { username: string; password: string };

      beforeAll(async () => {
        user = await makeUser(env().database.db, { roles: ['dispatcher'] });
      });

      const login = (headers: Record<string, string>) =>
        env().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password }, headers });

      it('sends the policy and the framing refusal on every answer, errors included', async () => {
        // Health, a missing route, a refused one, and a path the router itself refuses (not UTF-8).
        for (const url of ['/api/health', '/api/nothing-here', '/api/matters', '/api/areas/%ED%A0%80']) {
          const res = await env().app.inject({ method: 'GET', url });
          expect(res.headers['content-security-policy'], url).toBe(contentSecurityPolicy([]));
          expect(res.headers['x-frame-options'], url).toBe('DENY');
          expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        }
      });

      it(trusted ? 'adds HSTS and a Secure cookie when the proxy says https' : 'ignores a client’s own X-Forwarded-Proto', async () => {
        const res = await login({ 'x-forwarded-proto': 'https' });
        expect(res.statusCode).toBe(200);
        const cookie = [res.headers['set-cookie']].flat().join(';');
        expect(cookie).toMatch(/HttpOnly/i);
        if (trusted) {
          expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
          expect(cookie).toMatch(/;\s*Secure/i);
        } else {
          expect(res.headers['strict-transport-security']).toBeUndefined();
          expect(cookie).not.toMatch(/;\s*Secure/i);
        }
      });

      it('sends no HSTS over plain HTTP', async () => {
        const res = await login({});
        expect(res.statusCode).toBe(200);
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect([res.headers['set-cookie']].flat().join(';')).not.toMatch(/;\s*Secure/i);
      });
    });
  }
});
