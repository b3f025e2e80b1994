/**
 * Handbook layout and tags on a curriculum that is not ours (tests/fixtures/stranger), read back
 * from the PDFs: headings and list markers never left at a page bottom, running headers inside
 * the margins, tables sized from their content, tags that read as words, the table of contents as
 * TOC/TOCI in page order, alternate text on images, and a participant edition without answers.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { flat, readPdf, type PdfRead } from './helpers/pdf.js';
import { readTags, taggedText, type TaggedPage } from './helpers/struct.js';

const FIXTURE = 'tests/fixtures/stranger';
const MARGIN = { left: 68, right: 62, top: 72, bottom: 68 };

describe('handbook layout on the stranger curriculum', () => {
  let out: string;
  const tags = new Map<string, TaggedPage[]>();
  const pdfs = new Map<string, PdfRead>();
  const books = ['ketua-facilitator', 'ketua-participant', 'anggota-facilitator', 'linmas-facilitator', 'linmas-participant'];

  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-stranger-layout-'));
    const r = runCli(['build', FIXTURE, '--out', out, '--only', 'handbook'], { env: { SOURCE_DATE_EPOCH: '1731888000' }, timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    for (const b of books) {
      const file = path.join(out, `handbook-${b}.pdf`);
      tags.set(b, await readTags(file));
      pdfs.set(b, await readPdf(file));
    }
  }, 180_000);

  it('never ends a page with a heading, or with a list marker whose text is on the next page', () => {
    for (const [book, pages] of tags) {
      pages.slice(0, -1).forEach((page, p) => {
        const lines = page.elements.flatMap((el) => el.items.filter((i) => i.str.trim()).map((i) => ({ ...i, role: el.role })));
        if (!lines.length) return;
        const lastY = Math.max(...lines.map((l) => l.y));
        const last = lines.filter((l) => Math.abs(l.y - lastY) < 2);
        const where = `${book} page ${p + 1}: “${last.map((l) => l.str).join(' ')}”`;
        expect(last.some((l) => /^H\d$/.test(l.role)), where).toBe(false);
        expect(last.every((l) => l.role === 'Lbl'), where).toBe(false);
      });
    }
  });

  it('keeps the running header inside the margins, shortened with “…”', () => {
    for (const [book, pdf] of pdfs) {
      for (const [p, page] of pdf.pages.entries()) {
        for (const it of page.items.filter((i) => i.y < MARGIN.top - 8 && i.str.trim())) {
          expect(it.x, `${book} page ${p + 1}: ${it.str}`).toBeGreaterThanOrEqual(MARGIN.left - 0.5);
          expect(it.x + it.width, `${book} page ${p + 1}: ${it.str}`).toBeLessThanOrEqual(page.width - MARGIN.right + 0.5);
        }
      }
      // The chapter titles are longer than half a line: some header is shortened.
      expect(pdf.pages.some((pg) => pg.items.some((i) => i.y < MARGIN.top - 8 && i.str.includes('…'))), book).toBe(true);
    }
  });

  it('reads the tags as words: a space at every soft line break', () => {
    const pages = tags.get('ketua-facilitator')!;
    let multiLine = 0;
    for (const el of pages.flatMap((p) => p.elements)) {
      if (!['P', 'LBody', 'TD', 'H1', 'H2', 'H3', 'TOCI'].includes(el.role) || el.items.length < 2) continue;
      // The same text with a space added wherever the line changes: it must tokenise the same.
      let spaced = '';
      el.items.forEach((it, k) => {
        const prev = el.items[k - 1];
        spaced += (prev && Math.abs(prev.y - it.y) > 2 ? ' ' : '') + it.str;
        if (prev && Math.abs(prev.y - it.y) > 2) multiLine++;
      });
      expect(taggedText(el).replace(/\s+/g, ' ').trim(), el.role).toBe(flat(spaced));
    }
    expect(multiLine).toBeGreaterThan(50);
    const struct = pages.flatMap((p) => p.elements).map(taggedText).join('\n');
    expect(struct).toContain('Bimbingan Teknis Pemungutan dan Penghitungan Suara bagi Ketua dan Anggota KPPS');
  });

  it('tags the table of contents as one TOC of TOCI entries in page order, after a “Daftar Isi” heading with text', () => {
    const pages = tags.get('ketua-facilitator')!;
    const tocPage = pages.findIndex((p) => p.elements.some((e) => e.role === 'TOCI'));
    expect(tocPage).toBeGreaterThan(0);
    const els = pages[tocPage]!.elements;
    const heading = els.find((e) => e.role === 'H1');
    expect(taggedText(heading!)).toBe('Daftar Isi');
    const entries = pages.flatMap((p) => p.elements.filter((e) => e.role === 'TOCI'));
    expect(entries.every((e) => e.path[e.path.length - 1] === 'TOC')).toBe(true);
    const numbers = entries.map((e) => Number(/ (\d+)$/.exec(taggedText(e))?.[1]));
    expect(numbers.every((n) => n > 0)).toBe(true);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('gives every image alternate text (the organizer’s name for the logo)', () => {
    for (const [book, pages] of tags) {
      const figures = pages.flatMap((p) => p.elements.filter((e) => e.role === 'Figure'));
      expect(figures.length, book).toBeGreaterThan(0);
      for (const f of figures) expect(f.alt, book).toContain('Komisi Pemilihan Umum Kabupaten Lombok Tenggara');
    }
  });

  it('sizes a body table from its content: “No” narrow, no word broken inside', () => {
    const page = pdfs.get('ketua-facilitator')!.pages.find((p) => p.text.includes('Tugas pokok pada hari pemungutan'))!;
    const no = page.items.find((i) => i.str === 'No')!;
    const unsur = page.items.find((i) => i.str === 'Unsur')!;
    expect(unsur.x - no.x).toBeLessThan(60);
    for (const word of ['Pemilih', 'Jumlah', 'Akhiran']) expect(flat(pdfs.get('ketua-facilitator')!.text)).toContain(word);
  });

  it('prints no answer letter, answer key or explanation in the participant editions', () => {
    for (const book of ['ketua-participant', 'linmas-participant']) {
      const text = pdfs.get(book)!.text;
      expect(text).not.toContain('Kunci Jawaban');
      expect(text).not.toMatch(/^\d+ [A-E] /m);
      expect(text).toContain('Jawaban saya');
    }
    expect(pdfs.get('ketua-facilitator')!.text).toMatch(/^1 B /m);
  });
});
