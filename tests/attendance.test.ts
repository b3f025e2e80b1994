import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { attendanceJobs, buildAttendance, type AttendanceOptions } from '../src/artifacts/attendance.js';
import { run } from '../src/cli/attendance.js';
import { buildContext, type BuildContext } from '../src/artifacts/context.js';
import { loadCurriculum, UserError, type Curriculum } from '../src/curriculum/index.js';
import { loadRoster, type RosterRow } from '../src/roster/index.js';
import { flat, readPdf, type PdfPage, type PdfRead, type TextItem } from './helpers/pdf.js';

const FIXTURE = 'tests/fixtures/mini';
const ROSTER_69 = 'tests/fixtures/rosters/peserta-69.csv';

function context(tweak?: (c: Curriculum) => void): BuildContext {
  const c = loadCurriculum(FIXTURE);
  tweak?.(c);
  return buildContext(c, mkdtempSync(path.join(os.tmpdir(), 'bimtek-attendance-')));
}

async function build(ctx: BuildContext, rows: RosterRow[] | null, opts: AttendanceOptions = {}) {
  const [job] = attendanceJobs(ctx, opts);
  const result = await buildAttendance(ctx, job!, rows);
  return { job: job!, result, pdf: await readPdf(result.path) };
}

interface Columns {
  /** Centres of the header cells NO, NAMA, …, TANDA TANGAN (left to right). */
  centres: number[];
  /** The split of the signature column: the centre of its header. */
  signMid: number;
}

/** Column positions from the header row (each label is centred in its column). */
function columnsOf(page: PdfPage, labels: string[]): Columns {
  const header = labels.map((l) => page.items.find((i) => i.str === l));
  for (const [k, h] of header.entries()) expect(h, `header "${labels[k]}"`).toBeTruthy();
  const centres = header.map((h) => h!.x + h!.width / 2);
  return { centres, signMid: centres[centres.length - 1]! };
}

interface SheetRow {
  no: number;
  page: number;
  /** The cell texts of the roster columns (lines of a wrapped cell joined). */
  cells: string[];
  /** "1." in the signature column. */
  sign?: TextItem;
}

/**
 * Rows read back from the page: numbers in the NO column, then the text of each roster column on
 * the same row. A left-aligned cell's text starts between the centre of the column before and
 * its own centre.
 */
