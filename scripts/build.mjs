#!/usr/bin/env node
/**
 * `npm run build`: TypeScript → dist/, then the built-in templates are precompiled, then a hash of
 * every build input is written to dist/.build-hash.
 *
 * With `--if-stale` (npm start, npm test, prepare) it does nothing when that hash still matches:
 * a content hash, not mtimes, so a fresh checkout or a copied tree is judged by what it holds.
 * `npm install && npm start` on a fresh clone still builds once (through prepare).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'dist', '.build-hash');
/** Everything the contents of dist/ depend on (besides node_modules, pinned by the lockfile). */
const INPUTS = ['src', 'templates', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/build.mjs'];

/** The files under `rel` (itself when it is a file), as sorted `/` paths relative to the root. */
function files(rel) {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs).flatMap((name) => files(path.posix.join(rel, name)));
}

function inputHash() {
  const h = createHash('sha256');
  for (const rel of INPUTS.flatMap(files).sort()) h.update(`${rel}\0`).update(readFileSync(path.join(root, rel))).update('\0');
  return h.digest('hex');
}

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const hash = inputHash();
if (process.argv.includes('--if-stale') && existsSync(path.join(root, 'dist', 'cli', 'main.js')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash) {
  process.exit(0);
}
const require = createRequire(import.meta.url);
run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
run([path.join('dist', 'templates', 'precompile.js')]);
writeFileSync(stampFile, hash + '\n');
