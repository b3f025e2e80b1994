/**
 * The data of a semantic diff: what one side of the comparison is, and what one change looks like.
 */
import type { CurriculumFile, ModuleFile } from '../curriculum/schema.js';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed';

export type ChangeScope =
  | 'curriculum'
  | 'event'
  | 'audience'
  | 'signatory'
  | 'settings'
  | 'module'
  | 'section'
  | 'step'
  | 'principle'
  | 'pledge'
  | 'reference'
  | 'activity'
  | 'question'
  | 'slide'
  | 'schedule'
  | 'glossary';

export interface CurriculumChange {
  kind: ChangeKind;
  /** What kind of thing changed: a module, a section, a step … */
  scope: ChangeScope;
  /** Where, as readers find it: "pemungutan › 1.2 Pembukaan TPS › langkah 4". */
  path: string;
  /** The old value (absent for additions). */
  before?: string;
  /** The new value (absent for removals). */
  after?: string;
  /**
   * The schema field the change is about when it is about one field ("duration", "title", "id",
   * "key_points" …); "order" when only the position changed.
   */
  field?: string;
  /** The module the change belongs to (its id on the newer side; the old id for a removed module). */
  module?: string;
}

/** One side of a comparison: the curriculum data. A loaded `Curriculum` fits, and so does `CurriculumVersion`. */
export interface DiffSide extends Omit<CurriculumFile, '$schema'> {
  modules: readonly ModuleFile[];
}

/** Where one side came from. */
export interface RevisionInfo {
  /** The revision as asked for; null for the working tree. */
  rev: string | null;
  /** Full commit hash; null for the working tree. */
  commit: string | null;
  /** Short commit hash; null for the working tree. */
  short: string | null;
  /** Committer time of the commit (seconds), null for the working tree. */
  commitTime: number | null;
  /** The curriculum folder relative to the repository top ('' for the top), or as given for the working tree. */
  dir: string;
  /** Absolute path of the curriculum folder in the working tree (it may not exist there). */
  root: string;
}

export interface CurriculumVersion extends DiffSide {
  modules: (ModuleFile & { file: string })[];
  source: RevisionInfo;
}

/** A side as shown in reports. */
export interface SideSummary {
  rev: string | null;
  commit: string | null;
  short: string | null;
  version: string;
  /** "a1b2c3d", "HEAD~1 (a1b2c3d)" or "pohon kerja". */
  label: string;
}
