import { describe, expect, inject, it } from 'vitest';
import { ApiSession, loginCitizenUi, loginUi, newPage, reloadUntil, screenshot, useBrowser } from './harness.js';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

// The staff side of the public platform: a dispatcher moderates a citizen's public post from the
// matter page, and the 指挥中心 handles a 监督举报 whose conclusion the citizen then reads.

describe('moderation and supervision in the staff UI', () => {
  it('dispatcher hides a public post → gone from its public page and the feed, the staff page still works; 指挥中心 closes a 监督举报 → the citizen reads the conclusion', async () => {
    const title = `井盖丢失-${Date.now().toString(36)}`;
    const citizen = await ApiSession.login(baseUrl, 'qunzhong');
    // 网格员's grid lies in 调度员 diaodu's street: his centre owns the post.
    const grid = (await ApiSession.login(baseUrl, 'wanggeyuan')).me.scopeArea.code;
    const post = await citizen.post<{ id: string; number: string }>('/api/matters', {
      channel: 'citizen_online',
      title,
      description: '新桥社区北门外井盖丢失，晚上很危险。',
      address: '新桥社区北门',
      areaCode: grid,
      public: true,
    });
    // Through a URL of its own, so the browser's requests below find no shared answer from before the hide.
    const before = await fetch(`${baseUrl}/api/public/matters?pageSize=50&q=${encodeURIComponent(title)}`).then((r) => r.json() as Promise<{ items: { number: string }[] }>);
    expect(before.items.map((i) => i.number)).toContain(post.number);

    // 1. 调度员 finds it in the triage queue marked 公开, opens it and sees its publicity.
    const dd = await newPage(browser(), baseUrl);
    await loginUi(dd, 'diaodu');
    expect(await dd.getByTestId('menu-supervision').count()).toBe(0);
    await dd.getByTestId('menu-workbench').click();
    await dd.getByTestId('queue-triage').click();
    await dd.getByTestId('matter-filter-q').fill(title);
    await dd.getByTestId('matter-filter-submit').click();
    const row = dd.locator(`[data-testid="matter-row"][data-number="${post.number}"]`);
    await row.waitFor();
    expect(await row.getByTestId('public-tag').getAttribute('data-public')).toBe('true');
    await row.locator('td').nth(2).click();
    await dd.locator('[data-testid="publicity-panel"][data-hidden="false"]').waitFor();
    expect(await dd.getByTestId('publicity-link').getAttribute('href')).toBe(`/public/matters/${post.number}`);

    // A rewrite that changes nothing is refused, in the server's words.
    await dd.getByTestId('moderate-redact').click();
    expect(await dd.getByTestId('moderation-title').inputValue()).toBe(title);
    await dd.getByTestId('moderation-reason').fill('核对');
    await dd.getByTestId('moderation-submit').click();
    expect(await dd.getByRole('dialog').getByTestId('error-alert').textContent()).toContain('give a title or a description');
    await dd.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    await dd.getByTestId('moderation-form').waitFor({ state: 'detached' });

    // 2. Hide it, with a reason.
    await dd.getByTestId('moderate-hide').click();
    await dd.getByTestId('moderation-submit').click();
    await dd.getByText('请填写理由').waitFor();
    await dd.getByTestId('moderation-reason').fill('含有未经核实的指责');
    await dd.getByTestId('moderation-submit').click();
    await dd.locator('[data-testid="publicity-panel"][data-hidden="true"]').waitFor();
    await dd.getByTestId('publicity-off').waitFor();
    await screenshot(dd, 'moderation-hidden');

    // 3. The public page answers not found and the feed no longer lists it (read by someone not logged in).
    const anon = await newPage(browser(), baseUrl);
    await anon.goto(`/public/matters/${post.number}`);
    await reloadUntil(anon, anon.getByTestId('not-found'));
    await anon.goto(`/public?q=${encodeURIComponent(title)}`);
    await reloadUntil(anon, anon.locator('[data-testid="feed-list"][data-count="0"] .ant-empty'));
    // Everyone may narrow the feed by category.
    await anon.getByTestId('feed-category').waitFor();
    await anon.context().close();

    // 4. For the staff it is still a matter like any other.
    await dd.reload();
    await dd.locator('[data-testid="matter-page"][data-state="pending_triage"]').waitFor();
    await dd.getByTestId('publicity-hidden').waitFor();
    await dd.getByTestId('action-dispatch').waitFor();
    expect(await dd.getByTestId('matter-title').textContent()).toBe(title);
    await dd.context().close();

    // 5. The citizen reports slow handling of the post; 指挥中心 zhihui accepts and closes it.
    const report = await citizen.post<{ id: string; number: string }>('/api/supervision', {
      kind: 'slow_handling',
      matterNumber: post.number,
      subject: '拉僧仲街道综治中心',
      content: '井盖丢失三天了还没人来处理。',
    });
    const zh = await newPage(browser(), baseUrl);
    await loginUi(zh, 'zhihui');
    await zh.getByTestId('menu-supervision').click();
    const reportRow = zh.locator(`[data-testid="supervision-row"][data-number="${report.number}"]`);
    await reportRow.waitFor();
    await reportRow.click();
    await zh.locator(`[data-testid="supervision-detail"][data-number="${report.number}"][data-state="open"]`).waitFor();
    expect(await zh.getByTestId('supervision-content').textContent()).toBe('井盖丢失三天了还没人来处理。');
    expect(await zh.getByTestId('supervision-matter').getAttribute('href')).toBe(`/matters/${post.id}`);
    await zh.getByTestId('supervision-note').fill('已受理，转交督查科核实。');
    await zh.getByTestId('supervision-accept').click();
    await zh.locator(`[data-testid="supervision-detail"][data-state="accepted"]`).waitFor();
    const conclusion = '经核实，街道已于当日更换井盖，并对延误提出批评。';
    await zh.getByTestId('supervision-note').fill(conclusion);
    await zh.getByTestId('supervision-close').click();
    await zh.locator(`[data-testid="supervision-detail"][data-state="closed"]`).waitFor();
    expect(await zh.getByTestId('supervision-conclusion').textContent()).toBe(conclusion);
    await screenshot(zh, 'supervision-closed');
    await zh.context().close();

    // 6. The citizen reads the conclusion under 我的 → 我的监督举报.
    const cz = await newPage(browser(), baseUrl);
    await loginCitizenUi(cz, 'qunzhong');
    await cz.getByTestId('me-tab-supervision').click();
    const mine = cz.locator(`[data-testid="my-supervision"][data-number="${report.number}"]`);
    await mine.waitFor();
    expect(await mine.getAttribute('data-state')).toBe('closed');
    expect(await mine.textContent()).toContain(conclusion);
    // My posts say which are public.
    await cz.getByTestId('me-tab-posts').click();
    expect(await cz.locator(`[data-testid="my-post"][data-number="${post.number}"] [data-testid="public-tag"]`).getAttribute('data-public')).toBe('true');
    await cz.context().close();
  });
});
