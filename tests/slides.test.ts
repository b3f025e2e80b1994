import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildContext, type ArtifactResult, type BuildContext } from '../src/artifacts/index.js';
import { BODY_BOTTOM, FOOTER_RULE_Y, MARGIN_X, SLIDE_W } from '../src/artifacts/slides-layout.js';
import { parseSlides, planSlides, splitSlide, type PlannedSlide, type SlideSpec } from '../src/artifacts/slides-plan.js';
import { buildSlides, slidesJobs } from '../src/artifacts/slides.js';
import { run as runSlidesCli } from '../src/cli/slides.js';
import { loadCurriculum, UserError } from '../src/curriculum/index.js';
import { flat, readPdf, type PdfRead } from './helpers/pdf.js';

const FIXTURE = path.resolve('tests/fixtures/mini');
const SECRET_NOTE = 'Catatan rahasia fasilitator uji';
const EPOCH = '1730678400';

let savedEpoch: string | undefined;
beforeAll(() => {
  savedEpoch = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = EPOCH;
});
afterAll(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
});

function context(dir: string, out: string): BuildContext {
  return buildContext(loadCurriculum(dir), out);
}

async function buildAllSlides(dir: string, out: string, handout: 1 | 3 = 3): Promise<{ ctx: BuildContext; results: ArtifactResult[] }> {
  const ctx = context(dir, out);
  const results: ArtifactResult[] = [];
  for (const job of slidesJobs(ctx, { handout })) results.push(...(await buildSlides(ctx, job)));
  return { ctx, results };
}

/** Message and hint of the user error `fn` throws. */
function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e.diagnostics.map((d) => `${d.message} — ${d.hint ?? ''}`).join('\n');
    throw e;
  }
  throw new Error('no error thrown');
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

interface PptxRead {
  slides: string[];
  notes: string[];
  core: string;
  media: string[];
}

/** Text of every slide and every notes page, in slide order. */
async function readPptx(file: string): Promise<PptxRead> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const count = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
  const textOf = async (name: string) => {
    const xml = (await zip.file(name)?.async('string')) ?? '';
    return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((p) => decodeXml([...p[1]!.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => t[1]).join(''))).join('\n');
  };
  const slides: string[] = [];
  const notes: string[] = [];
  for (let i = 1; i <= count; i++) {
    slides.push(await textOf(`ppt/slides/slide${i}.xml`));
    notes.push(await textOf(`ppt/notesSlides/notesSlide${i}.xml`));
  }
  return { slides, notes, core: (await zip.file('docProps/core.xml')?.async('string')) ?? '', media: Object.keys(zip.files).filter((f) => f.startsWith('ppt/media/')) };
}

/** A copy of the mini fixture with one section of 25 long key points (and one giant one). */
function denseCurriculum(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'bimtek-slides-dense-')), 'kurikulum');
  cpSync(FIXTURE, dir, { recursive: true });
  const file = path.join(dir, 'modules', '01-pemungutan.yaml');
  const points = Array.from({ length: 25 }, (_, i) => `Poin padat ${i + 1}: Ketua KPPS memastikan seluruh surat suara telah dihitung, dicocokkan dengan daftar hadir pemilih, dan dicatat dalam formulir sebelum kotak suara disegel kembali.`);
  const giant = `Butir raksasa ${Array.from({ length: 160 }, (_, i) => `kata${i}`).join(' ')} akhir-butir-raksasa.`;
  const section = ['  - title: Bagian Padat Uji', '    key_points:', ...[...points, giant].map((p) => `      - "${p}"`), '    facilitator_notes: [Catatan padat fasilitator uji.]', ''].join('\n');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^activities:/m, `${section}activities:`));
  return dir;
}

