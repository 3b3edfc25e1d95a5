import { describe, expect, inject, it } from 'vitest';
import { loginUi, newPage, screenshot, useBrowser } from './harness.js';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('admin and login in the browser', () => {
  it('wrong password shows the server error on the login form', async () => {
    const page = await newPage(browser(), baseUrl);
    await page.goto('/areas');
    // Not logged in: the app sends us to the login page.
    await page.getByTestId('login-submit').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByTestId('login-username').fill('qunzhong');
    await page.getByTestId('login-password').fill('wrong-password-1');
    await page.getByTestId('login-submit').click();
    const err = page.getByTestId('login-error');
    await err.waitFor();
    expect((await err.textContent())?.trim().length).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-wrong-password');
    await page.context().close();
  });

  it('admin switches to English, then creates a user through the form and finds it in the list', async () => {
    const page = await newPage(browser(), baseUrl);
    await loginUi(page, 'admin');
    await expect(page.getByTestId('menu-areas').textContent()).resolves.toBe('区域网格');
    await expect(page.getByTestId('menu-users').textContent()).resolves.toBe('用户管理');
    await screenshot(page, 'admin-home-zh');

    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('menu-areas').textContent()).toBe('Areas & Grids');
    await expect(page.getByTestId('menu-users').textContent()).resolves.toBe('Users');
    // The choice survives a reload (localStorage).
    await page.reload();
    await expect.poll(() => page.getByTestId('menu-users').textContent()).toBe('Users');

    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-table').waitFor();
    const username = `e2e${Date.now().toString(36)}`;
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill(username);
    await page.getByTestId('user-display-name').fill('测试用户');
    await page.getByTestId('user-password').fill('Test#password-2026');
    await page.getByTestId('user-roles').click();
    await page.locator('.ant-select-item-option[title="Grid worker"]').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('user-phone').fill('13800138000');
    // A too-short password goes to the server; its field error lands under the password field.
    await page.getByTestId('user-password').fill('short');
    await page.getByTestId('user-form-submit').click();
    await expect
      .poll(() => page.locator('[data-testid="user-form"] .ant-form-item-explain-error').allTextContents())
      .toContainEqual(expect.stringContaining('10'));
    await page.getByTestId('error-alert').waitFor();
    await page.getByTestId('user-password').fill('Test#password-2026');
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId('user-form').waitFor({ state: 'detached' });

    await page.getByTestId('user-filter-q').fill(username);
    await page.getByTestId('user-filter-submit').click();
    const row = page.locator('[data-testid="user-table"] tr', { hasText: username });
    await row.first().waitFor();
    await expect(row.first().textContent()).resolves.toContain('测试用户');
    await expect(row.first().textContent()).resolves.toContain('Grid worker');
    await screenshot(page, 'admin-user-created-en');

    // The other admin pages render without errors and without contract mismatches.
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    });
    for (const [path, testid] of [
      ['/org-units', 'org-table'],
      ['/', 'home-card'],
      ['/areas', 'area-map'],
    ] as const) {
      await page.goto(path);
      await page.getByTestId(testid).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('error-alert').count(), path).toBe(0);
    }
    // The admin has no audit.read: no menu entry, and the page says so.
    expect(await page.getByTestId('menu-audit').count()).toBe(0);
    await page.goto('/audit');
    await page.getByTestId('forbidden').waitFor();
    expect(warnings.filter((w) => w.includes('does not match schema'))).toEqual([]);

    // Put the language back for anyone reusing the profile.
    await page.getByTestId('lang-zh').click();
    await page.context().close();
  });

  it('auditor reads the audit log with before/after in an expandable row', async () => {
    const page = await newPage(browser(), baseUrl);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    });
    await loginUi(page, 'shenji');
    await page.getByTestId('menu-audit').click();
    await page.locator('[data-testid="audit-table"] .ant-table-row').first().waitFor();
    await page.locator('[data-testid="audit-table"] .ant-table-row-expand-icon').first().click();
    await page.locator('[data-testid="audit-table"] pre.fq-json').first().waitFor();
    await screenshot(page, 'auditor-audit');
    expect(warnings.filter((w) => w.includes('does not match schema'))).toEqual([]);
    await page.context().close();
  });
});
