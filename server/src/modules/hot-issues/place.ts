import { isStopWord, segment, userDictionaryWords } from '../text/segment.js';

// Where a message is about, read from its words: the administrative names (A市, A5区, 泉塘街道)
// and the named places inside them (魅力之城小区, 劳动东路, 德鸿餐饮店, 金鼎村). Messages of the
// city's own channels carry an area and often coordinates too; citizens' texts (and data sets such
// as the TipDM message board) carry only this. A name is the run of words just before a suffix
// word (小区, 路, 公司 …), cut at the first word that cannot be part of a name (a verb, a pronoun,
// punctuation, another place). Rules, not a trained tagger: predictable, and every miss is
// explainable.

export type PlaceKind = 'city' | 'district' | 'street' | 'village' | 'estate' | 'road' | 'school' | 'org';

/** Kinds that pin a message to one spot; roads and administrative names are coarser. */
export const STRONG_KINDS: readonly PlaceKind[] = ['estate', 'school', 'org', 'village'];

export interface PlaceMention {
  kind: PlaceKind;
  /** As written (normalised, so in lower case; anonymised codes in capitals: A5区). */
  name: string;
  /** What two mentions of the same place share: 魅力之城小区 and 魅力之城 → 魅力之城. */
  key: string;
}

/** Suffix words by kind, longest first within a kind so 有限公司 wins over 公司. */
const SUFFIXES: [PlaceKind, string[]][] = [
  ['estate', ['小区', '花园', '家园', '公寓', '新村', '新城', '山庄', '公馆', '广场', '大厦', '华庭', '华府', '名苑', '公园', '苑', '府', '城']],
  ['school', ['实验学校', '学校', '小学', '中学', '幼儿园', '大学', '学院', '附中']],
  ['org', ['有限责任公司', '有限公司', '分公司', '公司', '集团', '项目部', '工地', '酒店', '宾馆', '医院', '银行', '超市', '餐厅', '饭店', '会所', '工厂', '厂', '店']],
  ['street', ['街道', '苏木', '镇', '乡']],
  ['village', ['社区', '嘎查', '村']],
  ['road', ['大道', '大街', '路', '街', '巷']],
  ['district', ['区', '县', '旗']],
  ['city', ['市']],
];

/** Words ending in a suffix that are no place name (道路 is not a road called 道). */
const NOT_PLACE = new Set([
  '道路', '马路', '公路', '铁路', '线路', '路口', '路段', '路灯', '思路', '出路', '走路', '一路', '电路', '网路', '水路', '路面', '路边', '路上', '套路', '门路', '进路', '小路', '大路', '环路',
  '社区', '农村', '乡村', '城乡', '城镇', '乡镇', '村镇', '小镇', '乡下', '家乡', '老乡', '下乡', '同乡', '街', '街上', '上街', '逛街', '沿街', '临街', '大街',
  '地区', '城区', '市区', '园区', '校区', '景区', '片区', '辖区', '山区', '郊区', '老城区', '新区', '小区', '居民区', '住宅区', '商业区', '开发区', '社区', '街区', '禁区', '灾区', '误区', '专区', '区',
  '旧城', '县城', '全城', '进城', '老城', '古城', '省城', '主城', '满城', '城市', '都市', '超市', '菜市', '夜市', '股市', '楼市', '全市', '本市', '我市', '该市', '市',
  '商店', '门店', '书店', '药店', '饭店', '酒店', '分店', '总店', '开店', '店', '工厂', '厂', '公司', '分公司', '有限公司', '集团', '医院', '银行', '学校', '学院', '大学', '小学', '中学', '幼儿园',
  '广场', '大厦', '花园', '家园', '公寓', '苑', '府', '政府', '县', '乡', '镇', '村', '旗', '工地', '项目部', '会所', '宾馆', '超市', '餐厅',
]);

