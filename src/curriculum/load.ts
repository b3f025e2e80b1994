/**
 * Longer than ~350 lines for now: the cross-file checks (ids, schedule, signatories, files inside
 * the folder, paperwork and slide settings) read the same loaded files; they move to their own
 * module when the cascade plan adds its checks.
 *
 * Loads a curriculum folder: curriculum.yaml plus modules/*.yaml, validated against the schema,
 * then checked across files. Every problem in every file is collected and thrown together.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { cleanTexts } from './clean-text.js';
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
  assets: { logo?: string; roster?: string; templatesDir?: string; /** Certificate frame image. */ frame?: string; slidesReference?: string };
  /** What loading let through but the user should know (characters removed …), located. */
  warnings?: Diagnostic[];
}

export const CURRICULUM_FILE = 'curriculum.yaml';
export const MODULES_DIR = 'modules';

/** Parse and validate one file; returns the data or pushes diagnostics. */
function loadFile<S extends z.ZodType>(root: string, abs: string, schema: S, diags: Diagnostic[]): { data: z.output<S>; src: LocatedYaml } | undefined {
  const shown = displayPath(abs);
  try {
    // curriculum.yaml and modules/*.yaml must really be inside the folder (not symlinks out of it).
    const inside = resolveInside(root, path.relative(root, abs));
    if ('problem' in inside && existsSync(abs)) {
      diags.push(diagnostic(shown, inside.problem.message, { hint: inside.problem.hint }));
      return undefined;
    }
    return parseAndValidate(shown, () => readTextFile(abs, LIMITS.yamlBytes, 'berkas YAML'), schema, diags);
  } catch (e) {
    if (e instanceof UserError) diags.push(...e.diagnostics);
    else throw e;
  }
  return undefined;
}

/**
 * One YAML file's text → validated data with positions, or its problems added to `diags`. Shared
 * by the loader (files on disk) and the diff (files read from git).
 */
export function parseAndValidate<S extends z.ZodType>(shown: string, text: () => string, schema: S, diags: Diagnostic[]): { data: z.output<S>; src: LocatedYaml } | undefined {
  try {
    const src = parseLocatedYaml(shown, text());
    cleanTexts(src, diags);
    const parsed = schema.safeParse(src.data);
    if (parsed.success) return { data: parsed.data, src };
    diags.push(...issuesToDiagnostics(schema, src, parsed.error.issues));
  } catch (e) {
    if (e instanceof UserError) diags.push(...e.diagnostics);
    else throw e;
  }
  return undefined;
}

/** A problem the Markdown stage finds in one text: 1-based line inside the text. */
export interface TextProblem {
  line: number;
  message: string;
  hint: string;
  severity?: 'warning';
}

export interface LoadOptions {
  /**
   * Checks each curriculum text on its own as Markdown (given by the caller: the loader sits below
   * the Markdown stage). A text is checked alone so that one open block is reported where it is
   * written, and can never swallow the texts after it in a document.
   */
  textProblems?: (text: string) => TextProblem[];
  /** The images a text shows, read as the build reads them (else found by a pattern). */
  textImages?: (text: string) => { src: string; line: number }[];
}

export function loadCurriculum(dir: string, opts: LoadOptions = {}): Curriculum {
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
  const main = loadFile(root, mainAbs, CurriculumFile, diags);

  const modulesDir = path.join(root, MODULES_DIR);
  const modulesInside = existsSync(modulesDir) ? resolveInside(root, MODULES_DIR) : undefined;
  if (modulesInside && 'problem' in modulesInside) diags.push(diagnostic(displayPath(modulesDir), `modules: ${modulesInside.problem.message}`, { hint: modulesInside.problem.hint }));
  const modulesFolder = modulesInside && 'problem' in modulesInside ? undefined : listFolder(modulesDir, 'modules', diags);
  const moduleFiles = (modulesFolder ?? []).filter((f) => /\.ya?ml$/i.test(f)).sort();
  if (moduleFiles.length === 0 && modulesFolder !== undefined) {
    diags.push(diagnostic(displayPath(modulesDir), 'tidak ada modul', { expected: 'paling sedikit satu berkas modules/*.yaml', hint: 'buat berkas seperti modules/01-pengantar.yaml' }));
  }
  if (moduleFiles.length > LIMITS.modules) {
    diags.push(diagnostic(displayPath(modulesDir), 'terlalu banyak modul', { expected: `paling banyak ${LIMITS.modules}`, found: String(moduleFiles.length), hint: 'gabungkan modul yang berkaitan, atau pindahkan berkas yang bukan modul keluar dari folder modules' }));
  }
  const modules: { data: Module; src: LocatedYaml }[] = [];
  for (const f of moduleFiles.slice(0, LIMITS.modules)) {
    const loaded = loadFile(root, path.join(modulesDir, f), ModuleFile, diags);
    if (loaded) modules.push({ data: { ...loaded.data, file: loaded.src.file }, src: loaded.src });
  }
  // A module file that could not be read may hold the id a schedule names: checking references
  // against the others would only add false "tidak ada" errors.
  const allModulesRead = moduleFiles.length > 0 && modules.length === Math.min(moduleFiles.length, LIMITS.modules);

  if (!main) throw new UserError(diags);
  const { $schema: _s, ...meta } = main.data;
  const curriculum: Curriculum = { ...meta, root, file: main.src.file, modules: modules.map((m) => m.data), assets: {}, warnings: [] };
  crossCheck(curriculum, main.src, modules, diags, allModulesRead);
  for (const file of [main.src, ...modules.map((m) => m.src)]) checkTexts(root, file, opts, diags);
  if (diags.some((d) => d.severity === 'error')) throw new UserError(diags);
  curriculum.warnings = diags;
  return curriculum;
}

