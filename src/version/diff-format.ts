/**
 * Showing a semantic diff: a terminal report, JSON, and Markdown from the `templates/changelog/`
 * templates (the "Daftar Perubahan" appendix of the handbook, or a document of its own).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveInside } from '../curriculum/index.js';
import type { Language } from '../locale/index.js';
import { TemplateEngine } from '../templates/index.js';
import { normText } from './diff-align.js';
import { diffLabels, type DiffLabels } from '../locale/diff-labels.js';
import type { ChangeKind, CurriculumChange, CurriculumVersion, SideSummary } from './diff-types.js';

export interface DiffReport {
  from: SideSummary;
  to: SideSummary;
  /** Language of the newer side: labels of the change log. */
  language: Language;
  /** Title of the newer side. */
  title: string;
  organizer: string;
  changes: CurriculumChange[];
  /** Module id → title on either side (the newer title wins), for group headings. */
  moduleTitles: Record<string, string>;
}

/** What changesMarkdown needs: a language and the curriculum's own templates folder (or a BuildContext). */
export type ChangelogTarget =
  | { language: Language; templatesDir?: string }
  | { c: { language: Language; assets: { templatesDir?: string }; modules?: readonly { id: string; title: string }[] } };

export interface ChangelogInfo {
  from?: SideSummary;
  to?: SideSummary;
  moduleTitles?: Record<string, string>;
}

const KINDS: ChangeKind[] = ['added', 'removed', 'changed', 'renamed'];

/** How a side is named in reports. */
export function sideSummary(v: Pick<CurriculumVersion, 'version' | 'source' | 'language'>): SideSummary {
  const l = diffLabels(v.language);
  const { rev, commit, short } = v.source;
  let label = l.workingTree;
  if (rev !== null && short) label = rev === short || (commit ?? '').startsWith(rev) ? short : `${rev} (${short})`;
  return { rev, commit, short, version: v.version, label };
}

export function diffReport(a: CurriculumVersion, b: CurriculumVersion, changes: CurriculumChange[]): DiffReport {
  const moduleTitles: Record<string, string> = {};
  for (const m of [...a.modules, ...b.modules]) moduleTitles[m.id] = m.title;
  return { from: sideSummary(a), to: sideSummary(b), language: b.language, title: b.title, organizer: b.organizer.name, changes, moduleTitles };
}

/** "a1b2c3d (versi 1.0)", "HEAD~1 (a1b2c3d, versi 1.0)", "pohon kerja (versi 1.1)". */
export function sideText(s: SideSummary, l: DiffLabels): string {
  if (s.rev !== null && s.short && s.label !== s.short) return `${s.rev} (${s.short}, ${l.versionWord} ${s.version})`;
  return `${s.label} (${l.versionWord} ${s.version})`;
}

