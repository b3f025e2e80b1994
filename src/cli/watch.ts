/**
 * `bimtek build --watch`: build, then rebuild when an input changes (curriculum files, roster,
 * templates, images), debounced. An invalid edit prints its located errors and keeps watching.
 * Only what an edit affects is rebuilt: a roster edit rebuilds the attendance sheets, a slide
 * template edit the slides, and so on.
 *
 * Folders are watched, not files: editors save by writing a temp file and renaming it over the
 * original (vim, gedit, Kate, JetBrains "safe write"), which gives the file a new inode; a watch on
 * the file (what Node's recursive watch does on Linux) then hears nothing more. A folder's watch
 * names every entry that changes in it, whatever the entry's inode. Folders that appear, vanish or
 * are replaced are re-armed after every change.
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
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
  const ignored = (abs: string) => isWithin(out, abs) || path.basename(abs).startsWith('.') || ['.git', 'node_modules'].some((d) => abs.split(path.sep).includes(d));
  const watcher = watchFolders(root, ignored, (abs) => {
    pending.add(path.relative(root, abs));
    clearTimeout(timer);
    timer = setTimeout(() => {
      watcher.rearm();
      flush();
    }, 200);
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

/** Every folder under `root` (itself included) that is not ignored, with its inode. */
function folders(root: string, ignored: (abs: string) => boolean): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (dir: string) => {
    try {
      found.set(dir, statSync(dir).ino);
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const abs = path.join(dir, e.name);
        if (e.isDirectory() && !ignored(abs)) walk(abs);
      }
    } catch {
      // vanished while we looked: the next change re-arms
    }
  };
  walk(root);
  return found;
}

/** A watch on each folder under `root`; `changed` gets the absolute path of each changed entry. */
function watchFolders(root: string, ignored: (abs: string) => boolean, changed: (abs: string) => void): { rearm(): void; close(): void } {
  const watchers = new Map<string, { ino: number; watcher: FSWatcher }>();
  const rearm = () => {
    const now = folders(root, ignored);
    for (const [dir, w] of watchers) {
      if (now.get(dir) === w.ino) continue;
      w.watcher.close();
      watchers.delete(dir);
    }
    for (const [dir, ino] of now) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => {
          const abs = name ? path.join(dir, name.toString()) : dir;
          if (!ignored(abs)) changed(abs);
        });
        // A folder removed under its watch: the next change re-arms what is there then.
        watcher.on('error', () => watcher.close());
        watchers.set(dir, { ino, watcher });
      } catch {
        // gone already
      }
    }
  };
  rearm();
  return {
    rearm,
    close: () => {
      for (const w of watchers.values()) w.watcher.close();
      watchers.clear();
    },
  };
}
