import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContext, type BuildContext } from '../src/artifacts/index.js';
import { planSlides, type PlannedSlide } from '../src/artifacts/slides-plan.js';
import { buildSlides, slidesJobs } from '../src/artifacts/slides.js';
import { loadCurriculum, UserError } from '../src/curriculum/index.js';
import { typographic } from '../src/pdf/index.js';
import { runCli } from './helpers/cli.js';
import { all, packageProblems, readPackage, textOf, type OfficePackage, type XmlNode } from './helpers/ooxml.js';
import { orphanPlaceholders, partProblems, phOf } from './helpers/pml-rules.js';

const FIXTURE = path.resolve('tests/fixtures/mini');
const EMU_PER_PT = 12700;

let savedEpoch: string | undefined;
beforeAll(() => {
  savedEpoch = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = '1730678400';
});
afterAll(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
});

async function buildDeck(reference?: string): Promise<{ ctx: BuildContext; file: string; pkg: OfficePackage; plan: PlannedSlide[] }> {
  const ctx = buildContext(loadCurriculum(FIXTURE), mkdtempSync(path.join(os.tmpdir(), 'bimtek-pptx-')));
  const [job] = slidesJobs(ctx, { notes: false, reference });
  await buildSlides(ctx, job!);
  const file = job!.files.pptx!;
  return { ctx, file, pkg: await readPackage(readFileSync(file)), plan: planSlides(ctx, undefined) };
}

const PML_PARTS = /presentationml\.(slide|slideLayout|slideMaster|notesMaster|notesSlide)\+xml$/;

function pmlProblems(pkg: OfficePackage): string[] {
  const parts = pkg.parts.filter((p) => PML_PARTS.test(pkg.contentType(p) ?? ''));
  const slides = parts.filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p));
  return [...parts.flatMap((p) => partProblems(pkg, p)), ...slides.flatMap((s) => orphanPlaceholders(pkg, s))];
}

const slideName = (i: number) => `ppt/slides/slide${i + 1}.xml`;
const placeholders = (slide: XmlNode) => all(slide, 'p:sp').filter((sp) => phOf(sp));
const titleOf = (slide: XmlNode) => placeholders(slide).find((sp) => ['title', 'ctrTitle'].includes(phOf(sp)!.type));
const bodyOf = (slide: XmlNode) => placeholders(slide).find((sp) => ['obj', 'body', 'subTitle'].includes(phOf(sp)!.type));
/** What PowerPoint's outline view shows: the paragraphs of the title and body placeholders. */
const paragraphs = (sp: XmlNode | undefined) => (sp ? all(sp, 'a:p').map((p) => textOf(p)) : []);

