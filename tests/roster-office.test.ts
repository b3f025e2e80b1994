/**
 * Rosters as offices keep them: regional column names, title rows above the header, columns
 * mapped in the settings, numbers Excel damaged, and LibreOffice Calc files (ODS and the XLSX Calc
 * writes). The LibreOffice fixtures were saved by LibreOffice Calc 7.4 from libreoffice-diy.fods:
 * two merged title rows, the header in row 4, DIY names (Kapanewon, Kalurahan, No. TPS).
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { UserError, type AttendanceColumnSetting, type Diagnostic } from '../src/curriculum/index.js';
import { fieldOf, loadRoster, printedColumns, type RosterRow } from '../src/roster/index.js';
import { HEADER_SEARCH_ROWS, MAX_SAME_WARNING } from '../src/roster/rows.js';
import { runCli } from './helpers/cli.js';
import { readPdf } from './helpers/pdf.js';

const DIR = 'tests/fixtures/rosters';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bimtek-roster-office-'));

function file(name: string, content: string | Buffer): string {
  const f = path.join(tmp, name);
  writeFileSync(f, content);
  return f;
}

/** Rows and warnings, reading the columns the settings would print. */
async function read(f: string, columns?: AttendanceColumnSetting[], sheet?: string): Promise<{ rows: RosterRow[]; warnings: Diagnostic[] }> {
  const warnings: Diagnostic[] = [];
  const rows = await loadRoster(f, { warnings, ...(columns ? { columns: printedColumns(columns).specs } : {}), ...(sheet ? { sheet } : {}) });
  return { rows, warnings };
}

async function problems(f: string, columns?: AttendanceColumnSetting[], sheet?: string): Promise<Diagnostic[]> {
  const e = await read(f, columns, sheet).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  return (e as UserError).diagnostics;
}

const withoutLine = (rows: RosterRow[]) => rows.map(({ line: _line, ...rest }) => rest);

const DIY_COLUMNS: AttendanceColumnSetting[] = ['name', 'role', 'kecamatan', 'kelurahan', 'tps', 'nik', 'phone'];

/** The people of libreoffice-diy.*, as they are in the file (damage included). */
const DIY: Omit<RosterRow, 'line'>[] = [
  { name: 'Agus Santoso, S.H.', role: 'Ketua KPPS', kecamatan: 'Depok', kelurahan: 'Caturtunggal', tps: '001', nik: '3404120101800001', phone: '081234567801' },
  { name: 'Siti Rahayu', role: 'Anggota KPPS', kecamatan: 'Mlati', kelurahan: 'Sinduadi', tps: '014', nik: '3404120101800000', phone: '81234567802' },
  { name: 'Raden Mas Wahyudi', role: 'Anggota KPPS', kecamatan: 'Depok', kelurahan: 'Condongcatur', tps: '023', nik: '3.40412E+15', phone: '0812 3456 7803' },
  { name: 'André Wijaya', role: 'Sekretaris PPS', kecamatan: 'Mlati', kelurahan: 'Sendangadi', phone: '+62 812-3456-7804' },
];

describe('regional column names', () => {
  it('reads kapanewon, kemantren and distrik as kecamatan; kalurahan, desa, nagari, gampong and kampung as kelurahan', () => {
    for (const h of ['Kapanewon', 'KEMANTREN', 'Distrik', 'Kecamatan', 'Kapanewon / Kemantren', 'Kecamatan/Kapanewon']) expect(fieldOf(h), h).toBe('kecamatan');
    for (const h of ['Kalurahan', 'Desa', 'Nagari', 'Gampong', 'Kampung', 'Desa/Kalurahan', 'Kelurahan / Desa']) expect(fieldOf(h), h).toBe('kelurahan');
    for (const h of ['TPS', 'No TPS', 'No. TPS', 'Nomor TPS', 'TPS No.']) expect(fieldOf(h), h).toBe('tps');
    expect(fieldOf('No HP/WA')).toBe('phone');
    expect(fieldOf('Asal TPS / Desa')).toBe('origin');
    // Parts naming different fields name none.
    expect(fieldOf('Nama/Jabatan')).toBeUndefined();
    expect(fieldOf('Kapanewon/Kalurahan')).toBeUndefined();
  });

  it('reads a DIY roster with a title row, printing the regional columns', async () => {
    const f = file('diy.csv', 'DAFTAR PESERTA BIMTEK KPPS KAPANEWON DEPOK\n\nNo;Nama;Jabatan;Kapanewon;Kalurahan;TPS\n1;Agus;Ketua KPPS;Depok;Caturtunggal;001\n2;Siti;Anggota KPPS;Depok;Condongcatur;002\n');
    const { rows, warnings } = await read(f, ['name', 'role', 'kecamatan', 'kelurahan', 'tps']);
    expect(rows).toEqual([
      { line: 4, name: 'Agus', role: 'Ketua KPPS', kecamatan: 'Depok', kelurahan: 'Caturtunggal', tps: '001' },
      { line: 5, name: 'Siti', role: 'Anggota KPPS', kecamatan: 'Depok', kelurahan: 'Condongcatur', tps: '002' },
    ]);
    expect(warnings).toEqual([]);
  });
});