/** "7 perubahan: 2 ditambahkan, 1 dihapus, 4 diubah". */
export function countText(changes: readonly CurriculumChange[], l: DiffLabels): string {
  const parts = KINDS.map((k) => [k, changes.filter((c) => c.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${l.kinds[k]}`);
  return `${l.count.replace('{n}', String(changes.length))}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export function countsByKind(changes: readonly CurriculumChange[]): Record<ChangeKind | 'total', number> {
  const out = { total: changes.length, added: 0, removed: 0, changed: 0, renamed: 0 };
  for (const c of changes) out[c.kind]++;
  return out;
}

export interface ChangeGroup {
  key: string;
  title: string;
  changes: CurriculumChange[];
}

/** Changes by where they belong: the curriculum as a whole, each module, the schedule, the glossary. */
export function groupChanges(changes: readonly CurriculumChange[], l: DiffLabels, moduleTitles: Record<string, string> = {}): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  const order = (k: string) => (k === 'curriculum' ? 0 : k === 'schedule' ? 2 : k === 'glossary' ? 3 : 1);
  for (const c of changes) {
    const key = c.module ? `module:${c.module}` : c.scope === 'schedule' || c.scope === 'glossary' ? c.scope : 'curriculum';
    let g = groups.get(key);
    if (!g) {
      const title = c.module
        ? `${l.groupModule} ${moduleTitles[c.module] ?? c.module}${moduleTitles[c.module] ? ` (${c.module})` : ''}`
        : key === 'schedule'
          ? l.groupSchedule
          : key === 'glossary'
            ? l.groupGlossary
            : l.groupCurriculum;
      g = { key, title, changes: [] };
      groups.set(key, g);
    }
    g.changes.push(c);
  }
  // Stable: modules keep their first-appearance order.
  return [...groups.values()].map((g, i) => ({ g, i })).sort((x, y) => order(x.g.key) - order(y.g.key) || x.i - y.i).map(({ g }) => g);
}

/** Long values shortened around what differs, so a one-word edit in a long text stays visible. */
export function clipPair(before: string | undefined, after: string | undefined, max = 240): [string | undefined, string | undefined] {
  const x = before === undefined ? undefined : normText(before);
  const y = after === undefined ? undefined : normText(after);
  if (x === undefined || y === undefined || (x.length <= max && y.length <= max)) return [x === undefined ? x : truncate(x, max), y === undefined ? y : truncate(y, max)];
  const wx = x.split(' ');
  const wy = y.split(' ');
  let p = 0;
  while (p < wx.length && p < wy.length && wx[p] === wy[p]) p++;
  let s = 0;
  while (s < wx.length - p && s < wy.length - p && wx[wx.length - 1 - s] === wy[wy.length - 1 - s]) s++;
  const context = 6;
  const cut = (w: string[]) => {
    const from = Math.max(0, p - context);
    const to = Math.min(w.length, w.length - s + context);
    return truncate(`${from > 0 ? '… ' : ''}${w.slice(from, to).join(' ')}${to < w.length ? ' …' : ''}`, max);
  };
  return [cut(wx), cut(wy)];
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

export interface TextStyle {
  added: (s: string) => string;
  removed: (s: string) => string;
  changed: (s: string) => string;
  renamed: (s: string) => string;
  bold: (s: string) => string;
  dim: (s: string) => string;
}

const plain = (s: string) => s;
export const PLAIN_STYLE: TextStyle = { added: plain, removed: plain, changed: plain, renamed: plain, bold: plain, dim: plain };

const SYMBOL: Record<ChangeKind, string> = { added: '+', removed: '-', changed: '~', renamed: '»' };

/** The terminal report. */
export function changesText(report: DiffReport, style: TextStyle = PLAIN_STYLE): string {
  const l = diffLabels(report.language);
  const lines: string[] = [style.bold(`${l.heading}: ${sideText(report.from, l)} → ${sideText(report.to, l)}`)];
  if (report.changes.length === 0) return `${lines[0]}\n${l.noChanges}\n`;
  lines.push(countText(report.changes, l));
  const width = Math.max(...KINDS.map((k) => l.kinds[k].length));
  const indent = ' '.repeat(4 + width + 2);
  for (const g of groupChanges(report.changes, l, report.moduleTitles)) {
    lines.push('', style.bold(g.title));
    for (const c of g.changes) {
      const paint = style[c.kind];
      const head = `  ${paint(`${SYMBOL[c.kind]} ${l.kinds[c.kind].padEnd(width)}`)}  ${c.path}`;
      const [before, after] = clipPair(c.before, c.after, 400);
      if (before !== undefined && after !== undefined && head.length + before.length + after.length < 110) {
        lines.push(`${head}: ${style.removed(before)} → ${style.added(after)}`);
      } else if (before !== undefined && after !== undefined) {
        lines.push(head, `${indent}${style.dim(l.before.toLowerCase() + ':')} ${before}`, `${indent}${style.dim(l.after.toLowerCase() + ':')} ${after}`);
      } else {
        lines.push(head);
        const value = after ?? before;
        if (value !== undefined) lines.push(`${indent}${value}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

/** JSON for scripts and CI. */
export function changesJson(report: DiffReport): string {
  return JSON.stringify({ ok: true, from: report.from, to: report.to, summary: countsByKind(report.changes), changes: report.changes }, null, 2) + '\n';
}

function targetParts(target: ChangelogTarget): { language: Language; templatesDir: string | undefined; modules: readonly { id: string; title: string }[] } {
  if ('c' in target) return { language: target.c.language, templatesDir: target.c.assets.templatesDir, modules: target.c.modules ?? [] };
  return { language: target.language, templatesDir: target.templatesDir, modules: [] };
}

function changelogView(changes: readonly CurriculumChange[], l: DiffLabels, info: ChangelogInfo, moduleTitles: Record<string, string>, extra: Record<string, unknown>) {
  return {
    l,
    count: countText(changes, l),
    intro: info.from
      ? info.to
        ? l.intro.replace('{from}', sideText(info.from, l)).replace('{to}', sideText(info.to, l))
        : l.introSince.replace('{from}', sideText(info.from, l))
      : null,
    noChanges: l.noChanges,
    from: info.from ?? null,
    to: info.to ?? null,
    groups: groupChanges(changes, l, moduleTitles).map((g) => ({
      title: g.title,
      changes: g.changes.map((c) => {
        const [before, after] = clipPair(c.before, c.after);
        return { kind: c.kind, kindLabel: l.kindTitles[c.kind], scope: c.scope, path: c.path, field: c.field ?? null, before: before ?? null, after: after ?? null };
      }),
    })),
    ...extra,
  };
}

/**
 * The "Daftar Perubahan" appendix: a `# …` chapter in Markdown, to append to a handbook. `target`
 * is a BuildContext or a language with the curriculum's templates folder.
 */
export function changesMarkdown(changes: readonly CurriculumChange[], target: ChangelogTarget, info: ChangelogInfo = {}): string {
  const { language, templatesDir, modules } = targetParts(target);
  const titles: Record<string, string> = { ...Object.fromEntries(modules.map((m) => [m.id, m.title])), ...info.moduleTitles };
  const engine = new TemplateEngine('changelog', templatesDir, language);
  return engine.render('changelog', changelogView(changes, diffLabels(language), info, titles, { appendix: true }));
}

/** The change log as a document of its own (for `--format md` and `--format pdf`). */
export function changelogDocumentMarkdown(report: DiffReport, templatesDir?: string): string {
  const engine = new TemplateEngine('changelog', templatesDir, report.language);
  return engine.render(
    'document',
    changelogView(report.changes, diffLabels(report.language), report, report.moduleTitles, { appendix: false, curriculumTitle: report.title, organizer: report.organizer }),
  );
}


/** The curriculum's own templates folder in the working tree, if any (user overrides of the change log). */
export function workingTemplatesDir(root: string): string | undefined {
  if (!existsSync(path.join(root, 'templates'))) return undefined;
  const t = resolveInside(root, 'templates');
  return 'abs' in t ? t.abs : undefined;
}
