import { describe, expect, inject, it } from 'vitest';
import { ApiSession, loginUi, newPage, screenshot, useBrowser } from './harness.js';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

type Geometry = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };

/** The middle of a grid's bounding box (the demo grids are convex enough for it to lie inside). */
function middle(geometry: Geometry): [number, number] {
  const points = (JSON.stringify(geometry.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g) ?? []).map((p) => p.split(',').map(Number) as [number, number]);
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

describe('hot issues in the browser', () => {
  it('four people report one problem at one place through the API → the street dispatcher sees it ranked, on the map, and opens its matters', async () => {
    const tag = Date.now().toString(36);
    const wg = await ApiSession.login(baseUrl, 'wanggeyuan');
    const grid = wg.me.scopeArea.code;
    const area = await wg.get<{ geometry: Geometry }>(`/api/areas/${grid}`);
    const [lon, lat] = middle(area.geometry);
    // A problem none of the demo city's posts is about, so the group is these five alone.
    const reports: [string, string, string, string][] = [
      ['wanggeyuan', 'grid_report', '东门健身器材损坏', '东门小广场的健身器材螺丝松动，扶手断裂，老人锻炼很危险。'],
      ['wanggezhang', 'grid_report', '健身器材坏了没人修', '东门广场健身器材扶手断了，螺丝松动，存在安全隐患。'],
      ['shequ', 'grid_report', '居民反映健身器材损坏', '多名居民来社区反映东门健身器材损坏，担心老人受伤。'],
      ['qunzhong', 'citizen_online', '小广场健身器材断裂', '东门健身器材的扶手断裂好几天了，孩子玩耍也危险。'],
      ['wanggeyuan', 'grid_report', '健身器材损坏再次反映', '东门小广场健身器材损坏仍未维修，居民意见很大。'],
    ];
    const ids: string[] = [];
    for (const [who, channel, title, description] of reports) {
      const s = who === 'wanggeyuan' ? wg : await ApiSession.login(baseUrl, who);
      const created = await s.post<{ id: string }>('/api/matters', { channel, title: `${title} ${tag}`, description, address: '新桥社区东门小广场', areaCode: grid, lon, lat });
      ids.push(created.id);
    }

    // The server groups them: one hot issue named by its earliest matter, four people at least
    // (other browser tests on this server, or a retried run, may add look-alike reports to it).
    const dd = await ApiSession.login(baseUrl, 'diaodu');
    const group = await dd.get<{ id: string; count: number; reporters: number; matters: { id: string }[] }>(`/api/hot-issues/${ids[4]}?days=7`);
    expect(group.matters.map((m) => m.id)).toEqual(expect.arrayContaining(ids));
    expect(group.count).toBeGreaterThanOrEqual(5);
    expect(group.reporters).toBeGreaterThanOrEqual(4);
    expect(group.id).toBe(group.matters[0]!.id);

    const page = await newPage(browser(), baseUrl);
    await loginUi(page, 'diaodu');
    await page.getByTestId('menu-hot-issues').click();
    await page.getByTestId('hot-page').waitFor();
    await page.getByTestId('hot-window-7').click();
    const row = page.locator(`[data-testid="hot-row"][data-id="${group.id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-count')).toBe(String(group.count));
    expect(await row.getByTestId('hot-label').textContent()).toContain('健身器材');
    await expect.poll(async () => Number(await page.getByTestId('hot-map').getAttribute('data-point-count'))).toBeGreaterThanOrEqual(5);
    expect(await page.locator('[data-testid="hot-map"] path.leaflet-interactive').count()).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'hot-issues');

    await row.locator('td').nth(2).click();
    const drawer = page.getByTestId('hot-drawer');
    await drawer.waitFor();
    expect(await drawer.getAttribute('data-count')).toBe(String(group.count));
    await expect.poll(() => page.getByTestId('hot-matter-row').count()).toBe(group.count);
    expect(new URL(page.url()).searchParams.get('focus')).toBe(group.id);
    // Let the drawer finish sliding in before the picture.
    await expect.poll(() => drawer.evaluate((el) => el.closest('.ant-drawer-content-wrapper')?.getBoundingClientRect().right ?? 0)).toBeLessThanOrEqual(1400);
    await page.waitForTimeout(300);
    await screenshot(page, 'hot-issue-drawer');

    await page.getByTestId('hot-matter-link').first().click();
    await page.getByTestId('matter-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/matters/${group.id}`);

    // The notification link form opens the issue straight away.
    await page.goto(`/hot-issues?days=7&focus=${ids[2]}`);
    await page.getByTestId('hot-drawer').waitFor();
    expect(await page.getByTestId('hot-drawer').getAttribute('data-id')).toBe(group.id);
  });

  it('has no menu entry and refuses the page for a grid worker', async () => {
    const page = await newPage(browser(), baseUrl);
    await loginUi(page, 'wanggeyuan');
    expect(await page.getByTestId('menu-hot-issues').count()).toBe(0);
    const api = await ApiSession.login(baseUrl, 'wanggeyuan');
    expect(await api.status('/api/hot-issues')).toBe(403);
  });
});
