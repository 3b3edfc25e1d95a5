import { stars, type Found } from './spans.js';

// Other ways to reach or find a person, in the view: e-mail addresses (the view has turned ＠
// into @), WeChat ids and QQ numbers after their cue word, and vehicle plates.

const EMAIL = /([A-Za-z0-9._%+-]+)\s?(?:@|\(at\)|\[at\])\s?([A-Za-z0-9-]+(?:\s?[.。]\s?[A-Za-z0-9-]+)+)/gi;
/** 微信号 abc_123 / VX: abc123 / 加vabc123; a phone number after the cue is a number (digits.ts). */
const WECHAT = /(?:微信号?|威信|薇信|徽信|v信|加\s?(?:vx|wx|v)|(?<![A-Za-z])(?:vx|wx|weixin|wechat|v)(?![A-Za-z]))\s*(?:号|账号|id)?\s*(?:[:是为]\s*)?([A-Za-z][A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_-])/gi;
/** VXLucky_722990: an id written onto the cue, told from a word by its digit or underscore. */
const WECHAT_GLUED = /(?<![A-Za-z])(?:vx|wx)(?=[A-Za-z0-9_-]*[\d_])([A-Za-z][A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_-])/gi;
const WECHAT_ID = /(?<![A-Za-z0-9])wxid_[A-Za-z0-9_-]{4,}/gi;
const QQ = /(?:(?<![A-Za-z])qq|扣扣|企鹅号|(?<![A-Za-z])q号)\s*(?:号码?|号)?\s*(?:[:是为]\s*)?(\d{5,12})(?!\d)/gi;
/** 蒙A12345, 京A·D12345 (new energy), 粤B 1234学: province, letter, five or six more with a digit among them. */
const PLATE = /([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])\s?([A-Za-z])\s?[·•.\- ]?\s?((?=[A-Za-z0-9]{0,5}\d)[A-Za-z0-9]{4}(?:[A-Za-z0-9]{1,2}|[挂学警港澳领])|(?=[A-Za-z0-9]{0,4}\d)[A-Za-z0-9]{5,6})(?![A-Za-z0-9])/gi;

/** The range of group `k` of a match made with the `d` flag's indices, or of the whole match. */
function groupRange(m: RegExpMatchArray & { indices?: [number, number][] }, k: number): [number, number] {
  return m.indices?.[k] ?? [m.index!, m.index! + m[0].length];
}

function each(text: string, pattern: RegExp, mask: (m: RegExpMatchArray) => Found | null, found: Found[]): void {
  for (const m of text.matchAll(new RegExp(pattern.source, `${pattern.flags}d`))) {
    const f = mask(m);
    if (f) found.push(f);
  }
}

export function findContacts(text: string): Found[] {
  const found: Found[] = [];
  each(text, EMAIL, (m) => ({ start: m.index!, end: m.index! + m[0].length, mask: `${m[1]![0]}***@${m[2]!.replace(/\s/g, '')}` }), found);
  each(text, WECHAT, (m) => {
    const [start, end] = groupRange(m, 1);
    return { start, end, mask: `${m[1]![0]}${stars(m[1]!.length - 1)}` };
  }, found);
  each(text, WECHAT_GLUED, (m) => {
    const [start, end] = groupRange(m, 1);
    return { start, end, mask: `${m[1]![0]}${stars(m[1]!.length - 1)}` };
  }, found);
  each(text, WECHAT_ID, (m) => ({ start: m.index!, end: m.index! + m[0].length, mask: `wxid_${stars(m[0].length - 5)}` }), found);
  each(text, QQ, (m) => {
    const [start, end] = groupRange(m, 1);
    return { start, end, mask: `${m[1]![0]}${stars(m[1]!.length - 1)}` };
  }, found);
  each(text, PLATE, (m) => {
    const [start, end] = groupRange(m, 3);
    return { start, end, mask: stars(m[3]!.length) };
  }, found);
  return found;
}
