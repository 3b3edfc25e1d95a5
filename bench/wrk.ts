// wrk (C, Debian package `wrk`) as the HTTP load generator when it is installed: it spends ~30 µs
// of CPU per request where Node's http client spends ~300 µs, and on a 2-core machine the client
// competes with the server and PostgreSQL for the same cores. Requests come from a generated Lua
// script; each gets its own Idempotency-Key when `keyPrefix` is given.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WrkRun {
  requests: number;
  seconds: number;
  non2xx: number;
  socketErrors: number;
  /** ms at 50 / 90 / 99 %, from wrk's --latency report */
  p50: number;
  p90: number;
  p99: number;
  /** CPU seconds wrk itself used (user + system) */
  clientCpuSeconds: number;
}

export function wrkVersion(): string | null {
  try {
    // wrk -v prints its version and exits 1.
    return execFileSync('wrk', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (err) {
    const out = String((err as { stdout?: string }).stdout ?? '');
    return /^wrk \S+/.test(out) ? out.match(/^wrk \S+/)![0] : null;
  }
}

/** A Lua string literal: quoted, with backslash, quote and line breaks escaped (UTF-8 passes as bytes). */
const luaString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;

export interface WrkOptions {
  port: number;
  method: 'GET' | 'POST';
  /** One path per request in turn (GET), or the one path of a POST. */
  paths: string[];
  headers: Record<string, string>;
  /** JSON bodies used in turn (POST). */
  bodies?: string[];
  /** Each request gets the header Idempotency-Key: <prefix><n>. */
  keyPrefix?: string;
  connections: number;
  seconds: number;
}

const ms = (v: string, unit: string) => Number(v) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);

export async function runWrk(o: WrkOptions): Promise<WrkRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-wrk-'));
  const script = path.join(dir, 'requests.lua');
  const headers = Object.entries(o.headers).map(([k, v]) => `[${luaString(k)}] = ${luaString(v)}`);
  fs.writeFileSync(
    script,
    [
      `paths = {${o.paths.map(luaString).join(',')}}`,
      `bodies = {${(o.bodies ?? []).map(luaString).join(',')}}`,
      `n = 0`,
      `request = function()`,
      `  n = n + 1`,
      `  local h = {${headers.join(', ')}}`,
      o.keyPrefix ? `  h['Idempotency-Key'] = ${luaString(o.keyPrefix)} .. n` : '',
      `  local body = nil`,
      `  if #bodies > 0 then body = bodies[(n % #bodies) + 1] end`,
      `  return wrk.format(${luaString(o.method)}, paths[(n % #paths) + 1], h, body)`,
      `end`,
    ].join('\n'),
  );
  const child = spawn('bash', ['-c', `TIMEFORMAT='cpu %U %S'; time wrk -t1 -c${o.connections} -d${o.seconds}s --latency -s ${script} http://127.0.0.1:${o.port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });
  const total = out.match(/(\d+) requests in ([\d.]+)(\w+)/);
  // A script error does not stop wrk: it falls back to GET / and would measure the wrong thing.
  if (code !== 0 || !total || /error|stack traceback/i.test(out.split('Running')[0]!)) throw new Error(`wrk failed (${code}): ${out.slice(0, 500)}`);
  const pct = (p: string) => {
    const m = out.match(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)`, 'm'));
    return m ? ms(m[1]!, m[2]!) : NaN;
  };
  const errs = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const cpu = out.match(/cpu ([\d.]+) ([\d.]+)/);
  return {
    requests: Number(total[1]),
    seconds: ms(total[2]!, total[3]!) / 1000,
    non2xx: Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0),
    socketErrors: errs ? errs.slice(1).reduce((s, v) => s + Number(v), 0) : 0,
    p50: pct('50'),
    p90: pct('90'),
    p99: pct('99'),
    clientCpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN,
  };
}
