/**
 * `bimtek build --watch`: build, then rebuild when an input changes (curriculum files, roster,
 * templates, images), debounced. An invalid edit prints its located errors and keeps watching.
 * Only what an edit affects is rebuilt: a roster edit rebuilds the attendance sheets, a slide
 * template edit the slides, and so on.
 */
import { watch } from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from '../artifacts/index.js';
import { isWithin, UserError } from '../curriculum/index.js';
import { info, paint, printDiagnostics } from './output.js';

type Kind = NonNullable<BuildOptions['only']>[number];
const KINDS: Kind[] = ['handbook', 'slides', 'attendance'];

/** The artifacts a changed file (relative to the curriculum folder) can affect. */
export function affectedKinds(rel: string, rosterRel: string | undefined): Kind[] {
  const parts = rel.split(/[\\/]/);
  if (parts[0] === 'templates' && parts.length > 2 && KINDS.includes(parts[1] as Kind)) return [parts[1] as Kind];
  if (rosterRel && path.normalize(rel) === path.normalize(rosterRel)) return ['attendance'];
  return KINDS;
}

export async function watchBuild(dir: string, outDir: string, build: (only: Kind[] | undefined) => Promise<unknown>, only: Kind[] | undefined, rosterRel: () => string | undefined): Promise<number> {
  const root = path.resolve(dir);
  const out = path.resolve(outDir);
  const attempt = async (kinds: Kind[] | undefined) => {
    try {
      await build(kinds);
    } catch (e) {
      if (e instanceof UserError) printDiagnostics(e.diagnostics);
      else throw e;
    }
    info(paint.dim(`menunggu perubahan di ${dir} … (Ctrl-C untuk berhenti)`));
  };
  await attempt(only);

  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    const changed = [...pending];
    pending = new Set();
    const kinds = new Set<Kind>();
    for (const rel of changed) for (const k of affectedKinds(rel, rosterRel())) if (!only || only.includes(k)) kinds.add(k);
    if (!kinds.size) return;
    info(paint.cyan(`berubah: ${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ` (+${changed.length - 3})` : ''} → membangun ulang ${[...kinds].join(', ')}`));
    running = running.then(() => attempt([...kinds]));
  };
  const watcher = watch(root, { recursive: true }, (_event, name) => {
    if (!name) return;
    const abs = path.join(root, name.toString());
    const base = path.basename(abs);
    if (isWithin(out, abs) || base.startsWith('.') || abs.split(path.sep).includes('.git') || abs.split(path.sep).includes('node_modules')) return;
    pending.add(path.relative(root, abs));
    clearTimeout(timer);
    timer = setTimeout(flush, 200);
  });
  await new Promise<void>((resolve) => {
    const stop = () => {
      watcher.close();
      clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
