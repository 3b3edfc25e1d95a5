import { describe, expect, it } from 'vitest';
import { parseW3c, splitFormat, w3c } from './format.js';
import { escapeXml, toXml } from './xml.js';

describe('escapeXml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXml(`A & B <c> "d" 'e'`)).toBe('A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('keeps tabs, line breaks and Chinese text, drops what XML 1.0 cannot carry', () => {
    expect(escapeXml('第一行\n第二行\r\n\t缩进')).toBe('第一行\n第二行\r\n\t缩进');
    expect(escapeXml('a\u0000b\u0008c\u000bd\u001fe\ufffef')).toBe('abcdef');
    expect(escapeXml('x\ud800y\udc00z')).toBe('xyz');
    expect(escapeXml('emoji 😀 stays')).toBe('emoji 😀 stays');
  });
});

describe('toXml (Spark convention)', () => {
  it('writes objects as elements in key order, arrays under their singular, null as an empty element', () => {
    expect(toXml('services', [{ service_code: 'a.b', metadata: false, keywords: null, group: 'G & H' }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>a.b</service_code><metadata>false</metadata><keywords/><group>G &amp; H</group></service></services>\n',
    );
    expect(toXml('discovery', { endpoints: [{ formats: ['text/xml', 'application/json'] }] })).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<discovery><endpoints><endpoint><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>\n',
    );
    expect(toXml('service_definition', { service_code: 'x', attributes: [] })).toContain('<service_definition><service_code>x</service_code><attributes></attributes></service_definition>');
    expect(toXml('errors', [{ code: 403, description: 'no' }])).toContain('<errors><error><code>403</code><description>no</description></error></errors>');
  });

  it('refuses names that are not elements and arrays it has no singular for', () => {
    expect(() => toXml('a b', 'x')).toThrow(/element name/);
    expect(() => toXml('root', { '<x': 1 })).toThrow(/element name/);
    expect(() => toXml('things', [1])).toThrow(/singular/);
  });
});

describe('W3C dates', () => {
  it('writes instants in +08:00', () => {
    expect(w3c(new Date('2026-11-30T06:05:00Z'))).toBe('2026-11-30T14:05:00+08:00');
    expect(w3c('2026-12-31T16:30:59.999Z')).toBe('2027-01-01T00:30:59+08:00');
  });

  it.each([
    ['2026-11-30T14:05:00+08:00', '2026-11-30T06:05:00.000Z'],
    ['2026-11-30T06:05:00Z', '2026-11-30T06:05:00.000Z'],
    ['2026-11-30T06:05Z', '2026-11-30T06:05:00.000Z'],
    ['2026-11-30T01:05:00.5-05:00', '2026-11-30T06:05:00.500Z'],
    ['2026-11-30T14:05:00 08:00', '2026-11-30T06:05:00.000Z'], // "+" unencoded in a query string
    ['2026-11-30', '2026-11-29T16:00:00.000Z'],
    ['2026-11', '2026-10-31T16:00:00.000Z'],
    ['2026', '2025-12-31T16:00:00.000Z'],
  ])('reads %s', (raw, iso) => {
    expect(parseW3c(raw)?.toISOString()).toBe(iso);
  });

  it.each(['', 'yesterday', '2026-11-30T14:05:00', '2026-02-30', '2026-13-01', '2026-11-30T24:00:00Z', '2026-11-30 14:05:00Z', '1764483900'])('refuses %j', (raw) => {
    expect(parseW3c(raw)).toBeNull();
  });
});

describe('splitFormat', () => {
  it('takes the last suffix, so category codes keep their dot', () => {
    expect(splitFormat('urban_construction.illegal_building.json')).toEqual({ id: 'urban_construction.illegal_building', format: 'json' });
    expect(splitFormat('20261130000001.xml')).toEqual({ id: '20261130000001', format: 'xml' });
    expect(splitFormat('urban_construction.illegal_building')).toBeNull();
    expect(splitFormat('x.html')).toBeNull();
    expect(splitFormat('.json')).toBeNull();
  });
});
