/**
 * One version of a curriculum, read either from the working tree or from a git revision, parsed and
 * validated with the same schema as `bimtek validate`. A problem in a revision is located as
 * `a1b2c3d:curriculum/modules/02-etika.yaml:14:7`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { CURRICULUM_FILE, diagnostic, displayPath, LIMITS, MODULES_DIR, parseAndValidate, readTextFile, UserError, type Diagnostic, type LocatedYaml } from '../curriculum/index.js';
import { CurriculumFile, ModuleFile } from '../curriculum/schema.js';
import { decodeText } from '../curriculum/source-file.js';
import type { CurriculumVersion, RevisionInfo } from './diff-types.js';
import { listTree, locateInRepo, readBlobs, resolveRevision } from './git-read.js';

/** A file of one version: its name as shown to the user, and how to get its text (or a diagnostic). */
interface SourceFile {
  name: string;
  shown: string;
  text: () => string;
}

interface Source {
  info: RevisionInfo;
  /** The folder as shown to the user. */
  shownRoot: string;
  main: SourceFile | null;
  /** curriculum.yaml as shown, also when it is missing. */
  mainShown: string;
  modulesShown: string;
  /** Module YAML files in name order. */
  modules: SourceFile[];
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Read the curriculum in `dir` as it is in revision `rev` (a commit, tag, branch, `HEAD~1` …), or
 * in the working tree when `rev` is null. Throws a UserError with every problem found.
 */
export async function readCurriculumAt(dir: string, rev: string | null): Promise<CurriculumVersion> {
  const source = rev === null ? workingTreeSource(dir) : await revisionSource(dir, rev);
  return parseSource(source);
}

function workingTreeSource(dir: string): Source {
  const root = path.resolve(dir);
  const shownRoot = displayPath(root);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UserError([diagnostic(shownRoot, 'folder kurikulum tidak ditemukan', { hint: 'sebutkan folder yang berisi curriculum.yaml dengan --dir, atau buat baru dengan "bimtek init <folder>"' })]);
  }
  const info: RevisionInfo = { rev: null, commit: null, short: null, commitTime: null, dir, root };
  const mainAbs = path.join(root, CURRICULUM_FILE);
  const fromDisk = (abs: string, name: string): SourceFile => ({ name, shown: displayPath(abs), text: () => readTextFile(abs, LIMITS.yamlBytes, 'berkas YAML') });
  const modulesDir = path.join(root, MODULES_DIR);
  const names = existsSync(modulesDir) && statSync(modulesDir).isDirectory() ? readdirSync(modulesDir).filter((f) => YAML_FILE.test(f)).sort() : [];
  return {
    info,
    shownRoot,
    main: existsSync(mainAbs) ? fromDisk(mainAbs, CURRICULUM_FILE) : null,
    mainShown: displayPath(mainAbs),
    modulesShown: displayPath(modulesDir),
    modules: names.map((f) => fromDisk(path.join(modulesDir, f), f)),
  };
}

