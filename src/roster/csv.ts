/**
 * CSV rosters as Indonesian offices export them: comma or semicolon separated (Excel with an
 * Indonesian locale writes semicolons), UTF-8 with or without BOM, quoted fields, CRLF.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { RosterBuilder } from './rows.js';
import { ROSTER_ROWS } from './limits.js';

/**
 * The separator used in the header line: the most frequent of `;` `,` and tab outside quotes.
 * Title lines above the header without any separator ("DAFTAR PESERTA BIMTEK") are passed over.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n') {
      if (counts[','] + counts[';'] + counts['\t'] > 0 || ++lines > 20) break;
    } else if (ch === ',' || ch === ';' || ch === '\t') counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

const QUOTE_HINT = 'sel yang diapit tanda kutip harus ditutup dengan tanda kutip tepat sebelum tanda pemisah; tanda kutip di dalam isi sel ditulis dua kali, misalnya "Agus ""Gus"" Santoso"';

/** Problems csv-parse reports, in the user's words. */
function quotingProblem(code: string): { message: string; hint: string } {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { message: 'tanda kutip dibuka tetapi tidak pernah ditutup (sisa berkas terbaca sebagai satu sel)', hint: QUOTE_HINT };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { message: 'tanda kutip penutup diikuti karakter lain', hint: QUOTE_HINT };
    case 'CSV_INVALID_OPENING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return { message: 'tanda kutip di tengah sel yang tidak diapit tanda kutip', hint: 'apit seluruh isi sel dengan tanda kutip dan tulis tanda kutip di dalamnya dua kali, misalnya "Agus ""Gus"" Santoso"' };
    default:
      return { message: `baris CSV tidak dapat dibaca (${code})`, hint: 'simpan ulang roster dari Excel sebagai "CSV UTF-8"' };
  }
}

/** Line breaks in a cell (CRLF, LF or CR, each one break) and how many of them are CRLF. */
function breaks(cell: string): { lines: number; crlf: number } {
  let lines = 0;
  let crlf = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 0x0a) lines++;
    else if (c === 0x0d) {
      lines++;
      if (cell.charCodeAt(i + 1) === 0x0a) {
        crlf++;
        i++;
      }
    }
  }
  return { lines, crlf };
}

/** Thrown from inside csv-parse to stop reading when nothing more can be read (no name column). */
const STOP = new Error('stop');

/**
 * The 1-based line number of the `n`th line that is not blank, or 0 when there are fewer: the row
 * budget is checked on the bytes before csv-parse does any work.
 */
function lineOfRow(src: Buffer, n: number): number {
  let seen = 0;
  let line = 0;
  for (let at = 0; at < src.length; ) {
    const nl = src.indexOf(0x0a, at);
    const end = nl < 0 ? src.length : nl;
    line++;
    if (end - at > 1 || (end - at === 1 && src[at] !== 0x0d)) {
      if (++seen === n) return line;
    }
    at = end + 1;
  }
  return 0;
}

/** Offset of the start of the line after `lines` lines of `src` from `from` (or src.length). */
function skipLines(src: Buffer, from: number, lines: number): number {
  let at = from;
  for (let i = 0; i < lines; i++) {
    const nl = src.indexOf(0x0a, at);
    if (nl < 0) return src.length;
    at = nl + 1;
  }
  return at;
}

/**
 * Parse a CSV file (UTF-8 bytes, checked before) into a builder that holds the rows and the
 * problems. The bytes go to csv-parse as they are: no decoded copy of a 10 MB file, no second one
 * with normalised line ends. A quoting error stops csv-parse (its own recovery swallows the rest
 * of the file into one cell), so parsing resumes on the line after the broken record and every
 * later row is still checked.
 */
export function parseCsv(buf: Buffer, builder: RosterBuilder): void {
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const delimiter = detectDelimiter(buf.toString('utf8', bom, Math.min(buf.length, bom + 64 * 1024)));
  const tooMany = lineOfRow(buf, ROSTER_ROWS + 2); // the header, then at most ROSTER_ROWS rows
  if (tooMany) {
    builder.problem(tooMany, 'roster terlalu banyak baris', { expected: `paling banyak ${ROSTER_ROWS.toLocaleString('id-ID')} baris peserta`, hint: 'pecah roster menjadi beberapa berkas (misalnya per kecamatan) dan cetak daftar hadir dari masing-masing' });
    return;
  }
  let offset = bom;
  let base = 0;
  while (offset < buf.length) {
    /** Last line (relative to `offset`) of the last complete record. */
    let lastEnd = 0;
    /** csv-parse counts a CRLF inside a quoted cell as two lines: how many it counted too many. */
    let extra = 0;
    try {
      parse(offset ? buf.subarray(offset) : buf, {
        delimiter,
        relax_column_count: true,
        // Blank lines never make a row: skipping them here is cheap (a megabyte of empty lines
        // took csv-parse 22 s as records); line numbers still count them.
        skip_empty_lines: true,
        on_record: (record: string[], context) => {
          // `lines` is where the record ends; quoted cells may span lines, so count back to its start.
          let inside = 0;
          for (const cell of record) {
            if (cell.includes('\n') || cell.includes('\r')) {
              const b = breaks(cell);
              inside += b.lines;
              extra += b.crlf;
            }
          }
          lastEnd = context.lines - extra;
          builder.add(record, base + lastEnd - inside);
          if (builder.fatal) throw STOP;
          return null;
        },
      });
      return;
    } catch (e) {
      if (e === STOP) return;
      if (!(e instanceof CsvError)) throw e;
      // Report the record where it starts (an unclosed quote is only noticed lines later, or at
      // the end of the file), and resume on the next line: if that quote was the mistake, the
      // rows after it are read normally.
      const start = lastEnd + 1;
      const seen = typeof e.lines === 'number' ? e.lines - extra : start;
      const spans = seen > start && e.code !== 'CSV_QUOTE_NOT_CLOSED';
      const { message, hint } = spans ? { message: 'tanda kutip yang dibuka di baris ini tidak ditutup dengan benar', hint: QUOTE_HINT } : quotingProblem(e.code);
      builder.problem(base + start, message, { hint, ...(spans ? { found: `isi sel terbaca sampai baris ${base + seen}` } : {}) });
      offset = skipLines(buf, offset, start);
      base += start;
    }
  }
}