describe('columns the roster lacks', () => {
  const diy = () => file('diy-lacks.csv', 'Nama;Kapanewon;Kalurahan;No TPS\nAgus;Depok;Caturtunggal;001\n');

  it('warns (with the header row and what to do) when a column printed by default is missing', async () => {
    // Without columns asked for, nothing is required.
    expect((await read(diy())).warnings).toEqual([]);
    const w: Diagnostic[] = [];
    expect(await loadRoster(diy(), { columns: printedColumns(undefined).specs, warnings: w })).toHaveLength(1);
    expect(w.map((d) => [d.line, d.severity, d.message])).toEqual([
      [1, 'warning', 'roster tidak punya kolom Jabatan (role): kolom itu dicetak kosong'],
      [1, 'warning', 'roster tidak punya kolom Asal (origin): kolom itu dicetak kosong'],
    ]);
    expect(w[0]!.found).toBe('judul kolom "Nama", "Kapanewon", "Kalurahan", "No TPS"');
    expect(w[0]!.hint).toContain('kecamatan ("Kapanewon"), kelurahan ("Kalurahan"), tps ("No TPS")');
  });

  it('is an error, at the header row, for a column set in the settings', async () => {
    const f = file('no-role.csv', 'DAFTAR HADIR\nNama;Kapanewon;Wilayah TPS\nAgus;Depok;001\n');
    const ds = await problems(f, ['name', 'kecamatan', { field: 'role', label: 'JABATAN' }, { field: 'note', optional: true }]);
    expect(ds.map((d) => [d.line, d.severity, d.message])).toEqual([
      [2, 'error', 'roster tidak punya kolom Jabatan (role)'],
      [2, 'warning', 'roster tidak punya kolom Keterangan (note): kolom itu dicetak kosong'],
    ]);
    expect(ds[0]!.hint).toContain('bila kolom "Wilayah TPS" berisi role, tulis di settings.attendance.columns[2]: { field: role, header: "Wilayah TPS" }');
    expect(ds[0]!.hint).toContain('optional: true');
  });

  it('reads a column under the header the settings name, instead of the usual names', async () => {
    const f = file('mapped.csv', 'Nama Anggota;Kecamatan;Wilayah Kerja;Unsur KPPS\nAgus;Salah;Depok;Ketua\n');
    const { rows } = await read(f, ['name', { field: 'kecamatan', header: ['Wilayah Kerja', 'Wil. Kerja'], label: 'WILAYAH' }, { field: 'role', header: 'Unsur KPPS' }]);
    expect(rows).toEqual([{ line: 2, name: 'Agus', kecamatan: 'Depok', role: 'Ketua' }]);
    const ds = await problems(f, ['name', { field: 'kecamatan', header: 'Kapanewon' }]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ line: 1, severity: 'error', message: 'roster tidak punya kolom "Kapanewon" untuk kecamatan', expected: 'judul kolom "Kapanewon"' });
  });

  it('keeps the plain list of column names working, with the name first when not placed', () => {
    expect(printedColumns(['role', 'tps'])).toEqual({
      fields: ['name', 'role', 'tps'],
      labels: {},
      specs: [
        { field: 'name', required: true },
        { field: 'role', required: true, source: 'settings.attendance.columns[0]' },
        { field: 'tps', required: true, source: 'settings.attendance.columns[1]' },
      ],
    });
    const set = printedColumns([{ field: 'kecamatan', header: 'Kapanewon', label: 'KAPANEWON', optional: true }, 'name']);
    expect(set.fields).toEqual(['kecamatan', 'name']);
    expect(set.labels).toEqual({ kecamatan: 'KAPANEWON' });
    expect(set.specs[0]).toEqual({ field: 'kecamatan', headers: ['Kapanewon'], required: false, source: 'settings.attendance.columns[0]' });
  });
});