describe('slides.pptx with bimtek design', () => {
  let deck: Awaited<ReturnType<typeof buildDeck>>;
  beforeAll(async () => {
    deck = await buildDeck();
  });

  it('is a consistent package: content types = parts present, every relationship target exists', () => {
    expect(packageProblems(deck.pkg)).toEqual([]);
    // The defect of pptxgenjs 4.0.1: content types for 55 masters that were never written.
    expect([...deck.pkg.overrides.keys()].filter((p) => p.includes('slideMaster'))).toEqual(['ppt/slideMasters/slideMaster1.xml']);
  });

  it('follows the schema rules PowerPoint repairs: shapes with text bodies, backgrounds with effects, unique ids, known placeholders', () => {
    expect(pmlProblems(deck.pkg)).toEqual([]);
    const master = deck.pkg.xml('ppt/slideMasters/slideMaster1.xml');
    expect(all(master, 'p:bgPr')[0]!.children.map((c) => c.name)).toEqual(['a:solidFill', 'a:effectLst']);
  });

  it('puts every title and every bullet into the layout placeholders (the outline view)', () => {
    expect(deck.plan.length).toBeGreaterThan(3);
    deck.plan.forEach((s, i) => {
      const slide = deck.pkg.xml(slideName(i));
      expect(paragraphs(titleOf(slide)).join(' '), `slide ${i + 1}`).toBe(typographic(s.title));
      const body = paragraphs(bodyOf(slide));
      for (const b of s.bullets) expect(body, `slide ${i + 1}`).toContain(typographic(b));
      for (const l of s.lead) expect(body).toContain(typographic(l));
      // Text outside placeholders is only the small kicker line.
      const loose = all(slide, 'p:sp').filter((sp) => !phOf(sp) && textOf(sp));
      expect(loose.map((sp) => textOf(sp))).toEqual(s.kicker ? [typographic(s.kicker)] : []);
    });
  });

  it('numbers continued lists where they left off and marks bullets with the theme colour', () => {
    const numbered = deck.plan.findIndex((s) => s.marks.some((m) => m > 1));
    if (numbered >= 0) {
      const first = deck.plan[numbered]!.marks.find((m) => m > 0)!;
      const auto = all(deck.pkg.xml(slideName(numbered)), 'a:buAutoNum')[0]!;
      expect(Number(auto.attrs.startAt ?? 1)).toBe(first);
    }
    const theme = deck.pkg.xml('ppt/theme/theme1.xml');
    expect(all(theme, 'a:accent1')[0]!.children[0]!.attrs.val).toBe('7A1010');
    expect(all(deck.pkg.xml(slideName(1)), 'a:schemeClr').some((c) => c.attrs.val === 'accent1')).toBe(true);
  });

  it('lays notes pages out for their A4 portrait page: the slide image and the notes within it, every word of the notes', () => {
    const pres = deck.pkg.xml('ppt/presentation.xml');
    const notesSz = all(pres, 'p:notesSz')[0]!.attrs;
    const [w, h] = [Number(notesSz.cx), Number(notesSz.cy)];
    expect(Math.round(w / EMU_PER_PT)).toBe(595);
    expect(Math.round(h / EMU_PER_PT)).toBe(842);
    const inPage = (node: XmlNode, what: string) => {
      for (const x of all(node, 'a:xfrm')) {
        const off = x.children.find((c) => c.name === 'a:off')!.attrs;
        const ext = x.children.find((c) => c.name === 'a:ext')!.attrs;
        expect(Number(off.x) >= 0 && Number(off.x) + Number(ext.cx) <= w, `${what}: x`).toBe(true);
        expect(Number(off.y) >= 0 && Number(off.y) + Number(ext.cy) <= h, `${what}: y`).toBe(true);
      }
    };
    const master = deck.pkg.xml('ppt/notesMasters/notesMaster1.xml');
    inPage(master, 'notes master');
    expect(all(master, 'p:ph').map((p) => p.attrs.type)).toEqual(['hdr', 'dt', 'sldImg', 'body', 'ftr', 'sldNum']);
    deck.plan.forEach((s, i) => {
      const notes = deck.pkg.xml(`ppt/notesSlides/notesSlide${i + 1}.xml`);
      inPage(notes, `notes ${i + 1}`);
      expect(paragraphs(all(notes, 'p:sp').find((sp) => phOf(sp)?.type === 'body')).join('\n')).toBe(typographic(s.notes));
    });
  });

  it('is byte-identical when built twice, with the build date in core.xml and on every ZIP entry', async () => {
    const again = await buildDeck();
    expect(readFileSync(again.file).equals(readFileSync(deck.file))).toBe(true);
    expect(await deck.pkg.zip.file('docProps/core.xml')!.async('string')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-11-04T00:00:00Z</dcterms:created>');
    expect(new Set(Object.values(deck.pkg.zip.files).map((f) => f.date.toISOString())).size).toBe(1);
  });
});

/** An office template made from bimtek's deck: another theme font and colour, no section header layout. */
async function officeTemplate(file: string, edit: (name: string, xml: string) => string = (_n, x) => x): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
    let xml = await zip.file(name)!.async('string');
    if (name === 'ppt/theme/theme1.xml') xml = xml.replaceAll('typeface="Arial"', 'typeface="Georgia"').replace('7A1010', '1F4E79');
    if (name === 'ppt/slideLayouts/slideLayout2.xml') xml = xml.replace('type="secHead"', 'type="cust"');
    zip.file(name, edit(name, xml));
  }
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'bimtek-ref-')), 'templat-kantor.pptx');
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer' }));
  return out;
}

