import { ROLES, type Role } from '@fengqiao/shared';
import { beforeAll, expect, it } from 'vitest';
import { findSessionActor } from '../src/platform/auth/sessions.js';
import type { Actor } from '../src/platform/policy/actor.js';
import { canSeeMatter, matterRelations, mayContactReporter, mayTake, mayUseChannel, type MatterFacts } from '../src/platform/policy/matters.js';
import { inScope, ROLE_GRANTS } from '../src/platform/policy/policy.js';
import { factsOf, loadMatter } from '../src/modules/matters/repository.js';
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
type Fixture = (d: Demo, self: Session) => { url: string; payload?: unknown; headers?: Record<string, string> };
// A 1×1 PNG: uploads need real image bytes (magic bytes are checked, a thumbnail is made).
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
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
  'POST /api/files': () => ({ url: '/api/files?name=matrix.png', payload: PNG_1X1, headers: { 'content-type': 'image/png' } }),
  'GET /api/files/:id': () => ({ url: `/api/files/${NO_SUCH_ID}` }),
  'GET /api/files/:id/thumbnail': () => ({ url: `/api/files/${NO_SUCH_ID}/thumbnail` }),
  'GET /api/notifications': () => ({ url: '/api/notifications?unread=true' }),
  'GET /api/notifications/unread-count': () => ({ url: '/api/notifications/unread-count' }),
  'POST /api/notifications/:id/read': () => ({ url: '/api/notifications/999999999/read' }),
  'POST /api/notifications/read-all': () => ({ url: '/api/notifications/read-all' }),
  // once=true: the stream sends the current count and ends (inject waits for the end).
  'GET /api/notifications/stream': () => ({ url: '/api/notifications/stream?once=true' }),
  'POST /api/matters': (d) => ({
    url: '/api/matters',
    payload: { channel: 'grid_report', title: '矩阵上报', description: '路面坑洼', address: '新桥社区', areaCode: d.gridWorker.scope_code, contactPhone: '13912345678' },
  }),
  'GET /api/matters': () => ({ url: '/api/matters?queue=triage' }),
  'GET /api/matters/export': () => ({ url: '/api/matters/export?queue=triage' }),
  'GET /api/matters/:id': () => ({ url: `/api/matters/${matterId}` }),
  'POST /api/matters/:id/actions': () => ({ url: `/api/matters/${matterId}/actions`, payload: { action: 'comment', note: '矩阵备注' } }),
  'GET /api/matters/:id/triage': () => ({ url: `/api/matters/${matterId}/triage` }),
  'GET /api/matters/:id/reporter-contact': () => ({ url: `/api/matters/${matterId}/reporter-contact` }),
  'GET /api/categories': () => ({ url: '/api/categories' }),
  'PUT /api/categories/:code': () => ({ url: '/api/categories/safety.matrix', payload: { name: '矩阵类别', active: true } }),
  'GET /api/routing-rules': () => ({ url: '/api/routing-rules' }),
  'POST /api/routing-rules': (d) => ({
    url: '/api/routing-rules',
    payload: { categoryCode: 'environment.air', areaCode: d.dispatcher.scope_code, unitId: d.gridWorker.unit_id, note: `矩阵${serial++}` },
  }),
  'DELETE /api/routing-rules/:id': () => ({ url: `/api/routing-rules/${NO_SUCH_ID}` }),
  'GET /api/deadline-rules': () => ({ url: '/api/deadline-rules' }),
  'PUT /api/deadline-rules': () => ({ url: '/api/deadline-rules', payload: { categoryCode: 'environment', urgency: 'normal', acceptHours: 4, handleDays: 5 } }),
  'GET /api/calendar': () => ({ url: '/api/calendar?year=2026' }),
  'PUT /api/calendar/:day': () => ({ url: '/api/calendar/2026-12-19', payload: { kind: 'workday', name: '矩阵调休' } }),
  'DELETE /api/calendar/:day': () => ({ url: '/api/calendar/2031-01-01' }),
};
let matterId = '';

/**
 * Routes whose answer also depends on the record: the expected status for a role the route's
 * action is granted to, computed from the policy module's own record rules.
 */
type RecordRule = (actor: Actor, facts: MatterFacts) => number;
const seen = (actor: Actor, facts: MatterFacts, then: number) => (canSeeMatter(actor, facts) ? then : 404);
const RECORD_RULES: Record<string, RecordRule> = {
  // The fixture reports in the matrix matter's grid: staff whose scope lies elsewhere (a 楼栋长) get a 400 naming the area.
  'POST /api/matters': (actor, facts) => (mayUseChannel(actor, 'grid_report') ? (inScope(actor, facts.areaPath) ? 201 : 400) : 403),
  'GET /api/matters/:id': (actor, facts) => seen(actor, facts, 200),
  'POST /api/matters/:id/actions': (actor, facts) => seen(actor, facts, mayTake('comment', matterRelations(actor, facts)) ? 200 : 403),
  'GET /api/matters/:id/reporter-contact': (actor, facts) => seen(actor, facts, mayContactReporter(actor, facts) ? 200 : 403),
  'GET /api/matters/:id/triage': (actor, facts) => seen(actor, facts, matterRelations(actor, facts).has('owner_dispatcher') ? 200 : 403),
};

describeEachDb('route × role policy matrix', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  const sessions = new Map<Role, Session>();

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    for (const role of ROLES) sessions.set(role, await loginToken(env().app, DEMO_USER_OF[role], DEMO_PASSWORD));
    const report = await call(env().app, sessions.get('grid_worker')!, 'POST', '/api/matters', FIXTURES['POST /api/matters']!(demo, sessions.get('grid_worker')!).payload);
    matterId = report.json().id;
  });

  it('has a request for every declared route, and a policy on each', () => {
    const declared = env().app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(declared).toEqual(Object.keys(FIXTURES).sort());
  });

  it('answers every route for every role as the policy grants', async () => {
    const { app } = env();
    const app_db = () => env().database.db;
    const failures: string[] = [];
    for (const route of app.apiRoutes) {
      const key = `${route.method} ${route.url}`;
      const anonFixture = FIXTURES[key]!(demo, { token: '', userId: '' });
      const anon = await call(app, null, route.method, anonFixture.url, anonFixture.payload, anonFixture.headers);
      if (route.policy !== 'public' && anon.statusCode !== 401) failures.push(`${key} anonymous → ${anon.statusCode}, expected 401`);
      if (route.policy === 'public' && [401, 403].includes(anon.statusCode)) failures.push(`${key} is public but answered ${anon.statusCode}`);
      for (const role of ROLES) {
        if (key === 'POST /api/auth/logout') continue; // would end the session the loop still needs
        const session = sessions.get(role)!;
        const { url, payload, headers } = FIXTURES[key]!(demo, session);
        const res = await call(app, session, route.method, url, payload, headers);
        const granted = route.policy === 'public' || route.policy === 'authenticated' || ROLE_GRANTS[role].includes(route.policy);
        const rule = RECORD_RULES[key];
        let ok: boolean;
        if (!granted) ok = res.statusCode === 403;
        else if (rule) {
          const actor = (await findSessionActor(app_db(), session.token, env().clock))!.actor;
          const loaded = (await loadMatter(app_db(), matterId))!;
          const expected = rule(actor, factsOf(loaded.matter, loaded.units));
          ok = res.statusCode === expected;
          if (!ok) failures.push(`${key} as ${role} → ${res.statusCode}, policy says ${expected}: ${res.body.slice(0, 100)}`);
          continue;
        } else ok = res.statusCode < 400 || res.statusCode === 404;
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
