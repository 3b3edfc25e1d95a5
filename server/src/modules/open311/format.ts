import type { FastifyReply, FastifyRequest } from 'fastify';
import { FIRST_YEAR, LAST_YEAR } from '@fengqiao/shared';
import { sendCacheable } from '../../platform/http/cacheable.js';
import { toXml, type SparkValue } from './xml.js';

// How Open311 answers travel: the format is the path's suffix (.xml or .json), dates are W3C
// date-times with the time zone, the content types are the ones the specification names.

export const FORMATS = ['xml', 'json'] as const;
export type Format = (typeof FORMATS)[number];

const CONTENT_TYPE: Record<Format, string> = { xml: 'text/xml; charset=utf-8', json: 'application/json; charset=utf-8' };

/** 'requests/20261130000001.json' → { id: '20261130000001', format: 'json' }; null without a known suffix. */
export function splitFormat(file: string): { id: string; format: Format } | null {
  const dot = file.lastIndexOf('.');
  const format = file.slice(dot + 1);
  if (dot <= 0 || !(FORMATS as readonly string[]).includes(format)) return null;
  return { id: file.slice(0, dot), format: format as Format };
}

/** The format an error answers in: the path's suffix, else XML (the format every server must speak). */
export function formatOfUrl(url: string): Format {
  return /\.json$/.test(url.split('?')[0]!) ? 'json' : 'xml';
}

/** The body in the requested format: XML under `root`, JSON as the value itself. */
export function render(format: Format, root: string, value: SparkValue): string {
  return format === 'xml' ? toXml(root, value) : JSON.stringify(value);
}

export function send(reply: FastifyReply, status: number, format: Format, root: string, value: SparkValue) {
  return reply.status(status).type(CONTENT_TYPE[format]).send(render(format, root, value));
}

/** A public read: cacheable with an ETag like the public feed. */
export function sendRead(request: FastifyRequest, reply: FastifyReply, format: Format, root: string, value: SparkValue, cacheControl: string) {
  reply.type(CONTENT_TYPE[format]);
  return sendCacheable(request, reply, render(format, root, value), cacheControl);
}

/** The platform's time zone: Asia/Shanghai, UTC+8 all year (no daylight saving). */
const OFFSET_MS = 8 * 3600_000;

/** 2026-11-30T14:05:00+08:00 */
export function w3c(at: Date | string): string {
  return `${new Date(new Date(at).getTime() + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

// The W3C note's forms: YYYY, YYYY-MM, YYYY-MM-DD, and with a time hh:mm[:ss[.s]] and its zone.
const W3C = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/**
 * A W3C date-time as an instant, or null when it is not one. Date-only forms are the start of
 * that day, month or year in the platform's time zone. A "+" left unencoded in a query string
 * arrives as a space: " 08:00" is read as "+08:00".
 */
export function parseW3c(raw: string): Date | null {
  const m = W3C.exec(raw.trim().replace(/ (\d{2}:\d{2})$/, '+$1'));
  if (!m) return null;
  const [, y, mo = '01', d = '01', h, mi, s = '00', frac = '0', zone] = m;
  // PostgreSQL has no year 0000; years outside the platform's range are typos, not dates.
  if (Number(y) < FIRST_YEAR || Number(y) > LAST_YEAR) return null;
  const zoneText = zone ?? '+08:00';
  const iso = `${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s}.${frac.padEnd(3, '0').slice(0, 3)}${zoneText === 'Z' ? 'Z' : zoneText}`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  // Date() rolls 2026-02-30 over into March; a real date reads back the same calendar fields.
  const local = new Date(at.getTime() + zoneOffsetMs(zoneText)).toISOString();
  if (local.slice(0, 10) !== `${y}-${mo}-${d}` || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s) > 59) return null;
  return at;
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
}
