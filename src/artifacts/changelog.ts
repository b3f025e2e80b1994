/**
 * The change log as a PDF ("Daftar Perubahan"), built like the handbook: changelog templates →
 * Markdown → blocks → A4 pages with running header and "Halaman X dari Y".
 */
import path from 'node:path';
import { documentMeta, type BuildContext } from './context.js';
import { HANDBOOK_PAGE } from './handbook.js';
import { writePdf, type ArtifactResult } from './output.js';
import { displayPath, type Curriculum } from '../curriculum/index.js';
import { labelsFor, pageOfText } from '../locale/index.js';
import { parseMarkdown } from '../markdown/index.js';
import { builtinComponents, collectToc, drawFurniture, MissingGlyphs, Typesetter } from '../pdf/index.js';
import { changelogDocumentMarkdown, workingTemplatesDir, type DiffReport } from '../version/diff-format.js';
import { diffLabels } from '../locale/index.js';
import type { CurriculumVersion } from '../version/diff-types.js';
import { makeStamp, stampText, type Stamp } from '../version/index.js';

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
