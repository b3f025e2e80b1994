/**
 * One temporary folder per test run: every test (and every CLI it starts) makes its folders under
 * it through os.tmpdir(), and it is removed when the run ends, passed or failed, so a developer's
 * or CI's /tmp does not fill up with bimtek-* folders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bimtek-test-run-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
