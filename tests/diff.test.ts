import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli/diff.js';
import { buildContext, buildHandbook, handbookJobs } from '../src/artifacts/index.js';
import { formatLocation, loadCurriculum, UserError } from '../src/curriculum/index.js';
import { parseMarkdown, type Block } from '../src/markdown/index.js';
import { changesMarkdown, diffCurricula, diffReport, readCurriculumAt, sideSummary, type CurriculumChange, type CurriculumVersion } from '../src/version/diff.js';
import { writeChangelogPdf } from '../src/artifacts/changelog.js';
import { ROOT } from './helpers/cli.js';
import { git, repoWithCurriculum } from './helpers/git.js';
import { flat, readPdf } from './helpers/pdf.js';

type Data = Record<string, unknown>;

/** kind, scope, path and field: what a change is, without its values. */
const brief = (cs: CurriculumChange[]) => cs.map((c) => ({ kind: c.kind, scope: c.scope, path: c.path, ...(c.field ? { field: c.field } : {}) }));

/** Same data, other shape: every key order reversed, every string double-quoted and folded. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]));
  return v;
}

/** Capture what run() writes to stdout. */
async function captured(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    const code = await fn();
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

function tableRows(blocks: Block[]): number {
  return blocks.filter((b) => b.type === 'table').reduce((n, b) => n + (b.type === 'table' ? b.rows.length : 0), 0);
}

describe('bimtek diff (semantic diff over git revisions)', () => {
  let repo: string;
  let cur: string;
  const rev: Record<string, string> = {};
  const abs = (rel: string) => path.join(cur, rel);
  const load = (rel: string) => parse(readFileSync(abs(rel), 'utf8')) as Data;
  const save = (rel: string, data: unknown) => writeFileSync(abs(rel), stringify(data));
  const edit = (rel: string, fn: (d: Data) => void) => {
    const d = load(rel);
    fn(d);
    save(rel, d);
  };
  const commit = (name: string) => {
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', name);
    rev[name] = git(repo, 'rev-parse', '--short=7', 'HEAD');
  };
  const diff = async (a: string, b: string | null) => diffCurricula(await readCurriculumAt(cur, a), b === null ? await readCurriculumAt(cur, null) : await readCurriculumAt(cur, b));

  beforeAll(() => {
    repo = repoWithCurriculum();
    cur = path.join(repo, 'curriculum');
    rev.initial = git(repo, 'rev-parse', '--short=7', 'HEAD');

    // Same data: keys reordered, strings quoted and folded, a number written as a string, a
    // Markdown paragraph reflowed over two lines.
    for (const rel of ['curriculum.yaml', ...readdirSync(abs('modules')).map((f) => `modules/${f}`)]) {
      const d = load(rel);
      if (d.id === 'pemungutan') {
        const m = d as { references: { number: unknown }[]; sections: { body: string }[] };
        m.references[0]!.number = '17';
        m.sections[0]!.body = m.sections[0]!.body.replace('uraian pembukaan.', 'uraian\npembukaan.');
      }
      writeFileSync(abs(rel), stringify(reverseKeys(d), { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', indent: 4, lineWidth: 24, minContentWidth: 8 }));
    }
    commit('reformat');

    save('modules/03-rekap.yaml', { id: 'rekap', title: 'Rekapitulasi Uji', summary: 'Ringkasan rekapitulasi.', duration: 45, objectives: ['Memahami rekapitulasi.'], sections: [{ title: 'Rekap Uji', key_points: ['Rekap berjenjang.'] }] });
    commit('module-added');

    edit('modules/02-etika.yaml', (d) => (d.title = 'Kode Etik Penyelenggara Uji'));
    commit('module-title');

    renameSync(abs('modules/03-rekap.yaml'), abs('modules/03-rekapitulasi.yaml'));
    edit('modules/03-rekapitulasi.yaml', (d) => (d.id = 'rekapitulasi'));
    commit('module-id');

    rmSync(abs('modules/03-rekapitulasi.yaml'));
    commit('module-removed');

    edit('modules/01-pemungutan.yaml', (d) => {
      const m = d as { duration: number; references: Data[]; sections: { title: string; steps?: { action: string }[] }[] };
      m.duration = 105;
      m.references.push({ kind: 'Peraturan DKPP', number: 2, year: 2017, title: 'Kode Etik dan Pedoman Perilaku Penyelenggara Pemilu' });
      m.sections[0]!.steps![1]!.action = 'Memeriksa dan menghitung surat suara uji';
      m.sections.push({ title: 'Penutupan TPS Uji', steps: [{ actor: 'Ketua KPPS', action: 'Menutup pemungutan suara uji' } as never] });
    });
    commit('module-content');

    edit('curriculum.yaml', (d) => {
      const c = d as { schedule: { items: { module?: string; end: string }[] }[]; glossary: Data[] };
      c.schedule[0]!.items.find((i) => i.module === 'etika')!.end = '11.00';
      c.glossary.push({ term: 'KPPS', expansion: 'Kelompok Penyelenggara Pemungutan Suara' });
    });
    commit('schedule-glossary');

    edit('curriculum.yaml', (d) => (d.version = '1.1-uji'));
    commit('version');
  });

  it('sees no change when keys are reordered and lines reformatted', async () => {
    expect(await diff(rev.initial!, rev.reformat!)).toEqual([]);
  });

  it('finds an added module and nothing else', async () => {
    const changes = await diff(rev.reformat!, rev['module-added']!);
    expect(brief(changes)).toEqual([{ kind: 'added', scope: 'module', path: 'rekap' }]);
    expect(changes[0]!.after).toBe('BAB III Rekapitulasi Uji (45 menit, 1 bagian)');
  });

  it('reports a new title as a rename of the module', async () => {
    const changes = await diff(rev['module-added']!, rev['module-title']!);
    expect(changes).toEqual([{ kind: 'renamed', scope: 'module', path: 'etika', field: 'title', before: 'Kode Etik Uji', after: 'Kode Etik Penyelenggara Uji', module: 'etika' }]);
  });

  it('reports a new id with the same content as a rename of the module', async () => {
    const changes = await diff(rev['module-title']!, rev['module-id']!);
    expect(changes).toEqual([{ kind: 'renamed', scope: 'module', path: 'rekapitulasi', field: 'id', before: 'rekap', after: 'rekapitulasi', module: 'rekapitulasi' }]);
  });

  it('finds a removed module', async () => {
    const changes = await diff(rev['module-id']!, rev['module-removed']!);
    expect(brief(changes)).toEqual([{ kind: 'removed', scope: 'module', path: 'rekapitulasi' }]);
  });

  it('finds a duration, a reference, a changed step (before → after) and an added section', async () => {
    const changes = await diff(rev['module-removed']!, rev['module-content']!);
    expect(brief(changes)).toEqual([
      { kind: 'changed', scope: 'module', path: 'pemungutan › durasi', field: 'duration' },
      { kind: 'added', scope: 'reference', path: 'pemungutan › rujukan › Peraturan DKPP Nomor 2 Tahun 2017' },
      { kind: 'changed', scope: 'step', path: 'pemungutan › 1.1 Pembukaan TPS Uji › langkah 2', field: 'steps' },
      { kind: 'added', scope: 'section', path: 'pemungutan › 1.2 Penutupan TPS Uji' },
    ]);
    expect(changes[0]).toMatchObject({ before: '90 menit', after: '105 menit' });
    expect(changes[2]).toMatchObject({ before: 'Anggota KPPS: Memeriksa surat suara uji', after: 'Anggota KPPS: Memeriksa dan menghitung surat suara uji' });
    expect(changes[3]!.after).toBe('Penutupan TPS Uji (1 langkah)');
  });

  it('finds schedule and glossary changes', async () => {
    const changes = await diff(rev['module-content']!, rev['schedule-glossary']!);
    expect(changes).toEqual([
      { kind: 'changed', scope: 'schedule', path: 'susunan acara › Senin, 4 November 2024 › Kode Etik Penyelenggara Uji', before: '09.30–10.30 Kode Etik Penyelenggara Uji', after: '09.30–11.00 Kode Etik Penyelenggara Uji' },
      { kind: 'added', scope: 'glossary', path: 'daftar istilah › KPPS', after: 'KPPS — Kelompok Penyelenggara Pemungutan Suara' },
    ]);
  });

  it('adds up over several commits (an added then removed module leaves no trace)', async () => {
    const changes = await diff(rev.initial!, rev.version!);
    expect(brief(changes)).toEqual([
      { kind: 'changed', scope: 'curriculum', path: 'versi', field: 'version' },
      { kind: 'changed', scope: 'module', path: 'pemungutan › durasi', field: 'duration' },
      { kind: 'added', scope: 'reference', path: 'pemungutan › rujukan › Peraturan DKPP Nomor 2 Tahun 2017' },
      { kind: 'changed', scope: 'step', path: 'pemungutan › 1.1 Pembukaan TPS Uji › langkah 2', field: 'steps' },
      { kind: 'added', scope: 'section', path: 'pemungutan › 1.2 Penutupan TPS Uji' },
      { kind: 'renamed', scope: 'module', path: 'etika', field: 'title' },
      { kind: 'changed', scope: 'schedule', path: 'susunan acara › Senin, 4 November 2024 › Kode Etik Penyelenggara Uji' },
      { kind: 'added', scope: 'glossary', path: 'daftar istilah › KPPS' },
    ]);
    expect(changes[0]).toMatchObject({ before: '1.0-uji', after: '1.1-uji' });
    expect(changes[6]).toMatchObject({ before: '09.30–10.30 Kode Etik Uji', after: '09.30–11.00 Kode Etik Penyelenggara Uji' });
  });

  describe('output', () => {
    afterEach(() => {
      // Working-tree edits of one test must not leak into another.
      git(repo, 'checkout', '-q', '--', '.');
    });

    it('compares with the working tree when <rev-b> is left out (json)', async () => {
      edit('modules/02-etika.yaml', (d) => (d.duration = 75));
      const { code, out } = await captured(() => run(['HEAD'], { dir: cur, format: 'json' }));
      expect(code).toBe(0);
      const json = JSON.parse(out) as { ok: boolean; from: Data; to: Data; summary: Data; changes: CurriculumChange[] };
      expect(json.ok).toBe(true);
      expect(json.from).toMatchObject({ rev: 'HEAD', commit: git(repo, 'rev-parse', 'HEAD'), version: '1.1-uji', label: `HEAD (${rev.version})` });
      expect(json.to).toMatchObject({ rev: null, commit: null, label: 'pohon kerja' });
      expect(json.summary).toEqual({ total: 1, added: 0, removed: 0, changed: 1, renamed: 0 });
      expect(json.changes).toEqual([{ kind: 'changed', scope: 'module', path: 'etika › durasi', field: 'duration', before: '60 menit', after: '75 menit', module: 'etika' }]);
    });

    it('reads the folder relative to the repository top from a relative --dir', async () => {
      const before = process.cwd();
      process.chdir(path.join(repo, 'curriculum', 'modules'));
      try {
        const { out } = await captured(() => run([rev['schedule-glossary']!, rev.version!], { dir: '..', json: true }));
        expect((JSON.parse(out) as { changes: CurriculumChange[] }).changes).toHaveLength(1);
      } finally {
        process.chdir(before);
      }
    });

    it('prints a readable Indonesian report', async () => {
      const { out } = await captured(() => run([rev.initial!, rev.version!], { dir: cur }));
      expect(out).toContain(`Perubahan kurikulum: ${rev.initial} (versi 1.0-uji) → ${rev.version} (versi 1.1-uji)`);
      expect(out).toContain('8 perubahan: 3 ditambahkan, 4 diubah, 1 diganti nama');
      expect(out).toContain('Modul Pemungutan Suara Uji (pemungutan)');
      expect(out).toMatch(/~ diubah +pemungutan › durasi: 90 menit → 105 menit/);
      expect(out).toMatch(/» diganti nama +etika: Kode Etik Uji → Kode Etik Penyelenggara Uji/);
      expect(out).toContain('Susunan Acara');
      expect(out).toContain('Daftar Istilah');
      const same = await captured(() => run([rev.initial!, rev.reformat!], { dir: cur }));
      expect(same.out).toContain('Tidak ada perubahan isi kurikulum.');
    });

    it('writes well-formed Markdown: one table row per change', async () => {
      const { out } = await captured(() => run([rev.initial!, rev.version!], { dir: cur, format: 'md' }));
      expect(out.startsWith('# Daftar Perubahan\n')).toBe(true);
      expect(out).toContain('| Letak | Perubahan | Rincian |');
      expect(out).toContain('| pemungutan › durasi | Diubah | *Sebelum:* 90 menit<br>*Sesudah:* 105 menit |');
      expect(out).toContain(`Perubahan isi kurikulum dari ${rev.initial} (versi 1.0-uji) ke ${rev.version} (versi 1.1-uji).`);
      const blocks = parseMarkdown(out);
      expect(tableRows(blocks)).toBe(8);
      const headings = blocks.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? b.runs.map((r) => r.text).join('') : ''));
      expect(headings).toEqual(['Daftar Perubahan', 'Kurikulum', 'Modul Pemungutan Suara Uji (pemungutan)', 'Modul Kode Etik Penyelenggara Uji (etika)', 'Susunan Acara', 'Daftar Istilah']);
      // Every table line has three cells.
      for (const line of out.split('\n').filter((l) => l.startsWith('|'))) expect(line.replace(/\\\|/g, '').split('|').length, line).toBe(5);
    });

    it('gives the handbook appendix as a "# Daftar Perubahan" chapter', async () => {
      const a = await readCurriculumAt(cur, rev.initial!);
      const b = await readCurriculumAt(cur, rev.version!);
      const md = changesMarkdown(diffCurricula(a, b), { c: { language: 'id', assets: {}, modules: b.modules } });
      const blocks = parseMarkdown(md);
      const h1 = blocks.filter((x) => x.type === 'heading' && x.level === 1);
      expect(h1).toHaveLength(1);
      expect(h1[0]).toMatchObject({ id: 'daftar-perubahan', toc: true });
      expect(blocks.filter((x) => x.type === 'heading' && x.level === 2).every((x) => x.type === 'heading' && !x.toc)).toBe(true);
      expect(tableRows(blocks)).toBe(8);
      expect(changesMarkdown([], { language: 'id' })).toContain('Tidak ada perubahan isi kurikulum.');
    });

    it('appends to a handbook as its last chapter (build --changes-since)', async () => {
      const c = loadCurriculum(cur);
      const ctx = buildContext(c, mkdtempSync(path.join(os.tmpdir(), 'bimtek-diff-hb-')));
      const a = await readCurriculumAt(cur, rev.initial!);
      const md = changesMarkdown(diffCurricula(a, c), ctx, { from: sideSummary(a) });
      expect(md).toContain(`Perubahan isi kurikulum sejak ${rev.initial} (versi 1.0-uji).`);
      const [job] = handbookJobs(ctx, { edition: 'participant', docx: false });
      const [result] = await buildHandbook(ctx, job!, `\n${md}`);
      const pdf = await readPdf(result!.path);
      expect(pdf.outline.at(-1)!.title).toBe('Daftar Perubahan');
      expect(flat(pdf.text)).toContain('Peraturan DKPP Nomor 2 Tahun 2017');
      expect(ctx.glyphs.report()).toEqual([]);
    });

    it('renders the PDF change log', async () => {
      const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'bimtek-diff-')), 'perubahan.pdf');
      const { code } = await captured(() => run([rev.initial!, rev.version!], { dir: cur, format: 'pdf', out }));
      expect(code).toBe(0);
      const pdf = await readPdf(out);
      const text = flat(pdf.text);
      expect(pdf.pages.length).toBeGreaterThanOrEqual(1);
      expect(String(pdf.info.Title)).toBe('Daftar Perubahan — Kurikulum Uji');
      for (const s of ['Daftar Perubahan', 'Kurikulum Uji', 'Modul Pemungutan Suara Uji', 'Susunan Acara', 'Daftar Istilah', '105 menit', 'Halaman 1 dari', `${rev.initial} ke ${rev.version}`]) expect(text).toContain(s);
      // Every character has a glyph in the embedded fonts.
      const a = await readCurriculumAt(cur, rev.initial!);
      const b = await readCurriculumAt(cur, rev.version!);
      const again = await writeChangelogPdf(out.replace(/\.pdf$/, '-2.pdf'), diffReport(a, b, diffCurricula(a, b)), b);
      expect(again.missingGlyphs).toEqual([]);
      expect(readFileSync(again.result.path).equals(readFileSync(out))).toBe(true);
    });
  });

  it('names the revision, file, line and column when a side is invalid', async () => {
    const bad = repoWithCurriculum();
    const badCur = path.join(bad, 'curriculum');
    const file = path.join(badCur, 'modules/02-etika.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('duration: 60', 'duration: enam puluh'));
    git(bad, 'commit', '-q', '-am', 'rusak');
    const short = git(bad, 'rev-parse', '--short=7', 'HEAD');
    const err = await run(['HEAD~1', 'HEAD'], { dir: badCur }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const diags = (err as UserError).diagnostics;
    expect(diags).toHaveLength(1);
    expect(formatLocation(diags[0]!)).toMatch(new RegExp(`^${short}:curriculum/modules/02-etika\\.yaml:\\d+:\\d+$`));
    expect(diags[0]!.line).toBeGreaterThan(0);

    const unknown = await readCurriculumAt(badCur, 'tidak-ada').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UserError);
    expect((unknown as UserError).message).toContain('revisi "tidak-ada" tidak dikenal');

    const noFolder = await readCurriculumAt(path.join(bad, 'lain'), 'HEAD').catch((e: unknown) => e);
    expect((noFolder as UserError).diagnostics[0]!.file).toBe(`${short}:lain`);
  });
});

