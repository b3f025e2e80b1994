/**
 * ODS rosters (LibreOffice Calc, "OpenDocument Spreadsheet"): a zip whose content.xml holds the
 * sheets as <table:table> elements. Read with jszip (already used for PPTX) and saxes, a strict
 * streaming XML parser: rows go to the builder as they are parsed, so a large sheet is never held
 * as a tree, and a malformed file is reported instead of half-read.
 *
 * Row numbers are the ones Calc shows: repeated rows (table:number-rows-repeated, which is how
 * Calc writes runs of empty rows) count as that many rows. Merged cells (covered-table-cell)
 * count as columns, so the columns after a merge stay in place.
 */
import { StringDecoder } from 'node:string_decoder';
import JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { diagnostic, fail, UserError } from '../curriculum/diagnostics.js';
import { LIMITS } from '../curriculum/source-file.js';
import type { RosterBuilder } from './rows.js';

export const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';
/** Columns read per row (Calc allows up to 16,384; a roster has a dozen). */
const MAX_COLUMNS = 1024;
/** content.xml may be this many times the size of the zip limit (it compresses about 10:1). */
const MAX_XML_BYTES = 4 * LIMITS.rosterBytes;
/** Rows: a repeated filled row may not reach beyond this (Calc itself stops at 1,048,576). */
const MAX_ROWS = 1_048_576;

const RESAVE = 'buka di LibreOffice Calc lalu simpan ulang sebagai .ods atau .xlsx, atau simpan sebagai "CSV UTF-8"';

interface Cell {
  repeat: number;
  /** office:value / date / boolean value, when the cell has one. */
  value?: string;
  numeric: boolean;
  text: string[];
}

/** The state of one pass over content.xml: which table, row and cell we are in. */
class SheetReader {
  names: string[] = [];
  private depth = 0;
  private active = false;
  private rowNo = 0;
  private row: { repeat: number; cells: string[]; numeric: boolean[]; empties: number } | null = null;
  private cell: Cell | null = null;
  /** Paragraphs begun in the cell, and whether one is open (text outside one is layout whitespace). */
  private paragraphs = 0;
  private inParagraph = 0;
  /** Inside <office:annotation> (a comment on a cell): its text is not the cell's. */
  private skip = 0;

  constructor(
    private readonly wanted: (name: string, index: number) => boolean,
    private readonly builder: RosterBuilder,
    private readonly shown: string,
  ) {}

  /** The chosen table was there. */
  found = false;

  builderDone(): boolean {
    return this.builder.fatal;
  }

  open(tag: SaxesTagPlain): void {
    const a = tag.attributes;
    switch (tag.name) {
      case 'table:table':
        this.depth++;
        if (this.depth !== 1) return;
        this.names.push(a['table:name'] ?? '');
        this.active = this.wanted(a['table:name'] ?? '', this.names.length);
        if (this.active) this.found = true;
        return;
      case 'table:table-row':
        if (this.active && this.depth === 1) this.row = { repeat: count(a['table:number-rows-repeated']), cells: [], numeric: [], empties: 0 };
        return;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (!this.row || this.depth !== 1) return;
        this.cell = { repeat: count(a['table:number-columns-repeated']), numeric: false, text: [] };
        this.paragraphs = 0;
        this.inParagraph = 0;
        this.cellValue(a);
        return;
      case 'office:annotation':
        this.skip++;
        return;
    }
    if (!this.cell || this.skip || this.depth !== 1) return;
    if (tag.name === 'text:p' || tag.name === 'text:h') {
      if (this.paragraphs++) this.cell.text.push('\n');
      this.inParagraph++;
    } else if (tag.name === 'text:s') this.cell.text.push(' '.repeat(Math.min(count(a['text:c']), 100)));
    else if (tag.name === 'text:tab') this.cell.text.push('\t');
    else if (tag.name === 'text:line-break') this.cell.text.push('\n');
  }

  private cellValue(a: Record<string, string>): void {
    const cell = this.cell!;
    switch (a['office:value-type']) {
      case 'float':
      case 'percentage':
      case 'currency':
        if (a['office:value'] !== undefined) Object.assign(cell, { value: a['office:value'], numeric: true });
        return;
      case 'date':
        if (a['office:date-value']) cell.value = a['office:date-value'].slice(0, 10);
        return;
      case 'boolean':
        if (a['office:boolean-value']) cell.value = a['office:boolean-value'];
        return;
    }
  }

  text(t: string): void {
    if (this.cell && !this.skip && this.inParagraph) this.cell.text.push(t);
  }

  close(name: string): void {
    switch (name) {
      case 'table:table':
        if (this.depth-- === 1) this.active = false;
        return;
      case 'office:annotation':
        this.skip--;
        return;
      case 'text:p':
      case 'text:h':
        if (this.cell && !this.skip) this.inParagraph--;
        return;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (this.depth === 1) this.endCell();
        return;
      case 'table:table-row':
        if (this.depth === 1) this.endRow();
        return;
    }
  }

