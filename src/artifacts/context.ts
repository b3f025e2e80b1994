/**
 * What every artifact of one build shares: the curriculum, its version stamp, labels, the view
 * model templates see, and the collector of characters the fonts cannot draw.
 */
import path from 'node:path';
import type { Curriculum, Module } from '../curriculum/index.js';
import { CurriculumFile, ModuleFile } from '../curriculum/schema.js';
import { labelsFor, formatTimeRange, formatDayDate, type Labels } from '../locale/index.js';
import { MissingGlyphs, type DocumentMeta } from '../pdf/index.js';
import { viewOf } from '../templates/view.js';
import { makeStamp, stampText, type Stamp } from '../version/index.js';
import { packageVersion } from './package-version.js';

export interface BuildContext {
  c: Curriculum;
  stamp: Stamp;
  /** Footer text: "2024.11-r1 (a1b2c3d)". */
  stampLine: string;
  labels: Labels;
  glyphs: MissingGlyphs;
  outDir: string;
  pdfa: boolean;
}

export function buildContext(c: Curriculum, outDir: string, opts: { pdfa?: boolean } = {}): BuildContext {
  const stamp = makeStamp(c.root, c.version, c.event.dates[0]!);
  const labels = labelsFor(c.language);
  return { c, stamp, stampLine: stampText(stamp, labels), labels, glyphs: new MissingGlyphs(), outDir: path.resolve(outDir), pdfa: Boolean(opts.pdfa) };
}

export function documentMeta(ctx: BuildContext, title: string, subject: string, keywords: string[]): DocumentMeta {
  const { c, stamp } = ctx;
  return {
    title,
    author: c.organizer.name,
    subject,
    keywords: [...keywords, `${ctx.labels.curriculumVersion} ${ctx.stampLine}`],
    lang: c.language === 'id' ? 'id-ID' : 'en',
    creator: `bimtek ${packageVersion()}`,
    date: stamp.date,
  };
}

/** Modules for an audience (modules without audiences apply to all). */
export function modulesFor(c: Curriculum, audience: string | undefined): Module[] {
  return c.modules.filter((m) => !audience || m.audiences.length === 0 || m.audiences.includes(audience));
}

/**
 * Audiences that get their own documents: one per audience when modules are marked for some
 * audiences only; otherwise a single document for everyone (undefined).
 */
export function audiencePlan(c: Curriculum, only?: string): (string | undefined)[] {
  if (only) return [only];
  const all = c.audiences.map((a) => a.id);
  const differs = c.modules.some((m) => m.audiences.length > 0 && all.some((a) => !m.audiences.includes(a)));
  return differs ? all : [undefined];
}

/** The data every template sees. Optional keys are present (null) so strict templates can test them. */
export function curriculumView(ctx: BuildContext, audience: string | undefined): Record<string, unknown> {
  const { c } = ctx;
  const base = viewOf(CurriculumFile, c) as Record<string, unknown>;
  const modules = modulesFor(c, audience).map((m, i) => ({
    ...(viewOf(ModuleFile, m) as Record<string, unknown>),
    number: i + 1,
    anchor: `modul-${m.id}`,
    audienceNames: m.audiences.map((a) => c.audiences.find((x) => x.id === a)?.name ?? a),
  }));
  const titleOf = new Map(c.modules.map((m) => [m.id, m.title]));
  const schedule = c.schedule.map((day) => ({
    date: day.date,
    dayDate: formatDayDate(day.date, c.language),
    title: day.title ?? null,
    items: day.items.map((it) => ({
      time: formatTimeRange(it.start, it.end, undefined, c.language),
      activity: it.module ? titleOf.get(it.module) ?? it.module : it.activity,
      module: it.module ?? null,
      kind: it.kind ?? (it.module ? 'session' : 'other'),
      facilitator: it.facilitator ?? null,
    })),
  }));
  return {
    ...base,
    root: undefined,
    modules,
    schedule,
    audience: audience ? c.audiences.find((a) => a.id === audience) ?? null : null,
    stamp: ctx.stampLine,
    logo: c.organizer.logo ?? null,
    firstDate: c.event.dates[0],
    lastDate: c.event.dates[c.event.dates.length - 1],
    signatory: Object.fromEntries(c.signatories.map((s) => [s.id, viewOf(CurriculumFile.shape.signatories.unwrap().element, s)])),
    forewordSignatory: c.foreword_signatory ? viewOf(CurriculumFile.shape.signatories.unwrap().element, c.signatories.find((s) => s.id === c.foreword_signatory)) : null,
  };
}