describe('diffCurricula (matching rules)', () => {
  let base: CurriculumVersion;
  beforeAll(async () => {
    base = await readCurriculumAt(path.join(ROOT, 'tests/fixtures/mini'), null);
  });
  const copy = () => structuredClone(base);

  it('reports a moved step as an order change, not as removed + added', () => {
    const b = copy();
    b.modules[0]!.sections[0]!.steps.reverse();
    expect(diffCurricula(base, b)).toEqual([
      {
        kind: 'changed',
        scope: 'step',
        path: 'pemungutan › 1.1 Pembukaan TPS Uji › langkah 2',
        field: 'order',
        before: 'langkah 1: Ketua KPPS: Membuka rapat pemungutan suara uji (Model C.Uji, pukul 07.00)',
        after: 'langkah 2: Ketua KPPS: Membuka rapat pemungutan suara uji (Model C.Uji, pukul 07.00)',
        module: 'pemungutan',
      },
    ]);
  });

  it('follows a module whose id and content both changed when its title stayed', () => {
    const b = copy();
    b.modules[1]!.id = 'kode-etik';
    b.modules[1]!.duration = 75;
    b.schedule[0]!.items[2]!.module = 'kode-etik';
    expect(brief(diffCurricula(base, b))).toEqual([
      { kind: 'renamed', scope: 'module', path: 'kode-etik', field: 'id' },
      { kind: 'changed', scope: 'module', path: 'kode-etik › durasi', field: 'duration' },
    ]);
  });

  it('reports a renamed section with the same content as renamed, and a reworded key point as changed', () => {
    const b = copy();
    b.modules[1]!.sections[0]!.title = 'Prinsip Penyelenggara Uji';
    b.modules[0]!.sections[0]!.key_points[1] = 'Poin kunci uji kedua';
    expect(brief(diffCurricula(base, b))).toEqual([
      { kind: 'changed', scope: 'section', path: 'pemungutan › 1.1 Pembukaan TPS Uji › poin kunci 2', field: 'key_points' },
      { kind: 'renamed', scope: 'section', path: 'etika › 2.1 Prinsip Penyelenggara Uji', field: 'title' },
    ]);
  });

  it('ignores whitespace-only edits but sees Markdown that renders differently', () => {
    const b = copy();
    b.modules[0]!.summary = '  Ringkasan   modul\npemungutan uji.  ';
    expect(diffCurricula(base, b)).toEqual([]);
    b.modules[0]!.summary = 'Ringkasan modul\n\npemungutan uji.';
    expect(brief(diffCurricula(base, b))).toEqual([{ kind: 'changed', scope: 'module', path: 'pemungutan › ringkasan', field: 'summary' }]);
  });

  it('compares activities, principles, pledges, questions and facilitator notes field by field', () => {
    const b = copy();
    const [pem, etika] = b.modules as [CurriculumVersion['modules'][number], CurriculumVersion['modules'][number]];
    pem.activities[0]!.duration = 45;
    pem.activities[0]!.title = 'Simulasi Uji Lengkap';
    pem.sections[0]!.facilitator_notes[0] = 'Catatan rahasia\nfasilitator uji.';
    pem.assessment!.questions.push({ question: 'Siapa membuka rapat?', choices: ['Ketua KPPS', 'Saksi'], answer: 'A' });
    etika.sections[0]!.principles[0]!.do.push('Mencatat kejadian khusus');
    etika.sections[0]!.pledges[0]!.note = 'Teks resmi dari KPU, diperiksa ulang.';
    expect(brief(diffCurricula(base, b))).toEqual([
      { kind: 'renamed', scope: 'activity', path: 'pemungutan › kegiatan belajar Simulasi Uji Lengkap', field: 'title' },
      { kind: 'changed', scope: 'activity', path: 'pemungutan › kegiatan belajar Simulasi Uji Lengkap › durasi', field: 'duration' },
      { kind: 'added', scope: 'question', path: 'pemungutan › soal 2' },
      { kind: 'added', scope: 'principle', path: 'etika › 2.1 Prinsip Uji › prinsip Jujur › yang dilakukan 2', field: 'do' },
      { kind: 'changed', scope: 'pledge', path: 'etika › 2.1 Prinsip Uji › sumpah/janji Sumpah Uji › catatan', field: 'note' },
    ]);
  });

  it('removes a schedule day and an audience, changes an answer and an event date', () => {
    const b = copy();
    b.audiences.pop();
    b.modules[0]!.audiences = ['ppk'];
    b.modules[0]!.assessment!.questions[0]!.answer = 'C';
    b.event.dates = ['2024-11-05'];
    b.schedule[0]!.date = '2024-11-05';
    expect(brief(diffCurricula(base, b))).toEqual([
      { kind: 'changed', scope: 'event', path: 'kegiatan › tanggal', field: 'event.dates' },
      { kind: 'removed', scope: 'audience', path: 'sasaran › pps' },
      { kind: 'changed', scope: 'module', path: 'pemungutan › sasaran', field: 'audiences' },
      { kind: 'changed', scope: 'question', path: 'pemungutan › soal 1 › jawaban', field: 'answer' },
      { kind: 'changed', scope: 'schedule', path: 'susunan acara › hari 1', field: 'date' },
    ]);
  });
});
