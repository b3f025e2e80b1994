/**
 * A curriculum file in git history that is too large to be a curriculum is refused by `diff`
 * before it is read, with a located message and a hint (issue 20, "Messages").
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { git, repoWithCurriculum } from './helpers/git.js';

describe('diff of a revision holding a huge YAML blob', () => {
  it('exits 1 naming the file, the size expected and a petunjuk', () => {
    const repo = repoWithCurriculum();
    const before = git(repo, 'rev-parse', '--short=7', 'HEAD');
    const big = path.join(repo, 'curriculum', 'modules', '09-besar.yaml');
    writeFileSync(big, `# ${'x'.repeat(80)}\n`.repeat(20_000));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'berkas besar');
    const r = runCli(['diff', 'curriculum', before, 'HEAD'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/09-besar\.yaml.*terlalu besar/);
    expect(r.stderr).toMatch(/paling besar 1024 KB/);
    expect(r.stderr).toMatch(/petunjuk: .*git log --stat/);
    expect(r.stderr).not.toMatch(/\bat \w+ \(/);
  });
});
