import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
export const DEMO_PASSWORD = 'Fengqiao#2026';
/**
 * The SMS the server sent while the suite ran: its log SMS channel (LogSmsSender) prints each one,
 * verification codes included; startServer copies those lines here so a test can read a code.
 */
export const SMS_LOG = join(ARTIFACTS, 'sms.log');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** Start server/src/main.ts on a free port with a fresh DATA_DIR; resolves once /api/health answers. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'fq-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'test' };
  if (!process.env.DATABASE_URL) delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(SMS_LOG, '');
  let partial = '';
  child.stdout?.on('data', (b: Buffer) => {
    keep(b);
    const lines = (partial + b.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.includes('sms (log channel)')) appendFileSync(SMS_LOG, `${line}\n`);
  });
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) throw new Error(`server exited with ${exited} before becoming healthy:\n${log}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy after 180 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }

  return {
    baseUrl,
    stop: async () => {
      if (exited === null) {
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await gone;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
      // The server's last output, for diagnosing a failed run (CI keeps nothing else).
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'server.log'), log);
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** What the Content-Security-Policy blocked in any page of this test file: each flow must run without one. */
const cspViolations: string[] = [];

/** Launches one browser for the calling test file (beforeAll) and closes it afterwards (afterAll); returns a getter for it. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    expect(cspViolations, 'the Content-Security-Policy blocked something the app needs').toEqual([]);
  });
  return () => {
    if (!browser) throw new Error('browser not launched yet (use it inside a test)');
    return browser;
  };
}

/** A phone-sized browser context (pass to newPage). */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export async function newPage(browser: Browser, baseUrl: string, device: BrowserContextOptions = {}): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1400, height: 900 }, locale: 'zh-CN', ...device });
  ctx.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) cspViolations.push(`${m.page()?.url() ?? ''}: ${m.text()}`);
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Click a dialog's submit button and wait for its form to close; when the server refuses, the
 * answer shows in the dialog instead: fail with it (and a screenshot named after `name`).
 */
export async function submitDialog(page: Page, submitTestId: string, formTestId: string, name: string): Promise<void> {
  await page.getByTestId(submitTestId).click();
  const refused = page.getByRole('dialog').getByTestId('error-alert');
  const outcome = await Promise.race([page.getByTestId(formTestId).waitFor({ state: 'detached' }).then(() => null), refused.waitFor().then(() => refused.textContent())]);
  if (outcome !== null) {
    await screenshot(page, `refused-${name}`);
    throw new Error(`${name} was refused: ${outcome}`);
  }
}

/** Log in through the login form and wait for the layout. */
export async function loginUi(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor();
}

/** Log in through the login form as a citizen (by username); citizens land on 我的 (/public/me). */
export async function loginCitizenUi(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('me-page').waitFor();
}

/**
 * The server shares public answers for a second and may give the previous one for a few seconds
 * more while it refreshes (reader isolation): reload until the change shows.
 */
export async function reloadUntil(page: Page, locator: Locator): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await locator.first().waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt >= 5) throw e;
      await page.reload();
    }
  }
}

/** A node-side API session (cookie + csrf) for discovering test data. */
export class ApiSession {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    readonly csrf: string,
    readonly me: { user: { id: string; username: string }; scopeArea: { code: string; name: string; level: string }; permissions: string[] },
  ) {}

  static async login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<ApiSession> {
    const r = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
    const setCookies = r.headers.getSetCookie();
    const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
    const me = (await r.json()) as ApiSession['me'] & { csrfToken: string };
    return new ApiSession(baseUrl, cookie, me.csrfToken, me);
  }

  async get<T>(path: string): Promise<T> {
    const r = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie, accept: 'application/json' } });
    if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const r = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': this.csrf },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }

  async status(path: string): Promise<number> {
    const r = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie } });
    return r.status;
  }
}

/**
 * The latest verification code the server sent to `mobile` (waits for the outbox to deliver it).
 * Needs the server this suite started: with E2E_BASE_URL its log is not ours to read.
 */
export async function smsCode(mobile: string, purpose: 'register' | 'reset', timeoutMs = 20_000): Promise<string> {
  if (process.env.E2E_BASE_URL) throw new Error('smsCode reads the log of the server the suite starts; unset E2E_BASE_URL');
  const to = `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = existsSync(SMS_LOG) ? readFileSync(SMS_LOG, 'utf8').split('\n').filter(Boolean) : [];
    const sms = lines.map((l) => JSON.parse(l) as { to?: string; kind?: string; text?: string }).filter((m) => m.to === to && m.kind === `citizen.code.${purpose}`);
    const code = /\d{6}/.exec(sms.at(-1)?.text ?? '')?.[0];
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no ${purpose} code sent to ${to} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A small valid PNG (solid colour), built here so a test needs no fixture file. */
export function tinyPng(w = 24, h = 16): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, 0)]);
  for (let x = 0; x < w; x++) row.set([0x1a, 0x7f, 0xd0], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