/** Checks that span files: ids, references between them, and files they name. */
function crossCheck(c: Curriculum, src: LocatedYaml, modules: { data: Module; src: LocatedYaml }[], diags: Diagnostic[], allModulesRead: boolean): void {
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

  const audienceIds = [...new Set(c.audiences.map((a) => a.id))];
  for (const m of modules) {
    m.data.audiences.forEach((a, i) => {
      if (!audienceIds.includes(a)) {
        at(m.src, ['audiences', i], `sasaran "${a}" tidak ada di curriculum.yaml`, { expected: `salah satu dari ${audienceIds.join(', ')}`, hint: hintFor(a, audienceIds, 'tambahkan sasaran ini di bagian "audiences" curriculum.yaml') });
      }
    });
  }

  const moduleIds = [...firstFile.keys()];
  const signatoryIds = [...new Set(c.signatories.map((s) => s.id))];
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
      if (item.module && allModulesRead && !firstFile.has(item.module)) {
        at(src, ['schedule', d, 'items', i, 'module'], `modul "${item.module}" tidak ada`, { expected: `id modul: ${moduleIds.join(', ')}`, hint: hintFor(item.module, moduleIds, 'periksa id di berkas modules/*.yaml') });
      }
    });
  });

  const checkSignatory = (p: PathKey[], ref: string | undefined) => {
    if (ref && !signatoryIds.includes(ref)) at(src, p, `penanda tangan "${ref}" tidak ada`, { expected: signatoryIds.length ? `salah satu dari ${signatoryIds.join(', ')}` : 'penanda tangan di bagian "signatories"', hint: hintFor(ref, signatoryIds, 'tambahkan di bagian "signatories"') });
  };
  checkSignatory(['foreword_signatory'], c.foreword_signatory);
  checkSignatory(['settings', 'attendance', 'signatory'], c.settings.attendance.signatory);
  const paperwork = c.settings.paperwork;
  checkSignatory(['settings', 'paperwork', 'signatory'], paperwork.signatory);
  for (const doc of ['certificate', 'receipt', 'invitation'] as const) checkSignatory(['settings', 'paperwork', doc, 'signatory'], paperwork[doc].signatory);

  if (c.organizer.logo) {
    const logo = checkPath(c.root, c.organizer.logo, (problem) => at(src, ['organizer', 'logo'], `logo: ${problem.message}`, { found: c.organizer.logo, hint: problem.hint }));
    if (logo) {
      const bad = imageProblem(logo);
      if (bad) at(src, ['organizer', 'logo'], `logo: ${bad}`, { found: c.organizer.logo, expected: 'gambar PNG atau JPEG yang utuh', hint: bad.includes('folder') ? 'tulis path berkas logonya, misalnya "assets/logo.png"' : bad.includes('piksel') ? 'perkecil logonya (misalnya lebar 1000 piksel) lalu simpan ulang' : 'ekspor ulang logo sebagai PNG atau JPEG' });
      else c.assets.logo = logo;
    }
  }
  if (paperwork.certificate.frame) {
    const where: PathKey[] = ['settings', 'paperwork', 'certificate', 'frame'];
    const frame = checkPath(c.root, paperwork.certificate.frame, (problem) => at(src, where, `bingkai: ${problem.message}`, { found: paperwork.certificate.frame, hint: problem.hint }));
    const bad = frame && imageProblem(frame);
    if (bad) at(src, where, `bingkai: ${bad}`, { found: paperwork.certificate.frame, expected: 'gambar PNG atau JPEG yang utuh', hint: 'ekspor ulang bingkai sebagai PNG atau JPEG' });
    else if (frame) c.assets.frame = frame;
  }
  if (c.settings.attendance.roster) {
    const roster = checkPath(c.root, c.settings.attendance.roster, (problem) => at(src, ['settings', 'attendance', 'roster'], `roster: ${problem.message}`, { found: c.settings.attendance.roster, hint: problem.hint }));
    if (roster && !isFile(roster)) at(src, ['settings', 'attendance', 'roster'], 'roster: path menunjuk ke folder, bukan berkas', { found: c.settings.attendance.roster, hint: 'tulis path berkas CSV atau XLSX, misalnya "peserta.csv"' });
    else if (roster) c.assets.roster = roster;
  }
  if (c.settings.slides.reference) {
    const where: PathKey[] = ['settings', 'slides', 'reference'];
    const reference = checkPath(c.root, c.settings.slides.reference, (problem) => at(src, where, `reference: ${problem.message}`, { found: c.settings.slides.reference, hint: problem.hint }));
    const bad = reference && (!isFile(reference) ? 'path menunjuk ke folder, bukan berkas' : !isZip(reference) ? 'bukan berkas PowerPoint (.pptx)' : null);
    if (bad) at(src, where, `reference: ${bad}`, { found: c.settings.slides.reference, expected: 'templat .pptx', hint: 'simpan templat kantor dari PowerPoint sebagai .pptx di folder kurikulum, misalnya "assets/templat.pptx"' });
    else if (reference) c.assets.slidesReference = reference;
  }
  const templatesDir = path.join(c.root, 'templates');
  if (existsSync(templatesDir)) {
    const t = resolveInside(c.root, 'templates');
    if ('problem' in t) diags.push(diagnostic(displayPath(templatesDir), `templates: ${t.problem.message}`, { hint: t.problem.hint }));
    else if (listFolder(t.abs, 'templates', diags, displayPath(templatesDir))) c.assets.templatesDir = t.abs;
  }
}

