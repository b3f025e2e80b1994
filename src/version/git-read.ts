/**
 * Reading files of one revision straight from git, without touching the working tree or the
 * index: where the curriculum folder sits inside the repository (`git rev-parse --show-prefix`),
 * which commit a revision names, the folder's entries (`git ls-tree`) and their contents (one
 * `git cat-file --batch` process for all of them).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, displayPath, UserError } from '../curriculum/index.js';

export interface RepoLocation {
  /** Absolute path of the repository's top level. */
  top: string;
  /** The curriculum folder relative to the top level, with `/` separators; '' when it is the top level. */
  prefix: string;
  /** An existing directory inside the repository where git runs. */
  cwd: string;
}

export interface RevisionCommit {
  /** The revision as the user wrote it. */
  rev: string;
  commit: string;
  short: string;
  /** Committer time (seconds since the epoch). */
  time: number;
}

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
  /** Size in bytes (blobs only). */
  size: number;
  name: string;
}

class GitFailure extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly stderr: string,
    readonly missing = false,
  ) {
    super(`git ${args.join(' ')}: ${stderr.trim() || `exit ${code}`}`);
  }
}

/** Run git; resolves with stdout, rejects with GitFailure. */
function git(cwd: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_LITERAL_PATHSPECS: '1', LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => reject(new GitFailure(args, null, e.message, e.code === 'ENOENT')));
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new GitFailure(args, code, err))));
    if (input !== undefined && child.stdin) {
      // git may exit before reading all input (e.g. a bad object): the close event reports that.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

function gitMissing(): never {
  throw new UserError([diagnostic('git', 'program git tidak ditemukan', { hint: 'pasang git (https://git-scm.com) dan pastikan perintah "git" dapat dijalankan dari terminal' })]);
}

/** Where the curriculum folder `dir` lies inside its repository (the folder need not exist in the working tree). */
export async function locateInRepo(dir: string): Promise<RepoLocation> {
  const abs = path.resolve(dir);
  // The nearest existing ancestor: a folder deleted from the working tree may still exist in a revision.
  let base = abs;
  while (!(existsSync(base) && statSync(base).isDirectory())) {
    const up = path.dirname(base);
    if (up === base) break;
    base = up;
  }
  const rest = path.relative(base, abs).split(path.sep).filter(Boolean);
  let out: string;
  try {
    out = (await git(base, ['rev-parse', '--show-toplevel', '--show-prefix'])).toString('utf8');
  } catch (e) {
    if (e instanceof GitFailure && e.missing) gitMissing();
    throw new UserError([
      diagnostic(displayPath(abs), 'folder kurikulum tidak berada di dalam repositori git', {
        hint: 'bimtek diff membaca versi lama dari git; jalankan di dalam repositori (git init, git add, git commit)',
      }),
    ]);
  }
  const [top = '', prefix = ''] = out.replace(/\n$/, '').split('\n');
  const joined = path.posix.normalize([prefix.replace(/\/$/, ''), ...rest].filter(Boolean).join('/') || '.');
  return { top, prefix: joined === '.' ? '' : joined.replace(/\/$/, ''), cwd: base };
}

/** The commit a revision names (branch, tag, hash, HEAD~2 …), or a located error. */
export async function resolveRevision(loc: RepoLocation, rev: string): Promise<RevisionCommit> {
  const bad = (message: string) =>
    new UserError([
      diagnostic(rev || '(kosong)', message, {
        hint: 'sebutkan hash commit, tag atau nama cabang yang ada, misalnya HEAD~1 atau v1.0; lihat daftarnya dengan "git log --oneline"',
      }),
    ]);
  if (!rev.trim() || rev.startsWith('-') || /[\0\n]/.test(rev)) throw bad(`revisi "${rev}" tidak sah`);
  let commit: string;
  try {
    commit = (await git(loc.cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).toString('utf8').trim();
  } catch (e) {
    if (e instanceof GitFailure && e.missing) gitMissing();
    throw bad(`revisi "${rev}" tidak dikenal di repositori ini`);
  }
  const [short, time] = await Promise.all([
    git(loc.cwd, ['rev-parse', '--short=7', commit]).then((b) => b.toString('utf8').trim()),
    git(loc.cwd, ['show', '-s', '--format=%ct', commit]).then((b) => Number(b.toString('utf8').trim())),
  ]);
  return { rev, commit, short, time };
}

/**
 * Entries of the folder `rel` (relative to the repository top, '' for the top) in a commit, not
 * recursive; null when the path does not exist there or is not a folder.
 */
export async function listTree(loc: RepoLocation, commit: string, rel: string): Promise<TreeEntry[] | null> {
  const spec = rel ? `${commit}:${rel}` : `${commit}^{tree}`;
  let out: Buffer;
  try {
    out = await git(loc.cwd, ['ls-tree', '--full-tree', '-l', '-z', spec]);
  } catch (e) {
    if (e instanceof GitFailure && e.missing) gitMissing();
    return null;
  }
  const entries: TreeEntry[] = [];
  for (const record of out.toString('utf8').split('\0')) {
    if (!record) continue;
    // <mode> SP <type> SP <oid> SP+ <size> TAB <name>
    const m = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t([\s\S]*)$/.exec(record);
    if (!m) continue;
    entries.push({ mode: m[1]!, type: m[2] as TreeEntry['type'], oid: m[3]!, size: m[4] === '-' ? 0 : Number(m[4]), name: m[5]! });
  }
  return entries;
}

/** Contents of blobs by object id, read by one `git cat-file --batch`. */
export async function readBlobs(loc: RepoLocation, oids: readonly string[]): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  const unique = [...new Set(oids)];
  if (unique.length === 0) return result;
  const out = await git(loc.cwd, ['cat-file', '--batch'], unique.map((o) => `${o}\n`).join(''));
  let pos = 0;
  for (const oid of unique) {
    const nl = out.indexOf(0x0a, pos);
    if (nl < 0) break;
    const header = out.subarray(pos, nl).toString('utf8');
    const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!m) {
      // "<oid> missing": skip the line.
      pos = nl + 1;
      continue;
    }
    const size = Number(m[3]);
    result.set(oid, out.subarray(nl + 1, nl + 1 + size));
    pos = nl + 1 + size + 1;
  }
  return result;
}
