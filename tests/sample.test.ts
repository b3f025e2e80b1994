/**
 * The bundled sample curriculum: valid, honest (only regulations the domain brief names, the
 * corrections of the brief's §7 applied), and complete enough to teach from — the TOT for PPK and
 * PPS and the KPPS Bimtek they cascade.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildAll } from '../src/artifacts/index.js';
import { loadCurriculum, type Module } from '../src/curriculum/index.js';
import { loadRoster } from '../src/roster/index.js';
import { flat, readPdf } from './helpers/pdf.js';

const DIR = path.resolve('curriculum');

/** Every regulation the domain brief gives (kind, number, year). Nothing else may be cited. */
const KNOWN = [
  'UU 1/2015', 'UU 6/2020', 'UU 7/2017',
  'PKPU 17/2024', 'PKPU 8/2018', 'PKPU 18/2020', 'PKPU 8/2022', 'PKPU 25/2023',
  'Peraturan DKPP 2/2017', 'Peraturan DKPP 3/2017', 'Peraturan DKPP 2/2019',
  'Keputusan KPU 337/HK.06.2-Kpt/01/KPU/VII/2020/2020', 'Keputusan KPU 66/2024', 'Keputusan KPU 1337/2024',
  'Keputusan KPU Kota Mojokerto 191/2024', 'Perda Kota Mojokerto 17/2015',
];

const KECAMATAN: Record<string, string[]> = {
  'Prajurit Kulon': ['Surodinawan', 'Prajurit Kulon', 'Blooto', 'Mentikan', 'Kauman', 'Pulorejo'],
  Magersari: ['Gunung Gedangan', 'Kedundung', 'Balongsari', 'Gedongan', 'Magersari', 'Wates'],
  Kranggan: ['Kranggan', 'Miji', 'Meri', 'Jagalan', 'Sentanan', 'Purwotengah'],
};

/** Every text a module or curriculum.yaml holds, as written (strings of the parsed YAML). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const YAML_FILES = ['curriculum.yaml', ...readdirSync(path.join(DIR, 'modules')).map((f) => `modules/${f}`)];
/** Per file, its texts with whitespace collapsed (YAML folds sentences over lines). */
const TEXTS = YAML_FILES.map((f) => ({ file: f, texts: strings(parse(readFileSync(path.join(DIR, f), 'utf8'))).map((s) => s.replace(/\s+/g, ' ')) }));

/** Sentences: split after . ! ? ; : followed by a space (so "C.Hasil" and "1.344" stay whole). */
const sentences = (text: string) => text.split(/(?<=[.!?;:])\s+/);
/** Paragraphs of a Markdown text (a blank line between them). */
const paragraphs = (text: string) => text.split(/\n\s*\n/);

/** The one spelling of each form name (brief §1.5 and §7); any other spelling is a mistake. */
const FORMS = ['Model C.Hasil-KWK', 'C.Hasil Salinan-KWK', 'Model C.Pemberitahuan-KWK', 'Model C.Kejadian Khusus dan/atau Keberatan-KWK'];

/** Minutes written in an activity step: "(10 menit)" or "(5 × 2 menit)". */
function stepMinutes(instructions: string[]): number {
  let sum = 0;
  for (const m of instructions.join('\n').matchAll(/\((\d+)(?:\s*×\s*(\d+))?\s*menit\)/g)) sum += Number(m[1]) * Number(m[2] ?? 1);
  return sum;
}

