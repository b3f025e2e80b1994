import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContext, handbookMarkdown } from '../src/artifacts/index.js';
import { loadCurriculum } from '../src/curriculum/index.js';
import { parseMarkdown, plainText, walkBlocks } from '../src/markdown/index.js';
import { typographic } from '../src/pdf/index.js';
import { runCli } from './helpers/cli.js';
import { all, child, packageProblems, readPackage, textOf, type OfficePackage, type XmlNode } from './helpers/ooxml.js';

const FIXTURE = 'tests/fixtures/mini';
const ENV = { SOURCE_DATE_EPOCH: '1730678400' };

interface DocxRead {
  pkg: OfficePackage;
  body: XmlNode;
  paragraphs: XmlNode[];
  text: string;
}

async function readDocx(file: string): Promise<DocxRead> {
  const pkg = await readPackage(readFileSync(file));
  const body = pkg.xml('word/document.xml');
  const paragraphs = all(body, 'w:p');
  return { pkg, body, paragraphs, text: paragraphs.map((p) => textOf(p, 'w:t')).join('\n') };
}

const styleOf = (p: XmlNode) => all(p, 'w:pStyle')[0]?.attrs['w:val'];
/** The part the document's relationship of this type points to. */
const related = (d: DocxRead, type: string) => d.pkg.rels('word/document.xml').filter((r) => r.type.endsWith(`/${type}`)).map((r) => r.part!);

