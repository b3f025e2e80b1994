/**
 * The bundled sample curriculum: valid, honest (only regulations the domain brief names), and
 * complete enough to teach from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { buildAll } from '../src/artifacts/index.js';
import { loadCurriculum } from '../src/curriculum/index.js';
import { flat, readPdf } from './helpers/pdf.js';

const DIR = path.resolve('curriculum');

/** Every regulation the domain brief gives (kind, number, year). Nothing else may be cited. */
const KNOWN = [
  'UU 1/2015', 'UU 6/2020', 'UU 7/2017',
  'PKPU 17/2024', 'PKPU 8/2018', 'PKPU 18/2020', 'PKPU 8/2022', 'PKPU 25/2023',
  'Peraturan DKPP 2/2017', 'Peraturan DKPP 3/2017', 'Peraturan DKPP 2/2019',
  'Keputusan KPU 337/HK.06.2-Kpt/01/KPU/VII/2020/2020', 'Keputusan KPU 66/2024',
  'Keputusan KPU Kota Mojokerto 191/2024', 'Perda Kota Mojokerto 17/2015',
];

const KECAMATAN: Record<string, string[]> = {
  'Prajurit Kulon': ['Surodinawan', 'Prajurit Kulon', 'Blooto', 'Mentikan', 'Kauman', 'Pulorejo'],
  Magersari: ['Gunung Gedangan', 'Kedundung', 'Balongsari', 'Gedongan', 'Magersari', 'Wates'],
  Kranggan: ['Kranggan', 'Miji', 'Meri', 'Jagalan', 'Sentanan', 'Purwotengah'],
};

describe('sample curriculum', () => {
  const c = loadCurriculum(DIR);

  it('has the five TOT modules with objectives, steps, notes, an activity and at least 8 questions each', () => {
    expect(c.modules.map((m) => m.id)).toEqual(['pengantar', 'kode-etik', 'pemungutan', 'penghitungan', 'evaluasi']);
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

  it('is set at KPU Kota Mojokerto on Senin, 4 November 2024', () => {
    expect(c.organizer.name).toBe('Komisi Pemilihan Umum Kota Mojokerto');
    expect(c.event.dates).toEqual(['2024-11-04']);
    expect(c.event.venue).toContain('Sunrise Ayola');
    expect(c.audiences.map((a) => a.id)).toEqual(['ppk', 'pps']);
    // The schedule gives every module its slot, and the slot is the module's duration.
    const day = c.schedule[0]!;
    for (const m of c.modules) {
      const slot = day.items.find((i) => i.module === m.id)!;
      const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
      expect(minutes(slot.end) - minutes(slot.start), m.id).toBe(m.duration);
    }
  });

  it('cites only regulations the domain brief names', () => {
    const cited = c.modules.flatMap((m) => m.references.map((r) => `${r.kind} ${r.number}/${r.year}`));
    for (const ref of cited) expect(KNOWN, ref).toContain(ref);
    // Regulations named in prose too: "PKPU Nomor 17 Tahun 2024", "PKPU 17/2024", "Peraturan DKPP Nomor 2 Tahun 2017" …
    const prose = readdirSync(path.join(DIR, 'modules')).map((f) => readFileSync(path.join(DIR, 'modules', f), 'utf8')).join('\n') + readFileSync(path.join(DIR, 'curriculum.yaml'), 'utf8');
    const pattern = /\b(UU|PKPU|Peraturan DKPP|Perda Kota Mojokerto)\s+(?:Nomor\s+)?(\d+)(?:\s+Tahun\s+|\/)(\d{4})/g;
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

  it('starts every YAML file with the schema line for editors', () => {
    const files = ['curriculum.yaml', ...readdirSync(path.join(DIR, 'modules')).map((f) => `modules/${f}`)];
    for (const f of files) {
      const text = readFileSync(path.join(DIR, f), 'utf8');
      expect(text.split('\n')[0], f).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+schema\.json$/);
      expect(() => parse(text), f).not.toThrow();
    }
  });

  it('renders every module in the handbook, the slides and the attendance sheet, with no missing glyph', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-sample-'));
    const { files, ctx } = await buildAll(c, { out, edition: 'facilitator', slideNotes: false, slidePptx: false });
    expect(files.map((f) => path.basename(f.path)).sort()).toEqual(['daftar-hadir-2024-11-04.pdf', 'handbook-facilitator.pdf', 'slides.pdf']);
    const handbook = flat((await readPdf(path.join(out, 'handbook-facilitator.pdf'))).text);
    const slides = flat((await readPdf(path.join(out, 'slides.pdf'))).text);
    for (const m of c.modules) {
      expect(handbook, m.id).toContain(m.title);
      expect(slides, m.id).toContain(m.title);
      for (const s of m.sections) expect(handbook, s.title).toContain(s.title);
    }
    const sheet = (await readPdf(path.join(out, 'daftar-hadir-2024-11-04.pdf'))).text;
    expect(sheet).toContain('DAFTAR HADIR');
    expect(sheet).toContain('Senin, 4 November 2024');
    expect(ctx.glyphs.report()).toEqual([]);
  });
});
