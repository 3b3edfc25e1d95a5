// A labelled set for the duplicate score (duplicates-eval.test.ts): invented reports, three per
// problem, worded the way different people would report the same thing (the third often without
// the place name); three problems per category, and places shared between problems (新桥小区 has
// a missing manhole cover, dark street lights and no water), so the hard negatives are reports
// of another problem at the same spot or of the same kind nearby. No real data.

export interface FixtureProblem {
  key: string;
  categoryCode: string;
  /** "title|description", three reporters. */
  reports: readonly [string, string, string];
}

export const DUPLICATE_FIXTURE: readonly FixtureProblem[] = [
  { key: 'manhole-a', categoryCode: 'public_facility.manhole', reports: [
    '新桥小区东门井盖丢失|新桥小区东门口的下水井盖不见了，晚上很黑，容易有人掉下去',
    '井盖被偷|新桥小区东大门那个窨井没有盖子了，已经有老人差点踩空',
    '门口窨井没盖|路边井口敞着，井盖不知道去哪了，请尽快补上',
  ] },
  { key: 'manhole-b', categoryCode: 'public_facility.manhole', reports: [
    '幸福路公交站旁井盖破损|幸福路公交站台边上的雨水井盖裂开了一半，车压过去响',
    '公交站边井盖碎了|幸福路站牌旁边的井盖碎成两块，走路要绕开',
    '井盖松动|公交车站附近井盖破了还松动，车一过就哐哐响',
  ] },
  { key: 'manhole-c', categoryCode: 'public_facility.manhole', reports: [
    '银河路小学门口井盖下沉|银河路小学门口的井盖往下陷了五六公分，孩子跑过去容易绊倒',
    '小学门前井盖塌陷|银河路小学大门前面那个井盖沉下去了，路面凹一块',
    '校门口路面井盖凹陷|学校门口井盖下沉，形成一个坑，下雨积水',
  ] },
  { key: 'light-a', categoryCode: 'public_facility.street_light', reports: [
    '新桥小区东门外路灯不亮|新桥小区东门到菜市场一段的路灯全部不亮，已经一个星期了',
    '新桥小区门口晚上一片黑|东门到菜场这段路灯坏了好几天，晚上走路害怕',
    '路灯坏了没人修|市场那头的路灯都灭了，请派人修一下',
  ] },
  { key: 'light-b', categoryCode: 'public_facility.street_light', reports: [
    '滨河公园路灯白天也亮|滨河公园步道的路灯白天一直开着，浪费电',
    '公园路灯大白天亮着|滨河公园里面的灯白天都亮着没关，好几天了',
    '步道灯不关|沿河步道路灯整天亮，是不是控制器坏了',
  ] },
  { key: 'light-c', categoryCode: 'public_facility.street_light', reports: [
    '路灯杆倾斜有危险|建设路18号门口的路灯杆被车撞歪了，斜着快倒了',
    '建设路灯杆被撞歪|建设路18号前面那根路灯杆歪得厉害，怕砸到人',
    '灯杆快倒了|路灯柱倾斜严重，底座松了，就在十八号旁边',
  ] },
  { key: 'noise-a', categoryCode: 'environment.noise', reports: [
    '夜市烧烤噪音扰民|锦绣花园北侧夜市每天闹到凌晨两点，音响声音太大睡不着',
    '锦绣花园旁夜市太吵|北边夜市放音乐喊麦到半夜，锦绣花园业主无法休息',
    '半夜太吵|楼下夜市凌晨还在唱歌放音响，吵得孩子睡不了觉',
  ] },
  { key: 'noise-b', categoryCode: 'environment.noise', reports: [
    '广场舞音响太响|人民广场早上六点就开始跳广场舞，音响开得特别大',
    '清晨广场舞扰民|每天早晨六点人民广场放歌跳舞，周边楼里都能听见',
    '一大早被吵醒|大妈跳舞音箱声音太大，每天六点就开始',
  ] },
  { key: 'noise-c', categoryCode: 'environment.noise', reports: [
    '空调外机噪音|光明里3栋一楼饭店的空调外机整夜轰鸣，楼上睡不着',
    '饭店外机吵|光明里三栋底商餐馆的空调外机声音很大，晚上也不停',
    '餐馆外机扰民|楼下饭馆几台外机一直响，震得窗户都在抖',
  ] },
  { key: 'garbage-a', categoryCode: 'city_appearance.garbage', reports: [
    '锦绣花园垃圾站满了没人清|锦绣花园北侧垃圾站垃圾堆成山，三天没有清运，臭气熏天',
    '锦绣花园垃圾堆积|小区垃圾中转点好几天没拉走，苍蝇很多',
    '垃圾几天不清运|垃圾点溢出来了，味道大，请环卫尽快清理',
  ] },
  { key: 'garbage-b', categoryCode: 'city_appearance.garbage', reports: [
    '建筑垃圾乱倒|东环路桥下有人偷倒装修垃圾，堆了一大片',
    '桥下装修垃圾|东环路高架桥底下被倒了很多建筑渣土和瓷砖',
    '桥洞垃圾|有人晚上在桥洞下面倾倒装修废料',
  ] },
  { key: 'garbage-c', categoryCode: 'city_appearance.garbage', reports: [
    '垃圾桶破损|文化路口的两个分类垃圾桶盖子坏了，被风吹得到处是垃圾',
    '文化路垃圾桶坏了|文化路路口垃圾箱的盖子掉了，垃圾被吹得满地',
    '分类垃圾桶没盖|十字路口垃圾桶破了，盖子没了，要换新的',
  ] },
  { key: 'road-a', categoryCode: 'transport.road_damage', reports: [
    '朝阳街大坑|朝阳街和胜利街交叉口有个大坑，电动车摔了好几个',
    '路口坑洼|朝阳街胜利街路口路面塌了个坑，下雨看不见很危险',
    '路面破损|路口的坑越来越大，昨晚又有人摔倒',
  ] },
  { key: 'road-b', categoryCode: 'transport.road_damage', reports: [
    '人行道地砖松动|百货大楼门前人行道地砖翘起来了，一踩就溅水',
    '百货大楼前地砖坏|百货大楼前面人行道砖松了好多块，踩上去晃',
    '地砖翘起溅水|人行道砖块松动，下雨天踩一脚一裤腿泥水',
  ] },
  { key: 'road-c', categoryCode: 'transport.road_damage', reports: [
    '减速带断裂|滨江小区门口减速带断了，螺丝钉露在外面扎轮胎',
    '减速带坏了扎胎|滨江小区大门口的减速带碎了，钉子翘起来',
    '小区门口减速带|出入口减速带损坏，铁钉外露',
  ] },
  { key: 'parking-a', categoryCode: 'street_order.illegal_parking', reports: [
    '消防通道被占|光明里5号楼消防通道长期停满私家车',
    '光明里消防通道停车|5号楼后面的消防车通道被车堵死了，万一着火进不来',
    '私家车堵消防通道|五号楼边上消防通道天天停车，物业不管',
  ] },
  { key: 'parking-b', categoryCode: 'street_order.illegal_parking', reports: [
    '共享单车堆满人行道|地铁站B口外面共享单车乱停，把盲道都占了',
    '地铁口单车乱放|地铁B出口人行道上单车堆得走不过去',
    '盲道被单车占|单车停满盲道和人行道，请清理',
  ] },
  { key: 'parking-c', categoryCode: 'street_order.illegal_parking', reports: [
    '货车占道停放|农贸市场门口大货车每天早上占着车道卸货',
    '市场门口货车堵路|农贸市场大门外货车停在路上卸菜，堵车',
    '卸货车辆乱停|每天清晨货车乱停卸货，公交都过不去',
  ] },
  { key: 'water-a', categoryCode: 'public_facility.water_supply', reports: [
    '自来水管爆裂|朝阳街12号门前水管爆了，水漫到路上',
    '朝阳街水管破裂|朝阳街十二号门口地下水管破了，往外冒水',
    '路面冒水|自来水管漏水，马路上全是水',
  ] },
  { key: 'water-b', categoryCode: 'public_facility.water_supply', reports: [
    '停水没有通知|新桥小区从昨天中午停水到现在，没有任何通知',
    '新桥小区突然停水|小区一天没水了，也没贴停水公告',
    '无故停水|停水一整天，物业说不知道原因',
  ] },
  { key: 'water-c', categoryCode: 'public_facility.water_supply', reports: [
    '自来水发黄|桂花园小区自来水放出来是黄的，有铁锈味',
    '水质浑浊|桂花园的自来水浑浊发黄，不敢喝',
    '水黄有异味|家里水龙头出来的水颜色黄，有股锈味，很多户都这样',
  ] },
  { key: 'vendor-a', categoryCode: 'street_order.street_vendor', reports: [
    '流动摊贩占道|中心医院门口小摊贩占道卖水果，救护车进出困难',
    '医院门口摆摊|中心医院大门外水果摊摆到路上，挡住救护车',
    '占道经营堵医院门|门前商贩乱摆摊，急救车都被堵',
  ] },
  { key: 'vendor-b', categoryCode: 'street_order.street_vendor', reports: [
    '早点摊占人行道|银河路小学对面早餐摊把人行道占满了',
    '早餐摊占道|银河路小学对面人行道上全是早点摊，学生只能走马路',
    '人行道被早点摊占|卖早饭的摊子摆满人行道，油烟大',
  ] },
  { key: 'vendor-c', categoryCode: 'street_order.street_vendor', reports: [
    '天桥上摆地摊|火车站天桥上摆满地摊，行人挤不过去',
    '火车站天桥摊贩|站前天桥上好多人卖东西，通道只剩一条缝',
    '天桥被小贩占|人行天桥上地摊太多，拖着行李过不去',
  ] },
];
