import { describe, expect, it } from 'vitest';
import { MUST_STAY } from '../../../test/fixtures/redaction-cases.js';
import { redactText } from './redact.js';

// One test per class of what citizens write: each in the forms the issue names (Chinese numerals,
// full width, groups split by dots, spaces, dashes or slashes …), and ordinary text that stays.

const cases = (rows: [string, string][], known: string[] = []) => {
  for (const [input, expected] of rows) expect(redactText(input, known), input).toBe(expected);
};

describe('redaction by class', () => {
  it('masks mobile numbers however they are written', () => {
    cases([
      ['电话一三八一二三四五六七八', '电话138****5678'],
      ['电话幺三八 幺二三四 五六七八', '电话138****5678'],
      ['电话壹叁捌壹贰叁肆伍陆柒捌', '电话138****5678'],
      ['电话１３８１２３４５６７８', '电话138****5678'],
      ['电话138.1234.5678', '电话138****5678'],
      ['电话138/1234/5678', '电话138****5678'],
      ['电话138 - 1234 - 5678', '电话138****5678'],
      ['电话138_1234_5678', '电话138****5678'],
      ['电话1 3 8 1 2 3 4 5 6 7 8', '电话138****5678'],
      ['电话138\u200b1234\u200b5678', '电话138****5678'],
      ['电话138一二三四5678', '电话138****5678'],
      ['电话１３８－１２３４－５６７８', '电话138****5678'],
      ['电话138、1234、5678', '电话138****5678'],
      ['电话0086 13812345678', '电话138****5678'],
      ['电话13812345678/13987654321', '电话138****5678/139****4321'],
    ]);
  });

  it('masks landlines', () => {
    cases([
      ['座机0473 123 4567', '座机0473-*****67'],
      ['座机（０４７３）１２３４５６７', '座机0473-*****67'],
      ['座机零四七三一二三四五六七', '座机0473-*****67'],
      ['座机010-8765-4321', '座机010-******21'],
    ]);
  });

  it('masks ID numbers to their shape: never region, birth date or last four', () => {
    cases([
      ['身份证１１０１０１１９９００３０７１２３Ｘ', '身份证1****************X'],
      ['身份证110101 19900307 1234', '身份证1****************4'],
      ['身份证1101 0119 9003 0712 34', '身份证1****************4'],
      ['身份证110101-19900307-123x', '身份证1****************X'],
      ['身份证一一零一零一一九九零零三零七一二三四', '身份证1****************4'],
      ['身份证110101********1234', '身份证1****************4'],
    ]);
  });

  it('masks any other long run of digits, also in groups', () => {
    cases([
      ['卡号6222 0202 1234 5678 901', '卡号62***************01'],
      ['卡号6222、0202、1234、5678', '卡号62************78'],
      ['编号 12345678', '编号 12****78'],
      ['电话 138 1234 5678 2026年', '电话 138****5678 2026年'],
      ['138 1234 5678 1234', '13***********34'],
    ]);
  });

  it('masks e-mail addresses, also with a full-width ＠', () => {
    cases([
      ['邮箱zhangsan＠qq.com', '邮箱z***@qq.com'],
      ['邮箱ｚｈａｎｇｓａｎ＠ｑｑ．ｃｏｍ', '邮箱z***@qq.com'],
      ['邮箱 zhang.san @ 163.com 谢谢', '邮箱 z***@163.com 谢谢'],
      ['邮箱zhangsan(at)qq.com', '邮箱z***@qq.com'],
    ]);
  });

  it('masks WeChat ids and QQ numbers after their cue', () => {
    cases([
      ['微信号：zhang_san88', '微信号：z**********'],
      ['加vx abc12345联系', '加vx a*******联系'],
      ['VXLucky_722990', 'VXL***********'],
      ['QQ：12345', 'QQ：1****'],
      ['扣扣 八八六六五五', '扣扣 8*****'],
      ['wxid_abcd1234', 'wxid_********'],
    ]);
  });

  it('masks vehicle plates but the province and letter', () => {
    cases([
      ['蒙A12345的车堵门', '蒙A*****的车堵门'],
      ['车牌京A·D12345', '车牌京A·******'],
      ['粤b 8888X', '粤b *****'],
    ]);
  });

  it('masks rooms written with Chinese numerals, # and floors', () => {
    cases([
      ['三号楼二单元五零一室漏水', '三号楼**漏水'],
      ['住3#2-501', '住3#**'],
      ['住8栋12层1203', '住8栋**'],
      ['A座1203室', 'A座**'],
      ['五百零一室', '**'],
      ['3号楼2单元12楼1203', '3号楼**'],
      ['3号楼 2单元501', '3号楼 **'],
      ['3-501室', '**'],
    ]);
  });

  it('masks bare names with no cue word', () => {
    cases([
      ['王建国在楼道堆放杂物', '王**在楼道堆放杂物'],
      ['邻居张秀英经常半夜唱歌', '邻居张**经常半夜唱歌'],
      ['昨天刘丽华又来闹事', '昨天刘**又来闹事'],
      ['物业的赵磊态度很差', '物业的赵*态度很差'],
      ['楼下黄小明家的狗', '楼下黄**家的狗'],
      ['我和陈志强发生纠纷', '我和陈**发生纠纷'],
    ]);
  });

  it('masks bare names of any characters in the slot a person stands in', () => {
    cases([
      // Given names jieba reads as other words (马/n 巧干/nr, 谢/v 良/a 学/n, 许/m 明说/v).
      ['马巧干的', '马*干的'],
      ['这件事是谢良学干的', '这件事是谢**干的'],
      ['物业让钱霭厚去处理', '物业让钱**去处理'],
      ['许明说他不管', '许*说他不管'],
      ['闫时志在楼道', '闫**在楼道'],
      ['严强占用楼道', '严*占用楼道'],
      // A place character at the end, before what only a person does.
      ['刘洋苑说他不管', '刘**说他不管'],
      // Compound surnames, the start and end of a sentence, punctuation.
      ['司马南拒绝整改', '司**拒绝整改'],
      ['诸葛明月占用消防通道', '诸***占用消防通道'],
      ['这事要问侯芳。', '这事要问侯*。'],
      ['占道经营的是周有才', '占道经营的是周**'],
      ['“孙悦”说没人管', '“孙*”说没人管'],
      // Two names joined: the one the dictionary knows as a word too (严明) goes with the other.
      ['邻居严明与王伟占用楼道', '邻居严*与王*占用楼道'],
      ['陈静、刘强与杨帆都说不知道', '陈*、刘*与杨*都说不知道'],
    ]);
  });

  it('leaves words that start with a surname alone before what people do', () => {
    for (const s of ['安全说明不清', '领导高度重视', '方便群众', '于是就说', '常常说', '任何人都不管', '曾经说过', '涨幅高达22%', '向社会公开', '石头砸了车', '成本高', '物业说', '城管打人', '万一出事', '金额不对']) {
      expect(redactText(s), s).toBe(s);
    }
  });

  it('masks names after a cue or before a title, and known names in any writing', () => {
    cases([
      ['当事人黎全拒不整改', '当事人黎*拒不整改'],
      ['张若生主任说会处理', '张**主任说会处理'],
      ['曾星先生反映', '曾*先生反映'],
    ]);
    cases(
      [
        ['孫麗華反映', '孫**反映'],
        ['孙 丽 华多次协商', '孙**多次协商'],
        ['丽华说', '**说'],
      ],
      ['孙丽华'],
    );
  });

  it('leaves ordinary numbers, places and titles alone', () => {
    for (const s of MUST_STAY) expect(redactText(s), s).toBe(s);
  });
});
