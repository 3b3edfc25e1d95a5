import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiSession, loginUi, newPage, screenshot, tinyPng, useBrowser } from './harness.js';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const stateText = (page: Page) => page.getByTestId('matter-state').textContent();

/** Open the action's modal, let `fill` fill it, submit, and wait for the modal to close. */
async function act(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-form').waitFor();
  if (fill) await fill();
  await page.getByTestId('action-submit').click();
  // Either the modal closes, or the server's answer shows in it: then fail with that answer.
  const refused = page.getByRole('dialog').getByTestId('error-alert');
  const outcome = await Promise.race([
    page.getByTestId('action-form').waitFor({ state: 'detached' }).then(() => null),
    refused.waitFor().then(() => refused.textContent()),
  ]);
  if (outcome !== null) {
    await screenshot(page, `refused-${action}`);
    throw new Error(`${action} was refused: ${outcome}`);
  }
}

/** Open the matter from a work-queue tab by its number. */
async function openFromQueue(page: Page, path: string, queue: string, number: string): Promise<void> {
  await page.goto(path);
  await page.getByTestId(`queue-${queue}`).click();
  const row = page.locator(`[data-testid="matter-row"][data-number="${number}"]`);
  await row.waitFor();
  await row.locator('td').nth(2).click();
  await page.getByTestId('matter-page').waitFor();
}

