import crypto from 'node:crypto';
import { ROLES, type Role } from '@fengqiao/shared';
import { beforeAll, expect, it } from 'vitest';
import { findSessionActor } from '../src/platform/auth/sessions.js';
import type { Actor } from '../src/platform/policy/actor.js';
import { canSeeMatter, matterRelations, mayContactReporter, mayTake, mayUseChannel, type MatterFacts } from '../src/platform/policy/matters.js';
import { mayModerate } from '../src/platform/policy/moderation.js';
import { hasCitizenProfile } from '../src/platform/policy/accounts.js';
import { inScope, ROLE_GRANTS } from '../src/platform/policy/policy.js';
import { canSeeDispute, canSeeMediator, canSeeStudio, disputeRelations, mayHoldMeeting, mayReadAreaFigures, mayReportScreening, type DisputeFacts } from '../src/platform/policy/disputes.js';
import { factsOf as disputeFactsOf, loadCase } from '../src/modules/disputes/repository.js';
import { disputeBody } from './disputes.js';
import { factsOf, loadMatter } from '../src/modules/matters/repository.js';
import { codeHash, phoneLookup } from '../src/modules/citizens/service.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import type { FieldCipher } from '../src/platform/crypto.js';
import type { Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from './demo.js';
import { describeEachDb } from './databases.js';
import { call, loginToken, useTestEnv, type Session } from './test-app.js';
import { rect } from './factories.js';
import { labelledTexts } from './classification.js';
import { formatCsv } from '../src/modules/text/csv.js';

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
// Citizen accounts: codes are single use and rate-limited per number, so each request gets a
// number of its own, with a code seeded for it (seedCitizenNumbers).
const CITIZEN_CALLS = 20;
const MATRIX_CODE = '135790';
const citizenCalls = { code: 0, register: 0, reset: 0 };
const citizenMobile = (prefix: '136' | '137' | '138', i: number) => `${prefix}${String(i).padStart(8, '0')}`;
const CITIZEN_LOGIN_MOBILE = '13599990000';

async function seedCitizenNumbers(db: Kysely<DB>, cipher: FieldCipher): Promise<void> {
  citizenCalls.code = citizenCalls.register = citizenCalls.reset = 0;
  const city = await db.selectFrom('areas').select('code').where('parent_code', 'is', null).orderBy('code').limit(1).executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  const expires = new Date(Date.now() + 365 * 24 * 3600_000);
  const citizen = (mobile: string, i: number) => ({
    username: `matrixcitizen${mobile}${i}`.slice(0, 40),
    display_name: '矩阵群众',
    password_hash: passwordHash,
    roles: ['citizen'],
    scope_area_code: city.code,
    phone_lookup: phoneLookup(cipher, mobile),
    created_at: now,
    updated_at: now,
  });
  const code = (mobile: string, purpose: 'register' | 'reset') => {
    const id = crypto.randomUUID();
    return { id, phone_lookup: phoneLookup(cipher, mobile), purpose, code_hash: codeHash(cipher, id, MATRIX_CODE), expires_at: expires, created_at: now };
  };
  const users = [citizen(CITIZEN_LOGIN_MOBILE, 0)];
  const codes = [];
  for (let i = 0; i < CITIZEN_CALLS; i++) {
    codes.push(code(citizenMobile('137', i), 'register'), code(citizenMobile('138', i), 'reset'));
    users.push(citizen(citizenMobile('138', i), i));
  }
  await db.insertInto('users').values(users).execute();
  await db.insertInto('verification_codes').values(codes).execute();
}
type Fixture = (d: Demo, self: Session) => { url: string; payload?: unknown; headers?: Record<string, string> };
// A 1×1 PNG: uploads need real image bytes (magic bytes are checked, a thumbnail is made).
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const MATRIX_HISTORY_CSV = formatCsv([
  ['id', 'subject', 'detail', 'label'],
  ...labelledTexts({ 'labor.wage_arrears': 12, 'transport.bus': 12 }).map((m, i) => [`m${i}`, m.title, m.description, m.categoryCode]),
]);
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
  'POST /api/citizens/codes': () => ({ url: '/api/citizens/codes', payload: { mobile: citizenMobile('136', citizenCalls.code++), purpose: 'register' } }),
  'POST /api/citizens/register': () => ({
    url: '/api/citizens/register',
    payload: { mobile: citizenMobile('137', citizenCalls.register++), code: MATRIX_CODE, password: DEMO_PASSWORD, displayName: '矩阵群众' },
  }),
  'POST /api/citizens/login': () => ({ url: '/api/citizens/login', payload: { mobile: CITIZEN_LOGIN_MOBILE, password: DEMO_PASSWORD } }),
  'POST /api/citizens/password-reset': () => ({
    url: '/api/citizens/password-reset',
    payload: { mobile: citizenMobile('138', citizenCalls.reset++), code: MATRIX_CODE, newPassword: DEMO_PASSWORD },
  }),
  'GET /api/citizens/me': () => ({ url: '/api/citizens/me' }),
  'PATCH /api/citizens/me': () => ({ url: '/api/citizens/me', payload: { displayName: '矩阵群众' } }),
  'GET /api/public/contacts': (d) => ({ url: `/api/public/contacts?areaCode=${d.gridWorker.scope_code}` }),
  'GET /api/public/areas/:code/children': (d) => ({ url: `/api/public/areas/${d.dispatcher.scope_code}/children` }),
  'GET /api/public/matters': (d) => ({ url: `/api/public/matters?areaCode=${d.dispatcher.scope_code}&pageSize=5` }),
  'GET /api/public/matters/:number': () => ({ url: '/api/public/matters/20261130999999' }),
  'GET /api/public/categories': () => ({ url: '/api/public/categories' }),
  'GET /api/public/matters/:number/follow': () => ({ url: `/api/public/matters/${publicNumber}/follow` }),
  'PUT /api/public/matters/:number/follow': () => ({ url: `/api/public/matters/${publicNumber}/follow` }),
  'DELETE /api/public/matters/:number/follow': () => ({ url: `/api/public/matters/${publicNumber}/follow` }),
  'GET /api/public/matters/:number/photos/:fileId': () => ({ url: `/api/public/matters/${publicNumber}/photos/${NO_SUCH_ID}` }),
  'GET /api/public/matters/:number/photos/:fileId/thumbnail': () => ({ url: `/api/public/matters/${publicNumber}/photos/${NO_SUCH_ID}/thumbnail` }),
  'GET /api/citizens/me/follows': () => ({ url: '/api/citizens/me/follows?pageSize=5' }),
  'POST /api/matters/suggest-category': () => ({ url: '/api/matters/suggest-category', payload: { text: '小区路灯不亮, 井盖丢了' } }),
  'POST /api/matters/duplicate-check': (d) => ({ url: '/api/matters/duplicate-check', payload: { title: '路面坑洼', description: '新桥社区路面坑洼', areaCode: d.gridWorker.scope_code } }),
  'POST /api/matters/:id/reply-check': () => ({ url: `/api/matters/${matterId}/reply-check`, payload: { text: '已于3月5日修复路面' } }),
  'POST /api/matters/:id/moderation': () => ({ url: `/api/matters/${matterId}/moderation`, payload: { action: 'hide', reason: '矩阵审核' } }),
  'POST /api/supervision': () => ({ url: '/api/supervision', payload: { kind: 'slow_handling', subject: '矩阵单位', content: '矩阵举报: 办理拖延' } }),
  'GET /api/supervision/mine': () => ({ url: '/api/supervision/mine' }),
  'GET /api/supervision': () => ({ url: '/api/supervision?state=open' }),
  'GET /api/supervision/:id': () => ({ url: `/api/supervision/${reportId}` }),
  'POST /api/supervision/:id/actions': () => ({ url: `/api/supervision/${reportId}/actions`, payload: { action: 'accept', note: '矩阵受理' } }),
  'GET /api/contacts': () => ({ url: '/api/contacts?kind=leader' }),
  'POST /api/contacts': (d) => ({ url: '/api/contacts', payload: { areaCode: d.dispatcher.scope_code, kind: 'leader', name: `矩阵联系人${serial++}`, title: '副主任', phone: '13912345678' } }),
  'PATCH /api/contacts/:id': () => ({ url: `/api/contacts/${NO_SUCH_ID}`, payload: { title: '矩阵职务' } }),
  'DELETE /api/contacts/:id': () => ({ url: `/api/contacts/${NO_SUCH_ID}` }),
  'GET /api/open311/keys': () => ({ url: '/api/open311/keys' }),
  'POST /api/open311/keys': () => ({ url: '/api/open311/keys', payload: { name: `矩阵密钥${serial++}` } }),
  'DELETE /api/open311/keys/:id': () => ({ url: `/api/open311/keys/${NO_SUCH_ID}` }),
  'POST /api/disputes': (d) => ({ url: '/api/disputes', payload: disputeBody(communityOf(d)) }),
  'GET /api/disputes': () => ({ url: '/api/disputes?queue=open&pageSize=5' }),
  'GET /api/disputes/:id': () => ({ url: `/api/disputes/${disputeId}` }),
  'POST /api/disputes/:id/actions': () => ({ url: `/api/disputes/${disputeId}/actions`, payload: DISPUTE_ACTION_CASES[0]!.payload() }),
  'GET /api/disputes/:id/parties/:partyId/identity': () => ({ url: `/api/disputes/${disputeId}/parties/${partyId}/identity` }),
  // The rest act on a case whose mediation failed: states the table refuses (409) or steps that do not exist (404).
  'GET /api/dispute-level-limits': () => ({ url: '/api/dispute-level-limits' }),
  'PUT /api/dispute-level-limits/:level': () => ({ url: '/api/dispute-level-limits/community', payload: { days: 10 } }),
  'POST /api/dispute-screenings': (d) => ({ url: '/api/dispute-screenings', payload: { gridCode: d.gridWorker.scope_code, period: '2026-11', found: true, note: '矩阵排查' } }),
  'GET /api/dispute-screenings/coverage': (d) => ({ url: `/api/dispute-screenings/coverage?areaCode=${communityOf(d)}&period=2026-11` }),
  'GET /api/dispute-meetings/agenda': (d) => ({ url: `/api/dispute-meetings/agenda?areaCode=${d.dispatcher.scope_code}&date=2026-11-20` }),
  'POST /api/dispute-meetings': (d) => ({
    url: '/api/dispute-meetings',
    payload: { areaCode: d.dispatcher.scope_code, date: '2026-11-20', attendees: '矩阵联席会', decisions: [{ caseId: disputeId, decision: '矩阵决定' }] },
  }),
  'GET /api/dispute-meetings': () => ({ url: '/api/dispute-meetings' }),
  'GET /api/dispute-meetings/:id': () => ({ url: `/api/dispute-meetings/${meetingId}` }),
  'GET /api/mediators': () => ({ url: '/api/mediators' }),
  'GET /api/mediators/:userId': () => ({ url: `/api/mediators/${mediatorId}` }),
  'GET /api/studios/:unitId': () => ({ url: `/api/studios/${studio.id}` }),
  'GET /api/dispute-stats': () => ({ url: '/api/dispute-stats?groupBy=area' }),
  'GET /api/dispute-stats/export': () => ({ url: '/api/dispute-stats/export?groupBy=month' }),
  'GET /api/hot-issues': (d) => ({ url: `/api/hot-issues?days=7&areaCode=${d.dispatcher.scope_code}` }),
  'GET /api/hot-issues/:id': () => ({ url: `/api/hot-issues/${matterId}?days=7` }),
  // Declared in this order: the admin's import gives the training that follows two categories to learn.
  'POST /api/classifier/training-rows': () => ({ url: '/api/classifier/training-rows', payload: MATRIX_HISTORY_CSV, headers: { 'content-type': 'text/csv' } }),
  'GET /api/classifier/status': () => ({ url: '/api/classifier/status' }),
  'POST /api/classifier/train': () => ({ url: '/api/classifier/train' }),
};
let matterId = '';
/** A citizen's public post (follows, photos) and a 监督举报 with no matter (the city's 指挥中心 handles it). */
let publicNumber = '';
let reportId = '';
/** A dispute being mediated by the demo mediator (and one of its parties), and one whose mediation failed. */
let disputeId = '';
let endedDisputeId = '';
let partyId = '';
let mediatorId = '';
/** A 联席会 of the demo street, and the demo mediator's studio (刘磊工作室) with its area. */
let meetingId = '';
const studio = { id: '', areaPath: '' };
let mediatorAreaPath = '';
const communityOf = (d: Demo) => d.gridWorker.scope_path.split('.')[3]!;

