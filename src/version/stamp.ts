/**
 * Where a build comes from: the curriculum's version plus the git commit of its folder, whether
 * the working tree has uncommitted changes, and the fixed date written into every PDF
 * (SOURCE_DATE_EPOCH, else the commit date, else the first event date — never the clock).
 */
import { execFileSync } from 'node:child_process';

export interface Stamp {
  /** The curriculum's own `version`. */
  version: string;
  /** Short commit hash of the curriculum folder, or null outside git. */
  commit: string | null;
  /** Full hash, for the manifest. */
  commitFull: string | null;
  dirty: boolean;
  /** The date written into PDF metadata. */
  date: Date;
  /** Where the date came from, for the build report. */
  dateSource: 'SOURCE_DATE_EPOCH' | 'git' | 'curriculum';
  /** The git program is not installed (common on office PCs): the build says so once. */
  gitMissing?: boolean;
}

/** git's output; null when git fails or is not there (`missing`). */
function git(cwd: string, args: string[]): { out: string | null; missing: boolean } {
  try {
    return { out: execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }).trim(), missing: false };
  } catch (e) {
    return { out: null, missing: (e as NodeJS.ErrnoException).code === 'ENOENT' };
  }
}

export function gitFacts(root: string): { commit: string | null; commitFull: string | null; dirty: boolean; commitTime: number | null; gitMissing: boolean } {
  const log = git(root, ['log', '-1', '--format=%H %ct', '--', '.']);
  if (!log.out) return { commit: null, commitFull: null, dirty: false, commitTime: null, gitMissing: log.missing };
  const [hash, time] = log.out.split(' ') as [string, string];
  const status = git(root, ['status', '--porcelain', '--untracked-files=normal', '--', '.']).out;
  return { commit: hash.slice(0, 7), commitFull: hash, dirty: Boolean(status), commitTime: Number(time), gitMissing: false };
}

export function makeStamp(root: string, version: string, firstEventDate: string): Stamp {
  const facts = gitFacts(root);
  const epoch = process.env.SOURCE_DATE_EPOCH;
  let date: Date;
  let dateSource: Stamp['dateSource'];
  if (epoch && /^\d+$/.test(epoch)) {
    date = new Date(Number(epoch) * 1000);
    dateSource = 'SOURCE_DATE_EPOCH';
  } else if (facts.commitTime !== null) {
    date = new Date(facts.commitTime * 1000);
    dateSource = 'git';
  } else {
    date = new Date(`${firstEventDate}T00:00:00+07:00`);
    dateSource = 'curriculum';
  }
  return { version, commit: facts.commit, commitFull: facts.commitFull, dirty: facts.dirty, date, dateSource, gitMissing: facts.gitMissing };
}

/** "2024.11-r1 (a1b2c3d)", "2024.11-r1 (a1b2c3d, ada perubahan belum di-commit)", "2024.11-r1 (di luar git)". */
export function stampText(s: Stamp, labels: { uncommitted: string; notInGit: string }): string {
  if (!s.commit) return `${s.version} (${labels.notInGit})`;
  return `${s.version} (${s.commit}${s.dirty ? `, ${labels.uncommitted}` : ''})`;
}