describe('slides (mini fixture)', () => {
  let out: string;
  let ctx: BuildContext;
  let results: ArtifactResult[];
  let plan: PlannedSlide[];
  let slides: PdfRead;
  let notes: PdfRead;
  let handout: PdfRead;
  let pptx: PptxRead;

  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-slides-'));
    ({ ctx, results } = await buildAllSlides(FIXTURE, out));
    plan = planSlides(ctx, undefined);
    slides = await readPdf(path.join(out, 'slides.pdf'));
    notes = await readPdf(path.join(out, 'slides-notes.pdf'));
    handout = await readPdf(path.join(out, 'slides-handout.pdf'));
    pptx = await readPptx(path.join(out, 'slides.pptx'));
  });

  it('writes slides.pdf, slides-notes.pdf, slides-handout.pdf and slides.pptx', () => {
    expect(results.map((r) => [path.basename(r.path), r.kind])).toEqual([
      ['slides.pdf', 'slides'],
      ['slides-notes.pdf', 'slides-notes'],
      ['slides-handout.pdf', 'slides-notes'],
      ['slides.pptx', 'pptx'],
    ]);
    for (const r of results) expect(r.bytes).toBeGreaterThan(1000);
  });

  it('plans a deck slide, then per module a title slide, section slides, a steps slide and a closing slide', () => {
    expect(plan.map((s) => [s.kind, s.title])).toEqual([
      ['deck', 'Kurikulum Uji'],
      ['title', 'Pemungutan Suara Uji'],
      ['content', 'Pembukaan TPS Uji'],
      ['content', 'Pembukaan TPS Uji'],
      ['closing', 'Rangkuman'],
      ['title', 'Kode Etik Uji'],
      ['content', 'Prinsip Uji'],
      ['closing', 'Rangkuman'],
    ]);
    expect(plan[3]!.bullets).toEqual(['Ketua KPPS — Membuka rapat pemungutan suara uji', 'Anggota KPPS — Memeriksa surat suara uji']);
    expect(plan[3]!.marks).toEqual([1, 2]);
    expect(plan[3]!.caption).toBe('Langkah Prosedur');
    expect(plan[4]!.tail).toEqual(['Pertanyaan?']);
    expect(plan.slice(1).every((s) => s.module)).toBe(true);
  });

  it('has one 720 × 405 page per planned slide', () => {
    expect(slides.pages.length).toBe(plan.length);
    for (const p of slides.pages) expect([p.width, p.height]).toEqual([720, 405]);
    expect(results[0]!.pages).toBe(plan.length);
  });

  it('shows every key point of every section on some slide', () => {
    const text = flat(slides.text);
    for (const m of ctx.c.modules) for (const s of m.sections) for (const k of s.key_points) expect(text).toContain(k);
  });

  it('shows the deck title slide with event and organizer, and the slide number and event name in the footer', () => {
    const first = flat(slides.pages[0]!.text);
    for (const s of ['Kurikulum Uji', 'Komisi Pemilihan Umum Kota Uji', 'Pelatihan Uji Fasilitator', 'Aula Uji']) expect(first).toContain(s);
    slides.pages.forEach((p, i) => expect(p.text).toContain(`${i + 1} / ${plan.length}`));
    for (const p of slides.pages.slice(1)) expect(p.text).toContain('Pelatihan Uji Fasilitator');
  });

  it('sets titles in at least 24 pt and bullets in at least 16 pt', () => {
    for (const [i, s] of plan.entries()) {
      const page = slides.pages[i]!;
      const title = page.items.find((it) => it.str.trim() && s.title.startsWith(it.str.trim()));
      expect(title?.height, s.title).toBeGreaterThanOrEqual(24);
      for (const b of s.bullets) {
        const item = page.items.find((it) => it.str.trim().length > 3 && b.includes(it.str.trim()));
        expect(item?.height, b).toBeGreaterThanOrEqual(16);
      }
    }
  });

  it('keeps facilitator notes off the slides and the handout, and puts them in the notes pages and the PPTX notes', () => {
    expect(flat(slides.text)).not.toContain(SECRET_NOTE);
    expect(flat(handout.text)).not.toContain(SECRET_NOTE);
    expect(flat(notes.text)).toContain(SECRET_NOTE);
    const i = plan.findIndex((s) => s.title === 'Pembukaan TPS Uji');
    expect(pptx.notes[i]).toContain(SECRET_NOTE);
    // The steps slide's notes carry each step's form and time.
    expect(pptx.notes[i + 1]).toContain('Ketua KPPS: Membuka rapat pemungutan suara uji — Model C.Uji (pukul 07.00)');
    expect(pptx.slides.join('\n')).not.toContain(SECRET_NOTE);
  });

  it('prints each slide on top of an A4 notes page and three slides per handout page', () => {
    expect(notes.pages.length).toBe(plan.length);
    for (const p of notes.pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([595, 842]);
    const page = notes.pages[plan.findIndex((s) => s.title === 'Pembukaan TPS Uji')]!;
    const title = page.items.find((it) => it.str.includes('Pembukaan TPS Uji'))!;
    const note = page.items.find((it) => it.str.includes(SECRET_NOTE))!;
    expect(title.y).toBeLessThan(note.y);
    expect(handout.pages.length).toBe(Math.ceil(plan.length / 3));
    expect(flat(handout.pages[0]!.text)).toContain('Pemungutan Suara Uji');
  });

  it('has the same slides in the same order in the PPTX, as text, with the logo stored once', () => {
    expect(pptx.slides.length).toBe(plan.length);
    plan.forEach((s, i) => {
      expect(pptx.slides[i]).toContain(s.title);
      for (const b of s.bullets) expect(pptx.slides[i]).toContain(b);
    });
    expect(pptx.core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-11-04T00:00:00Z</dcterms:created>');
    expect(pptx.media).toHaveLength(1);
  });

  it('writes byte-identical files when built twice', async () => {
    const out2 = mkdtempSync(path.join(os.tmpdir(), 'bimtek-slides2-'));
    await buildAllSlides(FIXTURE, out2);
    for (const f of ['slides.pdf', 'slides-notes.pdf', 'slides-handout.pdf', 'slides.pptx']) {
      expect(readFileSync(path.join(out2, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
    }
  });
});

describe('slides that do not fit', () => {
  let ctx: BuildContext;
  let plan: PlannedSlide[];
  let slides: PdfRead;
  let pptx: PptxRead;

  beforeAll(async () => {
    const dir = denseCurriculum();
    const out = path.join(path.dirname(dir), 'out');
    ({ ctx } = await buildAllSlides(dir, out, 1));
    plan = planSlides(ctx, undefined);
    slides = await readPdf(path.join(out, 'slides.pdf'));
    pptx = await readPptx(path.join(out, 'slides.pptx'));
  });

  it('continues a long section on "(lanjutan)" slides', () => {
    const parts = plan.filter((s) => s.title.startsWith('Bagian Padat Uji'));
    expect(parts.length).toBeGreaterThan(2);
    expect(parts[0]!.continued).toBe(false);
    for (const p of parts.slice(1)) {
      expect(p.continued).toBe(true);
      expect(p.title).toBe('Bagian Padat Uji (lanjutan)');
    }
    expect(slides.pages.length).toBe(plan.length);
    expect(slides.pages.some((p) => p.text.includes('Bagian Padat Uji (lanjutan)'))).toBe(true);
    // The section's notes are on each of its slides.
    for (const p of parts) expect(p.notes).toContain('Catatan padat fasilitator uji.');
  });

  it('keeps every key point, cutting a bullet taller than a slide at a word with "…"', () => {
    const text = flat(slides.text);
    for (let i = 1; i <= 25; i++) expect(text).toContain(`Poin padat ${i}: Ketua KPPS memastikan`);
    const words = plan.filter((s) => s.title.startsWith('Bagian Padat Uji')).flatMap((s) => s.bullets).filter((b) => /raksasa|kata\d/.test(b));
    expect(words.length).toBeGreaterThan(1);
    expect(words[0]!.endsWith(' …')).toBe(true);
    expect(words[words.length - 1]!.startsWith('… ')).toBe(true);
    const joined = words.map((w) => w.replace(/^… /, '').replace(/ …$/, '')).join(' ');
    expect(joined).toBe(`Butir raksasa ${Array.from({ length: 160 }, (_, i) => `kata${i}`).join(' ')} akhir-butir-raksasa.`);
    // A continued bullet has no mark of its own.
    const cont = plan.find((s) => s.bullets.some((b) => b.startsWith('… ')))!;
    expect(cont.marks[cont.bullets.findIndex((b) => b.startsWith('… '))]).toBe(-1);
  });

  it('never draws body text over the footer or past the right margin', () => {
    for (const p of slides.pages) {
      for (const it of p.items) {
        if (!it.str.trim()) continue;
        expect(it.x + it.width, it.str).toBeLessThanOrEqual(SLIDE_W - MARGIN_X + 0.5);
        // Baselines sit above the footer rule, except the footer's own line below it.
        if (it.y < FOOTER_RULE_Y) expect(it.y, it.str).toBeLessThanOrEqual(BODY_BOTTOM);
        else expect(it.height, it.str).toBeLessThan(10);
      }
    }
  });

  it('keeps the footer 10 mm or more above the paper edge, as office printers need', () => {
    for (const p of slides.pages) {
      const footer = p.items.filter((it) => it.str.trim() && it.y > FOOTER_RULE_Y);
      expect(footer.length).toBeGreaterThan(0);
      for (const it of footer) expect(p.height - it.y, it.str).toBeGreaterThanOrEqual(28.35);
    }
  });

  it('sums a module up with the first key point of each section, and the PPTX has the same slides', () => {
    const closing = plan.filter((s) => s.kind === 'closing');
    expect(closing.length).toBeGreaterThan(0);
    expect(closing.flatMap((s) => s.bullets).some((b) => b.startsWith('Poin padat 1:'))).toBe(true);
    expect(closing.flatMap((s) => s.bullets).some((b) => b.startsWith('Poin padat 2:'))).toBe(false);
    expect(pptx.slides.length).toBe(plan.length);
    plan.forEach((s, i) => expect(pptx.slides[i]).toContain(s.title));
  });
});

describe('slide templates', () => {
  const where = 'templates/slides/slides.hbs';

  it('reads lead paragraphs, a caption, numbered bullets, a tail and notes from one slide container', () => {
    const md = [
      '::::: slide kind="closing" title="Judul" kicker="Modul I" module="m1"',
      'Baris pembuka',
      '',
      '### Daftar',
      '',
      '3. tiga',
      '4. empat',
      '',
      '## Pertanyaan?',
      '',
      ':::: notes',
      'Catatan **tebal**.',
      '',
      '::: perhatian',
      'Hati-hati.',
      ':::',
      '::::',
      ':::::',
    ].join('\n');
    const [spec] = parseSlides(md, where);
    expect(spec).toMatchObject({ kind: 'closing', title: 'Judul', kicker: 'Modul I', module: 'm1', lead: ['Baris pembuka'], caption: 'Daftar', bullets: ['tiga', 'empat'], marks: [3, 4], tail: ['Pertanyaan?'] });
    expect(spec!.notes).toBe('Catatan tebal.\n\nHati-hati.');
  });

  it('rejects content a slide cannot show, and unknown slide kinds, with a hint', () => {
    expect(() => parseSlides('::::: slide title="T"\n| a | b |\n|--|--|\n| 1 | 2 |\n:::::\n', where)).toThrow(UserError);
    expect(() => parseSlides('Paragraf lepas\n', where)).toThrow(/di luar blok/);
    expect(problem(() => parseSlides('::::: slide kind="contnet" title="T"\n:::::\n', where))).toMatch(/tidak dikenal.*maksudnya "content"/);
    expect(() => parseSlides('::::: slide kind="content"\n:::::\n', where)).toThrow(/tanpa judul/);
  });

  it('moves a caption with its first bullet and repeats it on continuation slides', () => {
    const bullets = Array.from({ length: 30 }, (_, i) => `Butir nomor ${i + 1} yang cukup panjang untuk dua baris pada slide enam belas sembilan dengan huruf besar`);
    const spec: SlideSpec = { kind: 'title', title: 'Modul', lead: ['Durasi: 1 jam'], caption: 'Tujuan Pembelajaran', bullets, marks: bullets.map(() => 0), tail: [], notes: 'n' };
    const parts = splitSlide(spec, { continued: '(lanjutan)', hasLogo: true, where });
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.flatMap((p) => p.bullets)).toEqual(bullets);
    expect(parts.every((p) => p.caption === 'Tujuan Pembelajaran')).toBe(true);
    expect(parts[0]!.lead).toEqual(['Durasi: 1 jam']);
    expect(parts.slice(1).every((p) => p.lead.length === 0)).toBe(true);
  });

  it('lets a curriculum override one slide template', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'bimtek-slides-tpl-')), 'kurikulum');
    cpSync(FIXTURE, dir, { recursive: true });
    mkdirSync(path.join(dir, 'templates', 'slides'), { recursive: true });
    writeFileSync(path.join(dir, 'templates', 'slides', 'closing-slide.hbs'), '::::: slide kind="closing" module="{{id}}" title="Terima kasih"\n## Sampai jumpa\n:::::\n\n');
    // A fresh module graph: the template engine's compile cache is shared across engines, and a
    // parent template compiled earlier in this process would still call the built-in partial.
    vi.resetModules();
    const fresh = (await import('../src/artifacts/slides-plan.js')) as typeof import('../src/artifacts/slides-plan.js');
    const ctx = context(dir, path.join(dir, 'out'));
    expect(fresh.slidesMarkdown(ctx, undefined)).toContain('Terima kasih');
    const plan = fresh.planSlides(ctx, undefined);
    expect(plan.filter((s) => s.kind === 'closing').map((s) => s.title)).toEqual(['Terima kasih', 'Terima kasih']);
  });
});