/** Dispute routes: the expected status from the policy's dispute rules, on the case the fixture names. */
type DisputeRule = { ended?: boolean; expect: (actor: Actor, f: DisputeFacts) => number };
const related = (actor: Actor, f: DisputeFacts) => disputeRelations(actor, f).size > 0;
const seenCase = (actor: Actor, f: DisputeFacts, then: number) => (canSeeDispute(actor, f) ? then : 404);
const DISPUTE_RULES: Record<string, DisputeRule> = {
  // The fixture registers in the demo community: registrants whose scope lies elsewhere get a 400 naming the area.
  'POST /api/disputes': { expect: (actor, f) => (inScope(actor, f.areaPath) ? 201 : 400) },
  'GET /api/disputes/:id': { expect: (actor, f) => seenCase(actor, f, 200) },
  'GET /api/disputes/:id/parties/:partyId/identity': { expect: (actor, f) => seenCase(actor, f, related(actor, f) ? 200 : 403) },
};

/**
 * POST /api/disputes/:id/actions, once per action, in the order the steps used to be declared:
 * on the case being mediated, then on the ended one. 指派 needs dispute.manage as well.
 */
const DISPUTE_ACTION_CASES: (DisputeRule & { payload: () => Record<string, unknown> })[] = [
  { payload: () => ({ action: 'assign', mediatorIds: [mediatorId] }), expect: (actor, f) => (actor.permissions.has('dispute.manage') ? seenCase(actor, f, disputeRelations(actor, f).has('manager') ? 200 : 403) : 403) },
  { payload: () => ({ action: 'schedule_session', at: '2026-12-01T10:00:00+08:00', place: '矩阵调解室', minutes: '矩阵笔录' }), expect: (actor, f) => seenCase(actor, f, related(actor, f) ? 200 : 403) },
  { payload: () => ({ action: 'record_session', sessionId: NO_SUCH_ID, minutes: '矩阵笔录', version: 1 }), expect: (actor, f) => seenCase(actor, f, related(actor, f) ? 404 : 403) },
  { payload: () => ({ action: 'assess_risk', riskLevel: 'general', volatile: false, note: '矩阵研判' }), expect: (actor, f) => seenCase(actor, f, related(actor, f) ? 200 : 403) },
  { ended: true, payload: () => ({ action: 'withdraw', note: '矩阵撤回' }), expect: (actor, f) => seenCase(actor, f, 409) },
  { ended: true, payload: () => ({ action: 'record_performance', termId: NO_SUCH_ID, performed: true }), expect: (actor, f) => seenCase(actor, f, 409) },
  { ended: true, payload: () => ({ action: 'close' }), expect: (actor, f) => seenCase(actor, f, 409) },
  { ended: true, payload: () => ({ action: 'generate_agreement' }), expect: (actor, f) => seenCase(actor, f, 409) },
  { ended: true, payload: () => ({ action: 'add_chain_step', kind: 'judicial_confirmation', appliedAt: '2026-12-01T10:00:00+08:00', institution: '矩阵法院' }), expect: (actor, f) => seenCase(actor, f, related(actor, f) ? 409 : 403) },
  { ended: true, payload: () => ({ action: 'record_chain_result', stepId: NO_SUCH_ID, result: 'confirmed', resultAt: '2026-12-01T10:00:00+08:00' }), expect: (actor, f) => seenCase(actor, f, related(actor, f) ? 404 : 403) },
  { ended: true, payload: () => ({ action: 'escalate', reason: 'beyond_competence', note: '矩阵上报' }), expect: (actor, f) => seenCase(actor, f, 409) },
];

