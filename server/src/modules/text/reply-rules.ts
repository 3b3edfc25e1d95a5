// The phrase rules of the reply check (reply-check.ts), kept apart so they can be read and
// argued about as a list. Every pattern runs on normalised text (normalize.ts): half-width
// punctuation (, ! ? : ; ( )), simplified characters, lower case, Arabic digits.

/** What a clause of a reply does. Only `content` clauses can answer anything. */
export type ClauseKind = 'template' | 'referral' | 'restatement' | 'content';

/** Letters, digits and Han characters: what is counted as the length of a text. */
export const MEANINGFUL = /[\p{L}\p{N}]/gu;
export const meaningfulLength = (text: string) => text.match(MEANINGFUL)?.length ?? 0;

/** Clauses end at these; a clause is the unit a template phrase fills. */
const CLAUSE = /[^,，。!?;:、\n]+/g;
/** The message board's user ids (网友“UU0081079”): an addressee, never content. */
const BOARD_ID = /[“"”]?(uu|a0)\d{3,}[”"“]?/g;
/** Sentences end at these (questions keep their mark for isQuestion). */
const SENTENCE = /[^。!?;\n]+[。!?;\n]?/g;

export const clausesOf = (text: string): string[] => (text.replace(BOARD_ID, ' ').match(CLAUSE) ?? []).map((c) => c.trim()).filter((c) => meaningfulLength(c) > 0);
export const sentencesOf = (text: string): string[] => (text.match(SENTENCE) ?? []).map((c) => c.trim()).filter((c) => meaningfulLength(c) > 0);

const DATE = String.raw`(\d{2,4}|[〇零一二三四五六七八九]{2,4})年([〇零一二三四五六七八九十]{1,2}|\d{1,2})月([〇零一二三四五六七八九十]{1,3}|\d{1,2})日?`;

/**
 * Letter formulas every office uses whatever the question: greeting, addressee, receipt,
 * thanks, "answer as follows", sign-off, date line. Each must match a whole short clause (the
 * length bound keeps a long clause that merely starts with 感谢 from counting as template).
 */
const TEMPLATE_CLAUSES: readonly [RegExp, number][] = [
  [/(您|你|大家)好/, 24],
  [/^(尊敬的|亲爱的)?(网友|市民|群众|同志|朋友|来信人|留言人)/, 20],
  [/^[\p{Script=Han}]{1,4}(先生|女士|同志|网友|市民|朋友|老师)$/u, 8],
  [/(收悉|已阅|阅悉|知悉|(留言|来信|信件|帖|问题|建议|诉求|情况|来电|反映)[^,。]{0,8}收到)/, 40],
  [/^(非常|十分|再次|衷心|诚挚)?(感谢|谢谢|多谢|致谢)/, 40],
  [/(感谢|谢谢)(您|你)/, 40],
  [/(如下|特此(回复|答复|函复)|此复)$/, 40],
  [/^现?(将|就|把)?.{0,24}(回复|答复|反馈|函复)(您|你)?$/, 30],
  [/高度重视/, 30],
  [/^(祝|顺祝|此致|敬礼|顺颂)/, 20],
  [/欢迎.{0,16}(监督|关注|建议|留言|问政|来电)/, 30],
  [/(关心|关注|支持|监督|理解|信任|问政)(与|和|、)?(支持|理解|监督|关注)?[!.。]?$/, 24],
  [/如(您|你)?(还)?有(其他|任何)?(疑问|问题|不清楚|疑惑|意见).{0,10}$/, 24],
  [new RegExp(`^${DATE}$`), 16],
  [new RegExp(`^[\\p{Script=Han}a-z0-9]{2,24}(局|委|办|中心|政府|办事处|街道|公司|管委会|办公室|委员会|厅|处|院|所)(${DATE})?$`, 'u'), 32],
];

/**
 * 已转/交由…部门(调查处理): the question was passed on, which says where it went, not what was
 * done. The handling verbs after the unit belong to the referral (已转相关部门处理 promises
 * nothing of its own), so they are part of the match.
 */
