import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiSession, newPage, PHONE, reloadUntil, screenshot, smsCode, tinyPng, useBrowser } from './harness.js';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const RAW_PHONE = '13812345678';
const MASKED_PHONE = '138****5678';
/** 乌海市 / 海南区 / 拉僧仲街道 / 新桥社区 / 新桥社区第1网格 (150303001001001): wanggeyuan's grid, diaodu's street. */
const PLACE = ['乌海市', '海南区', '拉僧仲街道', '新桥社区', '新桥社区第1网格'];

/** Choose a path in an area cascader, column by column (each column loads when its parent is chosen). */
async function pickArea(page: Page, testid: string, names: string[]): Promise<void> {
  await page.getByTestId(testid).click();
  for (const [i, name] of names.entries()) {
    await page.locator('.ant-cascader-menu').nth(i).getByText(name, { exact: true }).click();
  }
  await page.keyboard.press('Escape');
}

describe('public platform on a phone', () => {
  it('citizen registers, posts with a photo → redacted in the feed → staff reply → citizen rates 满意 → the rating is public', async () => {
    const mobile = `139${String(Date.now()).slice(-8)}`;
    const title = `楼道灯坏了-${Date.now().toString(36)}`;
    const page = await newPage(browser(), baseUrl, PHONE);

    // 1. The feed works without a login; 我要反映 asks for one, and registering comes back here.
    await page.goto('/public');
    await page.getByTestId('public-feed').waitFor();
    await page.getByTestId('pub-nav-post').click();
    await page.waitForURL('**/login');
    await page.getByTestId('login-register').click();
    await page.getByTestId('register-mobile').fill(mobile);
    await page.getByTestId('send-code').click();
    await page.getByTestId('register-code').fill(await smsCode(mobile, 'register'));
    await page.getByTestId('register-password').fill('Citizen#2026pw');
    await page.getByTestId('register-name').fill('张三丰');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('post-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/public/post');

    // 2. Write the post: text with a phone number and a name, one photo, a place; it survives a reload as a draft.
    await page.getByTestId('post-title').fill(title);
    await page.getByTestId('post-description').fill(`3号楼2单元楼道灯坏了一个月，晚上看不见台阶。物业王建国电话${RAW_PHONE}，一直没人修。`);
    await page.locator('[data-testid="post-upload"] input[type="file"]').setInputFiles({ name: 'stairs.png', mimeType: 'image/png', buffer: tinyPng() });
    await page.locator('[data-testid="post-upload"][data-uploaded="1"]').waitFor();
    await page.locator('[data-testid="post-upload"] [data-testid="attachment-thumb"]').waitFor();
    // Category chips follow the text; choosing one is optional.
    await page.getByTestId('category-suggestions').waitFor();
    const chips = await page.getByTestId('category-chip').count();
    if (chips > 0) await page.getByTestId('category-chip').first().click();
    // A map point can be picked (no tile server needed) and taken back again.
    await page.getByTestId('post-map').click({ position: { x: 60, y: 60 } });
    await page.getByTestId('post-point').waitFor();
    await page.locator('[data-testid="post-point"] .ant-tag-close-icon').click();
    await pickArea(page, 'post-area', PLACE);
    await page.getByTestId('post-address').fill('新桥社区3号楼2单元');
    await screenshot(page, 'public-post-form');

    await page.reload();
    await page.getByTestId('post-form').waitFor();
    expect(await page.getByTestId('post-title').inputValue()).toBe(title);
    expect(await page.getByTestId('post-address').inputValue()).toBe('新桥社区3号楼2单元');
    await page.locator('[data-testid="post-upload"][data-uploaded="1"]').waitFor();
    await page.getByText(PLACE.join(' / ')).waitFor();

    await page.getByTestId('post-submit').click();
    await page.getByTestId('my-matter').waitFor();
    const number = (await page.getByTestId('my-matter-number').textContent())!.trim();
    const matterId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.getByTestId('my-matter-publicity').textContent()).toBe('已公开');
    // The draft went with the submit.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fq.public.draft')))).toEqual([]);

    // 3. In the feed: redacted, the reporter masked, and the raw number nowhere in the page.
    await page.getByTestId('pub-nav-feed').click();
    const card = page.locator(`[data-testid="public-card"][data-number="${number}"]`);
    await reloadUntil(page, card);
    expect(await card.getByTestId('public-card-description').textContent()).toContain(`物业王**电话${MASKED_PHONE}`);
    expect(await card.getByTestId('public-reporter').textContent()).toBe('张**');
    expect(await page.content()).not.toContain(RAW_PHONE);
    expect(await page.content()).not.toContain('王建国');
    await screenshot(page, 'public-feed');

    // The post's own page: the photo, following, and still no raw number.
    await card.click();
    await page.getByTestId('public-post').waitFor();
    expect(await page.locator('[data-testid="public-photos"] img').count()).toBe(1);
    expect(await page.content()).not.toContain(RAW_PHONE);
    await page.getByTestId('follow-button').click();
    await expect.poll(() => page.getByTestId('follow-button').getAttribute('data-following')).toBe('true');
    expect(await page.getByTestId('follow-button').textContent()).toContain('1');

    // 4. Staff handle it through the API: triage and dispatch, accept and reply, verify.
    const dd = await ApiSession.login(baseUrl, 'diaodu');
    const categoryCode = 'urban_construction.old_community';
    const triage = await dd.get<{ unit: { id: string; name: string } | null }>(`/api/matters/${matterId}/triage?categoryCode=${categoryCode}`);
    expect(triage.unit?.name).toBe('海南区住建局');
    await dd.post(`/api/matters/${matterId}/actions`, { action: 'dispatch', categoryCode, unitId: triage.unit!.id });
    const cb = await ApiSession.login(baseUrl, 'chengban');
    await cb.post(`/api/matters/${matterId}/actions`, { action: 'accept' });
    const reply = '已更换3号楼2单元楼道灯，并检查了其他楼层的照明。';
    await cb.post(`/api/matters/${matterId}/actions`, { action: 'reply', note: reply });
    const wg = await ApiSession.login(baseUrl, 'wanggeyuan');
    await wg.post(`/api/matters/${matterId}/actions`, { action: 'verify_pass', note: '现场核查：灯已亮。' });

    // 5. The citizen reads the official reply on their own page and rates 满意.
    await page.getByTestId('pub-nav-me').click();
    await page.locator(`[data-testid="my-post"][data-number="${number}"]`).click();
    await page.locator('[data-testid="my-matter"][data-state="closed"]').waitFor();
    expect(await page.getByTestId('official-reply').first().textContent()).toContain(reply);
    await page.getByTestId('action-rate').click();
    await page.getByTestId('rating-satisfied').click();
    await page.getByTestId('action-submit').click();
    await page.locator('[data-testid="my-matter"][data-state="rated"]').waitFor();
    await screenshot(page, 'public-my-matter');

    // 6. The public page shows the official reply and the rating.
    await page.getByTestId('my-matter-public-link').click();
    await page.locator(`[data-testid="public-post"][data-number="${number}"]`).waitFor();
    await reloadUntil(page, page.locator('[data-testid="public-post"] [data-testid="rating-tag"][data-rating="satisfied"]'));
    expect(await page.locator('[data-testid="public-step"][data-action="rate"]').textContent()).toContain('满意');
    // The public copy of the reply is redacted too (the 单元 of an address is hidden).
    expect(await page.getByTestId('official-reply').textContent()).toContain('楼道灯，并检查了其他楼层的照明');
    await screenshot(page, 'public-post-rated');

    // 7. 监督举报 from the post: the number is prefilled; the report is listed under 我的.
    await page.getByTestId('supervise-link').click();
    expect(await page.getByTestId('supervise-matter').inputValue()).toBe(number);
    await page.getByTestId('supervise-kind-slow_handling').click();
    await page.getByTestId('supervise-subject').fill('拉僧仲街道综治中心');
    await page.getByTestId('supervise-content').fill('报修后等了一个月才有人处理。');
    await page.getByTestId('supervise-submit').click();
    const supervisionNumber = (await page.getByTestId('supervise-number').textContent())!.trim();
    await page.getByTestId('pub-nav-me').click();
    await page.getByTestId('me-tab-supervision').click();
    await page.locator(`[data-testid="my-supervision"][data-number="${supervisionNumber}"]`).waitFor();
    await page.getByTestId('me-tab-follows').click();
    await page.locator(`[data-testid="my-follows"] [data-testid="public-card"][data-number="${number}"]`).waitFor();

    // 8. A filtered feed is a shareable address: its filters come from the URL.
    await page.goto(`/public?state=rated&sort=most_followed&q=${encodeURIComponent('楼道灯')}`);
    await reloadUntil(page, page.locator(`[data-testid="public-card"][data-number="${number}"]`));
    expect(await page.getByTestId('feed-sort-most_followed').locator('xpath=ancestor::label').getAttribute('class')).toContain('selected');
    // Another state's filter leaves this (rated) post out; the demo city's posts may fill it.
    await page.goto('/public?state=handling');
    await page.locator('[data-testid="public-card"]').first().waitFor();
    expect(await page.locator(`[data-testid="public-card"][data-number="${number}"]`).count()).toBe(0);
    await page.getByTestId('pub-nav-contacts').click();
    await page.getByTestId('public-contacts').waitFor();

    // A citizen at the staff home is sent to the public pages; the feed refuses a search by number with the server's words.
    await page.goto('/');
    await page.getByTestId('public-feed').waitFor();
    const search = page.locator('input[data-testid="feed-search"], [data-testid="feed-search"] input').first();
    await search.fill(RAW_PHONE);
    await search.press('Enter');
    expect(await page.getByTestId('error-alert').textContent()).toContain('search by words');

    await page.context().close();
  });
});
