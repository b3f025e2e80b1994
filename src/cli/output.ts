/**
 * Everything the CLI prints goes through here: diagnostics on stderr (colour unless NO_COLOR or
 * not a terminal), GitHub annotations under CI, JSON with --json, and progress only on a terminal.
 */
import { Chalk } from 'chalk';
import { displayPath, formatLocation, formatProblem, sortDiagnostics, type Diagnostic } from '../curriculum/index.js';

const colour = new Chalk({ level: process.env.NO_COLOR || !process.stderr.isTTY ? 0 : 1 });

export const paint = colour;

export function printDiagnostics(diags: Diagnostic[], opts: { json?: boolean } = {}): void {
  const sorted = sortDiagnostics(diags);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ ok: !sorted.some((d) => d.severity === 'error'), diagnostics: sorted }, null, 2) + '\n');
  } else {
    for (const d of sorted) {
      const label = d.severity === 'error' ? colour.red.bold('galat') : colour.yellow.bold('peringatan');
      process.stderr.write(`${colour.bold(formatLocation(d) + ':')} ${label}: ${formatProblem(d)}\n`);
      if (d.hint) process.stderr.write(`  ${colour.cyan('petunjuk:')} ${d.hint}\n`);
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
      process.stderr.write(`::${d.severity === 'error' ? 'error' : 'warning'} ${loc}::${msg}\n`);
    }
  }
}

/** Progress lines are for people at a terminal; quiet when piped or under CI. */
export function progressEnabled(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

export function info(line: string): void {
  process.stderr.write(line + '\n');
}

/** The once-per-build warning about characters the embedded fonts cannot draw. */
export function printMissingGlyphs(missing: { codePoint: string; char: string; places: string[] }[]): void {
  if (!missing.length) return;
  info(colour.yellow(`peringatan: ${missing.length} karakter tidak ada di fon mana pun dan tercetak sebagai tanda tanya (?):`));
  for (const m of missing) info(`  ${m.codePoint} ${m.char}  di ${m.places.join('; ')}`);
}

/** One line per finished file: path, pages (slides for a PPTX) and time. */
export function fileLine(r: { path: string; pages: number; ms: number; kind: string }): string {
  const pages = `${r.pages} ${r.kind === 'pptx' ? 'slide' : 'halaman'}`.padStart(12);
  return `${colour.green('✓')} ${displayPath(r.path).padEnd(44)} ${pages}  ${(r.ms / 1000).toFixed(2)} d`;
}
