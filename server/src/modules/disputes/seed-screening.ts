import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { localTime } from '../matters/calendar/working-time.js';
import { currentPeriod } from './screening.js';

// Demo 滚动排查 of 新桥社区 (拉僧仲街道) for this month and the one before. This month the demo
// grid worker's own grid (第1网格) and the last two are not screened yet, so the coverage board
// has gaps to show and the grid worker something to report; 第2 and 第3网格 found disputes (the
// demo cases registered from them link back). Other communities are left unscreened.

const previousPeriod = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** This month's screenings of 新桥社区 by grid number (1-based), for cases to link to. */
export async function seedDemoScreenings(trx: Transaction<DB>, now: Date): Promise<Map<number, { id: string; code: string; path: string }>> {
  const found = new Map<number, { id: string; code: string; path: string }>();
  const community = await trx.selectFrom('areas').select('path').where('name', '=', '新桥社区').where('level', '=', 'community').executeTakeFirst();
  if (!community) return found;
  const grids = await trx.selectFrom('areas').select(['code', 'path']).where('parent_code', '=', community.path.split('.').at(-1)!).where('level', '=', 'grid').orderBy('code').execute();
  const user = (username: string) => trx.selectFrom('users').select(['id', 'display_name']).where('username', '=', username).executeTakeFirst();
  const [gridWorker, communityStaff] = [await user('wanggeyuan'), await user('shequ')];
  const current = currentPeriod(now);
  const previous = previousPeriod(current);
  for (const [i, grid] of grids.entries()) {
    const n = i + 1;
    const by = n === 1 ? gridWorker : communityStaff;
    const reporter = { reported_by: by?.id ?? null, reported_by_name: by?.display_name ?? null };
    await trx
      .insertInto('dispute_screenings')
      .values({ grid_code: grid.code, grid_path: grid.path, period: previous, found: n === 2, note: n === 2 ? '发现邻里漏水纠纷一起' : null, ...reporter, reported_at: localTime(`${previous}-25`, '10:00') })
      .execute();
    if (n === 1 || n > grids.length - 2) continue;
    const row = await trx
      .insertInto('dispute_screenings')
      .values({ grid_code: grid.code, grid_path: grid.path, period: current, found: n <= 3, note: n <= 3 ? '入户走访发现纠纷' : '未发现矛盾纠纷', ...reporter, reported_at: new Date(Math.max(localTime(`${current}-01`).getTime(), now.getTime() - n * 3600_000)) })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (n <= 3) found.set(n, { id: row.id, code: grid.code, path: grid.path });
  }
  return found;
}