describe('the header row below title rows', () => {
  it('skips title rows (with or without separators) and counts lines from the top of the file', async () => {
    const f = file('title.csv', 'DAFTAR HADIR;;;\r\nBimtek KPPS, Kota Mojokerto;;;\r\n;;;\r\nNo;Nama;Jabatan;Asal\r\n1;Agus;Ketua;Kranggan\r\n');
    const { rows } = await read(f);
    expect(rows).toEqual([{ line: 5, name: 'Agus', role: 'Ketua', origin: 'Kranggan' }]);
  });

  it('finds the separator in the header line below a title line without one', async () => {
    const f = file('title-semicolon.csv', 'DAFTAR HADIR BIMTEK KPPS\nNama;Jabatan\nAgus;Ketua\n');
    expect((await read(f)).rows).toEqual([{ line: 3, name: 'Agus', role: 'Ketua' }]);
  });

  it('takes a header with another known column over a title that is only a column name', async () => {
    const f = file('peserta-title.csv', 'PESERTA\nNama,Jabatan\nAgus,Ketua\n');
    expect((await read(f)).rows).toEqual([{ line: 3, name: 'Agus', role: 'Ketua' }]);
  });

  it('still reads a roster with a name column only', async () => {
    const f = file('names.csv', 'Nama\nAgus Santoso\nSiti Rahayu\n');
    expect((await read(f)).rows.map((r) => [r.line, r.name])).toEqual([
      [2, 'Agus Santoso'],
      [3, 'Siti Rahayu'],
    ]);
  });

  it(`fails with a hint when no row in the first ${HEADER_SEARCH_ROWS} names the name column`, async () => {
    const f = file('no-header.csv', 'DAFTAR HADIR\nNo;Nma;Jabatan\n' + '1;Agus;Ketua\n'.repeat(30));
    const ds = await problems(f);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ line: 2, found: '"No", "Nma", "Jabatan"' });
    expect(ds[0]!.message).toContain(`dicari di ${HEADER_SEARCH_ROWS} baris pertama`);
    expect(ds[0]!.hint).toMatch(/maksudnya "Nama"\?/);
  });
});

describe('numbers a spreadsheet damaged', () => {
  it('warns at the row and column of a NIK in scientific notation or short, and a phone without its 0', async () => {
    const f = file('damage.csv', 'Nama;NIK;No HP;NIP\nAgus;"3,57601E+15";81234567890;19800101 200501 1 001\nSiti;357601010180000;081234567890;1.98001E+17\nEko;3576010101800003;+62 812 3456 7890;\n');
    const { rows, warnings } = await read(f, ['name', 'nik', 'phone', 'nip']);
    // Printed as written: the roster does not guess the lost digits.
    expect(rows.map((r) => r.nik)).toEqual(['3,57601E+15', '357601010180000', '3576010101800003']);
    expect(warnings.map((w) => [w.line, w.col, w.severity, w.message])).toEqual([
      [2, 2, 'warning', 'kolom 2 (NIK): NIK tertulis dalam notasi ilmiah: angka aslinya sudah hilang'],
      [2, 3, 'warning', 'kolom 3 (No HP): nomor HP tanpa angka 0 di depan: kemungkinan hilang karena sel berformat angka'],
      [3, 2, 'warning', 'kolom 2 (NIK): NIK kurang dari 16 angka (15 angka)'],
      [3, 4, 'warning', 'kolom 4 (NIP): NIP tertulis dalam notasi ilmiah: angka aslinya sudah hilang'],
    ]);
    expect(warnings[1]!.expected).toBe('081234567890');
    for (const w of warnings) expect(w.hint).toMatch(/Teks/);
  });

  it('shows the same damage for the first rows and counts the rest', async () => {
    const f = file('damage-many.csv', 'Nama;NIK\n' + Array.from({ length: 25 }, (_, i) => `Peserta ${i + 1};3.57601E+15\n`).join(''));
    const { warnings } = await read(f, ['name', 'nik']);
    expect(warnings).toHaveLength(MAX_SAME_WARNING + 1);
    expect(warnings.at(-1)!.message).toBe(`dan ${25 - MAX_SAME_WARNING} baris lain dengan masalah yang sama: NIK tertulis dalam notasi ilmiah: angka aslinya sudah hilang`);
  });

  it('does not check numbers the sheet does not print', async () => {
    const f = file('damage-unprinted.csv', 'Nama;NIK\nAgus;3.57601E+15\n');
    expect((await read(f, ['name'])).warnings).toEqual([]);
  });
});

