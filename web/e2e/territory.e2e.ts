import { describe, expect, inject, it } from 'vitest';
import { ApiSession, loginUi, newPage, screenshot, useBrowser } from './harness.js';

interface AreaSummary {
  code: string;
  name: string;
  level: string;
  childCount: number;
}
interface FeatureCollection {
  features: { properties: { code: string; name: string } }[];
}

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const mapPaths = '[data-testid="area-map"] path.leaflet-interactive';

describe('territory scope in the browser', () => {
  it('grid worker sees exactly one grid polygon: their own grid', async () => {
    const api = await ApiSession.login(baseUrl, 'wanggeyuan');
    expect(api.me.scopeArea.level).toBe('grid');
    const page = await newPage(browser(), baseUrl);
    await loginUi(page, 'wanggeyuan');
    await page.getByTestId('menu-areas').click();
    await page.waitForSelector('[data-testid="area-map"][data-grid-count="1"]');
    await expect.poll(() => page.locator(mapPaths).count()).toBe(1);
    await expect.poll(() => page.getByTestId('grid-item').allTextContents()).toEqual([api.me.scopeArea.name]);
    await expect(page.getByTestId('area-name').textContent()).resolves.toBe(api.me.scopeArea.name);
    // Hovering the polygon shows the grid's name in a tooltip.
    await page.locator(mapPaths).first().hover({ force: true });
    await expect.poll(() => page.locator('.leaflet-tooltip').textContent()).toContain(api.me.scopeArea.name);
    await screenshot(page, 'territory-wanggeyuan');
    await page.context().close();
  });

  it('street dispatcher sees every grid of the street', async () => {
    const api = await ApiSession.login(baseUrl, 'diaodu');
    expect(api.me.scopeArea.level).toBe('street');
    const grids = await api.get<FeatureCollection>(`/api/areas/${api.me.scopeArea.code}/grids`);
    const n = grids.features.length;
    expect(n).toBeGreaterThan(1);

    const page = await newPage(browser(), baseUrl);
    await loginUi(page, 'diaodu');
    await page.goto('/areas');
    await page.waitForSelector(`[data-testid="area-map"][data-grid-count="${n}"]`);
    await expect.poll(() => page.locator(mapPaths).count()).toBe(n);
    await expect.poll(() => page.getByTestId('grid-item').count()).toBe(n);
    await expect(page.getByTestId('area-name').textContent()).resolves.toBe(api.me.scopeArea.name);
    await screenshot(page, 'territory-diaodu');

    // Locate: the street's centre (prefilled) and a point far outside every grid.
    await page.getByTestId('locate-submit').click();
    await page.locator('[data-testid="locate-result"] .ant-alert').waitFor();
    await page.getByTestId('locate-lon').fill('0');
    await page.getByTestId('locate-lat').fill('0');
    await page.getByTestId('locate-submit').click();
    await expect.poll(() => page.getByTestId('locate-result').textContent()).toContain('不在任何网格内');
    await page.context().close();
  });

  it('out-of-scope area and unit show "not found" to the street dispatcher', async () => {
    const admin = await ApiSession.login(baseUrl, 'admin');
    const districts = await admin.get<AreaSummary[]>(`/api/areas/${admin.me.scopeArea.code}/children`);
    const wuda = districts.find((d) => d.name.includes('乌达'));
    expect(wuda, 'demo city has 乌达区').toBeTruthy();
    const streets = await admin.get<AreaSummary[]>(`/api/areas/${wuda!.code}/children`);
    const street = streets[0];
    expect(street).toBeTruthy();
    const units = await admin.get<{ items: { id: string; areaCode: string }[] }>(`/api/org-units?areaCode=${wuda!.code}&pageSize=50`);
    const unit = units.items.find((u) => u.areaCode.startsWith(wuda!.code));
    expect(unit, 'a 乌达区 org unit exists').toBeTruthy();

    const diaodu = await ApiSession.login(baseUrl, 'diaodu');
    expect(await diaodu.status(`/api/areas/${street!.code}`)).toBe(404);

    const page = await newPage(browser(), baseUrl);
    await loginUi(page, 'diaodu');
    await page.goto(`/areas/${street!.code}`);
    await page.getByTestId('not-found').waitFor();
    await expect(page.locator(mapPaths).count()).resolves.toBe(0);
    await screenshot(page, 'diaodu-area-not-found');

    await page.goto(`/org-units/${unit!.id}`);
    await page.getByTestId('not-found').waitFor();
    await screenshot(page, 'diaodu-unit-not-found');

    await page.goto('/no-such-page');
    await page.getByTestId('not-found').waitFor();
    await page.context().close();
  });
});