describe('matter lifecycle in the browser', () => {
  it('grid worker reports with a photo → dispatcher triages → department accepts and replies → grid worker verifies → reporter rates 不满意 → reopened', async () => {
    const title = `楼道外墙脱落-${Date.now().toString(36)}`;

    // 1. 网格员 reports: point picked on the map inside her grid, one photo.
    const wg = await newPage(browser(), baseUrl);
    await loginUi(wg, 'wanggeyuan');
    await wg.getByTestId('menu-matter-new').click();
    await wg.getByTestId('report-form').waitFor();
    await wg.getByTestId('report-title').fill(title);
    await wg.getByTestId('report-description').fill('新桥社区3号楼东侧外墙皮大面积脱落，存在坠落隐患。');
    await wg.getByTestId('report-address').fill('新桥社区3号楼东侧');
    await wg.locator('[data-testid="report-upload"] input[type="file"]').setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: tinyPng() });
    await wg.locator('[data-testid="report-upload"][data-uploaded="1"]').waitFor();
    await wg.locator('[data-testid="report-map"][data-grid-count="1"] path.leaflet-interactive').waitFor();
    // The map fits the grid: its centre lies inside the grid polygon.
    const box = (await wg.getByTestId('report-map').boundingBox())!;
    await wg.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => wg.getByTestId('report-grid').textContent()).toContain('网格');
    expect(await wg.getByTestId('report-lon').inputValue()).not.toBe('');
    await screenshot(wg, 'matter-report-form');
    await wg.getByTestId('report-submit').click();
    await wg.getByTestId('matter-page').waitFor();
    await expect.poll(() => stateText(wg)).toBe('待分拨');
    const number = (await wg.getByTestId('matter-number').textContent())!.trim();
    const matterUrl = new URL(wg.url()).pathname;
    expect(matterUrl).toMatch(/^\/matters\/[0-9a-f-]{36}$/);
    await wg.locator('[data-testid="matter-attachments"] [data-testid="attachment-thumb"]').first().waitFor();

    // 2. 调度 at the street's 综治中心: triage queue → matter → 三定 with the suggested unit.
    const dd = await newPage(browser(), baseUrl);
    await loginUi(dd, 'diaodu');
    await dd.getByTestId('menu-workbench').click();
    await dd.locator(`[data-testid="matter-row"][data-number="${number}"]`).waitFor();
    await expect.poll(() => dd.locator('[data-testid="matter-table"] .ant-spin-spinning').count()).toBe(0);
    await screenshot(dd, 'matter-workbench');
    await dd.locator(`[data-testid="matter-row"][data-number="${number}"] td`).nth(2).click();
    await dd.getByTestId('matter-page').waitFor();
    await act(dd, 'dispatch', async () => {
      await dd.getByTestId('triage-panel').waitFor();
      await dd.getByTestId('action-category').click();
      await dd.locator('.ant-cascader-menu-item', { hasText: '城乡建设' }).first().click();
      await dd.locator('.ant-cascader-menu-item', { hasText: '老旧小区改造' }).first().click();
      await expect.poll(() => dd.getByTestId('triage-unit').textContent()).toBe('海南区住建局');
      await expect.poll(() => dd.getByTestId('triage-explanation').textContent()).toContain('海南区住建局');
      // The suggested unit is preselected.
      await screenshot(dd, 'matter-triage');
      await expect.poll(() => dd.getByTestId('action-unit').textContent()).toContain('海南区住建局');
    });
    await expect.poll(() => stateText(dd)).toBe('已派遣');
    await expect(dd.getByTestId('matter-assigned').textContent()).resolves.toBe('海南区住建局');
    await screenshot(dd, 'matter-dispatched');

    // 3. 承办人 of 海南区住建局: inbox → accept → reply with a note.
    const cb = await newPage(browser(), baseUrl);
    await loginUi(cb, 'chengban');
    // The dispatch notified the unit: the bell shows it.
    await expect.poll(async () => Number(await cb.getByTestId('notify-badge').getAttribute('data-count')), { timeout: 20_000 }).toBeGreaterThan(0);
    // Clicking a notification marks it read and opens its matter.
    const before = Number(await cb.getByTestId('notify-badge').getAttribute('data-count'));
    await cb.getByTestId('notify-bell').click();
    await cb.getByTestId('notify-item').first().click();
    await cb.getByTestId('matter-page').waitFor();
    await expect.poll(async () => Number(await cb.getByTestId('notify-badge').getAttribute('data-count'))).toBe(before - 1);
    await openFromQueue(cb, '/matters/inbox', 'to_accept', number);
    await act(cb, 'accept');
    await expect.poll(() => stateText(cb)).toBe('处置中');
    await act(cb, 'reply', async () => {
      await cb.getByTestId('action-note').fill('已联系物业对3号楼外墙脱落部分进行清理修补，并设置警示标志。');
    });
    await expect.poll(() => stateText(cb)).toBe('已反馈');

    // 4. 网格员 verifies on the spot, then (as the reporter) rates 不满意 → 重办.
    await openFromQueue(wg, '/matters/mine', 'to_verify', number);
    await act(wg, 'verify_pass', async () => {
      await wg.getByTestId('action-note').fill('现场核查：已修补。');
    });
    await expect.poll(() => stateText(wg)).toBe('已结案');
    await act(wg, 'rate', async () => {
      await wg.getByTestId('rating-unsatisfied').click();
      await wg.getByTestId('rate-comment').fill('只清理了一部分，其他墙面仍在脱落。');
    });
    await expect.poll(() => stateText(wg)).toBe('处置中');
    await expect.poll(() => wg.getByTestId('matter-page').getAttribute('data-reopen-count')).toBe('1');
    await expect(wg.getByTestId('matter-reopen').textContent()).resolves.toContain('1');
    const actions = await wg.locator('[data-testid="timeline-entry"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['created', 'dispatch', 'accept', 'reply', 'verify_pass', 'rate']));
    await screenshot(wg, 'matter-reopened');

    // The server agrees.
    const api = await ApiSession.login(baseUrl, 'wanggeyuan');
    const detail = await api.get<{ state: string; reopenCount: number; rating: string | null }>(`/api/matters${matterUrl.slice('/matters'.length)}`);
    expect(detail.state).toBe('handling');
    expect(detail.reopenCount).toBe(1);

    for (const p of [wg, dd, cb]) await p.context().close();
  });
});
