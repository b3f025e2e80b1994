/**
 * The change log: as a PDF of its own ("Daftar Perubahan"), built like the handbook (changelog
 * templates → Markdown → blocks → A4 pages with running header and "Halaman X dari Y"), and as
 * the last chapter of each handbook (`--changes-since`), holding only what that handbook shows.
 */
import path from 'node:path';
import { documentMeta, modulesFor, type BuildContext } from './context.js';
import { HANDBOOK_PAGE, type HandbookJob } from './handbook.js';
import { writePdf, type ArtifactResult } from './output.js';
import { displayPath, type Curriculum } from '../curriculum/index.js';
import { labelsFor, pageOfText } from '../locale/index.js';
import { parseMarkdown } from '../markdown/index.js';
import { builtinComponents, collectToc, drawFurniture, MissingGlyphs, Typesetter } from '../pdf/index.js';
import { changelogDocumentMarkdown, workingTemplatesDir, type DiffReport } from '../version/diff-format.js';
import { diffLabels } from '../locale/index.js';
import type { ChangeScope, CurriculumChange, CurriculumVersion } from '../version/diff-types.js';
import { makeStamp, stampText, type Stamp } from '../version/index.js';

/**
 * Changed fields that only the facilitator edition prints: facilitator notes, answers and their
 * explanations, notes on pledges, speaker notes. The participant edition's change log leaves them
 * out, or the answer key would leak through it ("Sebelum: B (…) Sesudah: B (…)").
 */
const FACILITATOR_ONLY: Partial<Record<ChangeScope, readonly string[]>> = {
  section: ['facilitator_notes'],
  question: ['answer', 'explanation'],
  pledge: ['note'],
  slide: ['notes'],
};

/** The changes a handbook's edition may show. */
export function changesForEdition(changes: readonly CurriculumChange[], job: Pick<HandbookJob, 'edition'>): CurriculumChange[] {
  if (job.edition === 'facilitator') return [...changes];
  return changes.filter((ch) => !FACILITATOR_ONLY[ch.scope]?.includes(ch.field ?? ''));
}

/**
 * The changes since git revision `rev`; per handbook job, the "Daftar Perubahan" chapter
 * (Markdown) to append to it. A per-audience handbook compares only the modules of its audience,
 * old and new: it lists no other module's changes, and its chapter numbers are the handbook's.
 */
export async function changesAppendix(ctx: BuildContext, rev: string): Promise<(job: HandbookJob) => string> {
  const { changesMarkdown, diffCurricula, readCurriculumAt, sideSummary } = await import('../version/diff.js');
  const old = await readCurriculumAt(ctx.c.root, rev);
  const info = { from: sideSummary(old), moduleTitles: Object.fromEntries(old.modules.map((m) => [m.id, m.title])) };
  const byAudience = new Map<string | undefined, CurriculumChange[]>();
  const changesFor = (audience: string | undefined) => {
    let changes = byAudience.get(audience);
    if (!changes) {
      const oldModules = old.modules.filter((m) => audience === undefined || m.audiences.length === 0 || m.audiences.includes(audience));
      byAudience.set(audience, (changes = diffCurricula({ ...old, modules: oldModules }, { ...ctx.c, modules: modulesFor(ctx.c, audience) })));
    }
    return changes;
  };
  return (job) => '\n\n' + changesMarkdown(changesForEdition(changesFor(job.audience), job), ctx, info);
}

export interface ChangelogPdf {
  result: ArtifactResult;
  /** Characters the fonts cannot draw (printed as empty boxes). */
  missingGlyphs: ReturnType<MissingGlyphs['report']>;
}

/** The stamp of the newer side: its commit and commit date, or the working tree's. */
function stampOf(v: CurriculumVersion): Stamp {
  if (!v.source.commit) return makeStamp(v.source.root, v.version, v.event.dates[0]!);
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const fromEpoch = epoch && /^\d+$/.test(epoch);
  return {
    version: v.version,
    commit: v.source.short,
    commitFull: v.source.commit,
    dirty: false,
    date: new Date((fromEpoch ? Number(epoch) : v.source.commitTime ?? 0) * 1000),
    dateSource: fromEpoch ? 'SOURCE_DATE_EPOCH' : 'git',
  };
}

export async function writeChangelogPdf(file: string, report: DiffReport, to: CurriculumVersion): Promise<ChangelogPdf> {
  const target = path.resolve(file);
  const { source: _source, ...data } = to;
  const templatesDir = workingTemplatesDir(to.source.root);
  const c: Curriculum = {
    ...data,
    root: to.source.root,
    file: displayPath(path.join(to.source.root, 'curriculum.yaml')),
    assets: templatesDir ? { templatesDir } : {},
  };
  const labels = labelsFor(c.language);
  const stamp = stampOf(to);
  const ctx: BuildContext = { c, stamp, stampLine: stampText(stamp, labels), labels, glyphs: new MissingGlyphs(), outDir: path.dirname(target), pdfa: false };
  const blocks = parseMarkdown(changelogDocumentMarkdown(report, templatesDir));
  const tocEntries = collectToc(blocks);
  // Words, not an arrow: the fonts have no U+2192 and the running footer is not checked for glyphs.
  const span = `${report.from.label} ${diffLabels(c.language).to} ${report.to.label}`;
  const meta = documentMeta(ctx, `${labels.changes} — ${c.title}`, `${c.title}: ${span}`, [c.event.kind, c.event.name, labels.changes]);
  const result = await writePdf(target, { page: HANDBOOK_PAGE, meta, tagged: true, bufferPages: true }, { kind: 'changelog' }, (canvas) => {
    const ts = new Typesetter(canvas, { page: HANDBOOK_PAGE, components: builtinComponents, glyphs: ctx.glyphs, where: path.basename(target), tagged: true });
    ts.tocEntries = tocEntries;
    ts.flow(blocks);
    ts.runDeferred();
    drawFurniture(ts, {
      header: () => [c.title, labels.changes],
      footer: (page, total) => [`${labels.changes} · ${span}`, pageOfText(labels, page + 1, total)],
    });
    return ts.pageIndex + 1;
  });
  return { result, missingGlyphs: ctx.glyphs.report() };
}
