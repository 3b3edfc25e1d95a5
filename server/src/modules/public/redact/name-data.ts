// What a Chinese personal name is made of, for names.ts.

/** The commonest surnames (百家姓 by frequency), less those that are also everyday words (单位, 管理, 车辆 …). */
export const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝宁舒阮柯纪梅童凌毕季裴霍涂成苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍华喻祁蒲滕屈饶牟艾尤阳穆卓吉缪芦麦褚娄窦戚岑景宫卜晏席卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄仲虞敖巩佘苑迟邝赖洪包阎郁冷鞠湛丛储蔺邸揭',
);

export const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '夏侯', '轩辕', '令狐', '宇文', '司徒', '西门',
  '南宫', '端木', '独孤', '钟离', '申屠', '澹台', '公冶', '宗政', '濮阳', '淳于', '呼延', '拓跋', '百里', '东郭', '万俟',
]);

/**
 * Characters of given names (the commonest few hundred in the census lists), without the
 * particles, verbs and measure words that follow a name in running text (的 了 在 说 把 家 …).
 */
export const GIVEN = new Set(
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂兰华建国文辉力永健世广志义兴良海山仁波宁贵福龙元全胜祥才康星光达安岩茂进林坚彪博诚敬震振壮思群豪邦承乐绍功松善厚庆民友裕河哲江浩亮政谦奇翰朗伯宏鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士致树炎德泰盛雄琛钧冠策腾楠风航弘慧巧美淑惠珠翠雅芝玉萍红娥玲芬燕彩春菊凤洁梅琳素云莲真环雪荣爱妹香月媛瑞凡佳嘉琼勤珍贞莉娣叶璐娅琦晶妍茜秋珊莎锦青倩婷婉娴瑾颖露瑶怡雁蓓仪荷丹蓉君琴蕊薇菁梦岚馨韵艺咏卿聪澜纯悦昭冰爽茗羽希欣育柔竹凝晓欢霄枫芸菲寒伊亚宜舒影阳妮宝贝恒鸿剑娇宽灵琪晴容睿堂威雯萱彦宇雨忠宗曼紫逸贤蝶小卫东新金银铁保顺喜夏冬根柱石水富昌旺立凯俊毅峰锋鑫森涵轩梓子萌诗铭然远兵锐标庭培晖彬麟骏昊玥珺烨炜琨瑜璇婧婕琛熙皓晗煜钰琰昱淼焱垚栩睿哲楷樊渊嵩岳崇巍峥嵘屹桐柏杉榆桦楷椿槐杨柳梧棠桃杏李梨枝兰萍芷蔓菡蓬荟芮芹苓苗莹蕾薇蓓蕴珍珏琪瑛璋璟瑶琬瑗瑄瑞璐璠钦铮锟镇钊鉴钢铭锴镭镕阔闯',
);

/** Words that follow a place name, not a person's: 向阳社区, 丁香花园, 邓小平路. */
export const PLACE_AFTER = [
  '路', '街', '道', '巷', '弄', '胡同', '区', '县', '市', '镇', '乡', '村', '屯', '庄', '寨', '湾', '山', '河', '湖', '江', '桥', '港', '站',
  '场', '园', '苑', '城', '府', '坊', '营', '堡', '塘', '沟', '坡', '岭', '岛', '洲', '滩', '楼', '厦', '馆', '院',
  '局', '厅', '委', '办', '队', '部', '科', '校', '店', '厂', '矿', '社', '寺', '庙', '宫', '殿', '广场', '公园', '花园', '小区',
  '社区', '大厦', '大楼', '中心', '医院', '学校', '小学', '中学', '大学', '公司', '集团', '商场', '超市', '酒店', '宾馆', '饭店', '市场',
  '家园', '新村', '工业园', '开发区', '街道', '嘎查', '苏木', '大道', '大街', '北路', '南路', '东路', '西路', '线', '号', '期', '栋', '牌',
  // Firms named like people: 吉龙物业, 蓝思科技, 成邦地产.
  '物业', '供销', '科技', '商城', '餐饮', '养生', '瓷砖', '教育', '地产', '置业', '实业', '建设', '工程', '文化', '传媒', '商贸', '贸易',
  '电力', '电器', '水果', '汽车', '驾校', '房产', '装饰', '物流', '药房', '药店', '诊所', '银行', '食品', '服装', '家具', '建材', '机械',
  '酒楼', '百货', '商店', '高速', '铁路', '公路', '大桥', '机场', '码头', '一中', '二中', '三中', '小学', '幼儿园', '车队', '花苑', '新区', '新城',
];

/** Single characters that follow a surname but are no given name: particles, verbs, places, titles. */
export const NOT_GIVEN = new Set(
  '的地得了着过在是与及或而但并对向从到于为让叫去来没不要能已还才再很太最更吗呢吧啊呀哦个些这那其此每各某说讲问答看听找给把被将跟同等们都也就又便却即所因如则且号年日分秒天后前里外上下左右内间边面部处局厅委办科县市区镇乡村组队人做干打拿走跑吃喝住买卖用无非只共约多少几第次件位名口户楼层室门路街道院店厂公司省女老师主经电手反投举称表告认系总副您你我他她它谢氏姓拒骂踢',
);

/** The last character of a place named like a person (高新区, 王府井, 金龙村). */
export const PLACE_END = new Set('区县市镇乡村屯庄寨湾山岭坡沟河湖江海港桥路街巷道井园苑城府楼厦院站场岛洲坪圩垸阁庙寺庭铺坝堰渡滩'.split(''));