describe('slides.pptx with an office template (--reference)', () => {
  let plain: Awaited<ReturnType<typeof buildDeck>>;
  let reference: string;
  let deck: Awaited<ReturnType<typeof buildDeck>>;
  beforeAll(async () => {
    plain = await buildDeck();
    reference = await officeTemplate(plain.file);
    deck = await buildDeck(reference);
  });

  it('takes the template’s masters, layouts, theme colours and fonts, and stays consistent', () => {
    expect(packageProblems(deck.pkg)).toEqual([]);
    expect(pmlProblems(deck.pkg)).toEqual([]);
    const masterTheme = deck.pkg.rels('ppt/slideMasters/slideMaster1.xml').find((r) => r.type.endsWith('/theme'))!.part!;
    const theme = deck.pkg.xml(masterTheme);
    expect(all(theme, 'a:latin').map((l) => l.attrs.typeface)).toContain('Georgia');
    expect(all(theme, 'a:accent1')[0]!.children[0]!.attrs.val).toBe('1F4E79');
  });

  it('leaves placement and style to the template: placeholders with text only, every title and bullet in them', () => {
    deck.plan.forEach((s, i) => {
      const slide = deck.pkg.xml(slideName(i));
      for (const sp of placeholders(slide)) expect(all(sp, 'a:xfrm'), `slide ${i + 1}`).toEqual([]);
      expect(all(slide, 'a:solidFill')).toEqual([]);
      expect(paragraphs(titleOf(slide)).join(' ')).toBe(typographic(s.title));
      const body = paragraphs(bodyOf(slide));
      for (const b of s.bullets) expect(body).toContain(typographic(b));
      if (s.kicker) expect(body).toContain(typographic(s.kicker));
    });
  });

  it('uses the title layout for module openers when the template has no section header layout', () => {
    const opener = deck.plan.findIndex((s) => s.kind === 'title');
    const deckSlide = deck.plan.findIndex((s) => s.kind === 'deck');
    const layoutOf = (i: number) => deck.pkg.rels(slideName(i)).find((r) => r.type.endsWith('/slideLayout'))!.part;
    expect(layoutOf(opener)).toBe(layoutOf(deckSlide));
    const content = deck.plan.findIndex((s) => s.kind === 'content');
    expect(deck.pkg.xml(layoutOf(content)!).attrs.type).toBe('obj');
  });

  it('refuses a template without a layout that has a title and a body placeholder, in Indonesian, naming the file', async () => {
    const broken = await officeTemplate(plain.file, (name, xml) => (name.startsWith('ppt/slideLayouts/') ? xml.replace(/<p:ph (type="(subTitle|body)" )?idx="1"\/>/g, '<p:ph type="pic" idx="1"/>') : xml));
    const err = await buildDeck(broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const d = (err as UserError).diagnostics[0]!;
    expect(d.file).toContain('templat-kantor.pptx');
    expect(d.message).toContain('tidak punya tata letak dengan placeholder judul dan isi');
    expect(d.hint).toContain('Judul dan Konten');
  });

  it('refuses a file that is not a PPTX, and checks settings.slides.reference where it is written', async () => {
    const bogus = path.join(mkdtempSync(path.join(os.tmpdir(), 'bimtek-ref-')), 'bukan.pptx');
    writeFileSync(bogus, 'bukan powerpoint');
    const err = await buildDeck(bogus).catch((e: unknown) => e);
    expect((err as UserError).diagnostics[0]!.message).toContain('bukan berkas PowerPoint (.pptx) yang utuh');

    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'bimtek-ref-')), 'kurikulum');
    cpSync(FIXTURE, dir, { recursive: true });
    writeFileSync(path.join(dir, 'templat.pptx'), 'teks biasa');
    const yaml = path.join(dir, 'curriculum.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8').replace(/^settings:\s*$/m, 'settings:\n  slides: { reference: templat.pptx }')}${/^settings:/m.test(readFileSync(yaml, 'utf8')) ? '' : '\nsettings:\n  slides: { reference: templat.pptx }\n'}`);
    const located = (() => {
      try {
        loadCurriculum(dir);
      } catch (e) {
        return (e as UserError).diagnostics.find((x) => x.message.includes('reference'));
      }
    })();
    expect(located?.message).toContain('bukan berkas PowerPoint (.pptx)');
    expect(located!.line).toBeGreaterThan(0);
    expect(located!.col).toBeGreaterThan(0);
  });

  it('takes --reference on the command line, and says so when the file is missing', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-ref-cli-'));
    const ok = runCli(['slides', FIXTURE, '--out', out, '--no-notes', '--reference', reference]);
    expect(ok.stderr).not.toMatch(/galat/);
    expect(ok.stderr).toContain('slides.pptx');
    expect(ok.code).toBe(0);
    const missing = runCli(['slides', FIXTURE, '--out', out, '--reference', path.join(out, 'tidak-ada.pptx')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--reference');
    expect(missing.stderr).toContain('berkas tidak ada');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
