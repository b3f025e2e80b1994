/**
 * `bimtek init [folder]`: a self-contained curriculum project that validates and builds at once —
 * the curriculum (curriculum.yaml at the top, one example module, a roster, the JSON Schema), a
 * package.json pinning bimtek, .gitignore, editor settings and a GitHub Actions workflow.
 *
 * The folder may be new, empty, or a fresh clone of an empty repository (.git, and what GitHub
 * puts in a new repository: README, LICENSE, .gitignore, .gitattributes). Nothing that exists is
 * overwritten: an existing README is kept and the .gitignore lines are added to an existing one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { displayPath, fail, loadCurriculum } from '../curriculum/index.js';
import { writeFileAtomic } from '../write/index.js';
import { packageVersion } from '../artifacts/package-version.js';
import { CURRICULUM, EDITOR_FILES, GITIGNORE, MODULE, packageJson, readme, ROSTER, WORKFLOW } from './init-files.js';
import { paint, printJson, result } from './output.js';
import { schemaText } from './schema.js';

/** What a new repository may already hold: kept as it is (README, .gitignore: see above). */
const TOLERATED = new Set(['.git', 'README.md', 'LICENSE', 'LICENSE.md', 'LICENSE.txt', '.gitignore', '.gitattributes']);

export interface InitOptions {
  /** The version spec of bimtek in package.json (default: this version, exactly). */
  bimtek?: string;
  json?: boolean;
}

/** The target must be a folder or not exist, and no ancestor may be a file. */
function checkFolder(root: string): void {
  for (let p = root; ; p = path.dirname(p)) {
    if (existsSync(p) && !statSync(p).isDirectory()) {
      fail(displayPath(p), p === root ? 'sudah ada sebagai berkas, bukan folder' : 'bukan folder, jadi folder di dalamnya tidak dapat dibuat', {
        hint: 'pilih nama folder baru (atau folder yang kosong) untuk proyek kurikulum',
      });
    }
    if (existsSync(p) || path.dirname(p) === p) return;
  }
}

function checkEntries(root: string): void {
  if (!existsSync(root)) return;
  const others = readdirSync(root).filter((name) => !TOLERATED.has(name));
  if (others.length) {
    fail(displayPath(root), `folder sudah berisi berkas lain: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ` (+${others.length - 5})` : ''}`, {
      hint: 'jalankan bimtek init di folder baru atau kosong (klon git yang masih kosong boleh) supaya tidak ada berkas yang tertimpa',
    });
  }
}

/** The .gitignore: ours, or an existing one with our lines added. */
function gitignore(root: string): string {
  const file = path.join(root, '.gitignore');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const have = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  const missing = GITIGNORE.filter((line) => !have.has(line) && !have.has(line.replace(/\/$/, '')));
  return existing + (existing && !existing.endsWith('\n') ? '\n' : '') + missing.map((l) => l + '\n').join('');
}

export async function run(dir: string, opts: InitOptions = {}): Promise<number> {
  const root = path.resolve(dir);
  checkFolder(root);
  checkEntries(root);
  const name = path.basename(root);
  const files: Record<string, string> = {
    'curriculum.yaml': CURRICULUM,
    'modules/01-pemungutan.yaml': MODULE,
    'peserta.csv': ROSTER,
    'schema.json': schemaText(),
    'package.json': packageJson(name, opts.bimtek ?? packageVersion()),
    '.gitignore': gitignore(root),
    ...EDITOR_FILES,
    '.github/workflows/bimtek.yml': WORKFLOW,
    ...(existsSync(path.join(root, 'README.md')) ? {} : { 'README.md': readme(name) }),
  };
  const written = Object.entries(files).map(([rel, content]) => writeFileAtomic(path.join(root, rel), content));
  const c = loadCurriculum(root);
  if (opts.json) {
    printJson({ ok: true, folder: root, files: written.map((f) => path.resolve(f)), modules: c.modules.length });
    return 0;
  }
  const cd = path.relative(process.cwd(), root) ? `cd ${displayPath(root)} && ` : '';
  // Without --bimtek, package.json names a version the npm registry does not have (yet): the
  // install names the tarball or git URL, and npm writes that into package.json.
  const install = opts.bimtek ? 'npm install' : 'npm install --save-dev <berkas bimtek-*.tgz atau URL git bimtek>';
  result(`${paint.green('✓')} proyek kurikulum baru: ${displayPath(root)} (${c.modules.length} modul, ${written.length} berkas)`);
  result(`  lanjutkan dengan: ${cd}${install} && npx bimtek build --out out`);
  return 0;
}
