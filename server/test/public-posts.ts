import type { FastifyInstance } from 'fastify';
import type { MatterDetail } from '@fengqiao/shared';
import { DEMO_PASSWORD } from './demo.js';
import { call, loginToken, type Session } from './test-app.js';

// Helpers for the public platform's tests: demo sessions, a citizen's public post, the handling steps.

export async function demoSessions(app: FastifyInstance, usernames: string[]): Promise<Record<string, Session>> {
  const s: Record<string, Session> = {};
  for (const u of usernames) s[u] = await loginToken(app, u, DEMO_PASSWORD);
  return s;
}

/** A citizen's public post in a grid of the demo city (拉僧仲街道 for the grid worker's grid). */
export async function postPublic(app: FastifyInstance, citizen: Session, gridCode: string, extra: object = {}): Promise<MatterDetail> {
  const res = await call(app, citizen, 'POST', '/api/matters', {
    channel: 'citizen_online',
    title: '楼道灯坏了',
    description: '新桥社区楼道灯坏了一个月, 晚上看不见',
    address: '新桥社区',
    areaCode: gridCode,
    public: true,
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`post → ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function act(app: FastifyInstance, who: Session, id: string, body: object): Promise<MatterDetail> {
  const res = await call(app, who, 'POST', `/api/matters/${id}/actions`, body);
  if (res.statusCode !== 200) throw new Error(`${JSON.stringify(body)} → ${res.statusCode} ${res.body}`);
  return res.json();
}

/** 派遣 to the unit routing picks for 老旧小区改造 (海南区住建局), then 签收 by its handler. */
export async function dispatchAndAccept(app: FastifyInstance, dispatcher: Session, handler: Session, id: string): Promise<MatterDetail> {
  const triage = await call(app, dispatcher, 'GET', `/api/matters/${id}/triage?categoryCode=urban_construction.old_community`);
  await act(app, dispatcher, id, { action: 'dispatch', categoryCode: 'urban_construction.old_community', unitId: triage.json().unit.id });
  return act(app, handler, id, { action: 'accept' });
}