async function revisionSource(dir: string, rev: string): Promise<Source> {
  const loc = await locateInRepo(dir);
  const commit = await resolveRevision(loc, rev);
  const at = (rel: string) => `${commit.short}:${rel || '.'}`;
  const info: RevisionInfo = { rev, commit: commit.commit, short: commit.short, commitTime: commit.time, dir: loc.prefix, root: path.resolve(dir) };
  const join = (...parts: string[]) => parts.filter(Boolean).join('/');
  const shownRoot = at(loc.prefix);
  const rootEntries = await listTree(loc, commit.commit, loc.prefix);
  if (!rootEntries) {
    throw new UserError([
      diagnostic(shownRoot, 'folder kurikulum tidak ada di revisi ini', {
        hint: `folder dibaca relatif terhadap akar repositori ("${loc.prefix || '.'}"); periksa nama revisi, atau jalankan dari folder yang benar`,
      }),
    ]);
  }
  const modulesRel = join(loc.prefix, MODULES_DIR);
  const modulesEntry = rootEntries.find((e) => e.name === MODULES_DIR && e.type === 'tree');
  const moduleEntries = modulesEntry ? ((await listTree(loc, commit.commit, modulesRel)) ?? []) : [];
  const mainEntry = rootEntries.find((e) => e.name === CURRICULUM_FILE && e.type === 'blob');
  const yamlEntries = moduleEntries.filter((e) => e.type === 'blob' && YAML_FILE.test(e.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const wanted = [...(mainEntry ? [mainEntry] : []), ...yamlEntries].filter((e) => e.size <= LIMITS.yamlBytes && e.mode !== '120000');
  const blobs = await readBlobs(loc, wanted.map((e) => e.oid));
  const fromGit = (entry: (typeof yamlEntries)[number], rel: string): SourceFile => {
    const shown = at(rel);
    return {
      name: entry.name,
      shown,
      text: () => {
        if (entry.mode === '120000') {
          throw new UserError([diagnostic(shown, 'berkas ini tautan simbolik (symlink) di revisi ini', { hint: 'bimtek diff hanya membaca berkas biasa dari git; ganti tautan dengan berkas aslinya' })]);
        }
        if (entry.size > LIMITS.yamlBytes) {
          throw new UserError([
            diagnostic(shown, 'berkas YAML terlalu besar di revisi ini', {
              expected: `paling besar ${Math.round(LIMITS.yamlBytes / 1024)} KB`,
              found: `${Math.round(entry.size / 1024)} KB`,
              hint: 'berkas sebesar ini bukan kurikulum yang ditulis tangan; cari commit yang menambahkannya dengan "git log --stat -- <berkas>" dan bandingkan revisi sebelum atau sesudahnya',
            }),
          ]);
        }
        const buf = blobs.get(entry.oid);
        if (!buf) throw new UserError([diagnostic(shown, 'isi berkas tidak dapat dibaca dari git', { hint: 'periksa repositori dengan "git fsck"' })]);
        return decodeText(buf, shown, 'berkas YAML');
      },
    };
  };
  return {
    info,
    shownRoot,
    main: mainEntry ? fromGit(mainEntry, join(loc.prefix, CURRICULUM_FILE)) : null,
    mainShown: at(join(loc.prefix, CURRICULUM_FILE)),
    modulesShown: at(modulesRel),
    modules: yamlEntries.map((e) => fromGit(e, join(modulesRel, e.name))),
  };
}

function loadFile<S extends z.ZodType>(file: SourceFile, schema: S, diags: Diagnostic[]): { data: z.output<S>; src: LocatedYaml } | undefined {
  return parseAndValidate(file.shown, () => file.text(), schema, diags);
}

function parseSource(s: Source): CurriculumVersion {
  if (!s.main) {
    throw new UserError([
      diagnostic(s.mainShown, 'berkas curriculum.yaml tidak ada', {
        hint: s.info.rev === null ? 'setiap folder kurikulum memerlukan curriculum.yaml' : 'revisi ini tidak memuat curriculum.yaml di folder kurikulum; periksa nama revisi dan folder',
      }),
    ]);
  }
  const diags: Diagnostic[] = [];
  const main = loadFile(s.main, CurriculumFile, diags);
  if (s.modules.length === 0) {
    diags.push(diagnostic(s.modulesShown, 'tidak ada modul', { expected: 'paling sedikit satu berkas modules/*.yaml', hint: 'buat berkas seperti modules/01-pengantar.yaml' }));
  }
  if (s.modules.length > LIMITS.modules) {
    diags.push(diagnostic(s.modulesShown, 'terlalu banyak modul', { expected: `paling banyak ${LIMITS.modules}`, found: String(s.modules.length) }));
  }
  const modules: CurriculumVersion['modules'] = [];
  const firstFile = new Map<string, string>();
  for (const f of s.modules.slice(0, LIMITS.modules)) {
    const loaded = loadFile(f, ModuleFile, diags);
    if (!loaded) continue;
    // The diff matches modules by id: two modules with one id would make it ambiguous.
    const prev = firstFile.get(loaded.data.id);
    if (prev) {
      diags.push(diagnostic(f.shown, `id modul "${loaded.data.id}" sudah dipakai`, { ...loaded.src.locate(['id']), found: `juga di ${prev}`, hint: 'setiap modul perlu id yang berbeda; ganti id salah satunya' }));
      continue;
    }
    firstFile.set(loaded.data.id, f.shown);
    const { $schema: _s, ...data } = loaded.data;
    modules.push({ ...data, file: f.shown });
  }
  if (!main || diags.some((d) => d.severity === 'error')) throw new UserError(diags);
  const { $schema: _m, ...meta } = main.data;
  return { ...meta, modules, source: s.info };
}
