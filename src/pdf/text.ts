/**
 * Line breaking for styled runs. Text is split into words and spaces, measured with the embedded
 * fonts, and filled greedily into lines of a given width. Words wider than a line are broken by
 * character, so nothing ever runs outside its box.
 */
import type { FontKey } from './fonts.js';
import { cleanText, textWidth } from './glyphs.js';

export interface StyledRun {
  text: string;
  font: FontKey;
  size: number;
  color?: string;
  link?: string;
  underline?: boolean;
  /** A tint behind the text (inline code). */
  background?: string;
}

export interface Segment extends StyledRun {
  /** Offset from the line's left edge. */
  x: number;
  width: number;
}

export interface Line {
  segments: Segment[];
  width: number;
  /**
   * The line ended at a space that the break swallowed, or at a forced break: drawn with a
   * trailing space, so text read from the page or its tags (`pdfinfo -struct-text`) has the words
   * apart.
   */
  softBreak?: boolean;
}

interface Piece {
  text: string;
  run: StyledRun;
  width: number;
  space: boolean;
  newline: boolean;
}

function pieces(runs: readonly StyledRun[]): Piece[] {
  const out: Piece[] = [];
  for (const run of runs) {
    const text = cleanText(run.text);
    for (const m of text.matchAll(/\n|[^\S\n]+|[^\s]+/g)) {
      const t = m[0];
      if (t === '\n') out.push({ text: '', run, width: 0, space: false, newline: true });
      else if (/^\s/.test(t)) out.push({ text: ' ', run, width: textWidth(run.font, ' ', run.size), space: true, newline: false });
      else out.push(...splitLongWord(t, run));
    }
  }
  return out;
}

/** Allow a break after "/" "-" and "_" inside long tokens (URLs, file names, form names). */
function splitLongWord(word: string, run: StyledRun): Piece[] {
  const parts = word.length > 24 ? word.split(/(?<=[/_\-–])/) : [word];
  return parts.map((p) => ({ text: p, run, width: textWidth(run.font, p, run.size), space: false, newline: false }));
}

/**
 * Break a piece that alone is wider than the line into chunks that fit: at "-", "/", "." or "_"
 * where possible ("C.Pemberitahuan-" / "KWK"), else between characters.
 */
function hardBreak(p: Piece, maxWidth: number): Piece[] {
  const width = (t: string) => textWidth(p.run.font, t, p.run.size);
  const chunks: Piece[] = [];
  let current = '';
  let currentW = 0;
  const push = () => {
    chunks.push({ ...p, text: current, width: currentW });
    current = '';
    currentW = 0;
  };
  for (const part of p.text.split(/(?<=[-/._–])/)) {
    const partW = width(part);
    if (current && currentW + partW > maxWidth) push();
    if (partW <= maxWidth) {
      current += part;
      currentW += partW;
      continue;
    }
    // Widths add up character by character (no kerning), so a long word costs linear time.
    for (const ch of part) {
      const w = width(ch);
      if (current && currentW + w > maxWidth) push();
      current += ch;
      currentW += w;
    }
  }
  if (current) push();
  return chunks;
}

export function breakLines(runs: readonly StyledRun[], maxWidth: number): Line[] {
  const lines: Line[] = [];
  let line: Piece[] = [];
  let width = 0;
  const flush = (forced = false) => {
    let spaced = forced;
    while (line.length && line[line.length - 1]!.space) {
      line.pop();
      spaced = true;
    }
    lines.push(toLine(line, spaced));
    line = [];
    width = 0;
  };
  const queue = pieces(runs);
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i]!;
    if (p.newline) {
      flush(true);
      continue;
    }
    if (p.space) {
      if (line.length) {
        line.push(p);
        width += p.width;
      }
      continue;
    }
    if (width + p.width <= maxWidth + 0.01) {
      line.push(p);
      width += p.width;
      continue;
    }
    if (p.width > maxWidth) {
      const chunks = hardBreak(p, maxWidth);
      queue.splice(i + 1, 0, ...chunks.slice(1));
      const first = chunks[0]!;
      if (line.length && width + first.width > maxWidth + 0.01) flush();
      line.push(first);
      width += first.width;
      continue;
    }
    flush();
    line.push(p);
    width = p.width;
  }
  if (line.length || lines.length === 0) flush();
  return lines;
}

/** Merge neighbouring pieces of the same style into segments, with their x offsets. */
function toLine(pcs: Piece[], softBreak: boolean): Line {
  const segments: Segment[] = [];
  let x = 0;
  for (const p of pcs) {
    const prev = segments[segments.length - 1];
    const r = p.run;
    if (prev && prev.font === r.font && prev.size === r.size && prev.color === r.color && prev.link === r.link && prev.underline === r.underline && prev.background === r.background) {
      prev.text += p.text;
      prev.width += p.width;
    } else {
      segments.push({ text: p.text, font: r.font, size: r.size, x, width: p.width, ...(r.color ? { color: r.color } : {}), ...(r.link ? { link: r.link } : {}), ...(r.underline ? { underline: true } : {}), ...(r.background ? { background: r.background } : {}) });
    }
    x += p.width;
  }
  return { segments, width: x, ...(softBreak ? { softBreak } : {}) };
}
