// CI: open the Office files of a build in LibreOffice (headless) and read the PDFs it makes back
// with poppler. slides.pptx: as many pages as slides, each slide's title on its page; its notes
// pages: one per slide, every word of the notes printed. handbook-*.docx: converts, every chapter
// title printed, "Halaman X dari Y" filled in. Usage: node .ci/office-check.mjs out
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

const outDir = path.resolve(process.argv[2] ?? 'out');
const work = mkdtempSync(path.join(os.tmpdir(), 'bimtek-office-'));
const profile = `-env:UserInstallation=file://${path.join(work, 'profile')}`;
const failures = [];

/** LibreOffice's PDF of `file` (with a filter option string, or plain). */
function convert(file, filter = 'pdf', name = path.basename(file)) {
  const dir = path.join(work, `${name}-${filter.length}`);
  execFileSync('soffice', [profile, '--headless', '--convert-to', filter, '--outdir', dir, file], { stdio: 'pipe', timeout: 300_000 });
  return path.join(dir, path.basename(file).replace(/\.\w+$/, '.pdf'));
}

const pages = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
const pageText = (pdf, page) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });
const squash = (s) => s.replace(/\s+/g, '');
const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const paragraphs = (xml) => [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((p) => decode([...p[1].matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => t[1]).join('')));
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

async function checkDeck(file) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const count = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
  const pdf = convert(file);
  check(pages(pdf) === count, `${file}: LibreOffice made ${pages(pdf)} pages of ${count} slides`);
  const notesPdf = convert(file, 'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}', `${path.basename(file)}-notes`);
  check(pages(notesPdf) === count, `${file}: ${pages(notesPdf)} notes pages for ${count} slides`);
  for (let i = 1; i <= count; i++) {
    const slide = await zip.file(`ppt/slides/slide${i}.xml`).async('string');
    const title = /<p:ph type="(?:title|ctrTitle)"\/>[\s\S]*?<p:txBody>([\s\S]*?)<\/p:txBody>/.exec(slide);
    const titleText = title ? paragraphs(title[1]).join(' ') : '';
    check(titleText && squash(pageText(pdf, i)).includes(squash(titleText)), `${file}: slide ${i}: title "${titleText}" not on its page`);
    const notes = await zip.file(`ppt/notesSlides/notesSlide${i}.xml`).async('string');
    const body = /<p:ph type="body" idx="1"\/>[\s\S]*?<p:txBody>([\s\S]*?)<\/p:txBody>/.exec(notes);
    const printed = squash(pageText(notesPdf, i));
    for (const line of body ? paragraphs(body[1]).filter(Boolean) : []) check(printed.includes(squash(line)), `${file}: notes page ${i} does not print "${line.slice(0, 60)}…"`);
  }
  console.log(`LibreOffice: ${path.basename(file)}: ${count} slides and ${count} notes pages, titles and notes printed in full`);
}

async function checkHandbook(file) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('word/document.xml').async('string');
  const chapters = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading1"\/>([\s\S]*?)<\/w:p>/g)].map((m) => decode([...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
  const pdf = convert(file);
  const total = pages(pdf);
  const text = squash(Array.from({ length: total }, (_, i) => pageText(pdf, i + 1)).join('\n'));
  for (const c of chapters) check(text.includes(squash(c)), `${file}: chapter "${c}" not in LibreOffice's PDF`);
  check(text.includes(squash(`Halaman 2 dari ${total}`)), `${file}: no "Halaman 2 dari ${total}" in the footer`);
  console.log(`LibreOffice: ${path.basename(file)}: ${total} pages, ${chapters.length} chapters, page fields filled in`);
}

const files = readdirSync(outDir).sort();
for (const f of files.filter((f) => f.endsWith('.pptx'))) await checkDeck(path.join(outDir, f));
for (const f of files.filter((f) => f.endsWith('.docx'))) await checkHandbook(path.join(outDir, f));
if (failures.length) {
  for (const f of failures) console.error(`office check: ${f}`);
  process.exit(1);
}