/** The requests one route is tried with: one each, the dispute actions route once per action. */
const DISPUTE_ACTIONS_ROUTE = 'POST /api/disputes/:id/actions';
function variantsOf(key: string): { name: string; fixture: Fixture; disputeRule: DisputeRule | undefined }[] {
  if (key !== DISPUTE_ACTIONS_ROUTE) return [{ name: key, fixture: FIXTURES[key]!, disputeRule: DISPUTE_RULES[key] }];
  return DISPUTE_ACTION_CASES.map((c) => ({
    name: `${key} ${String(c.payload().action)}`,
    fixture: () => ({ url: `/api/disputes/${c.ended ? endedDisputeId : disputeId}/actions`, payload: c.payload() }),
    disputeRule: { ...(c.ended ? { ended: true } : {}), expect: c.expect },
  }));
}

/** Screening, meeting and figure routes: the expected status from the policy's area rules, on the demo's grid, street, mediator and studio. */
const streetOf = (d: Demo) => d.dispatcher.scope_path;
const AREA_RULES: Record<string, (actor: Actor, d: Demo) => number> = {
  'POST /api/dispute-screenings': (actor, d) => (inScope(actor, d.gridWorker.scope_path) ? (mayReportScreening(actor, d.gridWorker.scope_path) ? 200 : 403) : 404),
  'GET /api/dispute-screenings/coverage': (actor, d) => (mayReadAreaFigures(actor, d.gridWorker.scope_path.split('.').slice(0, 4).join('.')) ? 200 : 404),
  'GET /api/dispute-meetings/agenda': (actor, d) => (inScope(actor, streetOf(d)) ? (mayHoldMeeting(actor, streetOf(d)) ? 200 : 403) : 404),
  'POST /api/dispute-meetings': (actor, d) => (inScope(actor, streetOf(d)) ? (mayHoldMeeting(actor, streetOf(d)) ? 201 : 403) : 404),
  'GET /api/dispute-meetings': (actor) => (mayHoldMeeting(actor, actor.scopePath) ? 200 : 403),
  'GET /api/dispute-meetings/:id': (actor, d) => (inScope(actor, streetOf(d)) ? (mayHoldMeeting(actor, streetOf(d)) ? 200 : 403) : 404),
  'GET /api/mediators/:userId': (actor) => (canSeeMediator(actor, { userId: mediatorId, areaPath: mediatorAreaPath, unitAreaPath: studio.areaPath }) ? 200 : 404),
  'GET /api/studios/:unitId': (actor) => (canSeeStudio(actor, { unitId: studio.id, areaPath: studio.areaPath }) ? 200 : 404),
  // 热点 of the demo street: its own and the city's staff read them; a street elsewhere gets the 404 of a missing area.
  'GET /api/hot-issues': (actor, d) => (inScope(actor, d.dispatcher.scope_path) ? 200 : 404),
};

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
  'POST /api/matters/:id/reply-check': (actor, facts) => seen(actor, facts, mayTake('reply', matterRelations(actor, facts)) ? 200 : 403),
  // The matrix matter is a grid worker's report, never public: a moderator is told there is nothing to moderate.
  'POST /api/matters/:id/moderation': (actor, facts) => seen(actor, facts, mayModerate(actor, facts) ? 409 : 403),
  // The citizen profile is for citizen accounts only.
  'GET /api/citizens/me': (actor) => (hasCitizenProfile(actor) ? 200 : 403),
  'PATCH /api/citizens/me': (actor) => (hasCitizenProfile(actor) ? 200 : 403),
};

