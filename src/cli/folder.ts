/**
 * Which curriculum folder a command works on when none is named: the current folder when it holds
 * curriculum.yaml (a project made by `bimtek init`), else ./curriculum (this repository's layout).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CURRICULUM_FILE } from '../curriculum/index.js';

export function curriculumFolder(dir: string | undefined): string {
  if (dir !== undefined) return dir;
  return existsSync(CURRICULUM_FILE) ? '.' : 'curriculum';
}

/** Whether `dir` is a curriculum folder (holds curriculum.yaml). */
export function isCurriculumFolder(dir: string): boolean {
  return existsSync(path.join(dir, CURRICULUM_FILE));
}
