/**
 * Temporary git repositories holding a copy of a curriculum, for tests of stamps, diffs and
 * reproducible builds.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './cli.js';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: '2024-11-01T10:00:00+07:00', GIT_COMMITTER_DATE: '2024-11-01T10:00:00+07:00' },
  }).trim();
}

/** A new repository with `fixture` copied to `curriculum/` and committed. */
export function repoWithCurriculum(fixture = 'tests/fixtures/mini'): string {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'bimtek-git-'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'test@example.org');
  git(repo, 'config', 'user.name', 'Test');
  cpSync(path.join(ROOT, fixture), path.join(repo, 'curriculum'), { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'kurikulum awal');
  return repo;
}
