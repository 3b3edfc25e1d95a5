import { describe, expect, it } from 'vitest';
import { checkReply, ReplyCorpus } from './reply-check.js';

// Small invented questions and replies, one per rule, plus the texts that must not break it.
const LIGHT = { title: '新桥小区5号楼路灯不亮', detail: '新桥小区5号楼前两盏路灯坏了一个星期，晚上很黑，请尽快维修。' };
const FEE = {
  title: '物业停车费为什么涨价',
  detail: '锦绣花园物业把停车费从100元涨到200元，为什么没有开业主大会？这样收费合法吗？涨价的依据是什么？',
};
const codes = (r: ReturnType<typeof checkReply>) => r.flags.map((f) => f.code);

describe('checkReply', () => {
  it('passes a reply that answers with an action, specifics and a basis', () => {
    const r = checkReply({ question: LIGHT, reply: '您好！经现场核实，新桥小区5号楼前两盏路灯的灯泡损坏，我单位已于3月5日更换，现已恢复照明。感谢您的支持！' });
    expect(r.flags).toEqual([]);
    expect(r.scores.relevance).toBeGreaterThan(0.2);
    expect(r.scores.templateShare).toBeGreaterThan(0);
    expect(r.scores.templateShare).toBeLessThan(0.5);
    const fee = checkReply({
      question: FEE,
      reply: '经核实，根据《锦绣花园物业服务合同》第十二条和市发改委2019年3号文件规定，小区停车费实行市场调节价，涨价须经业主大会表决。物业未开业主大会就把停车费涨到200元不合规定，街道已责令物业于4月1日前恢复100元收费。',
    });
    expect(fee.flags).toEqual([]);
    expect(fee.scores.questionsAsked).toBe(4);
  });

  it('flags letter formula as boilerplate, with the formula clauses as evidence', () => {
    const r = checkReply({ question: LIGHT, reply: '您好！您的留言已收悉。感谢您对我们工作的关心和支持！如有疑问请联系我们。2019年5月9日' });
    expect(codes(r)).toContain('boilerplate');
    const flag = r.flags.find((f) => f.code === 'boilerplate')!;
    expect(flag.messageKey).toBe('replyCheck.boilerplate');
    expect(flag.evidence).toEqual(expect.arrayContaining(['您好', '您的留言已收悉']));
    expect(r.scores.contentChars).toBeLessThan(25);
  });

  it('flags a reply that only passes the question on as giving no concrete answer', () => {
    const r = checkReply({ question: LIGHT, reply: '网友您好，您反映的新桥小区5号楼路灯不亮问题已转交市城管局路灯管理所调查处理，请耐心等待，谢谢。' });
    expect(codes(r)).toContain('no_concrete_answer');
    expect(r.flags.find((f) => f.code === 'no_concrete_answer')!.evidence[0]).toContain('转交');
  });

  it('flags promises without steps, and accepts a plan with a date', () => {
    expect(codes(checkReply({ question: LIGHT, reply: '我们非常重视群众反映的路灯问题，会密切关注小区的照明情况，努力为居民创造良好的生活环境。' }))).toContain('no_concrete_answer');
    expect(codes(checkReply({ question: LIGHT, reply: '新桥小区5号楼的路灯线路老化，需要整体更换，我单位将于6月10日前完成施工并恢复照明。' }))).not.toContain('no_concrete_answer');
  });

  it('flags a why/whether question answered without any rule, document or finding', () => {
    const r = checkReply({ question: FEE, reply: '锦绣花园物业停车费上涨的问题，我们已约谈物业公司负责人，要求其于4月1日前向业主公开说明收费情况。' });
    expect(codes(r)).toContain('no_basis');
    const flag = r.flags.find((f) => f.code === 'no_basis')!;
    expect(flag.params.cue).toBe('为什么');
    expect(flag.evidence[0]).toContain('为什么');
    // A question that asks nothing of the kind does not need a basis.
    expect(codes(checkReply({ question: LIGHT, reply: '已于3月5日更换5号楼路灯灯泡2个，恢复照明。' }))).not.toContain('no_basis');
  });

  it('flags a reply about something else as off topic, naming the question terms it misses', () => {
    const r = checkReply({ question: LIGHT, reply: '经核实，幸福路农贸市场门口的占道经营摊点已于3月5日全部清理，城管中队将加强日常巡查。' });
    expect(codes(r)).toContain('off_topic');
    expect(r.flags.find((f) => f.code === 'off_topic')!.evidence).toEqual(expect.arrayContaining(['路灯']));
    expect(r.scores.keyTermCoverage).toBeLessThan(0.1);
  });

  it('flags a reply that takes up few of several questions', () => {
    const question = {
      title: '孩子入学咨询',
      detail: '我家户口在新桥社区，房子在锦绣花园。请问孩子应该去哪所小学报名？报名需要带哪些材料？什么时候开始报名？没有房产证能不能入学？',
    };
    const r = checkReply({ question, reply: '根据今年招生方案，锦绣花园属于银河路小学学区，报名时间为6月1日至6月5日。' });
    expect(r.scores.questionsAsked).toBe(4);
    expect(codes(r)).toContain('unanswered_questions');
    const flag = r.flags.find((f) => f.code === 'unanswered_questions')!;
    expect(flag.params.addressed).toBeLessThanOrEqual(2);
    expect(flag.evidence.some((e) => e.includes('材料'))).toBe(true);
    expect(flag.evidence.some((e) => e.includes('房产证'))).toBe(true);
    const full = checkReply({
      question,
      reply: '根据今年招生方案，锦绣花园属于银河路小学学区，6月1日开始报名，需带户口簿和房产证或租房合同；没有房产证的，凭租房合同和居住证也可入学。',
    });
    expect(codes(full)).not.toContain('unanswered_questions');
  });

  it('flags a very short reply as too short and nothing else', () => {
    for (const reply of ['已收悉', '2019年1月14日', '', '   ', '👍👍']) {
      const r = checkReply({ question: LIGHT, reply });
      expect(codes(r)).toEqual(['too_short']);
    }
  });

  it('copes with an empty question, emoji, mixed scripts, traditional characters and 10,000 characters', () => {
    const empty = checkReply({ question: { title: '', detail: '' }, reply: '已于3月5日更换新桥小区5号楼路灯2盏，现已恢复照明。' });
    expect(codes(empty)).toEqual([]);
    const mixed = checkReply({ question: LIGHT, reply: 'LED 路灯 2 盏已于 3 月 5 日更换 ✅，经核实 5号楼已恢复照明 OK 👍' });
    expect(codes(mixed)).toEqual([]);
    const traditional = checkReply({ question: LIGHT, reply: '經現場核實，新橋小區5號樓前兩盞路燈已於3月5日更換，現已恢復照明。' });
    expect(codes(traditional)).toEqual([]);
    const long = checkReply({ question: { title: LIGHT.title, detail: LIGHT.detail.repeat(300) }, reply: '经核实，5号楼路灯已于3月5日更换。'.repeat(600) });
    expect(long.scores.length).toBeGreaterThan(1000);
    expect(codes(long)).not.toContain('off_topic');
    for (const f of [...long.flags, ...checkReply({ question: FEE, reply: '好'.repeat(10_000) }).flags]) {
      for (const e of f.evidence) expect([...e].length).toBeLessThanOrEqual(40);
    }
  });

  it('is deterministic', () => {
    const input = { question: FEE, reply: '您好，您的留言已收悉，已转物业科处理。' };
    expect(checkReply(input)).toEqual(checkReply(input));
  });
});

