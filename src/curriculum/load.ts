/**
 * Loads a curriculum folder: curriculum.yaml plus modules/*.yaml, validated against the schema,
 * then checked across files. Every problem in every file is collected and thrown together.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { diagnostic, didYouMean, UserError, type Diagnostic } from './diagnostics.js';
import { parseLocatedYaml, type LocatedYaml, type PathKey } from './located-yaml.js';
import { CurriculumFile, ModuleFile } from './schema.js';
import { displayPath, LIMITS, readTextFile, resolveInside } from './source-file.js';
import { issuesToDiagnostics } from './zod-issues.js';

export interface Module extends ModuleFile {
  /** The module's YAML file, as shown to the user. */
  file: string;
}

export interface Curriculum extends Omit<CurriculumFile, '$schema'> {
  /** Absolute path of the curriculum folder. */
  root: string;
  /** curriculum.yaml as shown to the user. */
  file: string;
  /** Modules in file-name order (`01-…`, `02-…`). */
  modules: Module[];
  /** Resolved absolute paths of files the curriculum names. */
  assets: { logo?: string; roster?: string; templatesDir?: string };
}

export const CURRICULUM_FILE = 'curriculum.yaml';
export const MODULES_DIR = 'modules';

/** Parse and validate one file; returns the data or pushes diagnostics. */
function loadFile<S extends z.ZodType>(abs: string, schema: S, diags: Diagnostic[]): { data: z.output<S>; src: LocatedYaml } | undefined {
  const shown = displayPath(abs);
  try {
    const src = parseLocatedYaml(shown, readTextFile(abs, LIMITS.yamlBytes, 'berkas YAML'));
    const parsed = schema.safeParse(src.data);
    if (parsed.success) return { data: parsed.data, src };
    diags.push(...issuesToDiagnostics(schema, src, parsed.error.issues));
  } catch (e) {
    if (e instanceof UserError) diags.push(...e.diagnostics);
    else throw e;
  }
  return undefined;
}

export function loadCurriculum(dir: string): Curriculum {
  const root = path.resolve(dir);
  const shownRoot = displayPath(root);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UserError([diagnostic(shownRoot, 'folder kurikulum tidak ditemukan', { hint: 'sebutkan folder yang berisi curriculum.yaml, atau buat baru dengan "bimtek init <folder>"' })]);
  }
  const mainAbs = path.join(root, CURRICULUM_FILE);
  if (!existsSync(mainAbs)) {
    throw new UserError([
      diagnostic(displayPath(mainAbs), 'berkas curriculum.yaml tidak ada', {
        hint: 'setiap folder kurikulum memerlukan curriculum.yaml; buat contoh dengan "bimtek init <folder>"',
      }),
    ]);
  }
  const diags: Diagnostic[] = [];
  const main = loadFile(mainAbs, CurriculumFile, diags);

  const modulesDir = path.join(root, MODULES_DIR);
  const moduleFiles = existsSync(modulesDir)
    ? readdirSync(modulesDir)
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
    : [];
  if (moduleFiles.length === 0) {
    diags.push(diagnostic(displayPath(modulesDir), 'tidak ada modul', { expected: 'paling sedikit satu berkas modules/*.yaml', hint: 'buat berkas seperti modules/01-pengantar.yaml' }));
  }
  if (moduleFiles.length > LIMITS.modules) {
    diags.push(diagnostic(displayPath(modulesDir), 'terlalu banyak modul', { expected: `paling banyak ${LIMITS.modules}`, found: String(moduleFiles.length) }));
  }
  const modules: { data: Module; src: LocatedYaml }[] = [];
  for (const f of moduleFiles.slice(0, LIMITS.modules)) {
    const loaded = loadFile(path.join(modulesDir, f), ModuleFile, diags);
    if (loaded) modules.push({ data: { ...loaded.data, file: loaded.src.file }, src: loaded.src });
  }

  if (!main) throw new UserError(diags);
  const { $schema: _s, ...meta } = main.data;
  const curriculum: Curriculum = { ...meta, root, file: main.src.file, modules: modules.map((m) => m.data), assets: {} };
  crossCheck(curriculum, main.src, modules, diags);
  if (diags.some((d) => d.severity === 'error')) throw new UserError(diags);
  return curriculum;
}