describe('sample curriculum', () => {
  const c = loadCurriculum(DIR);
  const forAudience = (a: string): Module[] => c.modules.filter((m) => m.audiences.length === 0 || m.audiences.includes(a));
  const ids = (ms: Module[]) => ms.map((m) => m.id);

  it('has the five TOT modules for PPK and PPS and a KPPS Bimtek of its own modules plus the shared ones', () => {
    expect(c.audiences.map((a) => a.id)).toEqual(['ppk', 'pps', 'kpps']);
    const tot = ['pengantar', 'kode-etik', 'pemungutan', 'penghitungan', 'evaluasi'];
    expect(ids(forAudience('ppk'))).toEqual(tot);
    expect(ids(forAudience('pps'))).toEqual(tot);
    expect(ids(forAudience('kpps'))).toEqual(['kode-etik', 'persiapan-tps', 'pemungutan', 'pemilih-khusus', 'penghitungan', 'kejadian-khusus', 'simulasi-tps']);
    // Every module says whom it serves: nothing is silently for everyone.
    for (const m of c.modules) expect(m.audiences.length, m.id).toBeGreaterThan(0);
  });

  it('gives every module objectives, indicators, references, notes, a hands-on activity and at least 8 questions', () => {
    for (const m of c.modules) {
      expect(m.objectives.length, m.id).toBeGreaterThanOrEqual(3);
      expect(m.indicators.length, m.id).toBeGreaterThanOrEqual(3);
      expect(m.references.length, m.id).toBeGreaterThanOrEqual(1);
      expect(m.sections.some((s) => s.facilitator_notes.length > 0), m.id).toBe(true);
      expect(m.activities.some((a) => ['simulation', 'discussion', 'roleplay', 'exercise'].includes(a.kind)), m.id).toBe(true);
      expect(m.assessment?.questions.length ?? 0, m.id).toBeGreaterThanOrEqual(8);
    }
    const procedural = c.modules.filter((m) => ['pemungutan', 'penghitungan'].includes(m.id));
    for (const m of procedural) expect(m.sections.flatMap((s) => s.steps).length, m.id).toBeGreaterThanOrEqual(10);
    const ethics = c.modules.find((m) => m.id === 'kode-etik')!;
    expect(ethics.sections.flatMap((s) => s.principles).length).toBeGreaterThanOrEqual(13);
    expect(ethics.sections.flatMap((s) => s.pledges).length).toBeGreaterThanOrEqual(2);
  });

  it('is set at KPU Kota Mojokerto on Senin, 4 November 2024, with every TOT module in its slot', () => {
    expect(c.organizer.name).toBe('Komisi Pemilihan Umum Kota Mojokerto');
    expect(c.event.dates).toEqual(['2024-11-04']);
    expect(c.event.venue).toContain('Sunrise Ayola');
    // The schedule gives every TOT module its slot, and the slot is the module's duration.
    const day = c.schedule[0]!;
    const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    for (const m of forAudience('ppk')) {
      const slot = day.items.find((i) => i.module === m.id);
      expect(slot, m.id).toBeDefined();
      expect(minutes(slot!.end) - minutes(slot!.start), m.id).toBe(m.duration);
    }
  });

  it('does not book more activity minutes than a module has, nor more step minutes than an activity has', () => {
    for (const m of c.modules) {
      const booked = m.activities.reduce((sum, a) => sum + a.duration, 0);
      expect(booked, `${m.id}: ${booked} menit kegiatan dalam ${m.duration} menit`).toBeLessThanOrEqual(m.duration);
      for (const a of m.activities) expect(stepMinutes(a.instructions), `${m.id}: ${a.title}`).toBeLessThanOrEqual(a.duration);
    }
    // The step timings are written where the review found overbooking (brief §7 follow-up).
    const caseStudy = c.modules.find((m) => m.id === 'kode-etik')!.activities.find((a) => a.kind === 'discussion')!;
    expect(stepMinutes(caseStudy.instructions)).toBe(caseStudy.duration);
  });

  it('never says every voter gets two ballots (brief §7: DPTb from elsewhere in Jatim get only the Pilgub ballot)', () => {
    const offending = TEXTS.flatMap(({ file, texts }) =>
      texts.flatMap(sentences).filter((s) => /\b(setiap|semua|seluruh|tiap)\s+pemilih\b/i.test(s) && /\b(2|dua)\s+(jenis\s+)?surat suara\b/i.test(s) && !/\btidak\s+(setiap|semua|seluruh)\b/i.test(s)).map((s) => `${file}: ${s}`),
    );
    expect(offending).toEqual([]);
    // … and teaches the rule instead.
    const all = TEXTS.flatMap((t) => t.texts).join('\n');
    expect(all).toMatch(/DPTb[^.]*kabupaten\/kota lain di Jawa Timur[^.]*hanya[^.]*Pemilihan Gubernur/);
  });

  it('flags the party-symbol case as unconfirmed wherever it appears (brief §7)', () => {
    let seen = 0;
    for (const { file, texts } of TEXTS) {
      for (const p of texts.flatMap((t) => paragraphs(t))) {
        if (!/gambar partai|simbol partai|lambang partai/i.test(p)) continue;
        seen++;
        expect(p, file).toMatch(/belum pasti|perlu dipastikan|harus dipastikan/i);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('spells each form one way in every file', () => {
    const wrong: string[] = [];
    for (const { file, texts } of TEXTS) {
      for (const text of texts) {
        if (/\bC-KWK\b/.test(text)) wrong.push(`${file}: "C-KWK" (${text.slice(0, 60)})`);
        for (const m of text.matchAll(/C\s*[.-]?\s*(hasil|pemberitahuan|kejadian)/gi)) {
          const at = m.index;
          const from = text.slice(Math.max(0, at - 6), at) === 'Model ' ? at - 6 : at;
          const here = text.slice(from);
          if (!FORMS.some((f) => here.startsWith(f))) wrong.push(`${file}: "${here.slice(0, 50)}"`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // The plano is the C.Hasil itself; the A4 copies are the Salinan (brief §7).
    const all = TEXTS.flatMap((t) => t.texts).join('\n');
    expect(all).toContain('Model C.Hasil-KWK (plano)');
    expect(all).not.toMatch(/plano[^.]*(dipindahkan|disalin) ke Model C\.Hasil-KWK/i);
  });

  it('cites Pasal 6 of Peraturan DKPP 2/2017 for the 13 principles', () => {
    const ethics = c.modules.find((m) => m.id === 'kode-etik')!;
    expect(ethics.references.find((r) => r.kind === 'Peraturan DKPP' && r.number === '2')?.articles).toMatch(/\b6\b/);
  });

  it('cites only regulations the domain brief names', () => {
    const cited = c.modules.flatMap((m) => m.references.map((r) => `${r.kind} ${r.number}/${r.year}`));
    for (const ref of cited) expect(KNOWN, ref).toContain(ref);
    // Regulations named in prose too: "PKPU Nomor 17 Tahun 2024", "PKPU 17/2024", "Peraturan DKPP Nomor 2 Tahun 2017" …
    const prose = readdirSync(path.join(DIR, 'modules')).map((f) => readFileSync(path.join(DIR, 'modules', f), 'utf8')).join('\n') + readFileSync(path.join(DIR, 'curriculum.yaml'), 'utf8');
    const pattern = /\b(UU|PKPU|Peraturan DKPP|Perda Kota Mojokerto|Keputusan KPU Kota Mojokerto|Keputusan KPU)\s+(?:Nomor\s+)?(\d+)(?:\s+Tahun\s+|\/)(\d{4})/g;
    const named = [...prose.matchAll(pattern)].map((m) => `${m[1]} ${m[2]}/${m[3]}`);
    expect(named.length).toBeGreaterThan(5);
    for (const ref of named) expect(KNOWN, ref).toContain(ref);
  });

  it('does not expand KWK (the brief found no source for it)', () => {
    const kwk = c.glossary.find((g) => g.term === 'KWK');
    expect(kwk?.expansion).toBeUndefined();
  });

  it('has signatories as placeholders, not real people', () => {
    for (const s of c.signatories) expect(s.name).toMatch(/^\[.*\]$/);
  });

  it('has a roster of 15 PPK and 54 PPS with the real kecamatan and kelurahan', () => {
    const [header, ...rows] = readFileSync(path.join(DIR, 'peserta.csv'), 'utf8').trim().split(/\r?\n/).map((l) => l.split(';'));
    const col = (name: string) => header!.indexOf(name);
    expect(rows.filter((r) => /PPK/.test(r[col('Jabatan')]!)).length).toBe(15);
    expect(rows.filter((r) => /PPS/.test(r[col('Jabatan')]!)).length).toBe(54);
    for (const r of rows) {
      const kec = r[col('Kecamatan')]!;
      expect(Object.keys(KECAMATAN), kec).toContain(kec);
      const kel = r[col('Kelurahan')];
      if (kel) expect(KECAMATAN[kec], kel).toContain(kel);
    }
  });

  it('has a fictional KPPS roster for the cascade: 192 TPS × 7 = 1.344, ketua first, made by its seeded generator', async () => {
    const file = path.join(DIR, 'kpps.csv');
    const text = readFileSync(file, 'utf8');
    // The committed file is exactly what the generator makes (deterministic, seeded).
    const gen = spawnSync(process.execPath, ['bench/kpps-roster.mjs'], { encoding: 'utf8' });
    expect(gen.status).toBe(0);
    expect(gen.stdout).toBe(text);
    // The roster reader the attendance sheets use accepts it.
    expect((await loadRoster(file)).length).toBe(1344);

    const [header, ...rows] = text.trim().split(/\r?\n/).map((l) => l.split(';'));
    expect(header).toEqual(['Nama', 'Jabatan', 'TPS', 'Kelurahan', 'Kecamatan', 'Keterangan']);
    expect(rows.length).toBe(1344);
    expect(new Set(rows.map((r) => r[0])).size, 'nama rekaan tidak berulang').toBe(1344);
    const crews = new Map<string, string[][]>();
    for (const r of rows) {
      const [, role, tps, kel, kec] = r as [string, string, string, string, string];
      expect(Object.keys(KECAMATAN), kec).toContain(kec);
      expect(KECAMATAN[kec], kel).toContain(kel);
      expect(tps).toMatch(/^\d{3}$/);
      expect(['Ketua KPPS', 'Anggota KPPS']).toContain(role);
      const key = `${kel}/${tps}`;
      crews.set(key, [...(crews.get(key) ?? []), r]);
    }
    expect(crews.size).toBe(192);
    for (const [key, crew] of crews) {
      expect(crew.map((r) => r[1]), key).toEqual(['Ketua KPPS', ...Array(6).fill('Anggota KPPS')]);
    }
    // All 18 kelurahan have TPS; exactly 2 are the TPS lokasi khusus at the Lapas.
    expect(new Set(rows.map((r) => r[3])).size).toBe(18);
    expect(new Set(rows.filter((r) => /Lapas/.test(r[5]!)).map((r) => `${r[3]}/${r[2]}`)).size).toBe(2);
    // No personal numbers: the roster is fictional.
    expect(text).not.toMatch(/\d{16}|\b08\d{8,}/);
  });

  it('starts every YAML file with the schema line for editors', () => {
    const files = ['curriculum.yaml', ...readdirSync(path.join(DIR, 'modules')).map((f) => `modules/${f}`)];
    for (const f of files) {
      const text = readFileSync(path.join(DIR, f), 'utf8');
      expect(text.split('\n')[0], f).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+schema\.json$/);
      expect(() => parse(text), f).not.toThrow();
    }
  });

  it('renders the modules of each audience (and only those) in its handbook and slides, and the attendance sheet, with no missing glyph', async () => {
    for (const audience of ['ppk', 'kpps']) {
      const out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-sample-'));
      const { files, ctx } = await buildAll(c, { out, audience, edition: 'facilitator', slideNotes: false, slidePptx: false, handbookDocx: false });
      // The paperwork the sample's settings.paperwork switches on comes with the roster.
      const paperwork = ['lembar-evaluasi-2024-11-04.pdf', 'lembar-jawaban.pdf', 'sertifikat.pdf', 'surat-undangan.pdf', 'tanda-pengenal.pdf', 'tanda-terima-2024-11-04.pdf'];
      expect(files.map((f) => path.basename(f.path)).sort(), audience).toEqual(['daftar-hadir-2024-11-04.pdf', `handbook-${audience}-facilitator.pdf`, ...paperwork, `slides-${audience}.pdf`].sort());
      const read = await readPdf(path.join(out, `handbook-${audience}-facilitator.pdf`));
      const handbook = flat(read.text);
      const chapters = read.outline.map((o) => o.title).join('\n');
      const slides = flat((await readPdf(path.join(out, `slides-${audience}.pdf`))).text);
      const mine = forAudience(audience);
      for (const m of mine) {
        expect(handbook, m.id).toContain(m.title);
        expect(slides, m.id).toContain(m.title);
        for (const s of m.sections) expect(handbook, s.title).toContain(s.title);
      }
      for (const m of mine) expect(chapters, m.id).toContain(m.title);
      // Other audiences' modules may be named in a note, but are no chapter of this handbook.
      for (const m of c.modules.filter((x) => !mine.includes(x))) expect(chapters, `${audience} ∌ ${m.id}`).not.toContain(m.title);
      if (audience === 'ppk') {
        const sheet = (await readPdf(path.join(out, 'daftar-hadir-2024-11-04.pdf'))).text;
        expect(sheet).toContain('DAFTAR HADIR');
        expect(sheet).toContain('Senin, 4 November 2024');
      }
      expect(ctx.glyphs.report(), audience).toEqual([]);
    }
  });
});