describe('rosters saved by LibreOffice Calc', () => {
  for (const ext of ['ods', 'xlsx']) {
    it(`reads the .${ext}: title rows merged over the columns, DIY names, rows numbered as Calc shows them`, async () => {
      const { rows, warnings } = await read(path.join(DIR, `libreoffice-diy.${ext}`), DIY_COLUMNS, 'Peserta');
      expect(withoutLine(rows)).toEqual(DIY);
      // Two empty rows (written as one repeated row) before the fourth person.
      expect(rows.map((r) => r.line)).toEqual([5, 6, 7, 10]);
      expect(warnings.map((w) => [w.line, w.col, w.message])).toEqual([
        [6, 7, 'kolom G (NIK): NIK disimpan sebagai angka, bukan teks: Excel dan LibreOffice hanya menyimpan 15 angka pertama, angka terakhir mungkin sudah menjadi 0'],
        [6, 8, 'kolom H (No. HP): nomor HP tanpa angka 0 di depan: kemungkinan hilang karena sel berformat angka'],
        [7, 7, 'kolom G (NIK): NIK tertulis dalam notasi ilmiah: angka aslinya sudah hilang'],
      ]);
    });
  }

  it('picks an ODS sheet by name or number, and names the sheets there are', async () => {
    const ods = path.join(DIR, 'libreoffice-diy.ods');
    expect((await read(ods, DIY_COLUMNS, '2')).rows).toHaveLength(4);
    const [d] = await problems(ods, DIY_COLUMNS, 'Daftar');
    expect(d!.message).toBe('lembar (sheet) "Daftar" tidak ada di berkas ODS');
    expect(d!.expected).toBe('salah satu dari "Petunjuk", "Peserta"');
    // The first sheet holds a note, not a roster.
    expect((await problems(ods))[0]!.message).toMatch(/kolom nama tidak ditemukan/);
  });

  it('tells what is wrong with a file that is not a readable spreadsheet', async () => {
    const zip = async (files: Record<string, string>) => {
      const z = new JSZip();
      for (const [name, text] of Object.entries(files)) z.file(name, text, name === 'mimetype' ? { compression: 'STORE' } : {});
      return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    const odt = file('surat.ods', await zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<x/>' }));
    expect((await problems(odt))[0]).toMatchObject({ message: 'roster bukan lembar kerja: berkas ini dokumen OpenDocument jenis lain', found: 'application/vnd.oasis.opendocument.text' });
    const broken = file('rusak.ods', await zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content><table:table table:name="A"><table:table-row>' }));
    expect((await problems(broken))[0]!.message).toBe('roster ODS tidak dapat dibaca: isinya (content.xml) rusak');
    const locked = file('sandi.ods', await zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': 'xx', 'META-INF/manifest.xml': '<manifest:encryption-data/>' }));
    expect((await problems(locked))[0]!.message).toBe('roster ODS dilindungi kata sandi');
    const notZip = file('teks.ods', 'Nama;Jabatan\n');
    expect((await problems(notZip))[0]!.message).toBe('berkas .ods ini bukan lembar kerja LibreOffice yang sah');
  });
});

describe('bimtek validate and attendance with an office roster', () => {
  /** The mini curriculum with a LibreOffice roster (sheet Peserta) and these columns (portrait A4). */
  function curriculum(name: string, columns: string, roster = 'libreoffice-diy.ods'): string {
    const dir = path.join(tmp, name);
    cpSync('tests/fixtures/mini', dir, { recursive: true });
    copyFileSync(path.join(DIR, roster), path.join(dir, roster));
    const yaml = path.join(dir, 'curriculum.yaml');
    const text = readFileSync(yaml, 'utf8');
    expect(text).toContain('    roster: peserta.csv\n');
    writeFileSync(yaml, text.replace('    roster: peserta.csv\n', `    roster: ${roster}\n    sheet: Peserta\n    columns:\n${columns}`));
    return dir;
  }

  const DIY_YAML = ['name', 'role', '{ field: kecamatan, label: KAPANEWON }', '{ field: kelurahan, label: KALURAHAN }', 'tps', 'nik'].map((c) => `      - ${c}\n`).join('');

  it('validate reads the roster: exit 0 with each damaged number as a warning at its row and column', () => {
    const dir = curriculum('diy-ok', DIY_YAML);
    const r = runCli(['validate', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/valid — .*; roster .*libreoffice-diy\.ods: 4 peserta, 2 peringatan\n$/);
    expect(r.stderr).toMatch(/libreoffice-diy\.ods:6:7: peringatan: kolom G \(NIK\): NIK disimpan sebagai angka/);
    expect(r.stderr).toMatch(/libreoffice-diy\.ods:7:7: peringatan: kolom G \(NIK\): NIK tertulis dalam notasi ilmiah/);
    const json = JSON.parse(runCli(['validate', dir, '--json']).stdout) as { ok: boolean; roster: { participants: number }; diagnostics: Diagnostic[] };
    expect(json.ok).toBe(true);
    expect(json.roster.participants).toBe(4);
    expect(json.diagnostics.map((d) => [d.line, d.col, d.severity])).toEqual([
      [6, 7, 'warning'],
      [7, 7, 'warning'],
    ]);
  });

  it('validate exits 1 on a roster that lacks a column the settings print, and on every bad row', () => {
    const dir = curriculum('diy-bad', `${DIY_YAML}      - institution\n`, 'libreoffice-diy.xlsx');
    writeFileSync(path.join(dir, 'rusak.csv'), 'Judul\nNama;Jabatan;Instansi\nAgus;Ketua;KPU\n;Anggota;KPU\nSiti;Anggota\n');
    let r = runCli(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/libreoffice-diy\.xlsx:4: galat: roster tidak punya kolom Instansi \(institution\)/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const yaml = path.join(dir, 'curriculum.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('roster: libreoffice-diy.xlsx\n    sheet: Peserta\n', 'roster: rusak.csv\n').replace(DIY_YAML, '      - name\n      - role\n'));
    r = runCli(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => / galat: /.test(l))).toEqual([
      expect.stringMatching(/rusak\.csv:4: galat: nama peserta kosong$/),
      expect.stringMatching(/rusak\.csv:5: galat: jumlah kolom tidak sama dengan baris judul/),
    ]);
  });

  it('prints the regional headings, the TPS column and each NIK on one line, even with eight columns on a portrait page', async () => {
    const dir = curriculum('diy-build', `${DIY_YAML}      - phone\n`);
    const out = path.join(dir, 'out');
    const r = runCli(['attendance', dir, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/peringatan: kolom G \(NIK\)/);
    const pdf = await readPdf(path.join(out, 'daftar-hadir-2024-11-04.pdf'));
    const page = pdf.pages[0]!;
    for (const label of ['NAMA', 'TPS', 'NIK', 'NO. HP']) expect(page.items.some((i) => i.str === label), label).toBe(true);
    // Headings of narrow columns wrap: read them with their lines joined.
    const joined = page.items.map((i) => i.str).join('');
    for (const label of ['JABATAN', 'KAPANEWON', 'KALURAHAN']) expect(joined, label).toContain(label);
    expect(joined).not.toContain('KECAMATAN');
    // Each NIK is one text item: not broken over two lines of its cell.
    for (const nik of ['3404120101800001', '3404120101800000', '3.40412E+15', '081234567801']) expect(page.items.filter((i) => i.str === nik), nik).toHaveLength(1);
    for (const tps of ['001', '014', '023']) expect(page.items.some((i) => i.str === tps), tps).toBe(true);
  });
});
