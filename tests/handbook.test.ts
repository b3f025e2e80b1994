import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';
import { flat, readPdf, type PdfRead } from './helpers/pdf.js';

const FIXTURE = 'tests/fixtures/mini';

describe('handbook (mini fixture)', () => {
  let out: string;
  let fac: PdfRead;
  let par: PdfRead;
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-hb-'));
    const r = runCli(['build', FIXTURE, '--out', out, '--only', 'handbook'], { env: { SOURCE_DATE_EPOCH: '1730678400' } });
    expect(r.stderr).not.toMatch(/galat/);
    expect(r.code).toBe(0);
    fac = await readPdf(path.join(out, 'handbook-facilitator.pdf'), { fonts: true });
    par = await readPdf(path.join(out, 'handbook-participant.pdf'), { fonts: true });
  });

  it('contains every module title, section title and procedure step', () => {
    const text = flat(fac.text);
    for (const s of ['Pemungutan Suara Uji', 'Kode Etik Uji', 'Pembukaan TPS Uji', 'Prinsip Uji', 'Membuka rapat pemungutan suara uji', 'Memeriksa surat suara uji']) expect(text).toContain(s);
  });

  it('has a table of contents whose page numbers are where the headings are', () => {
    const tocPage = fac.pages.findIndex((p) => p.text.includes('Daftar Isi'));
    expect(tocPage).toBeGreaterThan(0);
    const lines = fac.pages[tocPage]!.text.split('\n').filter((l) => /(\.\s?){3,}\s*\d+$/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      const m = /^(.*?)\s*(?:\.\s?){3,}\s*(\d+)$/.exec(line)!;
      const title = m[1]!.trim();
      const page = Number(m[2]) - 1;
      const lines = fac.pages[page]!.text.split('\n');
      // The heading is on that page (not only in a running header).
      expect(lines.slice(1).some((l) => l.includes(title)), `"${title}" on page ${page + 1}`).toBe(true);
    }
  });

  it('links TOC entries to their headings and has one outline entry per chapter', () => {
    const chapters = fac.outline.map((o) => o.title).filter((t) => t.startsWith('BAB'));
    expect(chapters).toEqual(['BAB I Pemungutan Suara Uji', 'BAB II Kode Etik Uji']);
    expect(fac.links.length).toBeGreaterThanOrEqual(5);
    for (const l of fac.links) expect(fac.destinations.has(l.dest)).toBe(true);
  });

  it('embeds Noto Sans and no standard font', () => {
    const names = [...fac.fonts];
    expect(names.some((n) => n.includes('NotoSans'))).toBe(true);
    expect(names.filter((n) => /Helvetica|Times|Courier/.test(n))).toEqual([]);
  });

  it('sets metadata', () => {
    expect(String(fac.info.Title)).toContain('Kurikulum Uji');
    expect(fac.info.Author).toBe('Komisi Pemilihan Umum Kota Uji');
    expect(String(fac.info.Creator)).toMatch(/^bimtek \d+\.\d+\.\d+/);
    expect(fac.info.Language).toBe('id-ID');
  });

  it('participant edition has no facilitator note and no answer key, but a worksheet', () => {
    const text = flat(par.text);
    expect(text).not.toContain('Catatan rahasia fasilitator uji');
    expect(text).not.toContain('Kunci Jawaban');
    expect(text).not.toContain('Penjelasan jawaban uji');
    expect(text).toContain('Jawaban saya');
    expect(flat(fac.text)).toContain('Catatan rahasia fasilitator uji');
    expect(flat(fac.text)).toContain('Penjelasan jawaban uji');
  });

  it('is byte-identical when built twice', () => {
    const out2 = mkdtempSync(path.join(os.tmpdir(), 'bimtek-hb2-'));
    const r = runCli(['build', FIXTURE, '--out', out2, '--only', 'handbook'], { env: { SOURCE_DATE_EPOCH: '1730678400' } });
    expect(r.code).toBe(0);
    for (const f of ['handbook-facilitator.pdf', 'handbook-participant.pdf']) {
      expect(readFileSync(path.join(out2, f)).equals(readFileSync(path.join(out, f)))).toBe(true);
    }
  });
});

describe('handbook options', () => {
  it('uses a partial overridden by the curriculum and falls back for the rest', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bimtek-override-'));
    cpSync(path.join(ROOT, FIXTURE), dir, { recursive: true });
    mkdirSync(path.join(dir, 'templates/handbook'), { recursive: true });
    writeFileSync(path.join(dir, 'templates/handbook/glossary.hbs'), '# Istilah Khusus Kota Uji\n\n{{#each glossary}}\n- {{term}} = {{expansion}}\n{{/each}}\n');
    const out = path.join(dir, 'out');
    const r = runCli(['handbook', dir, '--out', out, '--edition', 'participant']);
    expect(r.code, r.stderr).toBe(0);
    const pdf = await readPdf(path.join(out, 'handbook-participant.pdf'));
    const text = flat(pdf.text);
    expect(text).toContain('Istilah Khusus Kota Uji');
    expect(text).toContain('TPS = Tempat Pemungutan Suara');
    expect(text).not.toContain('Daftar Istilah');
    expect(text).toContain('Daftar Isi');
  });

  it('is tagged with the document language', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-tag-'));
    expect(runCli(['handbook', FIXTURE, '--out', out, '--edition', 'participant']).code).toBe(0);
    const doc = await getDocument({ data: new Uint8Array(readFileSync(path.join(out, 'handbook-participant.pdf'))), verbosity: 0 }).promise;
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    const tree = (await (await doc.getPage(5)).getStructTree()) as { children: { role: string; lang?: string; children?: unknown[] }[] };
    const roles = JSON.stringify(tree);
    expect(roles).toContain('"role":"H1"');
    expect(roles).toContain('"role":"P"');
    expect(roles).toContain('"role":"Table"');
    await doc.destroy();
  });

  it('writes PDF/A-2b archive copies beside the normal files with --pdfa', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-pdfa-'));
    expect(runCli(['handbook', FIXTURE, '--out', out, '--edition', 'facilitator', '--pdfa']).code).toBe(0);
    const archive = readFileSync(path.join(out, 'handbook-facilitator-pdfa.pdf'), 'latin1');
    expect(archive).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(archive).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(readFileSync(path.join(out, 'handbook-facilitator.pdf'), 'latin1')).not.toContain('pdfaid:part');
  });
});
