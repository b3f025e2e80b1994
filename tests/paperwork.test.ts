/**
 * Event paperwork read back from the PDFs: one certificate per participant with the right name
 * and number, receipt totals equal to the sum of the amounts (and their terbilang), name tags
 * that never cut a name, letters and answer sheets per participant, and the score recap against
 * a table worked out by hand.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAll, buildContext } from '../src/artifacts/index.js';
import { readAnswers, readParticipants, scoreAnswers, scoresCsv } from '../src/artifacts/paperwork/index.js';
import { BAND_TOP, CARD, PER_PAGE } from '../src/artifacts/paperwork/name-tags.js';
import { loadCurriculum, UserError, type Curriculum } from '../src/curriculum/index.js';
import { readPdf, flat, type PdfRead } from './helpers/pdf.js';
import { runCli } from './helpers/cli.js';

const DIR = path.resolve('tests/fixtures/paperwork');
/** The fixture roster: name, role, amount by the settings (default 100.000 for Anggota PPS). */
const PEOPLE: [string, string, number][] = [
  ['Peserta Uji Satu', 'Ketua PPK', 150_000],
  ['Peserta Uji Dua', 'Anggota PPS', 100_000],
  ['Raden Roro Ayu Kusumawardhani Prameswari Setyaningrum Widyaningtyas Puspitasari, S.Sos., M.Si.', 'Anggota PPK', 125_000],
  ['Muhammad Fadhlurrahman Al-Ghifari bin Abdurrahman Wahidin Kartawinata Sastrodiharjo', 'Ketua PPS', 125_000],
  ['Siti', 'Anggota PPS', 100_000],
  ['Lilik Suryani', 'Anggota PPS', 100_000],
];

let c: Curriculum;
let out: string;
const pdfs = new Map<string, PdfRead>();
const pdf = async (name: string) => {
  let r = pdfs.get(name);
  if (!r) pdfs.set(name, (r = await readPdf(path.join(out, name))));
  return r;
};

beforeAll(async () => {
  c = loadCurriculum(DIR);
  out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-paperwork-'));
  await buildAll(c, { out, only: ['paperwork'] });
}, 60_000);

describe('certificates', () => {
  it('has one page per participant with the name and the numbered pattern', async () => {
    const r = await pdf('sertifikat.pdf');
    expect(r.pages).toHaveLength(PEOPLE.length);
    PEOPLE.forEach(([name], i) => {
      const text = flat(r.pages[i]!.text);
      expect(text).toContain(name);
      expect(text).toContain(`Nomor: ${String(i + 1).padStart(3, '0')}/PP.04-SD/3576/2024`);
      expect(text).toContain('selama 8 JP');
      for (const [other] of PEOPLE) if (other !== name && !name.includes(other)) expect(text).not.toContain(other);
    });
    expect(r.pages[0]!.width).toBeGreaterThan(r.pages[0]!.height);
  });
});