describe('handbook .docx (mini fixture)', () => {
  let out: string;
  let fac: DocxRead;
  let par: DocxRead;
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-docx-'));
    const r = runCli(['handbook', FIXTURE, '--out', out], { env: ENV });
    expect(r.stderr).not.toMatch(/galat/);
    expect(r.code).toBe(0);
    fac = await readDocx(path.join(out, 'handbook-facilitator.docx'));
    par = await readDocx(path.join(out, 'handbook-participant.docx'));
  });

  it('is a consistent package', () => {
    expect(packageProblems(fac.pkg)).toEqual([]);
    expect(packageProblems(par.pkg)).toEqual([]);
  });

  it('has every heading of the handbook in Word heading styles with outline levels', () => {
    const ctx = buildContext(loadCurriculum(FIXTURE), out);
    const blocks = parseMarkdown(handbookMarkdown(ctx, { audience: undefined, edition: 'facilitator' }));
    const cover = new Set([...walkBlocks(blocks.filter((b) => b.type === 'component' && b.name === 'cover'))].filter((b) => b.type === 'heading'));
    const headings = [...walkBlocks(blocks)].filter((b) => b.type === 'heading' && !cover.has(b));
    expect(headings.length).toBeGreaterThan(5);
    const styled = fac.paragraphs.filter((p) => /^Heading\d$/.test(styleOf(p) ?? '')).map((p) => `${styleOf(p)} ${textOf(p, 'w:t')}`);
    expect(styled).toEqual(headings.map((h) => h.type === 'heading' && `Heading${h.level} ${typographic(plainText(h.runs))}`));
    const styles = fac.pkg.xml('word/styles.xml');
    for (const level of [1, 2, 3]) {
      const style = all(styles, 'w:style').find((s) => s.attrs['w:styleId'] === `Heading${level}`)!;
      expect(all(style, 'w:outlineLvl')[0]!.attrs['w:val']).toBe(String(level - 1));
    }
    expect(all(all(styles, 'w:docDefaults')[0]!, 'w:rFonts')[0]!.attrs['w:ascii']).toBe('Noto Sans');
  });

  it('writes lists as Word lists whose numbering exists, numbered lists restarting', () => {
    const numbering = fac.pkg.xml(related(fac, 'numbering')[0]!);
    const nums = new Map(all(numbering, 'w:num').map((n) => [n.attrs['w:numId'], all(n, 'w:abstractNumId')[0]!.attrs['w:val']]));
    const formats = new Map(all(numbering, 'w:abstractNum').map((a) => [a.attrs['w:abstractNumId'], all(a, 'w:numFmt')[0]!.attrs['w:val']]));
    const listed = fac.paragraphs.filter((p) => all(p, 'w:numPr').length);
    expect(listed.length).toBeGreaterThan(10);
    const used = new Set(listed.map((p) => formats.get(nums.get(all(p, 'w:numId')[0]!.attrs['w:val'])!)));
    expect(used).toEqual(new Set(['bullet', 'decimal']));
    // Each numbered list is its own w:num, so the next list starts at 1 again.
    const numbered = new Set(listed.filter((p) => formats.get(nums.get(all(p, 'w:numId')[0]!.attrs['w:val'])!) === 'decimal').map((p) => all(p, 'w:numId')[0]!.attrs['w:val']));
    expect(numbered.size).toBeGreaterThan(1);
  });

  it('writes tables as Word tables whose header row repeats on every page', () => {
    const tables = all(fac.body, 'w:tbl');
    expect(tables.length).toBeGreaterThan(2);
    for (const t of tables) {
      const [first, second] = all(t, 'w:tr');
      expect(all(first!, 'w:tblHeader').length).toBe(1);
      if (second) expect(all(second, 'w:tblHeader').length).toBe(0);
    }
    expect(fac.text).toContain('Membuka rapat pemungutan suara uji');
  });

  it('sets callouts as shaded paragraphs and the cover without header and footer', () => {
    const note = fac.paragraphs.find((p) => textOf(p, 'w:t').includes('Catatan rahasia fasilitator uji'))!;
    expect(all(note, 'w:shd')[0]!.attrs['w:fill']).toMatch(/^[0-9A-F]{6}$/);
    expect(all(note, 'w:pBdr').length).toBe(1);
    expect(all(fac.body, 'w:titlePg').length).toBe(1);
  });

  it('is A4 with the version stamp in the footer and "Halaman X dari Y" as PAGE and NUMPAGES fields', async () => {
    const sect = all(fac.body, 'w:sectPr').at(-1)!;
    expect(child(sect, 'w:pgSz')!.attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    const footers = related(fac, 'footer').map((f) => fac.pkg.xml(f));
    const footer = footers.find((f) => textOf(f, 'w:t'))!;
    const fields = all(footer, 'w:instrText').map((i) => i.text.trim());
    expect(fields).toEqual(expect.arrayContaining(['PAGE', 'NUMPAGES']));
    expect(textOf(footer, 'w:t')).toMatch(/Edisi Fasilitator · kurikulum 1\.0-uji \([0-9a-f]{7}\)\tHalaman +dari +$/);
    const headers = related(fac, 'header').map((h) => textOf(fac.pkg.xml(h), 'w:t'));
    expect(headers.some((h) => h.length > 0)).toBe(true);
  });

  it('participant edition hides what the participant PDF hides', () => {
    expect(par.text).not.toContain('Catatan rahasia fasilitator uji');
    expect(par.text).not.toContain('Kunci Jawaban');
    expect(par.text).not.toContain('Penjelasan jawaban uji');
    expect(par.text).toContain('Jawaban saya');
    expect(fac.text).toContain('Penjelasan jawaban uji');
  });

  it('is byte-identical when built twice, dated with the build date, and listed in the manifest', async () => {
    const out2 = mkdtempSync(path.join(os.tmpdir(), 'bimtek-docx2-'));
    expect(runCli(['handbook', FIXTURE, '--out', out2], { env: ENV }).code).toBe(0);
    for (const f of ['handbook-facilitator.docx', 'handbook-participant.docx']) expect(readFileSync(path.join(out2, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
    expect(await fac.pkg.zip.file('docProps/core.xml')!.async('string')).toContain('2024-11-04T00:00:00Z');
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: { path: string; kind: string; edition?: string }[] };
    expect(manifest.files.filter((f) => f.kind === 'docx')).toEqual([expect.objectContaining({ path: 'handbook-facilitator.docx', edition: 'facilitator' }), expect.objectContaining({ path: 'handbook-participant.docx', edition: 'participant' })]);
  });

  it('gives the same file when built alone as after another handbook (ids counted per document)', () => {
    const alone = mkdtempSync(path.join(os.tmpdir(), 'bimtek-docx-alone-'));
    expect(runCli(['handbook', FIXTURE, '--out', alone, '--edition', 'participant'], { env: ENV }).code).toBe(0);
    expect(readFileSync(path.join(alone, 'handbook-participant.docx')).equals(readFileSync(path.join(out, 'handbook-participant.docx')))).toBe(true);
  });

  it('leaves the Word files out with --no-docx', () => {
    const out3 = mkdtempSync(path.join(os.tmpdir(), 'bimtek-docx3-'));
    const r = runCli(['handbook', FIXTURE, '--out', out3, '--no-docx', '--edition', 'participant'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('.docx');
  });
});
