/**
 * Everything the CLI prints goes through here: diagnostics on stderr (colour unless NO_COLOR or
 * not a terminal), GitHub annotations under CI, JSON with --json, progress only on a terminal,
 * nothing but problems with --quiet.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { displayPath, formatLocation, formatProblem, sortDiagnostics, type Diagnostic } from '../curriculum/index.js';

const colour = new Chalk({ level: process.env.NO_COLOR || !process.stderr.isTTY ? 0 : 1 });

export const paint = colour;

/**
 * Control characters (ESC, BEL, CR, C1, bidi overrides …) of content in printed text are shown as
 * `\xNN` / `\uNNNN`, so a title or path can never move the cursor, retitle the window or hide text.
 * With colour on, our own SGR colour sequences are kept; with NO_COLOR none are.
 */
const CONTROL = /\x1b\[[0-9;]*m|[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function terminalSafe(text: string, keepColour = false): string {
  return text.replace(CONTROL, (m) => {
    if (m.length > 1) return keepColour ? m : m.replace(/\x1b/g, '\\x1B');
    const code = m.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`;
  });
}

/** Writes a line of ours (which may hold colours) with any content's control characters made visible. */
function writeLine(stream: NodeJS.WriteStream, line: string): void {
  stream.write(terminalSafe(line, colour.level > 0) + '\n');
}

/** JSON diagnostics also carry the absolute path of their file, when it is one (not "--format" or "git"). */
export function withAbsolutePath(d: Diagnostic): Diagnostic & { path?: string } {
  const abs = path.resolve(d.file);
  return existsSync(abs) ? { ...d, path: abs } : d;
}

export function printDiagnostics(diags: Diagnostic[], opts: { json?: boolean } = {}): void {
  const sorted = sortDiagnostics(diags);
  clearProgress();
  if (opts.json) {
    printJson({ ok: !sorted.some((d) => d.severity === 'error'), diagnostics: sorted.map(withAbsolutePath) });
  } else {
    for (const d of sorted) {
      const label = d.severity === 'error' ? colour.red.bold('galat') : colour.yellow.bold('peringatan');
      writeLine(process.stderr, `${colour.bold(terminalSafe(formatLocation(d)) + ':')} ${label}: ${terminalSafe(formatProblem(d))}`);
      if (d.hint) writeLine(process.stderr, `  ${colour.cyan('petunjuk:')} ${terminalSafe(d.hint)}`);
    }
    const errors = sorted.filter((d) => d.severity === 'error').length;
    const warnings = sorted.length - errors;
    if (errors) process.stderr.write(colour.red(`${errors} galat${warnings ? `, ${warnings} peringatan` : ''}\n`));
  }
  if (process.env.CI) {
    for (const d of sorted) {
      const prop = (v: string) => v.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
      const loc = [`file=${prop(d.file)}`, d.line ? `line=${d.line}` : '', d.col ? `col=${d.col}` : ''].filter(Boolean).join(',');
      const msg = (formatProblem(d) + (d.hint ? ` — ${d.hint}` : '')).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
      writeLine(process.stderr, `::${d.severity === 'error' ? 'error' : 'warning'} ${terminalSafe(loc)}::${terminalSafe(msg)}`);
    }
  }
}

const mode = { quiet: false, json: false };
/** Set once per run from the global options. */
export function setOutputMode(opts: { quiet?: boolean; json?: boolean }): void {
  mode.quiet = Boolean(opts.quiet);
  mode.json = Boolean(opts.json);
}

/** Progress lines are for people at a terminal; not when piped, under CI, with --json or --quiet. */
export function progressEnabled(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI && !mode.quiet && !mode.json;
}

/** A progress line is on screen (without a newline) and is erased before anything else prints. */
let progressShown = false;
const ERASE_LINE = '\r\x1b[2K';

/** Replace the progress line (terminal only). */
export function progress(line: string): void {
  if (!progressEnabled()) return;
  process.stderr.write(`${ERASE_LINE}${colour.dim(line)}`);
  progressShown = true;
}

function clearProgress(): void {
  if (!progressShown) return;
  process.stderr.write(ERASE_LINE);
  progressShown = false;
}

/** A line for the person at the terminal (results, summaries); silent with --quiet. */
export function info(line: string): void {
  if (mode.quiet) return;
  clearProgress();
  writeLine(process.stderr, line);
}

/** The one-line result of a command on stdout (validate, init); silent with --quiet. */
export function result(line: string): void {
  if (mode.quiet) return;
  clearProgress();
  writeLine(process.stdout, line);
}

/** A warning: printed even with --quiet. */
export function warn(line: string): void {
  clearProgress();
  writeLine(process.stderr, colour.yellow(line));
}

/** The result of a command as JSON on stdout: paths absolute, numbers rounded. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v), 2) + '\n');
}

/** The once-per-build warning about characters the embedded fonts cannot draw. */
export function printMissingGlyphs(missing: { codePoint: string; char: string; places: string[] }[]): void {
  if (!missing.length) return;
  warn(`peringatan: ${missing.length} karakter tidak ada di fon mana pun dan tercetak sebagai tanda tanya (?):`);
  for (const m of missing) warn(`  ${m.codePoint} ${m.char}  di ${m.places.join('; ')}`);
}

/** One line per finished file: path, pages (slides for a PPTX) and time. */
export function fileLine(r: { path: string; pages: number; ms: number; kind: string }): string {
  // Word paginates a .docx itself: its pages are not known here.
  const pages = (r.kind === 'docx' ? 'Word' : `${r.pages} ${r.kind === 'pptx' ? 'slide' : 'halaman'}`).padStart(12);
  return `${colour.green('✓')} ${displayPath(r.path).padEnd(44)} ${pages}  ${(r.ms / 1000).toFixed(2)} d`;
}
