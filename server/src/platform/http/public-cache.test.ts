import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeEachDb } from '../../../test/databases.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { AppError } from '../errors.js';
import { NotModified } from './cacheable.js';
import { ConcurrencyLimit, MicroCache, publicReads } from './public-cache.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('MicroCache', () => {
  it('answers from the cache until the TTL has passed, then loads again', async () => {
    let now = 1_000;
    let loads = 0;
    const cache = new MicroCache<number>({ ttlMs: 1000, staleMs: 0, maxEntries: 10, now: () => now });
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    now += 999;
    expect(await cache.get('a', load)).toBe(1);
    now += 1;
    expect(await cache.get('a', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('answers a stale value at once while one load refreshes it, and waits once it is too old', async () => {
    let now = 0;
    const cache = new MicroCache<string>({ ttlMs: 1000, staleMs: 4000, maxEntries: 10, now: () => now });
    await cache.get('feed', async () => 'v1');
    now = 1500;
    const refresh = deferred<string>();
    let loads = 0;
    const slow = () => (loads++, refresh.promise);
    expect(await cache.get('feed', slow)).toBe('v1');
    expect(await cache.get('feed', slow)).toBe('v1');
    expect(loads).toBe(1);
    refresh.resolve('v2');
    await tick();
    expect(await cache.get('feed', slow)).toBe('v2');

    // A failed background refresh keeps the stale value until the stale window ends.
    now = 3000;
    expect(await cache.get('feed', () => Promise.reject(new Error('overloaded')))).toBe('v2');
    await tick();
    expect(await cache.get('feed', async () => 'v3')).toBe('v2');
    await tick();
    expect(await cache.get('feed', async () => 'v4')).toBe('v3');
    now = 10_000;
    await expect(cache.get('feed', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
  });

  it('runs one load for a burst of identical requests, and none is kept when it fails', async () => {
    const cache = new MicroCache<string>({ ttlMs: 1000, staleMs: 0, maxEntries: 10 });
    const first = deferred<string>();
    let loads = 0;
    const burst = Array.from({ length: 50 }, () => cache.get('feed', () => (loads++, first.promise)));
    first.resolve('page');
    expect(await Promise.all(burst)).toEqual(Array(50).fill('page'));
    expect(loads).toBe(1);

    const failing = deferred<string>();
    const waiters = [cache.get('post', () => failing.promise), cache.get('post', () => Promise.resolve('never asked'))];
    failing.reject(new Error('database gone'));
    for (const w of waiters) await expect(w).rejects.toThrow('database gone');
    expect(await cache.get('post', async () => 'loaded again')).toBe('loaded again');
  });

  it('keeps at most maxEntries keys, dropping the least recently used', async () => {
    const cache = new MicroCache<string>({ ttlMs: 60_000, staleMs: 0, maxEntries: 2 });
    const loaded: string[] = [];
    const get = (k: string) => cache.get(k, async () => (loaded.push(k), k));
    await get('a');
    await get('b');
    await get('a'); // a is now the most recently used
    await get('c'); // evicts b
    expect(cache.size).toBe(2);
    await get('a');
    await get('b');
    expect(loaded).toEqual(['a', 'b', 'c', 'b']);
  });

  it('loads every time when the TTL is 0', async () => {
    let loads = 0;
    const cache = new MicroCache<number>({ ttlMs: 0, staleMs: 5000, maxEntries: 10 });
    await Promise.all([cache.get('a', async () => ++loads), cache.get('a', async () => ++loads)]);
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);
  });
});

describe('ConcurrencyLimit', () => {
  it('runs at most max tasks at once, the rest in arrival order, and refuses beyond the queue', async () => {
    const limit = new ConcurrencyLimit(2, 2);
    const gates = Array.from({ length: 4 }, () => deferred<void>());
    const order: number[] = [];
    const runs = gates.map((g, i) => limit.run(async () => (order.push(i), g.promise)));
    await tick();
    expect([limit.running, limit.queued]).toEqual([2, 2]);
    expect(order).toEqual([0, 1]);

    const refused = limit.run(async () => 'too many');
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'OVERLOADED', status: 503 });

    gates[1]!.reject(new Error('a failed query frees its slot too'));
    await expect(runs[1]).rejects.toThrow('frees its slot');
    await tick();
    expect(order).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    await Promise.all([runs[0], runs[2], runs[3]]);
    expect(order).toEqual([0, 1, 2, 3]);
    expect([limit.running, limit.queued]).toEqual([0, 0]);
  });

  it('does not limit when max is 0', async () => {
    const limit = new ConcurrencyLimit(0, 0);
    const gate = deferred<void>();
    const runs = Array.from({ length: 20 }, () => limit.run(() => gate.promise));
    gate.resolve();
    await Promise.all(runs);
  });
});

describe('publicReads', () => {
  it('serializes through the 200 schema, also when a reader who got a 304 starts the background refresh', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const sendPublic = publicReads({ publicCacheMs: 20, publicCacheStaleMs: 60_000, publicCacheEntries: 10, publicDbConcurrency: 1, publicDbQueue: 10 });
    let version = 0;
    app.withTypeProvider<ZodTypeProvider>().get(
      '/page',
      { schema: { response: { 200: z.object({ version: z.number() }), 304: NotModified } } },
      (req, reply) => sendPublic(req, reply, async () => ({ version: ++version, internal: 'not in the schema' }), 'public, max-age=30'),
    );
    const first = await app.inject('/page');
    expect(first.json()).toEqual({ version: 1 });
    await new Promise((r) => setTimeout(r, 30));
    const revalidated = await app.inject({ url: '/page', headers: { 'if-none-match': first.headers.etag as string } });
    expect(revalidated.statusCode).toBe(304);
    await new Promise((r) => setTimeout(r, 10));
    const next = await app.inject('/page');
    expect(next.statusCode).toBe(200);
    expect(next.json()).toEqual({ version: 2 });
    await app.close();
  });

  it('answers a query stopped by the public pool’s statement timeout with 503 and Retry-After', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const sendPublic = publicReads({ publicCacheMs: 1000, publicCacheStaleMs: 0, publicCacheEntries: 10, publicDbConcurrency: 1, publicDbQueue: 10 });
    const timedOut = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    app.withTypeProvider<ZodTypeProvider>().get('/search', (req, reply) => sendPublic(req, reply, () => Promise.reject(timedOut), 'public, max-age=30'));
    const res = await app.inject('/search');
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    await app.close();
  });
});

