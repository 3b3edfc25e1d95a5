import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { MatterDetail, MatterListItem, PublicMatterPage } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { loadDemo, type Demo } from '../../../test/demo.js';
import { act, demoSessions, dispatchAndAccept } from '../../../test/public-posts.js';
import { call, useTestEnv, type Session } from '../../../test/test-app.js';
import { indexMattersById, requestSearchIndex, startSearchIndexer, sweepSearchIndex } from './indexer.js';
import { matterDocument, parseSearch } from './tokens.js';

// Search through the real API on both databases: before the indexer has seen a matter (matched
// directly) and after (through the index) the answers agree; public search sees only what the
// public page shows; the list's area scope holds.

describeEachDb('matter search', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let s: Record<string, Session>;
  const m: Record<string, MatterDetail> = {};

  const db = () => env().database.db;
  const sweep = () => sweepSearchIndex(db(), env().deps.cipher, env().clock);
  const staffIds = async (who: string, q: string) => {
    const res = await call(env().app, s[who]!, 'GET', `/api/matters?pageSize=100&q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as MatterListItem[]).map((i) => i.id);
  };
  const publicNumbers = async (q: string) => {
    const res = await call(env().app, null, 'GET', `/api/public/matters?pageSize=50&q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as PublicMatterPage).items.map((i) => i.number);
  };
  const report = async (who: string, body: object) => {
    const res = await call(env().app, s[who]!, 'POST', '/api/matters', { address: '新桥社区', areaCode: demo.gridWorker.scope_code, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as MatterDetail;
  };
  const indexedCount = async () => Number((await db().selectFrom('matter_search').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    demo = await loadDemo(db(), env().deps.cipher);
    s = await demoSessions(env().app, ['wanggeyuan', 'diaodu', 'diaodu2', 'chengban', 'qunzhong', 'admin']);
    m.drain = await report('wanggeyuan', { channel: 'grid_report', title: '小区下水道堵塞', description: '10号楼门前下水道堵塞, 污水外溢', address: '乌海市海南区新桥社区10号楼' });
    m.noise = await report('wanggeyuan', { channel: 'grid_report', title: '餐饮店噪音扰民', description: '烧烤店每晚营业到凌晨, 噪音很大, 严重扰民' });
    m.wifi = await report('wanggeyuan', { channel: 'grid_report', title: 'WiFi坏了😀', description: '社区活动室的WiFi连不上, D7县来的志愿者反映' });
    m.lamp = await report('wanggeyuan', { channel: 'grid_report', title: '井盖缺失路人绊倒', description: '路口井盖丢失', address: '新桥社区7号楼' });
    m.named = await report('qunzhong', {
      channel: 'citizen_online', title: '楼上漏水', description: '我叫王小明, 楼上卫生间漏水, 电话13912345678', reporterName: '王小明', public: true,
    });
    m.private = await report('qunzhong', { channel: 'citizen_online', title: '私下反映楼道堆物', description: '楼道堆物不想公开', public: false });
    m.other = await call(env().app, s.qunzhong!, 'POST', '/api/matters', {
      channel: 'citizen_online', title: '别的街道下水道堵塞', description: '下水道堵塞', address: '另一条街道', areaCode: demo.otherStreetGrid.code, public: true,
    }).then((r) => r.json() as MatterDetail);
  });

  /** Runs `check` before the indexer has seen the matters and again after a sweep. */
  const beforeAndAfterIndexing = async (check: () => Promise<void>) => {
    await db().deleteFrom('matter_search').execute();
    await db().updateTable('matter_search_state').set({ indexed_before: null }).execute();
    await check();
    const swept = await sweep();
    expect(swept.completed).toBe(true);
    expect(await indexedCount()).toBeGreaterThanOrEqual(Object.keys(m).length);
    await check();
  };

  it('finds sub-words, separate words, numbers and mixed scripts, indexed or not', async () => {
    await beforeAndAfterIndexing(async () => {
      expect(await staffIds('diaodu', '下水')).toContain(m.drain!.id);
      expect(await staffIds('diaodu', '噪音')).toContain(m.noise!.id);
      expect(await staffIds('diaodu', '乌海')).toContain(m.drain!.id);
      expect(await staffIds('diaodu', '噪音 凌晨')).toEqual([m.noise!.id]);
      expect(await staffIds('diaodu', '盖缺失路')).toContain(m.lamp!.id);
      expect(await staffIds('diaodu', '绊')).toContain(m.lamp!.id);
      expect(await staffIds('diaodu', '7号楼')).toContain(m.lamp!.id);
      expect(await staffIds('diaodu', '盖井')).not.toContain(m.lamp!.id); // every pair present is not enough
      expect(await staffIds('diaodu', m.lamp!.number)).toEqual([m.lamp!.id]);
      expect(await staffIds('diaodu', m.lamp!.number.slice(-6))).toContain(m.lamp!.id);
      expect(await staffIds('diaodu', 'wifi坏了')).toEqual([m.wifi!.id]);
      expect(await staffIds('diaodu', 'WIFI')).toEqual([m.wifi!.id]);
      expect(await staffIds('diaodu', 'd7县')).toEqual([m.wifi!.id]);
    });
  });

  it('exports what the list finds, indexed or not (the condition built in one query)', async () => {
    const exported = async (q: string) => {
      const res = await call(env().app, s.diaodu!, 'GET', `/api/matters/export?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('事项清单')!;
      return sheet.getColumn(1).values.slice(2).map(String);
    };
    await beforeAndAfterIndexing(async () => {
      expect(await exported('下水 外溢')).toEqual([m.drain!.number]);
      expect(await exported('😀')).toEqual([]);
    });
  });

  it('matches traditional characters to simplified text, and words apart', async () => {
    await sweep();
    expect(await staffIds('diaodu', '下水道堵塞')).toContain(m.drain!.id);
    expect(await staffIds('diaodu', '噪音擾民')).toEqual([m.noise!.id]);
    expect(await staffIds('diaodu', '汙水 外溢')).toEqual([m.drain!.id]);
    expect(await staffIds('diaodu', '污水乌海')).toEqual([m.drain!.id]); // two words, in the description and the address
  });

  it('answers a search with nothing searchable with no matters, and refuses an over-long one', async () => {
    for (const q of ['😀', '，。', '👨‍👩‍👧']) {
      expect(await staffIds('diaodu', q)).toEqual([]);
      expect(await publicNumbers(q)).toEqual([]);
    }
    expect((await call(env().app, s.diaodu!, 'GET', `/api/matters?q=${encodeURIComponent('路'.repeat(10_000))}`)).statusCode).toBe(400);
    expect((await call(env().app, null, 'GET', `/api/public/matters?q=${encodeURIComponent('路'.repeat(10_000))}`)).statusCode).toBe(400);
  });

  it('keeps the list’s area scope: another street never sees the matter', async () => {
    await sweep();
    expect(await staffIds('diaodu', '下水道')).toContain(m.drain!.id);
    expect(await staffIds('diaodu', '下水道')).not.toContain(m.other!.id);
    expect(await staffIds('diaodu2', '下水道')).not.toContain(m.drain!.id);
    expect(await staffIds('diaodu2', '下水道')).toContain(m.other!.id);
    expect(await staffIds('chengban', '下水道')).toEqual([]); // a unit sees what it was given, nothing yet
  });

  it('finds public posts by their public words only: never a masked name or number, never a private matter', async () => {
    await beforeAndAfterIndexing(async () => {
      expect(await publicNumbers('漏水')).toEqual([m.named!.number]);
      expect(await publicNumbers('王小明')).toEqual([]);
      expect(await publicNumbers('小明')).toEqual([]);
      expect(await publicNumbers('1391')).toEqual([]);
      expect(await publicNumbers('堆物')).toEqual([]);
      expect(await publicNumbers('下水道')).toEqual([m.other!.number]); // grid reports are not public
      expect(await staffIds('diaodu', '王小明')).toEqual([m.named!.id]); // the staff see the original
    });
  });

  it('follows moderation at once: the words it took out are not found, its own are', async () => {
    const post = await report('qunzhong', { channel: 'citizen_online', title: '广场健身器材损坏', description: '广场健身器材损坏严重, 物业不管', public: true });
    await sweep();
    expect(await publicNumbers('健身器材')).toEqual([post.number]);
    const res = await call(env().app, s.diaodu!, 'POST', `/api/matters/${post.id}/moderation`, { action: 'redact', title: '反映公共设施问题', description: '反映设施维护问题', reason: '核对' });
    expect(res.statusCode, res.body).toBe(200);
    // Queued by the trigger, not yet re-indexed: matched from the new public text.
    expect((await db().selectFrom('matter_search_queue').select('matter_id').execute()).map((r) => r.matter_id)).toEqual([post.id]);
    expect(await publicNumbers('健身器材')).toEqual([]);
    expect(await publicNumbers('设施维护')).toEqual([post.number]);
    const swept = await sweep();
    expect(swept.reindexed).toBe(1);
    expect(await db().selectFrom('matter_search_queue').selectAll().execute()).toEqual([]);
    expect(await publicNumbers('健身器材')).toEqual([]);
    expect(await publicNumbers('设施维护')).toEqual([post.number]);
    expect(await staffIds('diaodu', '健身器材')).toEqual([post.id]); // the staff keep the original
  });

  it('re-indexes a matter when dispatch gives it a category, and finds it by the category’s name', async () => {
    await sweep();
    await dispatchAndAccept(env().app, s.diaodu!, s.chengban!, m.lamp!.id);
    await sweep();
    const category = await db().selectFrom('categories').select('name').where('code', '=', 'urban_construction.old_community').executeTakeFirstOrThrow();
    expect(await staffIds('diaodu', category.name)).toContain(m.lamp!.id);
    // A renamed category is found by its new name.
    await db().updateTable('categories').set({ name: '老旧小区综合整治' }).where('code', '=', 'urban_construction.old_community').execute();
    await sweep();
    expect(await staffIds('diaodu', '综合整治')).toContain(m.lamp!.id);
    await db().updateTable('categories').set({ name: category.name }).where('code', '=', 'urban_construction.old_community').execute();
    await act(env().app, s.chengban!, m.lamp!.id, { action: 'reply', note: '已补装井盖' });
    expect((await sweep()).reindexed).toBe(1); // the rename back; the reply changed no searchable text
  });

  it('indexes 10,000-character, emoji-only and empty-looking text', async () => {
    const long = `${'路灯不亮, 井盖缺失。'.repeat(1000)}尾部关键词`;
    const row = await db()
      .insertInto('matters')
      .values({
        ...(await db().selectFrom('matters').select(['channel', 'urgency', 'state', 'area_code', 'area_path', 'owner_unit_id', 'anonymous']).where('id', '=', m.noise!.id).executeTakeFirstOrThrow()),
        number: '20261130999001', title: '😀😀', description: long, address: '👨‍👩‍👧', created_at: env().clock.now(), updated_at: env().clock.now(), stage_started_at: env().clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(long.length).toBeGreaterThan(10_000);
    expect(await indexMattersById(db(), env().deps.cipher, env().clock, [row.id])).toBe(1);
    expect(await staffIds('diaodu', '尾部关键词')).toEqual([row.id]);
    expect(await staffIds('diaodu', '999001')).toEqual([row.id]);
  });

  it('answers a search matching more than a thousand matters, with the newest not yet indexed first', async () => {
    const base = await db().selectFrom('matters').select(['channel', 'urgency', 'state', 'area_code', 'area_path', 'owner_unit_id', 'anonymous']).where('id', '=', m.noise!.id).executeTakeFirstOrThrow();
    const at = new Date(env().clock.now().getTime() - 3_600_000);
    await db()
      .insertInto('matters')
      .values(Array.from({ length: 1_005 }, (_, i) => ({ ...base, number: `20261130${String(800_000 + i)}`, title: `批量测试井盖${i}`, description: '批量测试', address: '新桥社区', created_at: at, updated_at: at, stage_started_at: at })))
      .execute();
    // Stamped an hour back (an import): behind the watermark, so the regular sweep leaves them to the full one.
    expect((await sweep()).indexed).toBe(0);
    // Treated as not indexed (the advice after an import), they are found by ILIKE meanwhile.
    await db().updateTable('matter_search_state').set({ indexed_before: null }).execute();
    expect((await staffIds('diaodu', '批量测试 井盖')).length).toBe(100);
    expect((await sweepSearchIndex(db(), env().deps.cipher, env().clock, { full: true })).indexed).toBe(1_005);
    const fresh = await report('wanggeyuan', { channel: 'grid_report', title: '批量测试之后的新井盖', description: '刚刚上报' });
    const res = await call(env().app, s.diaodu!, 'GET', `/api/matters?pageSize=20&q=${encodeURIComponent('批量测试 井盖')}`);
    expect(res.json()).toMatchObject({ total: 1000, totalCapped: true });
    expect(res.json().items[0].id).toBe(fresh.id);
    expect(res.json().items).toHaveLength(20);
  });

  it('stores what the tokens write: quotes, backslashes and every script survive both databases', async () => {
    const doc = matterDocument("it's", ['a\\b', "O'Brien 的 WiFi", 'カタカナ 한국어 Москва', '😀', '']);
    const { rows } = await sql<{ hit: boolean; miss: boolean }>`select ${doc}::tsvector @@ ${parseSearch("o'brien 한국")!.tsquery}::tsquery as hit,
      ${doc}::tsvector @@ ${parseSearch('москвы')!.tsquery}::tsquery as miss`.execute(db());
    expect(rows[0]).toEqual({ hit: true, miss: false });
  });

  it('lets one process sweep at a time, and indexes on request without waiting for the next sweep', async () => {
    await db().deleteFrom('matter_search').execute();
    await db().updateTable('matter_search_state').set({ indexed_before: null }).execute();
    const results = await Promise.all([sweep(), sweep()]);
    // Batch by batch under the lock: the two take turns or one finds it taken; no matter is read twice.
    expect(results.reduce((n, r) => n + r.indexed, 0)).toBe(await indexedCount());
    expect(await db().selectFrom('matters as m').select('m.id').where((eb) => eb.not(eb.exists(eb.selectFrom('matter_search as s').select('s.matter_id').whereRef('s.matter_id', '=', 'm.id')))).execute()).toEqual([]);

    const indexer = startSearchIndexer(db(), env().deps.cipher, env().clock, 3_600_000, (err) => {
      throw err;
    });
    try {
      const fresh = await report('wanggeyuan', { channel: 'grid_report', title: '新上报的路灯损坏', description: '路灯不亮' });
      requestSearchIndex([fresh.id]);
      for (let i = 0; i < 100 && !(await db().selectFrom('matter_search').select('matter_id').where('matter_id', '=', fresh.id).executeTakeFirst()); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await db().selectFrom('matter_search').select('matter_id').where('matter_id', '=', fresh.id).executeTakeFirst()).toBeDefined();
    } finally {
      await indexer.stop();
    }
  });
});
