import type { Found } from './spans.js';

// Flats, in the view (三号楼二单元五零一 reads 3号楼2单元501): the building stays, which unit,
// floor and room goes (3号楼2单元501室 → 3号楼**, 3#2-501 → 3#**, 8栋12层1203 → 8栋**, A座1203 →
// A座**). A building or floor alone (5号楼门口, 住在7楼) stays, and so does a number that counts
// or measures (7楼100多户, 3号楼30米处).

/** What a number of rooms, people or things is followed by: not a room number. */
const NOT_ROOM_AFTER = String.raw`(?!\s*(?:[\d.]|多|余|来|几|元|块|万|千|百|米|平|m|公里|人|个|次|天|年|月|日|号|小时|分|秒|吨|斤|辆|台|件|条|只|家|处|名|位|岁|户|路|公交|层|楼))`;
const ROOM_SUFFIX = '(?:室|号房|房间|房(?![租价款产东屋子贷本证])|户(?!居民|人家|家庭|村民|业主|住户|左右|以上))';
/** A room: 501室, 12室, 1203, 501号 (but not 1200元). */
const ROOM = String.raw`(?:\d{2,4}\s*${ROOM_SUFFIX}|\d{2,4}\s*号(?![楼院线])|\d{3,4}(?!\d)${NOT_ROOM_AFTER})`;
/** 2单元; after a building also 2门 (3号楼2门501). */
const UNIT = String.raw`\d{1,2}\s*单元`;
const BUILDING_UNIT = String.raw`\d{1,2}\s*(?:单元|门(?!口|前|外|面|卫))`;
const FLOOR = String.raw`\d{1,2}\s*(?:层|楼(?![道房顶梯下上里外门前后盘栋宇]))`;
const DASH = String.raw`\s*[-—–]?\s*`;
/** What follows a building and is masked. */
const TAIL = String.raw`(?:${BUILDING_UNIT}(?:${DASH}${FLOOR})?(?:${DASH}${ROOM})?|${FLOOR}${DASH}\d{3,4}(?:\s*${ROOM_SUFFIX})?${NOT_ROOM_AFTER}|\d{1,2}\s*[-—–]\s*\d{3,4}(?:\s*${ROOM_SUFFIX})?(?!\d)|${ROOM})`;
const BUILDING = String.raw`(?:\d{1,3}|[A-Za-z]\d{0,2})\s*(?:号楼|号院|栋楼?|幢|座|楼|#楼?|号)`;

const RULES: RegExp[] = [
  // 3号楼2单元501 / 3栋501室 / 3#2-501 / 8栋12层1203: the building is group 1.
  new RegExp(`(?<![\\d])(${BUILDING})${DASH}(${TAIL})`, 'g'),
  // 2单元501 / 2单元 without a building.
  new RegExp(`(?<![\\d])()(${UNIT}(?:${DASH}${FLOOR})?(?:${DASH}${ROOM})?)`, 'g'),
  // 12层1203 / 3楼301室
  new RegExp(`(?<![\\d])()(${FLOOR}${DASH}\\d{3,4}(?:\\s*${ROOM_SUFFIX})?${NOT_ROOM_AFTER})`, 'g'),
  // 501室 / 1203户 / 1203号房, not 约500户 or 2000户居民.
  new RegExp(`(?<![\\d.]|约|共|有|近|余|计|达|超|多|过|数|上|几)()(\\d{3,4}\\s*${ROOM_SUFFIX})`, 'g'),
  // 3-2-501 (楼-单元-室), not a date 11-30-2026.
  /(?<![\d\-])()(\d{1,3}\s*[-—–]\s*\d{1,2}\s*[-—–]\s*(?!(?:19|20)\d\d(?!\d))\d{3,4}(?:\s*(?:室|号|房|户))?)(?![\d\-])/g,
  // 3-501室: a dash form needs a room word.
  /(?<![\d\-])()(\d{1,3}\s*[-—–]\s*\d{3,4}\s*(?:室|号房|房|户))/g,
];

export function findRooms(text: string): Found[] {
  const found: Found[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule)) {
      const tail = m[0].slice(m[1]!.length);
      // The space between building and tail stays (3号楼 2单元 → 3号楼 **).
      found.push({ start: m.index + m[0].length - tail.trimStart().length, end: m.index + m[0].length, mask: '**' });
    }
  }
  return found;
}