describe('ReplyCorpus', () => {
  const question = (i: number) => ({ title: `第${i}个问题`, detail: `关于${['路灯', '井盖', '噪音', '垃圾', '停水', '占道'][i % 6]}的问题，请处理。` });

  it('finds the same letter sent to many people, names and dates aside', () => {
    const corpus = new ReplyCorpus();
    const letter = (i: number) => `“UU00${i}”您好！您通过平台的留言收悉，已转有关部门调查核处，如有情况将及时反馈，谢谢！2019年${(i % 12) + 1}月${(i % 28) + 1}日`;
    for (let i = 0; i < 8; i++) corpus.add(question(i), letter(i));
    corpus.add(question(9), '经核实，5号楼路灯已于3月5日更换，恢复照明。');
    expect(corpus.size).toBe(9);
    const r = checkReply({ question: question(20), reply: letter(20) }, { corpus });
    expect(r.scores.copies).toBe(8);
    expect(codes(r)).toContain('boilerplate');
    expect(r.flags.find((f) => f.code === 'boilerplate')!.params.copies).toBe(8);
    // Counted as its own copy when it is one of the corpus's replies.
    expect(checkReply({ question: question(1), reply: letter(1) }, { corpus, selfInCorpus: true }).scores.copies).toBe(7);
    expect(checkReply({ question: question(9), reply: '经核实，5号楼路灯已于3月5日更换，恢复照明。' }, { corpus, selfInCorpus: true }).scores.copies).toBe(0);
  });

  it('treats a clause many replies share as formula, unless it states an action', () => {
    const corpus = new ReplyCorpus();
    for (let i = 0; i < 10; i++) corpus.add(question(i), `本单位始终坚持以人民为中心的发展思想，经核实第${i}号路灯已于3月${i + 1}日修复`);
    expect(corpus.isFormula('本单位始终坚持以人民为中心的发展思想')).toBe(true);
    const r = checkReply({ question: question(3), reply: '本单位始终坚持以人民为中心的发展思想，全心全意为人民服务，努力让群众满意' }, { corpus });
    expect(codes(r)).toContain('no_concrete_answer');
    expect(r.scores.contentChars).toBeLessThan(r.scores.length);
  });
});