/**
 * The names in a folder the curriculum needs; undefined (with a diagnostic) when it is a file or
 * cannot be read, [] when it is absent.
 */
function listFolder(abs: string, what: string, diags: Diagnostic[], shown = displayPath(abs)): string[] | undefined {
  if (!existsSync(abs)) return [];
  try {
    if (!statSync(abs).isDirectory()) {
      diags.push(diagnostic(shown, `${what} adalah berkas, bukan folder`, { hint: `"${what}" harus berupa folder; ganti nama berkas itu` }));
      return undefined;
    }
    return readdirSync(abs);
  } catch (e) {
    diags.push(diagnostic(shown, `folder ${what} tidak dapat dibaca`, { found: (e as NodeJS.ErrnoException).code, hint: 'periksa izin baca folder itu' }));
    return undefined;
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

/** A ZIP (as every .pptx is) starts with a local file header. */
function isZip(abs: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(abs, 'r');
  try {
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** A quick structural check of a PNG or JPEG; returns what is wrong, or undefined. */
export function imageProblem(abs: string): string | undefined {
  let buf: Buffer;
  try {
    const st = statSync(abs);
    if (!st.isFile()) return 'path menunjuk ke folder, bukan berkas gambar';
    if (st.size > LIMITS.imageBytes) return `gambar terlalu besar (${Math.round(st.size / 1024)} KB)`;
    buf = readFileSync(abs);
  } catch (e) {
    return `berkas gambar tidak dapat dibaca (${(e as NodeJS.ErrnoException).code ?? 'galat'})`;
  }
  const isPng = buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const isJpeg = buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff;
  if (!isPng && !isJpeg) return 'bukan gambar PNG atau JPEG';
  if (isPng && (buf.subarray(12, 16).toString('latin1') !== 'IHDR' || buf.lastIndexOf('IEND') < 0)) return 'berkas PNG rusak atau terpotong';
  if (isJpeg && !(buf[buf.length - 2] === 0xff && buf[buf.length - 1] === 0xd9)) return 'berkas JPEG rusak atau terpotong';
  // Pixels from the header, before anything decodes them: a 1 MB PNG of 16000 × 16000 decodes to 1 GB.
  const size = isPng ? { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) } : jpegSize(buf);
  if (size && size.width * size.height > (isPng ? LIMITS.pngPixels : LIMITS.jpegPixels)) {
    return `gambar terlalu besar (${size.width} × ${size.height} piksel; paling banyak ${(isPng ? LIMITS.pngPixels : LIMITS.jpegPixels) / 1e6} juta piksel)`;
  }
  return undefined;
}

/** Width and height from a JPEG's first SOF marker. */
function jpegSize(buf: Buffer): { width: number; height: number } | undefined {
  for (let at = 2; at + 9 < buf.length; ) {
    if (buf[at] !== 0xff) return undefined;
    const marker = buf[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: buf.readUInt16BE(at + 5), width: buf.readUInt16BE(at + 7) };
    at += 2 + buf.readUInt16BE(at + 2);
  }
  return undefined;
}

/**
 * `::: name` blocks a curriculum text may use (callouts, keep-together and the layout components
 * of src/pdf/components.ts that make sense inside a text), with their numeric attributes.
 */
const TEXT_BLOCKS: Record<string, string[]> = { catatan: [], perhatian: [], fasilitator: [], kotak: [], keep: [], spacer: ['height'], signature: [] };
const CONTAINER_LINE = /^[ \t]*:{3,}[ \t]*([A-Za-z][\w-]*)(.*)$/gm;

function checkMarkdownBlocks(src: LocatedYaml, p: PathKey[], text: string, diags: Diagnostic[]): void {
  for (const m of text.matchAll(CONTAINER_LINE)) {
    const [line, name, rest] = [m[0], m[1]!, m[2] ?? ''];
    const at = src.locateText(p, line.trim());
    const known = TEXT_BLOCKS[name];
    if (!known) {
      const guess = didYouMean(name, Object.keys(TEXT_BLOCKS));
      diags.push(diagnostic(src.file, `blok "::: ${name}" tidak dikenal`, { ...at, expected: Object.keys(TEXT_BLOCKS).join(', '), hint: guess ? `maksudnya "${guess}"?` : 'untuk kotak peringatan pakai "::: perhatian", untuk catatan "::: catatan"' }));
      continue;
    }
    for (const attr of known) {
      const v = new RegExp(`\\b${attr}=("?)([^"\\s]*)\\1`).exec(rest);
      if (v && !/^\d+(\.\d+)?$/.test(v[2]!)) diags.push(diagnostic(src.file, `atribut ${attr} pada "::: ${name}" harus angka`, { ...at, found: v[2], hint: `tulis angka dalam poin, misalnya ${attr}=24` }));
    }
  }
}

/** `![alt](src)` in any text: Markdown images the handbook will load (when no Markdown reader is given). */
const IMAGE_REF = /!\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

function patternImages(text: string): { src: string; line: number }[] {
  return [...text.matchAll(IMAGE_REF)].map((m) => ({ src: m[1]!, line: text.slice(0, m.index).split('\n').length }));
}

/**
 * Markdown in curriculum texts is checked here, where the YAML position is known: `:::` blocks
 * must be ones the renderer knows; images must be inside the
 * curriculum folder, present, and a whole PNG or JPEG. (The renderer checks again, but only knows
 * the document, not the line.)
 */
function checkTexts(root: string, src: LocatedYaml, opts: LoadOptions, diags: Diagnostic[]): void {
  const walk = (v: unknown, p: PathKey[]) => {
    if (typeof v === 'string') {
      for (const problem of opts.textProblems?.(v) ?? []) {
        const line = v.split('\n')[problem.line - 1]?.trim() ?? '';
        diags.push(diagnostic(src.file, problem.message, { ...(line ? src.locateText(p, line) : src.locate(p)), hint: problem.hint, severity: problem.severity ?? 'error' }));
      }
      if (v.includes(':::')) checkMarkdownBlocks(src, p, v, diags);
      if (!v.includes('![')) return;
      for (const image of opts.textImages?.(v) ?? patternImages(v)) {
        const ref = image.src;
        const line = v.split('\n')[image.line - 1]?.trim() ?? '';
        const report = (message: string, hint: string) => diags.push(diagnostic(src.file, `gambar "${ref}": ${message}`, { ...(line ? src.locateText(p, line) : src.locate(p)), hint }));
        if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[a-zA-Z]:[\\/]/.test(ref)) {
          report('gambar harus berupa berkas di dalam folder kurikulum', 'simpan gambarnya di folder assets/ lalu tulis misalnya ![Keterangan](assets/gambar.png)');
          continue;
        }
        const r = resolveInside(root, ref);
        if ('problem' in r) {
          report(r.problem.message, r.problem.hint);
          continue;
        }
        const bad = imageProblem(r.abs);
        if (bad) report(bad, bad.includes('piksel') ? 'perkecil gambarnya (misalnya lebar 2000 piksel) lalu simpan ulang' : 'pakai gambar PNG atau JPEG yang utuh');
      }
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...p, i]));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    }
  };
  walk(src.data, []);
}