describe('bimtek slides (command)', () => {
  it('builds the four files with --handout 3 and rejects other handout values', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-slides-cli-'));
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await runSlidesCli(FIXTURE, { out, handout: '3' })).toBe(0);
    } finally {
      process.stderr.write = write;
    }
    for (const f of ['slides.pdf', 'slides-notes.pdf', 'slides-handout.pdf', 'slides.pptx', 'manifest.json']) expect(existsSync(path.join(out, f)), f).toBe(true);
    await expect(runSlidesCli(FIXTURE, { out, handout: '2' })).rejects.toThrow(UserError);
    // The renderer is loaded lazily after validation, so compare by name, not by class identity.
    const err = await runSlidesCli(FIXTURE, { out, audience: 'ppx' }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('UserError');
    expect((err as UserError).diagnostics[0]!.hint).toBe('maksudnya "ppk"?');
  });

  it('makes one deck per audience when modules differ by audience', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'bimtek-slides-aud-')), 'kurikulum');
    cpSync(FIXTURE, dir, { recursive: true });
    const file = path.join(dir, 'modules', '02-etika.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^duration: 60$/m, 'duration: 60\naudiences: [ppk]'));
    const ctx = context(dir, path.join(dir, 'out'));
    const jobs = slidesJobs(ctx, {});
    expect(jobs.map((j) => path.basename(j.files.slides))).toEqual(['slides-ppk.pdf', 'slides-pps.pdf']);
    expect(jobs.map((j) => path.basename(j.files.pptx ?? ''))).toEqual(['slides-ppk.pptx', 'slides-pps.pptx']);
    expect(slidesJobs(ctx, { notes: false, pptx: false }).every((j) => j.files.notes === null && j.files.pptx === null)).toBe(true);
    const pps = planSlides(ctx, 'pps');
    expect(pps.some((s) => s.title === 'Kode Etik Uji')).toBe(false);
    expect(pps[0]!.lead).toContain('Fasilitator PPS');
    expect(planSlides(ctx, 'ppk').some((s) => s.title === 'Kode Etik Uji')).toBe(true);
  });
});