/** Words that end a name when met walking back from its suffix: they cannot be inside one. */
const BOUNDARY = new Set([
  '座落', '座落在', '坐落', '坐落在', '位于', '地处', '处于', '靠近', '临近', '附近', '旁边', '周边', '周围', '对面', '门口', '旁', '整个', '全', '所在',
  '住在', '居住', '家住', '一家', '名叫', '叫', '叫做', '名为', '拖欠', '欠', '投诉', '举报', '咨询', '建议', '要求', '关于', '我家', '业主', '居民',
  '村民', '员工', '工人', '开发商', '物业', '本', '该', '此', '这个', '那个', '各', '新建', '建设', '修建', '施工', '进入', '进', '出', '去', '来', '在', '到',
  '从', '往', '向', '对', '给', '被', '把', '由', '与', '和', '及', '或', '跟', '同', '是', '为', '有', '没有', '的', '了', '我', '我们', '你', '他', '她',
  '他们', '请', '市民', '网友', '反映', '举报人', '某', '某某', '号', '栋', '楼', '单元', '期', '门面', '门前', '临街', '沿街', '后面', '前面', '里面', '外面',
  '区', '县', '市', '省', '无法', '实行', '实施', '不能', '楼下', '楼上', '一楼', '底商', '读', '就读', '入读', '上学', '系', '省', '开展', '参考', '不知', '望', '性质', '住', '回', '经', '过', '近', '旁的', '公交', '地铁', '站', '办理', '申请', '购买', '买', '卖', '租', '承建', '开发', '负责', '管理', '经营', '入住', '搬', '安置', '配套',
]);

/** Stop words that do stand inside names (魅力之城, 中海国际). */
const INSIDE_NAMES = new Set(['之', '中', '上', '下', '东', '西', '南', '北', '前', '后', '里', '内', '外']);

/** Name parts (before the suffix) that name no particular place. */
const GENERIC = new Set([
  '物业', '我们', '本', '该', '老', '新', '整个', '周边', '附近', '所在', '安置', '配套', '居民', '住宅', '商品房', '这个', '那个', '各', '各个', '多个', '其他',
  '其它', '一个', '不少', '其中', '农村', '城市', '城区', '老旧', '开发商', '政府', '当地', '我家', '家门口', '小区', '有限', '有限责任', '分', '工程', '建筑',
  '普惠', '普惠性', '普惠制', '公办', '配套', '小区配套', '市直', '培训', '教育', '实验', '第一', '第二', '第三', '附属', '民办', '公办', '私立', '公立', '中心', '周围', '临近', '我', '你', '他', '全', '本地', '外地', '此', '某', '某某', '旁边', '对面', '市',
  '区', '县', '省', '村', '镇', '乡', '街道', '社区', '自来水', '燃气', '电力', '供电', '供水', '热力', '房地产', '地产', '置业', '开发', '物流', '快递', '施工',
]);

/** Suffixes of kinds of business, as opposed to the names of companies. */
const SHOP_TYPES = ['店', '厂', '工厂', '餐厅', '饭店', '超市', '酒店', '宾馆', '会所'];

const WORD_START = /^[\p{L}\p{N}]/u;
const CODE = /^[a-z]\d*$/;
const HAN = /[\u4e00-\u9fff]/;

const AREA_KINDS: readonly PlaceKind[] = ['city', 'district', 'street', 'village'];

/** The city's own place names from the user dictionary (乌海市, 海南区, 拉僧仲街道 …), by kind. */
let gazetteer: Map<string, PlaceKind> | null = null;
function gazetteerKind(token: string): PlaceKind | undefined {
  if (!gazetteer) {
    gazetteer = new Map();
    for (const word of userDictionaryWords()) {
      const kind = suffixOf(word)?.kind;
      if (kind && AREA_KINDS.includes(kind) && word.length > 2 && !NOT_PLACE.has(word)) gazetteer.set(word, kind);
    }
  }
  return gazetteer.get(token);
}

/** Last characters of all suffixes: most tokens are rejected on this alone. */
const LAST_CHARS = new Set(SUFFIXES.flatMap(([, list]) => list.map((s) => s.at(-1)!)));

function suffixOf(token: string): { kind: PlaceKind; suffix: string } | null {
  if (!LAST_CHARS.has(token.at(-1) ?? '')) return null;
  for (const [kind, suffixes] of SUFFIXES) {
    for (const s of suffixes) if (token.endsWith(s)) return { kind, suffix: s };
  }
  return null;
}

/** The place kind a token closes, if any: a suffix word, or a word ending in one (餐饮店, 东路). */
function closes(tokens: readonly string[], i: number): { kind: PlaceKind; suffix: string } | null {
  const token = tokens[i]!;
  const known = gazetteerKind(token);
  if (known) return { kind: known, suffix: '' };
  const found = suffixOf(token);
  if (!found) return null;
  const { kind } = found;
  // 区/县/市 close an administrative name only after a code (A5区) or as a whole known word.
  if (kind === 'district' || kind === 'city') return token.length === 1 && CODE.test(tokens[i - 1] ?? '') ? found : null;
  return token.length > found.suffix.length && NOT_PLACE.has(token) ? null : found;
}

