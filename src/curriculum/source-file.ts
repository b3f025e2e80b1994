/**
 * Reading user files safely: size limit, binary and non-UTF-8 detection, and paths that must stay
 * inside the curriculum folder (no `..`, no absolute paths, no symlinks pointing out).
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fail, UserError } from './diagnostics.js';

export const LIMITS = {
  /** A curriculum or module YAML file. */
  yamlBytes: 1024 * 1024,
  /** A user template. */
  templateBytes: 256 * 1024,
  /** A roster (CSV/XLSX): about a million rows. */
  rosterBytes: 128 * 1024 * 1024,
  /** A logo or other image. */
  imageBytes: 8 * 1024 * 1024,
  /** A PNG is decoded (4 bytes a pixel, twice when flattened): 20 million pixels ≈ 160 MB. */
  pngPixels: 20_000_000,
  /** A JPEG is embedded as it is; only its size on the page matters. */
  jpegPixels: 100_000_000,
  /** YAML aliases expanded per file (alias bombs). */
  yamlAliases: 100,
  /** Characters of a YAML file's data with its aliases expanded (the file itself is at most 1 MB). */
  yamlExpandedChars: 4 * 1024 * 1024,
  /** Items one line may open inside each other (`- - - x`). */
  yamlDepth: 64,
  /** Number of module files. */
  modules: 200,
} as const;

/** How a path is shown to the user: relative to the working directory when that is shorter. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/** Read a file as text; refuses large, binary and non-UTF-8 files with a located message. */
export function readTextFile(abs: string, maxBytes: number, what: string): string {
  const shown = displayPath(abs);
  let size: number;
  try {
    const st = statSync(abs);
    if (!st.isFile()) fail(shown, `${what} adalah folder, bukan berkas`, { hint: 'ganti nama folder itu, atau pindahkan berkas yang benar ke tempat ini' });
    size = st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    fail(shown, `${what} tidak ditemukan`, { hint: 'periksa nama dan letak berkas' });
  }
  if (size > maxBytes) {
    fail(shown, `${what} terlalu besar`, {
      expected: `paling besar ${formatBytes(maxBytes)}`,
      found: formatBytes(size),
      hint: 'pecah isinya ke beberapa berkas, atau periksa apakah berkas yang benar yang dipakai',
    });
  }
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch (e) {
    fail(shown, `${what} tidak dapat dibaca`, { found: (e as NodeJS.ErrnoException).code, hint: 'periksa izin baca berkas itu (misalnya berkas sedang dikunci program lain)' });
  }
  return decodeText(buf, shown, what);
}

export function decodeText(buf: Buffer, shown: string, what: string): string {
  if (looksUtf16(buf)) {
    fail(shown, `${what} disimpan sebagai UTF-16, bukan UTF-8`, {
      line: 1,
      col: 1,
      hint: 'simpan ulang sebagai UTF-8 (di Notepad: Save As → Encoding: UTF-8)',
    });
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    const { line, col } = positionOfByte(buf, nul);
    fail(shown, `${what} berisi data biner, bukan teks`, {
      line,
      col,
      hint: 'simpan berkas sebagai teks UTF-8 (bukan .docx, .xlsx atau gambar)',
    });
  }
  try {
    const textOut = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return textOut.charCodeAt(0) === 0xfeff ? textOut.slice(1) : textOut;
  } catch {
    const bad = firstInvalidUtf8(buf);
    const { line, col } = positionOfByte(buf, bad);
    fail(shown, `${what} bukan teks UTF-8`, {
      line,
      col,
      found: `byte 0x${(buf[bad] ?? 0).toString(16).padStart(2, '0')}`,
      hint: 'simpan ulang sebagai UTF-8 (di Notepad: Save As → Encoding: UTF-8)',
    });
  }
}

/** A UTF-16 byte order mark, or text whose every other byte is zero (Notepad's "Unicode"). */
function looksUtf16(buf: Buffer): boolean {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return true;
  const n = Math.min(buf.length, 64) & ~1;
  if (n < 4) return false;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  return (evenZero === n / 2 && oddZero === 0) || (oddZero === n / 2 && evenZero === 0);
}

function positionOfByte(buf: Buffer, index: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (buf[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: index - lineStart + 1 };
}

function firstInvalidUtf8(buf: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = buf.length;
  // Binary search for the shortest prefix that fails to decode (prefixes may end mid-sequence, so
  // decode with stream: true, which only throws on a truly invalid byte).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(buf.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return Math.min(lo, buf.length - 1);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} byte`;
}

export interface PathProblem {
  message: string;
  hint: string;
}

/**
 * Resolve a path written in the curriculum against its folder. Returns the absolute path, or a
 * problem when the path is absolute, climbs out with `..`, is missing, or is a symlink leading out.
 */
export function resolveInside(root: string, written: string): { abs: string } | { problem: PathProblem } {
  if (path.isAbsolute(written) || /^[a-zA-Z]:[\\/]/.test(written) || written.startsWith('\\')) {
    return { problem: { message: 'path harus relatif terhadap folder kurikulum', hint: `tulis misalnya "assets/${path.basename(written.replace(/\\/g, '/'))}"` } };
  }
  // Written on Windows (assets\logo.png): the same file on every system, so CI on Linux finds it.
  const rel = written.replace(/\\/g, '/');
  const abs = path.resolve(root, rel);
  if (!isWithin(root, abs)) {
    return { problem: { message: 'path keluar dari folder kurikulum', hint: 'salin berkasnya ke dalam folder kurikulum dan tulis path relatif tanpa ".."' } };
  }
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return { problem: { message: 'berkas tidak ditemukan', hint: 'periksa ejaan nama berkas dan foldernya (huruf besar/kecil dibedakan)' } };
  }
  if (!isWithin(realpathSync(root), real)) {
    return { problem: { message: 'path adalah tautan (symlink) yang menunjuk ke luar folder kurikulum', hint: 'salin berkas aslinya ke dalam folder kurikulum' } };
  }
  return { abs: real };
}

export function isWithin(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
