/**
 * Characters: what Noto Sans lacks comes from a fallback face (Noto Sans Math, Noto Sans Symbols 2)
 * in every document, measured as drawn; what no face has is reported with where it occurs and
 * drawn as "?" (never a box); straight quotes follow one rule everywhere; and a word longer than a
 * page is broken, never run off the page.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../src/artifacts/index.js';
import { loadCurriculum } from '../src/curriculum/index.js';
import { faceOf, faceRuns, textWidth, typographic } from '../src/pdf/glyphs.js';
import { readPdf, type PdfRead } from './helpers/pdf.js';

const SYMBOLS = ['≥', '≤', '→', '±', '°', '²', '½', '“', '”', '‘', '’', '…', '–', '—', '✔'];
const HUGE = 'Panjang'.repeat(1500);

describe('faces per character', () => {
  it('takes each character from the first face that has it', () => {
    expect(faceOf('regular', 'a'.codePointAt(0)!)).toBe('regular');
    expect(faceOf('bold', '±'.codePointAt(0)!)).toBe('bold');
    expect(faceOf('bold', '≥'.codePointAt(0)!)).toBe('math');
    expect(faceOf('regular', '◦'.codePointAt(0)!)).toBe('math');
    expect(faceOf('regular', '✔'.codePointAt(0)!)).toBe('symbols');
    expect(faceOf('regular', '漢'.codePointAt(0)!)).toBeNull();
  });

  it('measures what it draws: runs per face, "?" for what no face has', () => {
    expect(faceRuns('regular', 'a ≥ b')).toEqual([
      { face: 'regular', text: 'a ' },
      { face: 'math', text: '≥' },
      { face: 'regular', text: ' b' },
    ]);
    expect(faceRuns('regular', 'x漢y')).toEqual([{ face: 'regular', text: 'x?y' }]);
    expect(textWidth('regular', '漢', 10)).toBeCloseTo(textWidth('regular', '?', 10));
    expect(textWidth('regular', '≥', 10)).toBeGreaterThan(3);
    expect(textWidth('regular', "Jum'at", 10)).toBeCloseTo(textWidth('regular', 'Jum’at', 10));
  });

  it('makes straight quotes typographic', () => {
    expect(typographic(`Jum'at "pagi" dan 'siang'`)).toBe('Jum’at “pagi” dan ‘siang’');
  });
});

describe('documents from a curriculum with symbols, a missing character and a huge word', () => {
  let pdfs: Map<string, PdfRead>;
  let missing: { char: string; places: string[] }[];
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bimtek-glyphs-'));
    cpSync('tests/fixtures/mini', dir, { recursive: true });
    const file = path.join(dir, 'modules', '01-pemungutan.yaml');
    let yaml = readFileSync(file, 'utf8');
    yaml = yaml.replace('objectives: [Tujuan pertama uji., Tujuan kedua uji.]', `objectives: ["Suhu ${SYMBOLS.join(' ')} uji.", "Jum'at pagi."]`);
    yaml = yaml.replace('      Paragraf uraian pembukaan.\n', `      Paragraf uraian pembukaan dengan aksara 漢 asing.\n\n      - satu\n        - dua\n          - tiga\n\n      ## ${HUGE}\n\n      Sesudah judul panjang.\n`);
    writeFileSync(file, yaml);
    const out = path.join(dir, 'out');
    const { ctx, files } = await buildAll(loadCurriculum(dir), { out, only: ['handbook', 'slides'], slidePptx: false });
    missing = ctx.glyphs.report();
    pdfs = new Map();
    for (const f of files) if (f.path.endsWith('.pdf')) pdfs.set(path.basename(f.path), await readPdf(f.path, { fonts: true }));
  }, 120_000);

  it('draws every symbol in the handbook, the slides and the notes, from an embedded fallback face', () => {
    const docs = [...pdfs.keys()];
    for (const name of ['handbook', 'slides', 'notes']) {
      const file = docs.find((d) => d.includes(name === 'notes' ? '-notes' : name) && (name !== 'slides' || !d.includes('-notes')))!;
      expect(file, name).toBeTruthy();
      const pdf = pdfs.get(file)!;
      for (const ch of SYMBOLS) expect(pdf.text, `${ch} in ${file}`).toContain(ch);
      expect(pdf.text).toContain('Jum’at');
      expect([...pdf.fonts].some((f) => /NotoSansMath/.test(f)), `${file}: ${[...pdf.fonts].join(', ')}`).toBe(true);
    }
    // The third-level list bullet.
    const handbook = pdfs.get(docs.find((d) => d.startsWith('handbook'))!)!;
    expect(handbook.text).toContain('◦');
  });

  it('reports only what no face has, naming the document and the section, and draws "?" for it', () => {
    expect(missing.map((m) => m.char)).toEqual(['漢']);
    expect(missing[0]!.places.join(' ')).toMatch(/handbook.*Pemungutan Suara Uji › 1\.1 Pembukaan TPS Uji/);
    const handbook = [...pdfs.entries()].find(([n]) => n.startsWith('handbook'))![1];
    expect(handbook.text).toContain('aksara ? asing');
  });

  it('keeps the page footer 10 mm or more above the paper edge on A4 documents', () => {
    for (const [name, pdf] of pdfs) {
      if (!/handbook|-notes/.test(name)) continue;
      for (const p of pdf.pages) {
        const footer = p.items.find((i) => /^Halaman \d+ dari \d+$/.test(i.str));
        if (footer) expect(p.height - footer.y, name).toBeGreaterThanOrEqual(28.35);
      }
    }
  });

  it('breaks a heading longer than a page over pages, keeping every letter inside the page', () => {
    const [, pdf] = [...pdfs.entries()].find(([n]) => n.startsWith('handbook'))!;
    // The heading's own lines (13.5 pt), in page order, hold every letter.
    const heading = pdf.pages.flatMap((p) => p.items.filter((i) => Math.abs(i.height - 13.5) < 0.2 && /^[Panjg]+$/.test(i.str.trim())).map((i) => i.str.trim()));
    expect(heading.join('')).toBe(HUGE);
    for (const p of pdf.pages) {
      for (const i of p.items) {
        expect(i.x + i.width, i.str.slice(0, 20)).toBeLessThanOrEqual(p.width - 30);
        expect(i.y, i.str.slice(0, 20)).toBeLessThanOrEqual(p.height - 28.35);
      }
    }
    // The table of contents lists it whole too.
    const toc = pdf.pages.find((p) => /Daftar Isi/.test(p.text))!;
    expect(toc).toBeTruthy();
    expect(pdf.text).toContain('Sesudah judul panjang.');
  });
});
