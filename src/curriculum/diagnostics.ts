/**
 * User-facing problems. Every stage reports what went wrong as a Diagnostic: where (file, line,
 * column or roster row), what was found, what was expected and a hint. Many are collected in one
 * pass and thrown together as a UserError; the CLI prints them and exits 1.
 */
export interface Diagnostic {
  /** Path as the user knows it (relative to the working directory where possible). */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column; 0 when unknown. */
  col: number;
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
  severity: 'error' | 'warning';
}

export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'UserError';
    this.diagnostics = diagnostics;
  }
}

/** Shorthand for a single error at a place. */
export function fail(file: string, message: string, extra: Partial<Omit<Diagnostic, 'file' | 'message'>> = {}): never {
  throw new UserError([diagnostic(file, message, extra)]);
}

export function diagnostic(file: string, message: string, extra: Partial<Omit<Diagnostic, 'file' | 'message'>> = {}): Diagnostic {
  return { file, line: 0, col: 0, severity: 'error', ...extra, message };
}

export function formatLocation(d: Pick<Diagnostic, 'file' | 'line' | 'col'>): string {
  if (d.line <= 0) return d.file;
  return d.col > 0 ? `${d.file}:${d.line}:${d.col}` : `${d.file}:${d.line}`;
}

/** `message (diharapkan X, ditemukan Y)`: what is wrong, without the place. */
export function formatProblem(d: Diagnostic): string {
  const parts: string[] = [];
  if (d.expected) parts.push(`diharapkan ${d.expected}`);
  if (d.found) parts.push(`ditemukan ${d.found}`);
  return parts.length ? `${d.message} (${parts.join(', ')})` : d.message;
}

/** `file:line:col: message (diharapkan X, ditemukan Y)` — the hint is printed on its own line by the CLI. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${formatLocation(d)}: ${formatProblem(d)}`;
}

/** Sort by file, line and column so output reads top to bottom. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/** The closest candidate by edit distance, if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDist) {
      bestDist = dist;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestDist <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
