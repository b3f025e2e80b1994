/**
 * From `settings.attendance.columns` to what a sheet prints and what the roster must hold.
 *
 *     columns:
 *       - name                                   # a field, found by its usual headers
 *       - { field: kecamatan, header: Kapanewon, label: KAPANEWON }
 *       - { field: tps, header: [TPS, No TPS], optional: true }
 *
 * A column set in the settings must be in the roster (an error names it), unless it is marked
 * optional; the columns printed when nothing is set (name, role, origin) only warn when missing.
 */
import type { AttendanceColumnSetting } from '../curriculum/index.js';
import type { ColumnSpec, RosterField } from './columns.js';

/** Printed when `settings.attendance.columns` is not set. */
export const DEFAULT_COLUMNS: readonly RosterField[] = ['name', 'role', 'origin'];

export interface PrintedColumns {
  /** Printed columns in order; the name is always there (first unless placed). */
  fields: RosterField[];
  /** Headings set in the settings, by field. */
  labels: Partial<Record<RosterField, string>>;
  /** What the roster is asked for. */
  specs: ColumnSpec[];
}

const SOURCE = 'settings.attendance.columns';

export function printedColumns(settings: readonly AttendanceColumnSetting[] | undefined): PrintedColumns {
  const labels: Partial<Record<RosterField, string>> = {};
  const specs: ColumnSpec[] = [];
  const list = settings ?? DEFAULT_COLUMNS;
  list.forEach((s, i) => {
    const one = typeof s === 'string' ? { field: s } : s;
    if (specs.some((x) => x.field === one.field)) return;
    const spec: ColumnSpec = { field: one.field, required: one.field === 'name' || (settings !== undefined && !('optional' in one && one.optional)) };
    if (settings) spec.source = `${SOURCE}[${i}]`;
    if ('header' in one && one.header !== undefined) spec.headers = typeof one.header === 'string' ? [one.header] : [...one.header];
    if ('label' in one && one.label !== undefined) labels[one.field] = one.label;
    specs.push(spec);
  });
  if (!specs.some((s) => s.field === 'name')) specs.unshift({ field: 'name', required: true });
  return { fields: specs.map((s) => s.field), labels, specs };
}
