import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError, type Diagnostic } from '../src/curriculum/index.js';
import { LIMITS } from '../src/curriculum/source-file.js';
import { detectDelimiter, fieldOf, loadRoster, type RosterRow } from '../src/roster/index.js';

const DIR = 'tests/fixtures/rosters';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bimtek-roster-'));

type Cell = string | number | null;

/** A minimal XLSX workbook (shared strings, numbers as numbers), as Excel writes one. */
async function xlsx(sheets: { name: string; rows: [number, Cell[]][] }[]): Promise<Buffer> {
  const zip = new JSZip();
  const strings: string[] = [];
  const index = new Map<string, number>();
  const si = (s: string) => {
    if (!index.has(s)) {
      index.set(s, strings.length);
      strings.push(s);
    }
    return index.get(s)!;
  };
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const col = (i: number) => String.fromCharCode(65 + i);
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  sheets.forEach((sheet, i) => {
    const rows = sheet.rows
      .map(([r, cells]) => {
        const cs = cells.map((v, c) => (v === null ? '' : typeof v === 'number' ? `<c r="${col(c)}${r}"><v>${v}</v></c>` : `<c r="${col(c)}${r}" t="s"><v>${si(v)}</v></c>`)).join('');
        return `<row r="${r}">${cs}</row>`;
      })
      .join('');
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, `${head}<worksheet ${ns}><sheetData>${rows}</sheetData></worksheet>`);
  });
  zip.file('xl/sharedStrings.xml', `${head}<sst ${ns} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`);
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  zip.file(
    '[Content_Types].xml',
    `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/></Types>`,
  );
  zip.file('_rels/.rels', `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', `${head}<workbook ${ns} xmlns:r="${rel}"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The same five people in every format (an empty row between the third and the fourth). */
const EXPECTED: Omit<RosterRow, 'line'>[] = [
  { name: 'Agus Santoso, S.H.', role: 'Ketua PPK', origin: 'Kec. Kranggan', kecamatan: 'Kranggan', nik: '3576010101800001' },
  { name: 'Siti "Ita" Rahayu', role: 'Anggota PPS', origin: 'Kel. Miji', kecamatan: 'Kranggan', nik: '3576010101800002' },
  { name: 'Raden Mas Muhammad Abdurrahman Wahyudi, S.H.', role: 'Anggota PPS', origin: 'Kel. Gunung Gedangan', kecamatan: 'Magersari', nik: '3576010101800003', note: 'datang terlambat' },
  { name: 'André Wijaya', role: 'Sekretaris PPS', origin: 'Kel. Wates; Magersari', kecamatan: 'Magersari', nik: '3576010101800004' },
  { name: 'Bambang Pamungkas', role: 'Anggota PPK', origin: 'Kec. Prajurit Kulon', kecamatan: 'Prajurit Kulon', nik: '3576010101800005' },
];

const withoutLine = (rows: RosterRow[]) => rows.map(({ line: _line, ...rest }) => rest);

async function problems(file: string, opts: { sheet?: string } = {}): Promise<Diagnostic[]> {
  try {
    await loadRoster(file, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).diagnostics;
  }
  throw new Error(`${file}: expected a UserError`);
}

describe('roster formats', () => {
  let xlsxFile: string;
  beforeAll(async () => {
    xlsxFile = path.join(tmp, 'peserta.xlsx');
    // Another sheet first, Indonesian headers with other spellings, NIK typed as a number, a
    // line break inside a cell (Alt+Enter) and an empty row.
    const people: [number, Cell[]][] = [
      [1, ['No', 'Nama', 'Unsur', 'Asal Instansi', 'Kecamatan', 'NIK', 'Ket.']],
      [2, [1, 'Agus Santoso, S.H.', 'Ketua PPK', 'Kec. Kranggan', 'Kranggan', 3576010101800001, null]],
      [3, [2, 'Siti "Ita" Rahayu', 'Anggota PPS', 'Kel. Miji', 'Kranggan', 3576010101800002, null]],
      [4, [3, 'Raden Mas Muhammad Abdurrahman Wahyudi, S.H.', 'Anggota PPS', 'Kel. Gunung Gedangan', 'Magersari', 3576010101800003, 'datang terlambat']],
      [6, [4, 'André Wijaya', 'Sekretaris PPS', 'Kel. Wates; Magersari', 'Magersari', '3576010101800004', null]],
      [7, [5, 'Bambang\nPamungkas', 'Anggota PPK', 'Kec. Prajurit Kulon', 'Prajurit Kulon', 3576010101800005, null]],
    ];
    writeFileSync(xlsxFile, await xlsx([{ name: 'Petunjuk', rows: [[1, ['Isi lembar Peserta']]] }, { name: 'Peserta', rows: people }]));
    writeFileSync(path.join(tmp, 'first-sheet.xlsx'), await xlsx([{ name: 'Sheet1', rows: people }]));
  });

  it('reads a semicolon CSV with BOM and CRLF', async () => {
    const rows = await loadRoster(path.join(DIR, 'semicolon-bom-crlf.csv'));
    expect(withoutLine(rows)).toEqual(EXPECTED);
    // Line numbers in the file: the empty row (line 5) is skipped, a quoted cell spans lines 7–8.
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 6, 7]);
  });

  it('reads a comma CSV with English headers, another column order and an unknown column', async () => {
    expect(withoutLine(await loadRoster(path.join(DIR, 'comma.csv')))).toEqual(EXPECTED);
  });

  it('reads an XLSX roster: a named sheet, or the first sheet', async () => {
    const rows = await loadRoster(xlsxFile, { sheet: 'Peserta' });
    expect(withoutLine(rows)).toEqual(EXPECTED);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 6, 7]);
    expect(withoutLine(await loadRoster(path.join(tmp, 'first-sheet.xlsx')))).toEqual(EXPECTED);
  });

  it('names the sheets there are when the sheet does not exist', async () => {
    const [d] = await problems(xlsxFile, { sheet: 'Daftar' });
    expect(d!.message).toMatch(/lembar.*"Daftar".*tidak ada/);
    expect(d!.expected).toContain('"Peserta"');
  });

  it('keeps only the columns asked for (a NIK that is not printed is not held)', async () => {
    const rows = await loadRoster(path.join(DIR, 'semicolon-bom-crlf.csv'), { columns: [{ field: 'role', required: false }] });
    expect(rows[0]).toEqual({ line: 2, name: 'Agus Santoso, S.H.', role: 'Ketua PPK' });
    expect(rows.some((r) => 'nik' in r || 'origin' in r)).toBe(false);
  });

  it('maps header spellings case- and space-insensitively', () => {
    expect(fieldOf('NAMA LENGKAP')).toBe('name');
    expect(fieldOf(' nama_lengkap ')).toBe('name');
    expect(fieldOf('Jabatan/Unsur')).toBe('role');
    expect(fieldOf('No. HP')).toBe('phone');
    expect(fieldOf('Telepon')).toBe('phone');
    expect(fieldOf('Kelurahan / Desa')).toBe('kelurahan');
    expect(fieldOf('desa')).toBe('kelurahan');
    expect(fieldOf('Instansi')).toBe('institution');
    expect(fieldOf('No')).toBe('ignore');
    expect(fieldOf('Email')).toBeUndefined();
  });

  it('detects the separator from the header line only', () => {
    expect(detectDelimiter('Nama;Jabatan;"Asal, Kota"\nA,B,C,D,E')).toBe(';');
    expect(detectDelimiter('\n\nName,Role\n')).toBe(',');
    expect(detectDelimiter('Nama\nAgus Santoso, S.H.; x\n')).toBe(',');
    expect(detectDelimiter('Nama\tJabatan\n')).toBe('\t');
  });
});

