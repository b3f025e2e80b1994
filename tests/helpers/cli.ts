/**
 * Runs the built CLI as a user would (a child process), with a timeout and captured output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'bimtek.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory in bytes (with `measure`; 0 when the process died without exit handlers). */
  maxRss: number;
}

export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; timeout?: number; measure?: boolean } = {}): CliResult {
  const started = Date.now();
  const env = { ...process.env, NO_COLOR: '1', CI: '', ...opts.env } as Record<string, string>;
  for (const [k, v] of Object.entries(env)) if (v === undefined || v === '') delete env[k];
  const rssDir = opts.measure ? mkdtempSync(path.join(os.tmpdir(), 'bimtek-rss-')) : undefined;
  const preload = rssDir ? ['--import', path.join(ROOT, 'tests/helpers/max-rss.mjs')] : [];
  if (rssDir) env.BIMTEK_MAX_RSS_FILE = path.join(rssDir, 'rss');
  const r = spawnSync(process.execPath, [...preload, BIN, ...args], { cwd: opts.cwd ?? ROOT, env, encoding: 'utf8', timeout: opts.timeout ?? 60_000 });
  const ms = Date.now() - started;
  let maxRss = 0;
  if (rssDir) {
    try {
      maxRss = Number(readFileSync(path.join(rssDir, 'rss'), 'utf8'));
    } catch {
      // killed before its exit handlers ran: reported as 0, which a memory check treats as failure
    }
    rmSync(rssDir, { recursive: true, force: true });
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms, maxRss };
}
