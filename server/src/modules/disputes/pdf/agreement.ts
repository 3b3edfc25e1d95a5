import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

// The 调解协议书 as a PDF in Chinese. The font ships in an npm package (@embedpdf/fonts-sc:
// Noto Sans Hans, SIL OFL 1.1, the GB 2312 character set), so a fresh machine renders the same
// glyphs without any system font; pdfkit embeds only the glyphs used, with a ToUnicode map, so
// the text can be searched and copied out of the PDF.

export interface AgreementContent {
  number: string;
  /** 人民调解协议书 for 人民调解, 调解协议书 for the other kinds. */
  title: string;
  /** The committee (or studio) whose seal goes on it. */
  committee: string;
  parties: { role: '申请人' | '被申请人'; name: string; idLabel: string; idNumber: string | null; phone: string | null }[];
  facts: string;
  terms: { text: string; due: string | null; performed: string | null }[];
  mediators: string[];
  date: string;
}

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
let fonts: { regular: Buffer; bold: Buffer } | null = null;
/** Read once per process (2 × 8 MB); pdfkit subsets them per document. */
function loadFonts() {
  fonts ??= {
    regular: fs.readFileSync(path.join(fontDir, 'NotoSansHans-Regular.otf')),
    bold: fs.readFileSync(path.join(fontDir, 'NotoSansHans-Bold.otf')),
  };
  return fonts;
}

const DIGITS = '零一二三四五六七八九';
/** 1 → 一, 12 → 十二, 23 → 二十三: how the terms of a Chinese agreement are numbered. */
export function chineseOrdinal(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

export function renderAgreementPdf(content: AgreementContent, createdAt: Date): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({ size: 'A4', margins: { top: 64, bottom: 64, left: 72, right: 72 }, info: { Title: `${content.title} ${content.number}`, Author: content.committee, CreationDate: createdAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const width = doc.page.width - 144;
  const heading = (text: string) => doc.moveDown(0.6).font('bold').fontSize(12).text(text).font('regular').fontSize(11).moveDown(0.2);

  doc.font('bold').fontSize(20).text(content.title, { align: 'center', characterSpacing: 2 });
  doc.font('regular').fontSize(10).text(`编号：${content.number}`, { align: 'right' }).moveDown(0.8);

  doc.fontSize(11);
  for (const p of content.parties) {
    const extra = [p.idNumber ? `${p.idLabel}：${p.idNumber}` : null, p.phone ? `联系电话：${p.phone}` : null].filter(Boolean).join('，');
    doc.text(`${p.role}：${p.name}${extra ? `（${extra}）` : ''}`, { width });
  }

  heading('纠纷主要事实、争议事项');
  doc.text(content.facts, { width, indent: 22 });

  heading('经调解，当事人自愿达成如下协议');
  content.terms.forEach((t, i) => {
    doc.text(`${chineseOrdinal(i + 1)}、${t.text}${t.due ? `（履行期限：${t.due}前）` : ''}`, { width });
  });

  heading('履行情况');
  content.terms.forEach((t, i) => doc.text(`第${chineseOrdinal(i + 1)}条：${t.performed ? `已于${t.performed}履行` : '待履行'}`, { width }));

  doc.moveDown(0.6).text('本协议经当事人签名（盖章或按指印）、调解员签名并加盖人民调解委员会印章后生效，具有法律约束力，当事人应当按照约定履行。本协议一式三份，当事人各执一份，人民调解委员会留存一份。', { width, indent: 22 });

  doc.moveDown(1.2);
  for (const p of content.parties) doc.text(`${p.role}（签名、盖章或按指印）：________________`, { width }).moveDown(0.4);
  doc.text(`调解员（签名）：${content.mediators.join('、') || '________________'}`, { width }).moveDown(1);

  // The seal goes on the printed copy: a dashed circle marks where.
  const sealY = doc.y;
  const sealX = 72 + width - 150;
  doc.save().dash(3, { space: 3 }).circle(sealX + 60, sealY + 40, 42).stroke('#b00').undash().restore();
  doc.fillColor('#b00').fontSize(9).text('（印章）', sealX + 36, sealY + 35, { width: 50, align: 'center' }).fillColor('black');
  doc.fontSize(11).text(content.committee, 72, sealY + 90, { width, align: 'right' });
  doc.text(content.date, { width, align: 'right' });
  doc.end();
  return done;
}