const REFERRAL = /(已|并|现|均|我们已|我办已|我局已)?(转|转交|转至|转给|转到|移交|移送|交由|交给|转办|转请|转告|转送)[^,。;]{0,24}?(部门|单位|局|办|委|中心|政府|街道|乡|镇|公司|支队|大队|队|所|站|厅|院|处|科|股)(进行|予以|负责|依法)?(调查|核查|核实|处理|办理|核处|办复|答复|反馈|回复|跟进|查处|研究|落实|处置)*/;

export function clauseKind(clause: string, questionBigrams: ReadonlySet<string>): ClauseKind {
  const length = meaningfulLength(clause);
  for (const [pattern, max] of TEMPLATE_CLAUSES) if (length <= max && pattern.test(clause)) return 'template';
  if (REFERRAL.test(clause) && length <= 60 && !ACTION.test(clause.replace(REFERRAL, ''))) return 'referral';
  if (isRestatement(clause, questionBigrams)) return 'restatement';
  return 'content';
}

/** Han and alphanumeric character pairs of a text, for "does this clause repeat the question". */
export function bigramsOf(text: string): Set<string> {
  const chars = text.match(MEANINGFUL) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** 针对您反映"…"的问题: most of the clause's character pairs come from the question itself. */
function isRestatement(clause: string, questionBigrams: ReadonlySet<string>): boolean {
  if (questionBigrams.size === 0) return false;
  const pairs = bigramsOf(clause);
  if (pairs.size < 3) return false;
  let shared = 0;
  for (const p of pairs) if (questionBigrams.has(p)) shared++;
  return shared / pairs.size >= 0.7 && /(反映|关于|针对|就|来信|留言|提出|咨询|投诉|建议|所说|问题|诉求)/.test(clause);
}

/**
 * Something was done, found, decided or will be done by a stated step: a result (已完成, 已整改),
 * a finding (经核实, 经调查) or a plan with a verb (将于, 预计, 计划). 已收悉 and 已转 are not
 * answers: those clauses are template or referral and never reach this test.
 */
const DONE = String.raw`(完成|处理|整改|修复|维修|修缮|清理|清除|清运|拆除|安排|解决|落实|协调|查处|处罚|罚款|约谈|督促|责令|责成|开展|组织|实施|启动|安装|更换|恢复|制定|出台|印发|下发|通知|审批|批复|办理|立案|核查|调查|到位|开工|竣工|建成|开通|纳入|列入|发放|退还|补发|支付|兑现|签订|取缔|关闭|停止|暂停|移除|增设|设置|施工|规划|建设|运行|投入|疏通|改造|改建|硬化|铺设|收回|整治|检查|检测|监测|答复|联系|上门|走访|沟通|调解|回访|制止|劝离|教育|警告|扣分|查封|没收|处置|改正|改进|撤销|申请|登记|审核|公示|核发|承诺|增加|增开|增派|新增|调整|延长|缩短|配备|更名|合并|换新|论证|选址|编制|推进|举办|招募|成立|开设|批准|核准|下达|申报|召开|告诫|清退|劝导|约见|答复说明)`;
export const ACTION = new RegExp(
  [
    // A result: 已完成, 正在施工, 目前已列入 …
    String.raw`(已|已经|现已|均已|正在|目前|已于|并于|于\d)[^,。;]{0,12}?${DONE}`,
    // A dated step: 2017年5月由镇政府牵头改建 …
    String.raw`\d+(年|月|日)[^,。;]{0,16}?${DONE}`,
    // A past step told as such: 开通了, 进行了清退 …
    String.raw`${DONE}了|进行了`,
    // A finding.
    String.raw`经(核实|核查|调查|查|了解|现场|研究|协调|审核|复核|检测|测量|走访|排查|查证|查明|确认)|据查|调查(发现|核实|了解)`,
    // A commitment with a step: 将于, 将组织, 预计, 下一步 …
    String.raw`(将于|将在|将会|将尽快|将及时|将组织|将安排|将开展|将进行|将启动|将实施|将予以|将协调|将督促|将责成|将要求|将对|将会同|将联合|将严格|将加快|将按照|将依法|预计|计划|拟于|拟在|拟对|争取|力争|确保|下一步|近期将)`,
  ].join('|'),
);

/**
 * A direct answer to a consultation (可以, 不能, 符合, 不属于, 需提供): concrete when it comes
 * with a specific (a number, a document, a place), since "可以咨询相关部门" answers nothing.
 */
export const ANSWER = /(可以|可申请|可办理|可享受|可凭|可到|可向|不能|不可|不予|不得|无法|予以|应当|应由|需|须|符合|不符合|属于|不属于|不在|是指|标准为|标准是|按照|依照|根据|到[^,。;]{1,24}?(办理|申请|领取|咨询|缴纳))/;

/** Concrete detail: a number or date, a named document, a measure, a place or a phone number. */
export const SPECIFIC = /(\d|《[^》]+》|[〇零一二三四五六七八九十百千万两]+(个|户|处|名|人|次|条|米|元|天|日|月|年|家|辆|台|座|栋|盏|吨|公里|平方|亩|项|所|份|批)|[\p{Script=Han}a-z0-9]{1,8}(路|街|巷|大道|社区|小区|村|镇|乡|街道|广场|公园|学校|小学|中学|医院|市场|站|局|委|办|公司|中心))/u;

/**
 * A question that wants a reason, a ruling or a yes/no on what is allowed (为什么, 是否, 合法,
 * 依据, 政策): the reply then owes a basis. Tested on the question's asking sentences only, so a
 * complaint that merely mentions 违规 does not count.
 */
export const ASKS_BASIS = /(为什么|为何|凭什么|是否|能否|可否|能不能|可不可以|是不是|有没有|合法|合理|违法|违规|政策|规定|依据|标准|有权)/;

/** A basis: a law, rule or document (根据《…》, 按照规定), or facts found (经核实, 调查发现). */
export const BASIS = /(根据|依据|按照|依照|参照|遵照|《[^》]+》|规定|条例|办法|细则|法律|法规|政策|文件|标准|通知|意见|第\d+条|经(核实|核查|调查|查|了解|现场|检测|测量|审核|复核|查证|查明|确认)|调查(发现|核实|了解)|核实|查明|实际情况|现场(查看|勘查|核实|检查)|经[^,。;]{0,10}?(核准|批准|审批|同意|备案|认定)|据(了解|查|调查|核实|统计)|了解到)/;

/**
 * A clause of the question that asks for information by a question word (是否, 能否, 何时,
 * 如何, 哪些 …). Bare 什么/怎么/多少 are too often narration (想涨多少就涨多少) to count.
 */
export const QUESTION_CUE = /(为什么|为何|是否|能否|可否|能不能|可不可以|是不是|有没有|何时|什么时候|怎么办|如何|哪里|哪些|哪个|请问)/;
/** A question mark or 吗/呢 at the end: a question too, but only in a consultation (below). */
export const QUESTION_MARK = /([?？]|[吗呢么])$/;
/** The message asks (咨询, 请问, a title ending in 吗): its questions want answers, not sympathy. */
export const CONSULTATION = /(咨询|请问|询问|想问|问一下|求助|请教|[?？吗]$)/;

/**
 * Rhetoric, not a request for information (难道政府不管吗, 这不是坐地起价么, 谁是保护伞): a
 * complaint's indignation, which a reply answers by what it does, not sentence by sentence.
 */
export const RHETORICAL = /(难道|岂|凭什么|何在|去哪儿了|哪去了|到底|究竟|不是[^,]*[吗么]|怎么能|怎能|怎么可以|还有没有|还要不要|谁来管|谁是|谁给|有没有人管|天理|良心|就这样|什么意思|何意)/;

/**
 * Words that occur in nearly every question and say nothing about which question it is; a
 * reply need not repeat them to be on topic.
 */
export const GENERIC_WORDS = new Set([
  '问题', '反映', '请求', '希望', '咨询', '建议', '投诉', '举报', '关于', '解决', '处理', '情况', '相关', '有关', '部门', '领导',
  '政府', '市民', '居民', '群众', '百姓', '老百姓', '我们', '大家', '现在', '目前', '一直', '已经', '这个', '那个', '什么', '怎么',
  '为什么', '是否', '能否', '可以', '没有', '不能', '一下', '请问', '谢谢', '您好', '你好', '尊敬', '书记', '市长', '县长', '区长',
  '网友', '留言', '严重', '非常', '进行', '要求', '尽快', '时间', '工作', '单位', '能不能', '有没有', '是不是', '可不可以',
  '需要', '应该', '知道', '告诉', '一些', '还是', '多少', '哪些', '哪里', '如何', '怎样', '时候', '开始',
]);