/** Characters of given names that are also everyday words: only inside a three-character name (周有纯, 宋时敬). */
export const WEAK_GIVEN = new Set('和有会可时之先发进家'.split(''));

/** What follows a person in a complaint (王伟说 …, 王伟在 …), for a two-character name jieba does not tag. */
export const AFTER_PERSON = new Set([
  '说', '在', '又', '的', '家', '去', '来', '要', '把', '被', '不', '也', '都', '就', '和', '与', '等', '还', '却', '才', '已',
  '经常', '一直', '多次', '每天', '私自', '擅自', '拒绝', '承认', '表示', '称', '同志', '等人', '夫妇', '一家', '本人', '他', '她',
  ',', '，', '、', '。', '.', ';', '；', '!', '！', '?', '？',
]);

/** The commonest two-character given names (census lists), words too (建国, 立新, 婷婷): a name after any surname. */
export const COMMON_GIVEN_NAMES = new Set([
  '建国', '建华', '建军', '建平', '建英', '建新', '建明', '建伟', '志强', '志刚', '志明', '志华', '志勇', '志军', '国强', '国华', '国庆', '国平',
  '国栋', '海燕', '海涛', '海波', '海峰', '红梅', '红英', '红霞', '丽华', '丽娟', '丽萍', '丽君', '秀英', '秀兰', '秀珍', '秀云', '秀芳', '秀梅',
  '桂英', '桂兰', '桂芳', '桂香', '桂花', '玉兰', '玉梅', '玉珍', '玉华', '金凤', '金花', '凤英', '凤兰', '春梅', '春花', '翠花', '晓东', '晓燕',
  '晓明', '晓红', '晓峰', '文华', '文斌', '文杰', '文静', '俊杰', '子涵', '子轩', '梓轩', '梓涵', '浩然', '浩宇', '欣怡', '雨萱', '雨涵', '思远',
  '宏伟', '德明', '德华', '淑珍', '淑英', '淑兰', '立新', '立军', '卫东', '卫国', '卫平', '伟东', '伟明', '家豪', '佳怡', '婷婷', '丹丹', '小红',
  '小明', '小华', '小军', '小燕', '小龙', '永强', '永红', '永刚', '明亮', '亚军', '艳红', '艳华', '云霞', '美玲', '美华', '长江', '振华', '振国',
  '光明', '光辉', '爱国', '爱华', '学军', '学文', '新华', '新民', '保国', '福生', '春生', '秋生', '冬梅', '雪梅', '红军', '向东', '向阳', '东升',
]);

/**
 * Characters that are no part of a given name where a name's slot is read (name-slots.ts):
 * particles, pronouns, numbers and measure words, directions, titles, places. Looser than
 * NOT_GIVEN: 天, 家, 为, 向, 同, 才 stand in names (汪天雪, 李家豪, 王为民, 李向东, 周有才).
 */
export const SLOT_NOT_GIVEN = new Set(
  '的地得了着过在是与及或而但并对从到于让叫去来没不要能已还再很太最更吗呢吧啊呀哦嘛啦个些这那其此每各某说讲问看听找给把被将跟等们都也就又便却即所因如则且号年日分秒里外上下左右内间边面部处局厅委办科县市区镇乡村组队人做干打拿走跑吃喝住买卖用无非只共约多少几第次件位名口户楼层室门路街道院店厂公司省女老师主经电手反投举称表告认系总副您你我他她它谁啥什么怎谢氏姓一二三四五六七八九十百千万亿两半',
);

/** A word may start after these even when jieba joins them to what follows (我和|龙朋 read as 和龙). */
export const LEFT_GLUE = new Set('和与跟同及让叫被把给找问请帮替是的了对向'.split(''));

/** Characters that start what follows a person: verbs, adverbs, particles, conjunctions (王伟说, 李明打人, 张强和, 刘洋的). */
export const PERSON_NEXT_CHARS = new Set('说讲称问骂打踢推抢偷占拒在又也就都还却才已曾不没要想会能去来到把被给让叫向对跟和与及或、等家的干做是找喊吵闹砍扔堆养拿带将竟居乱硬'.split(''));

/** Words that follow a person, besides those starting with PERSON_NEXT_CHARS. */
export const PERSON_NEXT = [
  '经常', '一直', '一家', '多次', '每天', '天天', '总是', '长期', '私自', '擅自', '强行', '非法', '违规', '违法', '霸占', '发生', '表示',
  '承认', '反映', '投诉', '举报', '殴打', '辱骂', '威胁', '拖欠', '同志', '本人', '夫妇', '今天', '昨天', '前天', '上午', '下午', '晚上',
  '半夜', '占道', '开店', '开车', '停车', '私搭', '乱搭', '居住', '声称', '答应', '同意', '负责', '告诉', '回复', '联系', '通知', '介绍',
];

/** Of PERSON_NEXT_CHARS, those that start what only a person does (说, 骂, 打, 拒绝 …): not 的, 在, 和 or 、, which follow places too. */
export const PERSON_VERB_CHARS = new Set('说讲称问骂打踢推抢偷拒干要想喊吵闹砍扔拿带又把'.split(''));

/** Characters after which a name ends even where the dictionary joins them to its last character (许明说: 明说, 梁学家: 学家, 严强占用: 强占). */
export const RELIABLE_NEXT = new Set('说在的和与又干家要去占打骂都'.split(''));

/** What joins two names (王伟和李明, 王伟、李明). */
export const NAME_JOINERS = new Set('和与跟及、'.split(''));