/** Checks that span files: ids, references between them, and files they name. */
function crossCheck(c: Curriculum, src: LocatedYaml, modules: { data: Module; src: LocatedYaml }[], diags: Diagnostic[]): void {
  const at = (s: LocatedYaml, p: PathKey[], message: string, extra: Partial<Diagnostic> = {}) =>
    diags.push(diagnostic(s.file, message, { ...s.locate(p), ...extra }));

  uniqueIds(c.audiences, (i) => at(src, ['audiences', i, 'id'], `id sasaran "${c.audiences[i]!.id}" dipakai dua kali`, { hint: 'setiap sasaran perlu id yang berbeda' }));
  uniqueIds(c.signatories, (i) => at(src, ['signatories', i, 'id'], `id penanda tangan "${c.signatories[i]!.id}" dipakai dua kali`, { hint: 'setiap penanda tangan perlu id yang berbeda' }));

  const firstFile = new Map<string, string>();
  for (const m of modules) {
    const prev = firstFile.get(m.data.id);
    if (prev) at(m.src, ['id'], `id modul "${m.data.id}" sudah dipakai`, { found: `juga di ${prev}`, hint: 'setiap modul perlu id yang berbeda; ganti id salah satunya' });
    else firstFile.set(m.data.id, m.src.file);
  }

  const audienceIds = c.audiences.map((a) => a.id);
  for (const m of modules) {
    m.data.audiences.forEach((a, i) => {
      if (!audienceIds.includes(a)) {
        at(m.src, ['audiences', i], `sasaran "${a}" tidak ada di curriculum.yaml`, { expected: `salah satu dari ${audienceIds.join(', ')}`, hint: hintFor(a, audienceIds, 'tambahkan sasaran ini di bagian "audiences" curriculum.yaml') });
      }
    });
  }

  const moduleIds = [...firstFile.keys()];
  const signatoryIds = c.signatories.map((s) => s.id);
  c.schedule.forEach((day, d) => {
    if (!c.event.dates.includes(day.date)) {
      at(src, ['schedule', d, 'date'], `tanggal susunan acara ${day.date} bukan tanggal kegiatan`, { expected: `salah satu dari ${c.event.dates.join(', ')}`, hint: 'samakan dengan event.dates' });
    }
    let prevEnd = '';
    day.items.forEach((item, i) => {
      const start = item.start.replace(':', '.');
      const end = item.end.replace(':', '.');
      if (end <= start) at(src, ['schedule', d, 'items', i, 'end'], 'jam selesai tidak sesudah jam mulai', { found: `${item.start}–${item.end}`, hint: 'periksa jam mulai dan jam selesai acara ini' });
      if (prevEnd && start < prevEnd) at(src, ['schedule', d, 'items', i, 'start'], 'acara dimulai sebelum acara sebelumnya selesai', { found: `${item.start}, sebelumnya selesai ${prevEnd}`, hint: 'urutkan acara menurut jam atau perbaiki jamnya' });
      prevEnd = end;
      if (item.module && !firstFile.has(item.module)) {
        at(src, ['schedule', d, 'items', i, 'module'], `modul "${item.module}" tidak ada`, { expected: `id modul: ${moduleIds.join(', ')}`, hint: hintFor(item.module, moduleIds, 'periksa id di berkas modules/*.yaml') });
      }
    });
  });

  const checkSignatory = (p: PathKey[], ref: string | undefined) => {
    if (ref && !signatoryIds.includes(ref)) at(src, p, `penanda tangan "${ref}" tidak ada`, { expected: signatoryIds.length ? `salah satu dari ${signatoryIds.join(', ')}` : 'penanda tangan di bagian "signatories"', hint: hintFor(ref, signatoryIds, 'tambahkan di bagian "signatories"') });
  };
  checkSignatory(['foreword_signatory'], c.foreword_signatory);
  checkSignatory(['settings', 'attendance', 'signatory'], c.settings.attendance.signatory);

  if (c.organizer.logo) {
    const logo = checkPath(c.root, c.organizer.logo, (problem) => at(src, ['organizer', 'logo'], `logo: ${problem.message}`, { found: c.organizer.logo, hint: problem.hint }));
    if (logo) {
      const bad = imageProblem(logo);
      if (bad) at(src, ['organizer', 'logo'], `logo: ${bad}`, { found: c.organizer.logo, expected: 'gambar PNG atau JPEG yang utuh', hint: 'ekspor ulang logo sebagai PNG atau JPEG' });
      else c.assets.logo = logo;
    }
  }
  if (c.settings.attendance.roster) {
    const roster = checkPath(c.root, c.settings.attendance.roster, (problem) => at(src, ['settings', 'attendance', 'roster'], `roster: ${problem.message}`, { found: c.settings.attendance.roster, hint: problem.hint }));
    if (roster) c.assets.roster = roster;
  }
  const templatesDir = path.join(c.root, 'templates');
  if (existsSync(templatesDir)) {
    const t = resolveInside(c.root, 'templates');
    if ('problem' in t) diags.push(diagnostic(displayPath(templatesDir), `templates: ${t.problem.message}`, { hint: t.problem.hint }));
    else c.assets.templatesDir = t.abs;
  }
}

function uniqueIds(items: { id: string }[], report: (index: number) => void): void {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) report(i);
    seen.add(it.id);
  });
}

function hintFor(word: string, candidates: string[], fallback: string): string {
  const guess = didYouMean(word, candidates);
  return guess ? `maksudnya "${guess}"?` : fallback;
}

function checkPath(root: string, rel: string, report: (p: { message: string; hint: string }) => void): string | undefined {
  const r = resolveInside(root, rel);
  if ('problem' in r) {
    report(r.problem);
    return undefined;
  }
  return r.abs;
}

/** A quick structural check of a PNG or JPEG; returns what is wrong, or undefined. */
export function imageProblem(abs: string): string | undefined {
  const size = statSync(abs).size;
  if (size > LIMITS.imageBytes) return `gambar terlalu besar (${Math.round(size / 1024)} KB)`;
  const buf = readFileSync(abs);
  const isPng = buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const isJpeg = buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff;
  if (!isPng && !isJpeg) return 'bukan gambar PNG atau JPEG';
  if (isPng && (buf.subarray(12, 16).toString('latin1') !== 'IHDR' || buf.lastIndexOf('IEND') < 0)) return 'berkas PNG rusak atau terpotong';
  if (isJpeg && !(buf[buf.length - 2] === 0xff && buf[buf.length - 1] === 0xd9)) return 'berkas JPEG rusak atau terpotong';
  return undefined;
}