describe('roster problems', () => {
  it('reports every broken row at once, with its line', async () => {
    const ds = await problems(path.join(DIR, 'broken.csv'));
    expect(ds.map((d) => d.line)).toEqual([3, 4, 5, 6]);
    for (const d of ds) {
      expect(d.file).toMatch(/broken\.csv$/);
      expect(d.col).toBe(0);
      expect(d.severity).toBe('error');
      expect(d.hint).toBeTruthy();
    }
    expect(ds[0]!.message).toMatch(/nama peserta kosong/);
    expect(ds[1]!.message).toMatch(/jumlah kolom/);
    expect(ds[1]).toMatchObject({ expected: '3 kolom', found: '4 kolom' });
    expect(ds[2]!.message).toMatch(/tanda kutip/);
    expect(ds[3]).toMatchObject({ expected: '3 kolom', found: '2 kolom' });
    // One UserError whose message lists them as file:line.
    await expect(loadRoster(path.join(DIR, 'broken.csv'))).rejects.toThrow(/broken\.csv:3: nama peserta kosong[\s\S]*broken\.csv:6:/);
  });

  it('reports a row in an XLSX roster by its row number, and ignores cells right of the table', async () => {
    const file = path.join(tmp, 'broken.xlsx');
    writeFileSync(file, await xlsx([{ name: 'Sheet1', rows: [[1, ['Nama', 'Jabatan']], [2, ['Agus', 'Ketua', null, 'jumlah: 3']], [3, [null, 'Anggota']], [5, ['Eko', 'Anggota']]] }]));
    const ds = await problems(file);
    expect(ds.map((d) => [d.line, d.message])).toEqual([[3, 'nama peserta kosong']]);
  });

  it('names the headers found and the ones expected when there is no name column', async () => {
    const [d, ...rest] = await problems(path.join(DIR, 'no-name-column.csv'));
    expect(rest).toEqual([]);
    expect(d!.line).toBe(1);
    expect(d!.message).toMatch(/kolom nama tidak ditemukan/);
    expect(d!.found).toBe('"No", "Nma", "Jabatan", "Asal"');
    expect(d!.expected).toContain('"Nama"');
    expect(d!.hint).toMatch(/maksudnya "Nama"\?/);
  });

  it('says how to save a roster that is not UTF-8', async () => {
    const file = path.join(tmp, 'latin1.csv');
    writeFileSync(file, Buffer.from('Nama;Jabatan\nAndr\xe9;Ketua\n', 'latin1'));
    const [d] = await problems(file);
    expect(d!.message).toMatch(/bukan teks UTF-8/);
    expect(d!.line).toBe(2);
    expect(d!.hint).toMatch(/CSV UTF-8/);
  });

  it('refuses a roster over the size limit without reading it', async () => {
    const file = path.join(tmp, 'huge.csv');
    writeFileSync(file, '');
    truncateSync(file, LIMITS.rosterBytes + 1); // sparse: no disk space used
    const [d] = await problems(file);
    expect(d!.message).toMatch(/terlalu besar/);
  });

  it('refuses old .xls workbooks, empty rosters and missing files with a hint', async () => {
    const xls = path.join(tmp, 'lama.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect((await problems(xls))[0]!.message).toMatch(/\.xls/);
    const empty = path.join(tmp, 'kosong.csv');
    writeFileSync(empty, 'Nama;Jabatan\r\n;\r\n');
    expect((await problems(empty))[0]!.message).toMatch(/tidak berisi peserta/);
    expect((await problems(path.join(tmp, 'tidak-ada.csv')))[0]!.message).toMatch(/tidak ditemukan/);
  });

  it('caps the number of problems reported for a wrong file', async () => {
    const file = path.join(tmp, 'many.csv');
    writeFileSync(file, 'Nama;Jabatan\n' + ';x\n'.repeat(500));
    const ds = await problems(file);
    expect(ds.length).toBe(101);
    expect(ds[100]!.message).toMatch(/dan 400 masalah lain/);
  });
});
