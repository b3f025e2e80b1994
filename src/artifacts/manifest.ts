/**
 * out/manifest.json: every artifact of the output folder with its pages, size, sha256 and
 * edition/audience, plus the source commit — for CI to publish or compare builds. It contains no
 * times, so the same commit gives the same manifest.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../write/index.js';
import type { BuildContext } from './context.js';
import type { ArtifactResult } from './output.js';
import { packageVersion } from './package-version.js';

export const MANIFEST = 'manifest.json';

export interface ManifestEntry {
  path: string;
  kind: ArtifactResult['kind'];
  pages: number;
  bytes: number;
  sha256: string;
  audience?: string;
  edition?: string;
}

export interface Manifest {
  generator: string;
  curriculum: { title: string; version: string; commit: string | null; dirty: boolean; date: string };
  files: ManifestEntry[];
}

/** Merge this build's files into the folder's manifest (a partial build keeps the other entries). */
export function writeManifest(ctx: BuildContext, files: ArtifactResult[]): string {
  const target = path.join(ctx.outDir, MANIFEST);
  const entries = new Map<string, ManifestEntry>();
  if (existsSync(target)) {
    try {
      const old = JSON.parse(readFileSync(target, 'utf8')) as Manifest;
      for (const e of old.files ?? []) if (existsSync(path.join(ctx.outDir, e.path))) entries.set(e.path, e);
    } catch {
      // An unreadable manifest is simply rebuilt from this build.
    }
  }
  for (const f of files) {
    const rel = path.relative(ctx.outDir, f.path).split(path.sep).join('/');
    entries.set(rel, { path: rel, kind: f.kind, pages: f.pages, bytes: f.bytes, sha256: f.sha256, ...(f.audience ? { audience: f.audience } : {}), ...(f.edition ? { edition: f.edition } : {}) });
  }
  const manifest: Manifest = {
    generator: `bimtek ${packageVersion()}`,
    curriculum: { title: ctx.c.title, version: ctx.c.version, commit: ctx.stamp.commitFull, dirty: ctx.stamp.dirty, date: ctx.stamp.date.toISOString() },
    files: [...entries.values()].sort((a, b) => a.path.localeCompare(b.path)),
  };
  writeFileAtomic(target, JSON.stringify(manifest, null, 2) + '\n');
  return target;
}
