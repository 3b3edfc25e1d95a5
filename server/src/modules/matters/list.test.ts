import { beforeAll, expect, it, vi } from 'vitest';
import type { MatterDetail, MatterListItem } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { loadDemo, type Demo } from '../../../test/demo.js';
import { demoSessions } from '../../../test/public-posts.js';
import { call, useTestEnv, type Session } from '../../../test/test-app.js';
import { parseSearch } from '../search/tokens.js';
import { visibleMatters } from '../../platform/policy/matters-sql.js';

// One list request does its preparation once: the search text is parsed once and the filter
// (visibility, queue, filters, search) built once, then shared by the page, the planner's
// estimate and the count. Counted through spies on the two steps; the database is real.

vi.mock('../search/tokens.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../search/tokens.js')>();
  return { ...orig, parseSearch: vi.fn(orig.parseSearch) };
});
vi.mock('../../platform/policy/matters-sql.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../platform/policy/matters-sql.js')>();
  return { ...orig, visibleMatters: vi.fn(orig.visibleMatters) };
});

describeEachDb('matter list preparation', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  let s: Record<string, Session>;
  let drain: MatterDetail;

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    s = await demoSessions(env().app, ['wanggeyuan', 'diaodu']);
    const res = await call(env().app, s.wanggeyuan!, 'POST', '/api/matters', {
      channel: 'grid_report', title: '小区下水道堵塞', description: '10号楼门前下水道堵塞', address: '新桥社区10号楼', areaCode: demo.gridWorker.scope_code,
    });
    expect(res.statusCode, res.body).toBe(201);
    drain = res.json();
  });

  /** Lists with `query` as `who`, counting the parses and filter builds of that one request. */
  const listCounting = async (who: string, query: string) => {
    vi.mocked(parseSearch).mockClear();
    vi.mocked(visibleMatters).mockClear();
    const res = await call(env().app, s[who]!, 'GET', `/api/matters?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: MatterListItem[]; total: number };
    return { body, parses: vi.mocked(parseSearch).mock.calls.length, builds: vi.mocked(visibleMatters).mock.calls.length };
  };

  it('parses a search once and builds the filter once for page, estimate and count', async () => {
    const { body, parses, builds } = await listCounting('diaodu', `pageSize=5&q=${encodeURIComponent('下水道')}&areaCode=${demo.gridWorker.scope_code}`);
    expect(body.items.map((i) => i.id)).toContain(drain.id);
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect({ parses, builds }).toEqual({ parses: 1, builds: 1 });
  });

  it('builds the filter once without a search, and parses nothing', async () => {
    const { body, parses, builds } = await listCounting('wanggeyuan', 'pageSize=5&queue=reported_by_me');
    expect(body.items.map((i) => i.id)).toContain(drain.id);
    expect({ parses, builds }).toEqual({ parses: 0, builds: 1 });
  });

  it('a search with nothing searchable parses once and finds nothing', async () => {
    const { body, parses, builds } = await listCounting('diaodu', `pageSize=5&q=${encodeURIComponent('😀')}`);
    expect(body).toMatchObject({ items: [], total: 0 });
    expect({ parses, builds }).toEqual({ parses: 1, builds: 1 });
  });
});