function rowsOf(pdf: PdfRead, labels: string[]): SheetRow[] {
  const out: SheetRow[] = [];
  pdf.pages.forEach((page, p) => {
    const { centres, signMid } = columnsOf(page, labels);
    const headerY = page.items.find((i) => i.str === labels[0])!.y;
    const body = page.items.filter((i) => i.y > headerY + 5);
    const numbers = body.filter((i) => /^\d+$/.test(i.str) && i.x + i.width / 2 < centres[1]! && i.x < centres[0]! + 2);
    for (const n of numbers) {
      const near = body.filter((i) => Math.abs(i.y - n.y) < 10 && i !== n);
      const cells = centres.slice(1, -1).map((c, k) =>
        near
          .filter((i) => i.x > centres[k]! && i.x < c)
          .sort((a, b) => a.y - b.y || a.x - b.x)
          .map((i) => i.str)
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      const sign = near.find((i) => i.str.replace(/\s/g, '') === `${n.str}.` && i.x > signMid - (centres.at(-1)! - centres.at(-2)!));
      out.push({ no: Number(n.str), page: p, cells, ...(sign ? { sign } : {}) });
    }
    // Keep the columns' split for the signature check.
    for (const r of out.filter((r) => r.page === p)) r.cells.push(String(signMid));
  });
  return out;
}

const LABELS = ['NO', 'NAMA', 'JABATAN', 'ASAL', 'TANDA TANGAN'];

describe('attendance sheet, 69 names (portrait)', () => {
  let ctx: BuildContext;
  let rows: RosterRow[];
  let pdf: PdfRead;
  let pages: number;
  let sheet: SheetRow[];
  let file: string;
  beforeAll(async () => {
    ctx = context();
    rows = await loadRoster(ROSTER_69);
    const r = await build(ctx, rows);
    pdf = r.pdf;
    pages = r.result.pages;
    file = r.result.path;
    sheet = rowsOf(pdf, LABELS);
    expect(r.result.kind).toBe('attendance');
    expect(path.basename(file)).toBe('daftar-hadir-2024-11-04.pdf');
  });

  it('has exactly the pages planned, each with "Halaman X dari Y" and the curriculum version', () => {
    // 19 rows under the kop, 25 on the next page, 22 on the third; the signature block does not fit
    // under a full page, so it moves to a fourth page and takes the last three rows with it.
    expect(pages).toBe(4);
    expect(pdf.pages.length).toBe(4);
    pdf.pages.forEach((p, i) => {
      expect(p.text).toContain(`Halaman ${i + 1} dari 4`);
      expect(p.text).toContain(`Pelatihan Uji Fasilitator · kurikulum ${ctx.stampLine}`);
      expect(p.width).toBeCloseTo(595.28, 1);
      expect(p.height).toBeCloseTo(841.89, 1);
    });
    expect(sheet.filter((r) => r.page === 3).map((r) => r.no)).toEqual([67, 68, 69]);
  });

  it('repeats the header row on every page; kop and title on the first', () => {
    for (const p of pdf.pages) for (const l of LABELS) expect(p.items.some((i) => i.str === l)).toBe(true);
    const first = flat(pdf.pages[0]!.text);
    expect(first).toContain('KOMISI PEMILIHAN UMUM KOTA UJI');
    expect(first).toContain('DAFTAR HADIR');
    expect(first).toContain('PELATIHAN UJI FASILITATOR');
    expect(first).toMatch(/Hari\/Tanggal : Senin, 4 November 2024/);
    expect(first).toMatch(/Waktu : pukul 07\.30–10\.30 WIB/);
    expect(first).toMatch(/Tempat : Aula Uji/);
    expect(flat(pdf.pages[1]!.text)).toContain('(lanjutan)');
  });

  it('lists every name exactly once, in roster order, numbered 1 to 69', () => {
    expect(sheet.map((r) => r.no)).toEqual(rows.map((_, i) => i + 1));
    expect(sheet.map((r) => r.cells[0])).toEqual(rows.map((r) => r.name));
    expect(sheet.map((r) => r.cells[1])).toEqual(rows.map((r) => r.role));
    expect(sheet.map((r) => r.cells[2])).toEqual(rows.map((r) => r.origin));
    const text = flat(pdf.text);
    // Each name as often as the roster has it (two people may share a name), long ones wrap.
    for (const r of rows.filter((r) => !r.name.startsWith('Raden'))) {
      const times = rows.filter((x) => x.name === r.name).length;
      expect(text.split(` ${r.name} `).length - 1, r.name).toBe(times);
    }
  });

  it('puts odd numbers in the left half of the signature column and even numbers in the right half', () => {
    for (const r of sheet) {
      const signMid = Number(r.cells.at(-1));
      expect(r.sign, `sign label ${r.no}`).toBeTruthy();
      if (r.no % 2 === 1) expect(r.sign!.x, `${r.no}.`).toBeLessThan(signMid - 30);
      else {
        expect(r.sign!.x, `${r.no}.`).toBeGreaterThan(signMid);
        expect(r.sign!.x).toBeLessThan(signMid + 20);
      }
    }
    // The halves are the same on every page: all odd labels at one x, all even labels at another.
    expect(new Set(sheet.filter((r) => r.no % 2).map((r) => r.sign!.x.toFixed(1))).size).toBe(1);
    expect(new Set(sheet.filter((r) => r.no % 2 === 0).map((r) => r.sign!.x.toFixed(1))).size).toBe(1);
  });

  it('keeps every text inside the page and long names inside their cell', () => {
    for (const p of pdf.pages) {
      for (const i of p.items) {
        expect(i.x).toBeGreaterThanOrEqual(30);
        expect(i.x + i.width).toBeLessThanOrEqual(p.width - 30);
        expect(i.y).toBeLessThanOrEqual(p.height - 20);
      }
    }
    // Text in the NAMA column ends before the JABATAN column, whose text starts 3.5 pt after its rule.
    for (const p of pdf.pages) {
      const cols = columnsOf(p, LABELS).centres;
      const headerY = p.items.find((i) => i.str === 'NAMA')!.y;
      const body = p.items.filter((i) => i.y > headerY + 5 && i.str.trim());
      const jabatanRule = Math.min(...body.filter((i) => i.x > cols[1]! && i.x < cols[2]!).map((i) => i.x)) - 3.5;
      const names = body.filter((i) => i.x > cols[0]! && i.x < cols[1]!);
      for (const i of names) expect(i.x + i.width, i.str).toBeLessThan(jabatanRule);
      expect(names.some((i) => /Raden|Adiningrat/.test(i.str)) || p !== pdf.pages[0]).toBe(true);
    }
  });

  it('ends with the place and date and the "Mengetahui" block of the signatory', () => {
    const last = flat(pdf.pages.at(-1)!.text);
    expect(last).toContain('Mojokerto, 4 November 2024');
    expect(last).toContain('Mengetahui,');
    expect(last).toContain('Ketua KPU Kota Uji');
    expect(last).toContain('Nama Ketua Uji');
    expect(last).toContain('NIP. 19700101 199001 1 001');
    expect(flat(pdf.text).split('Mengetahui,').length - 1).toBe(1);
  });

  it('prints no personal numbers unless the columns ask for them', async () => {
    const niks = rows.map((r) => r.nik!);
    expect(niks.every(Boolean)).toBe(true);
    const text = flat(pdf.text);
    for (const n of niks) expect(text).not.toContain(n);
    const withNik = context((c) => (c.settings.attendance.columns = ['name', 'nik']));
    const r = await build(withNik, rows);
    const sheetNik = rowsOf(r.pdf, ['NO', 'NAMA', 'NIK', 'TANDA TANGAN']);
    expect(sheetNik.map((x) => x.cells[1])).toEqual(niks);
  });

  it('is deterministic and not tagged', async () => {
    const again = await build(ctx, rows);
    const hash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(hash(again.result.path)).toBe(hash(file));
    expect(readFileSync(file).includes('/StructTreeRoot')).toBe(false);
    expect(pdf.info.Title).toBe('DAFTAR HADIR — Pelatihan Uji Fasilitator — Senin, 4 November 2024');
  });
});

describe('attendance sheet variants', () => {
  it('groups by kecamatan: a section per group on a new page, numbering from 1, group named under the title', async () => {
    const ctx = context();
    const rows = await loadRoster(ROSTER_69);
    const { pdf, result } = await build(ctx, rows, { groupBy: 'Kecamatan', blank: 2 });
    const order = [...new Set(rows.map((r) => r.kecamatan!))];
    expect(order.length).toBe(3);
    const sheet = rowsOf(pdf, LABELS);
    let at = 0;
    for (const kec of order) {
      const members = rows.filter((r) => r.kecamatan === kec);
      const section = sheet.slice(at, at + members.length + 2);
      at += members.length + 2;
      expect(section.map((r) => r.no)).toEqual([...members.map((_, i) => i + 1), members.length + 1, members.length + 2]);
      expect(section.map((r) => r.cells[0])).toEqual([...members.map((r) => r.name), '', '']);
      // The section starts on a new page, under the kop, with its group named.
      const first = pdf.pages[section[0]!.page]!;
      expect(section[0]!.page === 0 || sheet[sheet.indexOf(section[0]!) - 1]!.page < section[0]!.page).toBe(true);
      expect(flat(first.text)).toContain(`KECAMATAN: ${kec}`);
      expect(flat(first.text)).toContain('KOMISI PEMILIHAN UMUM KOTA UJI');
    }
    expect(at).toBe(sheet.length);
    expect(flat(pdf.text).split('Mengetahui,').length - 1).toBe(3);
    expect(result.pages).toBe(pdf.pages.length);
    pdf.pages.forEach((p, i) => expect(p.text).toContain(`Halaman ${i + 1} dari ${pdf.pages.length}`));
  });

  it('prints a blank sheet of 20 numbered rows without a roster, or as many as asked', async () => {
    const ctx = context();
    const blank = await build(ctx, null);
    const sheet = rowsOf(blank.pdf, LABELS);
    expect(sheet.map((r) => r.no)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(sheet.every((r) => r.cells.slice(0, 3).every((c) => c === ''))).toBe(true);
    expect(sheet.every((r) => r.sign)).toBe(true);
    // At least three rows go with the signature block onto the last page.
    expect(sheet.filter((r) => r.page === blank.pdf.pages.length - 1).length).toBeGreaterThanOrEqual(3);
    const five = await build(ctx, null, { blank: 5 });
    expect(rowsOf(five.pdf, LABELS).map((r) => r.no)).toEqual([1, 2, 3, 4, 5]);
    expect(five.pdf.pages.length).toBe(1);
  });

  it('adds empty rows for walk-ins after the roster', async () => {
    const ctx = context();
    const rows = (await loadRoster(ROSTER_69)).slice(0, 3);
    const { pdf } = await build(ctx, rows, { blank: 4 });
    const sheet = rowsOf(pdf, LABELS);
    expect(sheet.map((r) => r.no)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sheet.map((r) => r.cells[0])).toEqual([...rows.map((r) => r.name), '', '', '', '']);
  });

  it('turns to landscape A4 on request', async () => {
    const ctx = context();
    const { pdf } = await build(ctx, (await loadRoster(ROSTER_69)).slice(0, 30), { orientation: 'landscape' });
    for (const p of pdf.pages) {
      expect(p.width).toBeCloseTo(841.89, 1);
      expect(p.height).toBeCloseTo(595.28, 1);
    }
    expect(rowsOf(pdf, LABELS).map((r) => r.no)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('makes one sheet per session day, or only the one asked for', () => {
    const ctx = context((c) => {
      c.schedule.push({ date: '2024-11-05', items: [{ start: '08.00', end: '12.00', activity: 'Simulasi' }] });
    });
    expect(attendanceJobs(ctx, {}).map((j) => path.basename(j.file))).toEqual(['daftar-hadir-2024-11-04.pdf', 'daftar-hadir-2024-11-05.pdf']);
    expect(attendanceJobs(ctx, { session: '2024-11-05' }).map((j) => j.date)).toEqual(['2024-11-05']);
    expect(() => attendanceJobs(ctx, { session: '2024-11-06' })).toThrow(UserError);
    expect(() => attendanceJobs(ctx, { session: '5 Nov' })).toThrow(/bukan tanggal/);
    expect(() => attendanceJobs(ctx, { groupBy: 'nama' })).toThrow(/tidak dapat mengelompokkan/);
    expect(() => attendanceJobs(ctx, { groupBy: 'NIK' })).toThrow(/tidak dapat mengelompokkan/);
    expect(attendanceJobs(ctx, { groupBy: 'Kelurahan/Desa' })[0]!.groupBy).toBe('kelurahan');
    expect(() => attendanceJobs(ctx, { blank: -1 })).toThrow(UserError);
    expect(attendanceJobs(ctx, {})[0]!.roster).toMatch(/peserta\.csv$/);
  });

  it('records characters the fonts cannot draw, with the roster row', async () => {
    const ctx = context();
    await build(ctx, [{ line: 7, name: 'Budi 漢字 Santoso', role: 'Ketua' }]);
    const report = ctx.glyphs.report();
    expect(report.map((m) => m.char)).toEqual(['字', '漢']);
    expect(report[0]!.places[0]).toMatch(/peserta\.csv baris 7/);
  });
});

describe('attendance command', () => {
  it('builds from a --roster path relative to the working directory and reports JSON', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-attendance-cli-'));
    let stdout = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    try {
      expect(await run(FIXTURE, { out, roster: ROSTER_69, blank: '3', landscape: true, json: true } as Parameters<typeof run>[1])).toBe(0);
    } finally {
      write.mockRestore();
    }
    const report = JSON.parse(stdout) as { ok: boolean; files: { path: string; kind: string; pages: number }[] };
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => [path.basename(f.path), f.kind])).toEqual([['daftar-hadir-2024-11-04.pdf', 'attendance']]);
    const pdf = await readPdf(path.join(out, 'daftar-hadir-2024-11-04.pdf'));
    expect(pdf.pages[0]!.width).toBeCloseTo(841.89, 1);
    expect(rowsOf(pdf, LABELS).length).toBe(72);
    await expect(run(FIXTURE, { out, blank: 'sepuluh' })).rejects.toThrow(/baris kosong/);
    await expect(run(FIXTURE, { out, roster: 'tidak-ada.csv' })).rejects.toThrow(/roster tidak ditemukan/);
  });
});
