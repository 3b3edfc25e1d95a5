import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { expectError } from '../../../test/error-contract.js';
import { makeArea, makeOrgUnit, makeUser, type MadeArea } from '../../../test/factories.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';

// Idempotency-Key on 受理: the same request again is the same matter; the same key with another
// body is refused with 422 IDEMPOTENCY_KEY_REUSED and writes nothing, on the single and the batch path.

const WRITTEN = ['matters', 'matter_events', 'idempotency_keys', 'audit_log', 'notifications'] as const;

describeEachDb('Idempotency-Key', (kind) => {
  const env = useTestEnv(kind);
  let worker: Session;
  let community: MadeArea;
  let serial = 0;

  beforeAll(async () => {
    const { database, app } = env();
    const street = await makeArea(database.db, { level: 'street' });
    community = await makeArea(database.db, { level: 'community', parent: street });
    await makeOrgUnit(database.db, { area: street, kind: 'center' });
    const user = await makeUser(database.db, { roles: ['grid_worker'], scope: community });
    worker = await loginToken(app, user.username, user.password);
  });

  const counts = async () => {
    const db = env().database.db;
    const out: Record<string, number> = {};
    for (const t of WRITTEN) out[t] = Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };
  const report = (key: string, body: Record<string, unknown>) => call(env().app, worker, 'POST', '/api/matters', body, { 'idempotency-key': key });
  const body = (title: string) => ({ channel: 'grid_report', title, description: '路口井盖丢失', address: '新桥社区路口', areaCode: community.code });
  const newKey = () => `idem-${kind}-${serial++}`;

  it('answers a retry with the same body (keys in any order) with the first matter', async () => {
    const key = newKey();
    const first = await report(key, body('井盖缺失'));
    expect(first.statusCode, first.body).toBe(201);
    const before = await counts();
    const { channel, ...rest } = body('井盖缺失');
    // The same request: fields in another order, the defaults spelled out, the title with the spaces validation trims.
    const again = await report(key, { ...rest, title: '  井盖缺失 ', urgency: 'normal', channel });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await counts()).toEqual(before);
  });

  it('refuses the same key with a different body: 422, the field named, nothing written', async () => {
    const key = newKey();
    const first = await report(key, body('路灯不亮'));
    expect(first.statusCode, first.body).toBe(201);
    const before = await counts();
    for (const changed of [body('路灯不亮了'), { ...body('路灯不亮'), urgency: 'urgent' }, { ...body('路灯不亮'), anonymous: true }]) {
      const error = expectError(await report(key, changed), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(error.message).toMatch(/already used for a different request/);
      expect(error.details).toEqual([{ path: 'headers.idempotency-key', message: 'already used for a different request' }]);
    }
    expect(await counts()).toEqual(before);
    // The key still replays its own request.
    expect((await report(key, body('路灯不亮'))).json().id).toBe(first.json().id);
  });

  it('keeps a key per person: another reporter may use the same key', async () => {
    const key = newKey();
    expect((await report(key, body('垃圾堆积'))).statusCode).toBe(201);
    const other = await makeUser(env().database.db, { roles: ['grid_worker'], scope: community });
    const session = await loginToken(env().app, other.username, other.password);
    const res = await call(env().app, session, 'POST', '/api/matters', body('占道经营'), { 'idempotency-key': key });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('decides a race of two bodies under one key: one matter, the other request refused (batched writes)', async () => {
    const key = newKey();
    const before = await counts();
    // Sent together, they share a batch (fq_report_matters): the set-based statement fails on the key, each report is then written alone.
    const results = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => call(env().app, worker, 'POST', '/api/matters', body(`车辆乱停 ${i}`))),
      report(key, body('噪音扰民')),
      report(key, body('油烟扰民')),
    ]);
    const [a, b] = results.slice(6);
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([201, 422]);
    for (const r of results.slice(0, 6)) expect(r.statusCode, r.body).toBe(201);
    expectError([a!, b!].find((r) => r.statusCode === 422)!, 422, 'IDEMPOTENCY_KEY_REUSED');
    const after = await counts();
    expect(after.matters).toBe(before.matters! + 7);
    expect(after.idempotency_keys).toBe(before.idempotency_keys! + 1);
  });

  it('stores the fingerprint on both write paths, and replays keys stored before fingerprints', async () => {
    const db = env().database.db;
    const single = newKey();
    const first = await report(single, body('树木倒伏'));
    const batched = await Promise.all([newKey(), newKey(), newKey(), newKey(), newKey(), newKey()].map((k) => report(k, body(`护栏损坏 ${k}`))));
    const ids = [first, ...batched].map((r) => r.json().id as string);
    const fingerprints = await db.selectFrom('idempotency_keys').select('fingerprint').where('matter_id', 'in', ids).execute();
    expect(fingerprints).toHaveLength(7);
    for (const { fingerprint } of fingerprints) expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // A key written before migration 0020 has no fingerprint: it answers as it always did.
    await db.updateTable('idempotency_keys').set({ fingerprint: null }).where('key', '=', single).execute();
    const legacy = await report(single, body('另一件事'));
    expect(legacy.statusCode).toBe(200);
    expect(legacy.json().id).toBe(first.json().id);
  });
});