  private endCell(): void {
    const cell = this.cell;
    const row = this.row;
    this.cell = null;
    if (!cell || !row) return;
    const value = cell.value ?? cell.text.join('');
    if (value === '') {
      // Runs of empty cells (often thousands, to the sheet's edge) only count until a filled cell follows.
      row.empties += cell.repeat;
      return;
    }
    for (let i = 0; i < row.empties + cell.repeat && row.cells.length < MAX_COLUMNS; i++) {
      const filled = i >= row.empties;
      row.cells.push(filled ? value : '');
      row.numeric.push(filled && cell.numeric);
    }
    row.empties = 0;
  }

  private endRow(): void {
    const row = this.row;
    this.row = null;
    if (!row) return;
    const first = this.rowNo + 1;
    this.rowNo += row.repeat;
    if (!row.cells.length) return;
    if (this.rowNo > MAX_ROWS) fail(this.shown, 'roster ODS terlalu panjang', { expected: `paling banyak ${MAX_ROWS} baris`, hint: RESAVE });
    for (let r = first; r <= this.rowNo && !this.builder.fatal; r++) this.builder.add(row.cells, r, row.numeric);
  }
}

function count(attr: string | undefined): number {
  const n = attr === undefined ? 1 : Number(attr);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Which table to read: by name, or by 1-based number; the first one by default. */
function sheetChooser(sheet: string | undefined): (name: string, index: number) => boolean {
  if (sheet === undefined) return (_name, index) => index === 1;
  return (name, index) => name === sheet || (/^\d+$/.test(sheet) && index === Number(sheet));
}

async function openZip(buf: Buffer, shown: string): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(buf);
  } catch {
    fail(shown, 'roster ODS tidak dapat dibaca: berkas zip-nya rusak', { hint: RESAVE });
  }
}

/** What kind of OpenDocument file a zip is ('' when it is none). */
export async function openDocumentMime(zip: JSZip): Promise<string> {
  const mimetype = zip.file('mimetype');
  return mimetype ? (await mimetype.async('string')).trim() : '';
}

export async function parseOds(buf: Buffer, shown: string, sheet: string | undefined, builder: RosterBuilder): Promise<void> {
  const zip = await openZip(buf, shown);
  const mime = await openDocumentMime(zip);
  if (mime !== ODS_MIME) {
    fail(shown, 'roster bukan lembar kerja: berkas ini dokumen OpenDocument jenis lain', { expected: 'lembar kerja (.ods, .xlsx atau .csv)', found: mime || 'zip tanpa keterangan jenis', hint: 'simpan daftar peserta dari LibreOffice Calc atau Excel' });
  }
  const manifest = await zip.file('META-INF/manifest.xml')?.async('string');
  if (manifest?.includes('encryption-data')) fail(shown, 'roster ODS dilindungi kata sandi', { hint: 'buka di LibreOffice Calc, hapus kata sandinya (Berkas → Properti → Keamanan) lalu simpan ulang' });
  const content = zip.file('content.xml');
  if (!content) fail(shown, 'roster ODS tidak berisi content.xml', { hint: RESAVE });
  const reader = new SheetReader(sheetChooser(sheet), builder, shown);
  await readXml(content, reader, shown);
  if (!reader.found) {
    fail(shown, sheet === undefined ? 'roster ODS tidak berisi lembar (sheet)' : `lembar (sheet) "${sheet}" tidak ada di berkas ODS`, {
      ...(reader.names.length ? { expected: `salah satu dari ${reader.names.map((s) => `"${s}"`).join(', ')}` } : {}),
      hint: 'tulis nama lembar persis seperti di tab bawah LibreOffice Calc, atau hilangkan --sheet untuk memakai lembar pertama',
    });
  }
}

/** Stream content.xml through the parser; stops early once the builder can read no more. */
async function readXml(file: JSZip.JSZipObject, reader: SheetReader, shown: string): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('opentag', (tag) => reader.open(tag));
  parser.on('text', (t) => reader.text(t));
  parser.on('closetag', (tag) => reader.close(tag.name));
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  await new Promise<void>((resolve, reject) => {
    const stream = file.nodeStream('nodebuffer');
    const stop = (e?: unknown) => {
      stream.pause();
      if (e === undefined) resolve();
      else reject(e instanceof UserError ? e : unreadable(shown));
    };
    stream
      .on('data', (chunk: Buffer) => {
        try {
          bytes += chunk.length;
          if (bytes > MAX_XML_BYTES) fail(shown, 'roster ODS terlalu besar setelah dibuka', { expected: `isi paling besar ${MAX_XML_BYTES / 1024 / 1024} MB`, hint: 'pecah roster menjadi beberapa berkas' });
          parser.write(decoder.write(chunk));
          if (reader.builderDone()) stop();
        } catch (e) {
          stop(e);
        }
      })
      .on('error', (e: Error) => stop(e))
      .on('end', () => {
        try {
          parser.write(decoder.end()).close();
          stop();
        } catch (e) {
          stop(e);
        }
      });
  });
}

function unreadable(shown: string): UserError {
  return new UserError([diagnostic(shown, 'roster ODS tidak dapat dibaca: isinya (content.xml) rusak', { hint: RESAVE })]);
}