const display = (s: string) => s.replace(/[a-z]/g, (c) => c.toUpperCase());

const PHASE = /(\d+|[一二三四五六七八九十]+)期/g;

function keyOf(kind: PlaceKind, name: string): string {
  // 绿地海外滩二期小区 and 绿地海外滩小区 are one estate to its neighbours.
  if (kind === 'estate') {
    const core = name.replace(/小区$/, '').replace(PHASE, '');
    return core.length >= 2 ? core : name;
  }
  if (kind === 'org') {
    const core = name.replace(/(有限责任公司|有限公司|分公司|公司)$/, '');
    return core.length >= 2 ? core : name;
  }
  return name;
}

/** Walks back from the suffix token at `i`; returns the index of the name's first token. */
function nameStart(tokens: readonly string[], i: number, kind: PlaceKind): number {
  let start = i;
  let chars = tokens[i]!.length;
  for (let j = i - 1; j >= 0 && i - j <= 5; j--) {
    const t = tokens[j]!;
    if (!WORD_START.test(t) || BOUNDARY.has(t) || (isStopWord(t) && !INSIDE_NAMES.has(t))) break;
    const inner = closes(tokens, j);
    // 青青家园小区: an estate word inside an estate name goes on; any other place word ends it.
    if (inner && !(kind === 'estate' && inner.kind === 'estate' && j === i - 1)) break;
    if (CODE.test(t) && /^[市区县]$/.test(tokens[j + 1] ?? '')) break;
    if (chars + t.length > 14) break;
    chars += t.length;
    start = j;
  }
  return start;
}

/** Every place mention in `normalised` text (run normalizeText first), in order, without repeats. */
export function placeMentions(normalised: string): PlaceMention[] {
  // An anonymised code and its level stand apart (A7县长丰星城 is A7县 + 长丰星城, not 县长).
  const tokens = segment(normalised.replace(/(^|[^a-z0-9])([a-z]\d*[市区县])/g, '$1$2 '));
  const out: PlaceMention[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const found = closes(tokens, i);
    if (!found) continue;
    const { kind, suffix } = found;
    // 青青家园小区, 天府大道: the longer name ending at the next word is taken instead.
    const next = tokens[i + 1] ?? '';
    if ((kind === 'estate' && next === '小区') || (next && next.length <= 2 && closes(tokens, i + 1)?.kind === 'road')) continue;
    let name: string;
    if (suffix === '') name = tokens[i]!;
    else if (kind === 'district' || kind === 'city') name = tokens[i - 1]! + tokens[i]!;
    else name = tokens.slice(nameStart(tokens, i, kind), i + 1).join('');
    const stem = suffix === '' ? name : name.slice(0, name.length - suffix.length);
    if (kind !== 'district' && kind !== 'city' && suffix !== '') {
      const core = stem.replace(PHASE, '').replace(/物业$/, '');
      if (core.length < 2 || GENERIC.has(core) || !HAN.test(stem) || /^\d+[\u4e00-\u9fff]?$/.test(core) || /(政府|市委|党委)$/.test(name)) continue;
      // A lone 城 ends a name only after a real one (魅力之城), not 进城 or 县城.
      if (suffix === '城' && stem.length < 3) continue;
      // 烧烤店, 餐饮店: a kind of shop, no particular one (and the problem itself, not its place).
      if (kind === 'org' && SHOP_TYPES.includes(suffix) && stem.length <= 2) continue;
    }
    const shown = kind === 'city' || kind === 'district' ? display : (s: string) => s;
    const mention = { kind, name: shown(name), key: shown(keyOf(kind, name)) };
    const id = `${kind}:${mention.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(mention);
  }
  return out;
}

/** What one message says about where it is. */
export interface TextPlaces {
  /** The anonymised or named city and district, e.g. A市 and A5区, when given. */
  city: string | null;
  district: string | null;
  /** Mentions in the title, then in the text (the title names the place more reliably). */
  title: PlaceMention[];
  body: PlaceMention[];
}

/** Place mentions of a message's title and text, both already normalised (normalizeText). */
export function messagePlaces(title: string, text: string): TextPlaces {
  const t = placeMentions(title);
  const b = placeMentions(text);
  const first = (kind: PlaceKind) => t.find((m) => m.kind === kind)?.name ?? b.find((m) => m.kind === kind)?.name ?? null;
  return { city: first('city'), district: first('district'), title: t, body: b };
}
