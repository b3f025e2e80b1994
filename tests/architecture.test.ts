/**
 * The shape of src/: dependencies point one way (cli → artifacts → templates / markdown / pdf /
 * roster / version / write → curriculum / locale), no file imports itself round a cycle, and only
 * src/pdf knows PDFKit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

/** Higher layers may import lower ones; folders of one layer may import each other without a cycle. */
const LAYER: Record<string, number> = { cli: 3, artifacts: 2, templates: 1, markdown: 1, pdf: 1, roster: 1, version: 1, write: 1, curriculum: 0, locale: 0 };

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const files = sources();
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
const folderOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;

/** Relative imports of a file (static, dynamic and re-exports), resolved to .ts paths. */
function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const m of text.get(file)!.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) out.push(path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  return out;
}

describe('architecture', () => {
  it('knows every folder of src/', () => {
    for (const f of files) if (path.dirname(f) !== SRC) expect(LAYER[folderOf(f)], `${folderOf(f)} has no layer`).toBeDefined();
  });

  it('imports only downwards (or sideways within a layer)', () => {
    const bad: string[] = [];
    for (const f of files) {
      const from = folderOf(f);
      for (const target of importsOf(f)) {
        const to = folderOf(target);
        if (to !== from && LAYER[to]! > LAYER[from]!) bad.push(`${path.relative(SRC, f)} → ${path.relative(SRC, target)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has no import cycle between files or between folders', () => {
    const cycles: string[] = [];
    const graph = (nodes: string[], edges: (n: string) => string[]) => {
      const state = new Map<string, 1 | 2>();
      const visit = (n: string, trail: string[]) => {
        if (state.get(n) === 2) return;
        if (state.get(n) === 1) return void cycles.push([...trail.slice(trail.indexOf(n)), n].map((x) => path.relative(SRC, x) || x).join(' → '));
        state.set(n, 1);
        for (const m of edges(n)) visit(m, [...trail, n]);
        state.set(n, 2);
      };
      for (const n of nodes) visit(n, []);
    };
    // Type-only imports are erased, but a cycle through them still tangles the design.
    graph(files, (f) => importsOf(f).filter((t) => text.has(t)));
    const folders = [...new Set(files.map(folderOf))];
    graph(folders, (d) => [...new Set(files.filter((f) => folderOf(f) === d).flatMap((f) => importsOf(f).map(folderOf)))].filter((t) => t !== d && LAYER[t] !== undefined));
    expect(cycles).toEqual([]);
  });

  it('lets only src/pdf import PDFKit or reach into it', () => {
    const outside = files.filter((f) => folderOf(f) !== 'pdf');
    const offenders = outside.filter((f) => /from 'pdfkit'|import\('pdfkit'\)|PDFKit\.\w|\b_font\b|_fontFamilies|openImage\(|addContent\(/.test(text.get(f)!));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
    // And within src/pdf, the internals are reached through one module.
    const casts = files.filter((f) => folderOf(f) === 'pdf' && !/pdfkit-internals|fonts\.ts/.test(f) && /as unknown as/.test(text.get(f)!));
    expect(casts.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});
