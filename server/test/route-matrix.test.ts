import { ROLES, type Role } from '@fengqiao/shared';
import { beforeAll, expect, it } from 'vitest';
import { ROLE_GRANTS } from '../src/platform/policy/policy.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from './demo.js';
import { describeEachDb } from './databases.js';
import { call, loginToken, useTestEnv, type Session } from './test-app.js';
import { rect } from './factories.js';

// Every API route × every role (and no login at all), against the policy module's grants.
// A route added without a request here fails this test, and so does one without a policy
// (the app refuses to start).
const DEMO_USER_OF: Record<Role, string> = {
  citizen: 'qunzhong',
  grid_worker: 'wanggeyuan',
  grid_leader: 'wanggezhang',
  building_leader: 'loudongzhang',
  community_staff: 'shequ',
  dispatcher: 'diaodu',
  dept_handler: 'chengban',
  dept_leader: 'bumenlingdao',
  mediator: 'tiaojie',
  case_leader: 'baoan',
  command_operator: 'zhihui',
  auditor: 'shenji',
  admin: 'admin',
};

let serial = 0;
type Fixture = (d: Demo, self: Session) => { url: string; payload?: unknown };
const FIXTURES: Record<string, Fixture> = {
  'GET /api/health': () => ({ url: '/api/health' }),
  'POST /api/auth/login': () => ({ url: '/api/auth/login', payload: { username: 'qunzhong', password: DEMO_PASSWORD } }),
  'POST /api/auth/token': () => ({ url: '/api/auth/token', payload: { username: 'qunzhong', password: DEMO_PASSWORD } }),
  'GET /api/auth/me': () => ({ url: '/api/auth/me' }),
  'POST /api/auth/logout': () => ({ url: '/api/auth/logout' }),
  'GET /api/areas/resolve': () => ({ url: '/api/areas/resolve?lon=106.8&lat=39.5' }),
  'GET /api/areas/:code': (d) => ({ url: `/api/areas/${d.gridWorker.scope_code}` }),
  'GET /api/areas/:code/children': (d) => ({ url: `/api/areas/${d.gridWorker.scope_code}/children` }),
  'GET /api/areas/:code/grids': (d) => ({ url: `/api/areas/${d.gridWorker.scope_code}/grids` }),
  'POST /api/areas': (d) => ({
    url: '/api/areas',
    payload: { code: `${d.dispatcher.scope_code}${String(900 + (serial++ % 99))}`, name: `矩阵社区${serial}`, level: 'community', parentCode: d.dispatcher.scope_code },
  }),
  'PATCH /api/areas/:code': (d) => ({ url: `/api/areas/${d.gridWorker.scope_code}`, payload: { name: '新桥社区第1网格' } }),
  'POST /api/areas/import': (d) => ({
    url: '/api/areas/import',
    payload: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: `${d.dispatcher.scope_code}899`, name: '导入社区', level: 'community', parentCode: d.dispatcher.scope_code }, geometry: rect(106.0, 39.0, 106.01, 39.01) }],
    },
  }),
  'GET /api/org-units': () => ({ url: '/api/org-units' }),
  'GET /api/org-units/:id': (d) => ({ url: `/api/org-units/${d.gridWorker.unit_id}` }),
  'POST /api/org-units': (d) => ({ url: '/api/org-units', payload: { name: `矩阵单位${serial++}`, kind: 'department', areaCode: d.dispatcher.scope_code } }),
  'PATCH /api/org-units/:id': (d) => ({ url: `/api/org-units/${d.gridWorker.unit_id}`, payload: { phone: '0473-1234567' } }),
  'GET /api/users': () => ({ url: '/api/users' }),
  'GET /api/users/:id': (_d, self) => ({ url: `/api/users/${self.userId}` }),
  'POST /api/users': (d) => ({
    url: '/api/users',
    payload: { username: `matrix${serial++}`, displayName: '矩阵用户', password: 'long enough pw', roles: ['grid_worker'], scopeAreaCode: d.gridWorker.scope_code },
  }),
  'PATCH /api/users/:id': (d) => ({ url: `/api/users/${d.gridWorker.id}`, payload: { displayName: '网格员' } }),
  'GET /api/audit': () => ({ url: '/api/audit' }),
};

describeEachDb('route × role policy matrix', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  const sessions = new Map<Role, Session>();

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    for (const role of ROLES) sessions.set(role, await loginToken(env().app, DEMO_USER_OF[role], DEMO_PASSWORD));
  });

  it('has a request for every declared route, and a policy on each', () => {
    const declared = env().app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(declared).toEqual(Object.keys(FIXTURES).sort());
  });

  it('answers every route for every role as the policy grants', async () => {
    const { app } = env();
    const failures: string[] = [];
    for (const route of app.apiRoutes) {
      const key = `${route.method} ${route.url}`;
      const anon = await call(app, null, route.method, FIXTURES[key]!(demo, { token: '', userId: '' }).url, FIXTURES[key]!(demo, { token: '', userId: '' }).payload);
      if (route.policy !== 'public' && anon.statusCode !== 401) failures.push(`${key} anonymous → ${anon.statusCode}, expected 401`);
      if (route.policy === 'public' && [401, 403].includes(anon.statusCode)) failures.push(`${key} is public but answered ${anon.statusCode}`);
      for (const role of ROLES) {
        if (key === 'POST /api/auth/logout') continue; // would end the session the loop still needs
        const session = sessions.get(role)!;
        const { url, payload } = FIXTURES[key]!(demo, session);
        const res = await call(app, session, route.method, url, payload);
        const granted = route.policy === 'public' || route.policy === 'authenticated' || ROLE_GRANTS[role].includes(route.policy);
        const ok = granted ? res.statusCode < 400 || res.statusCode === 404 : res.statusCode === 403;
        if (!ok) failures.push(`${key} as ${role} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('ends a session on logout, for every role', async () => {
    for (const role of ROLES) {
      const session = sessions.get(role)!;
      expect((await call(env().app, session, 'POST', '/api/auth/logout')).statusCode).toBe(200);
      expect((await call(env().app, session, 'GET', '/api/auth/me')).statusCode).toBe(401);
    }
  });
});