describeEachDb('public pages through the micro-cache and the database limit', (kind) => {
  const env = useTestEnv(kind, { publicCacheMs: 60_000, publicDbConcurrency: 1, publicDbQueue: 0 });
  let demo: Demo;
  let citizen: Session;
  let number: string;

  const report = async (title: string) => {
    const res = await call(env().app, citizen, 'POST', '/api/matters', {
      channel: 'citizen_online', title, description: '井盖缺失', address: '新桥社区', areaCode: demo.gridWorker.scope_code, public: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().number as string;
  };

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    citizen = await loginToken(env().app, 'qunzhong', DEMO_PASSWORD);
    number = await report('路灯不亮');
  });

  it('serves the same answer, headers and 304 from the cache, without reading new rows', async () => {
    const first = await call(env().app, null, 'GET', '/api/public/matters');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.json().items.map((i: { number: string }) => i.number)).toEqual([number]);
    await report('新的公开诉求');
    const again = await call(env().app, null, 'GET', '/api/public/matters');
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('public, max-age=30');
    const revalidated = await call(env().app, null, 'GET', '/api/public/matters', undefined, { 'if-none-match': first.headers.etag as string });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers['content-length'] ?? '0').toBe('0');
    // Another URL is another entry: it reads the database and sees both.
    expect((await call(env().app, null, 'GET', '/api/public/matters?page=1')).json().items).toHaveLength(2);
    // A missing post is not cached as found, and answers 404 as before.
    expect((await call(env().app, null, 'GET', '/api/public/matters/20990101000001')).statusCode).toBe(404);
    expect((await call(env().app, null, 'GET', `/api/public/matters/${number}`)).json().title).toBe('路灯不亮');
  });

  it('answers 503 with Retry-After and the standard error body when the database slots and queue are taken', async () => {
    const staff = await loginToken(env().app, 'diaodu', DEMO_PASSWORD);
    const [staffList, ...results] = await Promise.all([
      call(env().app, staff, 'GET', '/api/matters?page=1&pageSize=5'),
      ...Array.from({ length: 6 }, (_, i) => call(env().app, null, 'GET', `/api/public/matters?pageSize=${i + 1}`)),
    ]);
    const refused = results.filter((r) => r.statusCode === 503);
    expect(results.some((r) => r.statusCode === 200)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.headers['retry-after']).toBe('1');
    expect(refused[0]!.json()).toEqual({ error: { code: 'OVERLOADED', message: expect.any(String), requestId: expect.any(String) } });
    // Staff routes are not limited: the dispatcher's list answers while readers are turned away.
    expect(staffList!.statusCode).toBe(200);
  });

  it.runIf(kind === 'postgres')('reads public pages through a pool of their own: read-only, no parallel workers, a statement timeout', async () => {
    const { publicDb, db } = env().database;
    expect(publicDb).not.toBe(db);
    const setting = async (name: string) => (await sql<{ v: string }>`select current_setting(${name}) as v`.execute(publicDb)).rows[0]!.v;
    expect(await setting('transaction_read_only')).toBe('on');
    expect(await setting('max_parallel_workers_per_gather')).toBe('0');
    expect(await setting('statement_timeout')).toBe('3s');
    await expect(sql`update matters set title = title`.execute(publicDb)).rejects.toMatchObject({ code: '25006' });
  });
});