describeEachDb('route × role policy matrix', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  const sessions = new Map<Role, Session>();

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    await seedCitizenNumbers(env().database.db, env().deps.cipher);
    for (const role of ROLES) sessions.set(role, await loginToken(env().app, DEMO_USER_OF[role], DEMO_PASSWORD));
    const report = await call(env().app, sessions.get('grid_worker')!, 'POST', '/api/matters', FIXTURES['POST /api/matters']!(demo, sessions.get('grid_worker')!).payload);
    matterId = report.json().id;
    const citizen = sessions.get('citizen')!;
    const post = await call(env().app, citizen, 'POST', '/api/matters', {
      channel: 'citizen_online', title: '矩阵公开诉求', description: '路灯不亮', address: '新桥社区', areaCode: demo.gridWorker.scope_code, public: true,
    });
    publicNumber = post.json().number;
    reportId = (await call(env().app, citizen, 'POST', '/api/supervision', { kind: 'misconduct', subject: '矩阵单位', content: '矩阵举报' })).json().id;
    const community = sessions.get('community_staff')!;
    mediatorId = sessions.get('mediator')!.userId;
    const newCase = async () => {
      const created = (await call(env().app, community, 'POST', '/api/disputes', disputeBody(communityOf(demo)))).json();
      await call(env().app, community, 'POST', `/api/disputes/${created.id}/actions`, { action: 'assign', mediatorIds: [mediatorId] });
      return created;
    };
    const mediated = await newCase();
    disputeId = mediated.id;
    partyId = mediated.parties[0].id;
    endedDisputeId = (await newCase()).id;
    await call(env().app, sessions.get('mediator')!, 'POST', `/api/disputes/${endedDisputeId}/actions`, { action: 'fail', path: 'litigation', note: '矩阵调解不成' });
    meetingId = (await call(env().app, sessions.get('dispatcher')!, 'POST', '/api/dispute-meetings', FIXTURES['POST /api/dispute-meetings']!(demo, sessions.get('dispatcher')!).payload)).json().id;
    const db = env().database.db;
    const tiaojie = await db.selectFrom('users as u').innerJoin('areas as a', 'a.code', 'u.scope_area_code').select(['u.unit_id', 'a.path']).where('u.id', '=', mediatorId).executeTakeFirstOrThrow();
    mediatorAreaPath = tiaojie.path;
    const unit = await db.selectFrom('org_units as o').innerJoin('areas as a', 'a.code', 'o.area_code').select(['o.id', 'a.path']).where('o.id', '=', tiaojie.unit_id!).executeTakeFirstOrThrow();
    Object.assign(studio, { id: unit.id, areaPath: unit.path });
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
        for (const variant of variantsOf(key)) {
          const { url, payload, headers } = variant.fixture(demo, session);
          const res = await call(app, session, route.method, url, payload, headers);
          const granted = route.policy === 'public' || route.policy === 'authenticated' || ROLE_GRANTS[role].includes(route.policy);
          const rule = RECORD_RULES[key];
          let ok: boolean;
          const disputeRule = variant.disputeRule;
          const areaRule = AREA_RULES[key];
          if (!granted) ok = res.statusCode === 403;
          else if (areaRule) {
            const expected = areaRule((await findSessionActor(app_db(), session.token, env().clock))!.actor, demo);
            if (res.statusCode !== expected) failures.push(`${variant.name} as ${role} → ${res.statusCode}, policy says ${expected}: ${res.body.slice(0, 100)}`);
            continue;
          }
          else if (disputeRule) {
            const actor = (await findSessionActor(app_db(), session.token, env().clock))!.actor;
            const expected = disputeRule.expect(actor, disputeFactsOf((await loadCase(app_db(), disputeRule.ended ? endedDisputeId : disputeId))!));
            if (res.statusCode !== expected) failures.push(`${variant.name} as ${role} → ${res.statusCode}, policy says ${expected}: ${res.body.slice(0, 100)}`);
            continue;
          } else if (rule) {
            const actor = (await findSessionActor(app_db(), session.token, env().clock))!.actor;
            const loaded = (await loadMatter(app_db(), matterId))!;
            const expected = rule(actor, factsOf(loaded.matter, loaded.units));
            ok = res.statusCode === expected;
            if (!ok) failures.push(`${variant.name} as ${role} → ${res.statusCode}, policy says ${expected}: ${res.body.slice(0, 100)}`);
            continue;
          } else ok = res.statusCode < 400 || res.statusCode === 404;
          if (!ok) failures.push(`${variant.name} as ${role} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
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
