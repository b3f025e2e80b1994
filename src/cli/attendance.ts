/**
 * `bimtek attendance`: attendance sheets only, with roster, session, grouping and blank-row
 * options on the command line. A --roster path is relative to the working directory.
 */
import type { AttendanceOptions } from '../artifacts/attendance.js';
import { runBuild, type BuildCliOptions } from './build.js';

export interface AttendanceCliOptions extends BuildCliOptions {
  roster?: string;
  sheet?: string;
  session?: string;
  groupBy?: string;
  blank?: string;
  landscape?: boolean;
}

export async function run(dir: string, opts: AttendanceCliOptions): Promise<number> {
  const attendance: AttendanceOptions = {
    ...(opts.roster !== undefined ? { roster: opts.roster } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    ...(opts.session !== undefined ? { session: opts.session } : {}),
    ...(opts.groupBy !== undefined ? { groupBy: opts.groupBy } : {}),
    // Checked with the sheet's own limits (artifacts/attendance).
    ...(opts.blank !== undefined ? { blank: /^\s*\d+\s*$/.test(opts.blank) ? Number(opts.blank) : NaN } : {}),
    ...(opts.landscape ? { orientation: 'landscape' as const } : {}),
  };
  return runBuild(dir, { ...opts, attendance }, ['attendance']);
}