describe('receipts', () => {
  it('prints every amount, PPh and net, and totals that equal their sum, with the terbilang', async () => {
    const r = await pdf('tanda-terima-2024-11-04.pdf');
    const text = flat(r.text);
    const fmt = (n: number) => n.toLocaleString('de-DE');
    const gross = PEOPLE.reduce((s, [, , a]) => s + a, 0);
    const tax = PEOPLE.reduce((s, [, , a]) => s + Math.floor(a * 0.05), 0);
    expect(gross).toBe(700_000);
    // Each row: role, amount, PPh 5 % (rounded down) and net, on one baseline.
    for (const [, role, amount] of PEOPLE) {
      const pph = Math.floor(amount * 0.05);
      const row = `${role} ${fmt(amount)} ${fmt(pph)} ${fmt(amount - pph)}`;
      expect(text.split(row).length - 1, row).toBe(PEOPLE.filter(([, r, a]) => r === role && a === amount).length);
    }
    for (const [name] of PEOPLE) expect(text).toContain(name.split(' ').slice(0, 3).join(' '));
    expect(text).toContain(`JUMLAH SELURUHNYA ${fmt(gross)} ${fmt(tax)} ${fmt(gross - tax)}`);
    expect(text).toContain('Terbilang: enam ratus enam puluh lima ribu rupiah');
    // Staggered signature numbers.
    for (let n = 1; n <= PEOPLE.length; n++) expect(text).toContain(`${n}. `);
  });

  it('leaves amounts empty (not zero) while they are placeholders, and asks for a missing one', async () => {
    const sample = loadCurriculum('curriculum');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bimtek-receipt-'));
    await buildAll(sample, { out: dir, only: ['paperwork'], paperwork: { documents: ['receipt'] } });
    const text = flat((await readPdf(path.join(dir, 'tanda-terima-2024-11-04.pdf'))).text);
    expect(text).toContain('jumlah belum ditetapkan');
    expect(text).not.toMatch(/JUMLAH SELURUHNYA\s+0/);
    const noDefault = { ...c, settings: { ...c.settings, paperwork: { ...c.settings.paperwork, receipt: { ...c.settings.paperwork.receipt, default_amount: undefined } } } } as Curriculum;
    const err = await buildAll(noDefault, { out: dir, only: ['paperwork'], paperwork: { documents: ['receipt'] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).diagnostics.map((d) => d.message).join('\n')).toContain('jabatan "Anggota PPS"');
  });
});

describe('name tags', () => {
  it('puts 8 on a page and every name whole inside its card', async () => {
    const r = await pdf('tanda-pengenal.pdf');
    expect(r.pages).toHaveLength(Math.ceil(PEOPLE.length / PER_PAGE));
    const page = r.pages[0]!;
    const left = (page.width - 2 * CARD.w) / 2;
    const top = (page.height - 4 * CARD.h) / 2;
    PEOPLE.forEach(([name], i) => {
      const x0 = left + (i % 2) * CARD.w;
      const y0 = top + Math.floor(i / 2) * CARD.h;
      const inCard = page.items.filter((it) => it.x >= x0 - 0.5 && it.x < x0 + CARD.w && it.y > y0 && it.y < y0 + CARD.h);
      for (const it of inCard) expect(it.x + it.width, it.str).toBeLessThanOrEqual(x0 + CARD.w + 0.5);
      const text = flat(inCard.map((it) => it.str).join(' '));
      expect(text, name).toContain(name);
      expect(text).not.toContain('…');
    });
  });
});

describe('name tags for the stranger roster (100 names, the longest 88 characters)', () => {
  it('prints every name whole inside its card', async () => {
    const stranger = loadCurriculum('tests/fixtures/stranger');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bimtek-tags-'));
    await buildAll(stranger, { out: dir, only: ['paperwork'], paperwork: { documents: ['name-tags'] } });
    const people = await readParticipants(stranger.assets.roster!);
    const r = await readPdf(path.join(dir, 'tanda-pengenal.pdf'));
    expect(r.pages).toHaveLength(Math.ceil(people.length / PER_PAGE));
    people.forEach((who, i) => {
      const page = r.pages[Math.floor(i / PER_PAGE)]!;
      const k = i % PER_PAGE;
      const x0 = (page.width - 2 * CARD.w) / 2 + (k % 2) * CARD.w;
      const y0 = (page.height - 4 * CARD.h) / 2 + Math.floor(k / 2) * CARD.h;
      const inCard = page.items.filter((it) => it.x >= x0 - 0.5 && it.x < x0 + CARD.w && it.y > y0 && it.y < y0 + CARD.h);
      for (const it of inCard) expect(it.x + it.width, it.str).toBeLessThanOrEqual(x0 + CARD.w + 0.5);
      expect(flat(inCard.map((it) => it.str).join(' ')), who.name).toContain(who.name);
      // Nothing above the PESERTA band reaches into it (descenders included: ~0.25 em).
      for (const it of inCard) if (it.y < y0 + BAND_TOP) expect(it.y + 0.25 * it.height, it.str).toBeLessThanOrEqual(y0 + BAND_TOP);
    });
  });
});

describe('determinism', () => {
  it('writes byte-identical paperwork from the same input', async () => {
    const again = mkdtempSync(path.join(os.tmpdir(), 'bimtek-paperwork-'));
    const { files } = await buildAll(c, { out: again, only: ['paperwork'] });
    for (const f of files) expect(readFileSync(f.path).equals(readFileSync(path.join(out, path.basename(f.path)))), f.path).toBe(true);
  });
});

describe('letters and forms', () => {
  it('writes one invitation per participant, numbered, with the Yth. block and the event table', async () => {
    const r = await pdf('surat-undangan.pdf');
    const text = flat(r.text);
    expect(text).toContain('Nomor : 001/PP.04-Und/3576/X/2024');
    expect(text).toContain('Mojokerto, 28 Oktober 2024');
    for (const [name] of PEOPLE) expect(text).toContain(`Yth. ${name}`.slice(0, 40));
    for (const label of ['Hari/Tanggal', 'Waktu', 'Tempat', 'Acara', 'Perihal']) expect(text).toContain(label);
  });

  it('prints a pre-test and a post-test answer sheet per participant with every question', async () => {
    const r = await pdf('lembar-jawaban.pdf');
    expect(r.pages).toHaveLength(2 * PEOPLE.length);
    const first = flat(r.pages[0]!.text);
    expect(first).toContain('LEMBAR JAWABAN PRE-TEST');
    expect(first).toContain(PEOPLE[0]![0]);
    expect(first).toMatch(/BAB I .*1\. A B C.*BAB II .*1\. A B C D.*2\. A B C/);
    expect(flat(r.pages[1]!.text)).toContain('POST-TEST');
  });

  it('rates each session of the day, the organisation, and leaves room for comments', async () => {
    const text = flat((await pdf('lembar-evaluasi-2024-11-04.pdf')).text);
    for (const m of c.modules) expect(text).toContain(m.title);
    expect(text).toContain('Saran dan komentar');
  });
});

describe('scores', () => {
  /** Worked out by hand from tests/fixtures/paperwork/jawaban.csv (keys: 1.1 B, 2.1 A, 2.2 C). */
  const EXPECTED = [
    { who: 'Peserta Uji Satu', pre: 66.7, post: 100, gain: 33.3 },
    { who: 'Peserta Uji Dua', pre: 33.3, post: 33.3, gain: 0 },
    { who: 'Siti', pre: 0, post: null, gain: null },
    { who: 'Lilik Suryani', pre: null, post: 66.7, gain: null },
  ];

  it('matches the hand-made table', async () => {
    const { questions, rows } = await readAnswers(path.join(DIR, 'jawaban.csv'), c, null);
    const r = scoreAnswers(questions, rows);
    expect(r.participants).toEqual(EXPECTED);
    expect(r.average).toEqual({ pre: 33.3, post: 66.7, gain: 16.7 });
    expect(r.items.map((i) => [i.key, Math.round((i.pre ?? -1) * 100), Math.round((i.post ?? -1) * 100), i.hard])).toEqual([
      ['1.1', 33, 100, false],
      ['2.1', 33, 67, false],
      ['2.2', 33, 33, true],
    ]);
    const csv = scoresCsv(buildContext(c, out), r);
    expect(csv).toContain('1;Peserta Uji Satu;66,7;100;33,3');
    expect(csv).toContain(';Rata-rata kelas;33,3;66,7;16,7');
  });

  it('renders the recap PDF and CSV from the command line, by roster number too', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bimtek-scores-'));
    const answers = path.join(dir, 'nomor.csv');
    writeFileSync(answers, 'No,Tes,1.1,2.1,2.2\n1,pre,B,A,A\n1,post,B,A,C\n');
    const res = runCli(['scores', DIR, '--answers', answers, '--out', dir]);
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'rekap-nilai.csv'), 'utf8')).toContain('1;Peserta Uji Satu;66,7;100;33,3');
  });

  it('reads the PDF recap back with the same numbers', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bimtek-scores-'));
    expect(runCli(['scores', DIR, '--answers', path.join(DIR, 'jawaban.csv'), '--out', dir]).code).toBe(0);
    const text = (await readPdf(path.join(dir, 'rekap-nilai.pdf'))).text;
    expect(text).toContain('1 Peserta Uji Satu 66,7 100 +33,3');
    expect(text).toContain('Rata-rata kelas 33,3 66,7 16,7');
    expect(text).toMatch(/II\.2 33% 33% di bawah 50% sesudah pelatihan/);
  });

  it('reports bad answer files by row and column', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bimtek-scores-'));
    const bad = path.join(dir, 'salah.csv');
    writeFileSync(bad, 'Nama;Tes;1.1;2.1;9.1\nSiti;pre;B;F;A\nSiti;tengah;B;A;A\nSiti;pre;A;A;A\n');
    const res = runCli(['scores', DIR, '--answers', bad, '--out', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/salah\.csv:1:5.*kolom "9\.1" bukan soal/);
    const again = path.join(dir, 'salah2.csv');
    writeFileSync(again, 'Nama;Tes;1.1;2.1\nSiti;pre;B;F\nSiti;tengah;B;A\nSiti;pre;A;A\n');
    const res2 = runCli(['scores', DIR, '--answers', again, '--out', dir]);
    expect(res2.code).toBe(1);
    expect(res2.stderr).toMatch(/salah2\.csv:2:4.*jawaban soal 2\.1 tidak sah/);
    expect(res2.stderr).toMatch(/salah2\.csv:3:2.*jenis tes "tengah"/);
    expect(res2.stderr).toMatch(/salah2\.csv:4:1.*sudah punya jawaban pre-test di baris 2/);
    expect(res2.stderr).not.toMatch(/at .*\.js:\d+/);
    const missing = runCli(['scores', DIR, '--answers', path.join(dir, 'tidak-ada.csv'), '--out', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('berkas jawaban tidak ditemukan');
  });

  it('scores the fictional answers file of the sample curriculum: every question of the modules the TOT teaches', async () => {
    const sample = loadCurriculum('curriculum');
    const { questions, rows } = await readAnswers('curriculum/jawaban-contoh.csv', sample, null);
    const taught = new Set(sample.schedule.flatMap((d) => d.items.map((it) => it.module)));
    const expected = sample.modules.filter((m) => taught.has(m.id)).reduce((n, m) => n + (m.assessment?.questions.length ?? 0), 0);
    expect(questions).toHaveLength(expected);
    const r = scoreAnswers(questions, rows);
    expect(r.participants.every((p) => p.pre !== null && p.post !== null)).toBe(true);
    expect(r.average.post!).toBeGreaterThan(r.average.pre!);
  });

  it('numbers participants from the roster', async () => {
    const people = await readParticipants(path.join(DIR, 'peserta.csv'));
    expect(people.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
