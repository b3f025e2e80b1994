/**
 * The floor: the same content laid out by plain PDFKit, no templates, no Markdown, no tagging, the
 * same embedded fonts. bimtek's time is quoted as a ratio to this.
 *   node bench/floor.mjs handbook <curriculum-dir> <out.pdf>
 *   node bench/floor.mjs slides <curriculum-dir> <out.pdf>
 *   node bench/floor.mjs attendance <roster.csv> <out.pdf>
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { parse } from 'yaml';

const [kind, input, outFile] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const FONTS = { R: '400Regular/NotoSans_400Regular.ttf', B: '700Bold/NotoSans_700Bold.ttf' };
const A4 = [595.28, 841.89];
const doc = new PDFDocument({ size: kind === 'slides' ? [720, 405] : A4, margin: kind === 'slides' ? 36 : 64, autoFirstPage: false, info: { CreationDate: new Date(0) } });
for (const [k, f] of Object.entries(FONTS)) doc.registerFont(k, require.resolve(`@expo-google-fonts/noto-sans/${f}`));
doc.pipe(createWriteStream(outFile));
let pages = 0;
doc.on('pageAdded', () => pages++);
const W = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const heading = (t, size) => doc.font('B').fontSize(size).text(t, { paragraphGap: 6 });
const para = (t, size = 10.5) => doc.font('R').fontSize(size).text(t, { lineGap: 3, paragraphGap: 6 });

function table(rows, widths) {
  const x0 = doc.page.margins.left;
  for (const row of rows) {
    doc.font('R').fontSize(9.5);
    const h = Math.max(...row.map((c, i) => doc.heightOfString(c, { width: widths[i] - 8 }))) + 8;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = x0;
    row.forEach((c, i) => {
      doc.rect(x, y, widths[i], h).stroke();
      doc.text(c, x + 4, y + 4, { width: widths[i] - 8 });
      x += widths[i];
    });
    doc.x = x0;
    doc.y = y + h;
  }
  doc.moveDown();
}

function modules(dir) {
  const files = readdirSync(path.join(dir, 'modules')).filter((f) => f.endsWith('.yaml')).sort();
  return files.map((f) => parse(readFileSync(path.join(dir, 'modules', f), 'utf8')));
}

if (kind === 'handbook') {
  const c = parse(readFileSync(path.join(input, 'curriculum.yaml'), 'utf8'));
  doc.addPage();
  heading(c.title, 24);
  doc.addPage();
  heading('Kata Pengantar', 18);
  para(c.foreword);
  for (const m of modules(input)) {
    doc.addPage();
    heading(m.title, 18);
    para(m.summary);
    m.objectives.forEach((o, i) => para(`${i + 1}. ${o}`));
    m.sections.forEach((s) => {
      heading(s.title, 13.5);
      para(s.body);
      const w = W();
      table([['No', 'Pelaksana', 'Kegiatan', 'Formulir/Waktu'], ...s.steps.map((st, i) => [String(i + 1), st.actor, st.action, `${st.form}\n${st.time}`])], [w * 0.07, w * 0.23, w * 0.47, w * 0.23]);
      s.key_points.forEach((k) => para(`• ${k}`));
      s.facilitator_notes.forEach((n) => para(n));
    });
    m.assessment.questions.forEach((q, i) => para(`${i + 1}. ${q.question}\n${q.choices.map((ch, j) => `${'ABCD'[j]}. ${ch}`).join('\n')}`));
  }
  doc.addPage();
  heading('Daftar Istilah', 18);
  table(c.glossary.map((g) => [g.term, `${g.expansion}\n${g.explanation}`]), [W() * 0.3, W() * 0.7]);
} else if (kind === 'slides') {
  for (const m of modules(input)) {
    doc.addPage();
    heading(m.title, 28);
    m.objectives.forEach((o) => para(`• ${o}`, 16));
    for (const s of m.sections) {
      doc.addPage();
      heading(s.title, 24);
      s.key_points.forEach((k) => para(`• ${k}`, 18));
    }
    doc.addPage();
    heading('Rangkuman', 24);
  }
} else {
  const rows = readFileSync(input, 'utf8').trim().split('\n').slice(1).map((l) => l.split(';'));
  const rowH = 28;
  const w = [30, 160, 90, 110, 77];
  let n = 0;
  for (const r of rows) {
    if (n % 24 === 0) {
      doc.addPage();
      doc.font('B').fontSize(12).text('DAFTAR HADIR', { align: 'center' });
      doc.y += 10;
    }
    n++;
    let x = 64;
    const y = doc.y;
    [String(n), r[0], r[1], r[2], `${n}. ........`].forEach((c, i) => {
      doc.rect(x, y, w[i], rowH).stroke();
      doc.font('R').fontSize(9).text(c, x + 3, y + 8, { width: w[i] - 6, height: rowH - 8, lineBreak: false });
      x += w[i];
    });
    doc.y = y + rowH;
    if (n % 50 === 0) await new Promise(setImmediate);
  }
}
doc.end();
await new Promise((r) => doc.on('end', r));
process.stdout.write(JSON.stringify({ pages }) + '\n');
