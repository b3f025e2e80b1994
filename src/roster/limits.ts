/**
 * An XLSX (or ODS) roster is checked against the budget before a spreadsheet reader sees it: a 14 MB file can
 * hold a sheet that inflates to gigabytes (Node dies of it), and a sheet of a million styled empty
 * rows takes a minute and then overflows the stack. Each part of the zip is read from its central
 * directory and inflated with a ceiling on the output (sizes written in a zip can lie); the rows of
 * each worksheet are counted in the inflated XML.
 */
import { inflateRawSync } from 'node:zlib';
import { fail } from '../curriculum/diagnostics.js';

/** Uncompressed bytes of one part (a worksheet, the shared strings) of an XLSX roster. */
export const XLSX_PART_BYTES = 32 * 1024 * 1024;
/** Rows of a roster sheet or CSV file (blank lines of a CSV are not counted). */
export const ROSTER_ROWS = 50_000;

const HINT_SIZE = 'hapus baris dan kolom kosong di bawah dan di kanan data (pilih, klik kanan → Hapus), simpan ulang; atau simpan sebagai "CSV UTF-8"';

interface Part {
  name: string;
  method: number;
  data: Buffer;
}

/** The parts of a zip, from its central directory; undefined when the directory cannot be read. */
function parts(buf: Buffer): Part[] | undefined {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out: Part[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return undefined;
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return undefined;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.push({ name, method, data: buf.subarray(start, Math.min(buf.length, start + compressed)) });
  }
  return out;
}

function inflated(part: Part, shown: string): Buffer {
  if (part.method === 0) return part.data;
  try {
    return inflateRawSync(part.data, { maxOutputLength: XLSX_PART_BYTES });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      fail(shown, `roster XLSX terlalu besar setelah dibuka: bagian "${part.name}" lebih dari ${XLSX_PART_BYTES / 1024 / 1024} MB`, { hint: HINT_SIZE });
    }
    return Buffer.alloc(0); // damaged: read-excel-file reports it in its own words (translated)
  }
}

/** Rows in a worksheet's XML: `<row ` elements, counted without parsing. */
function countRows(xml: Buffer): number {
  const tag = Buffer.from('<row ');
  let n = 0;
  for (let at = xml.indexOf(tag); at >= 0; at = xml.indexOf(tag, at + 5)) n++;
  return n;
}

export function checkXlsxBudget(buf: Buffer, shown: string): void {
  for (const part of parts(buf) ?? []) {
    // XLSX worksheets and shared strings; the one content.xml of an ODS.
    if (!/^(xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)|content\.xml)$/.test(part.name)) continue;
    const xml = inflated(part, shown);
    const rows = part.name.startsWith('xl/worksheets/') ? countRows(xml) : 0;
    if (rows > ROSTER_ROWS) {
      fail(shown, `roster XLSX terlalu banyak baris (lembar "${part.name.replace(/^.*\/|\.xml$/g, '')}")`, { expected: `paling banyak ${ROSTER_ROWS.toLocaleString('id-ID')} baris`, found: rows.toLocaleString('id-ID'), hint: HINT_SIZE });
    }
  }
}
