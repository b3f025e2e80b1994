/**
 * What the paperwork documents share: the participants (roster order gives each a stable
 * number), the kop surat (letterhead) and the signature block as page data, the document
 * numbers from the office's pattern, and the signatory each document uses. The kop and the
 * signature block are the attendance sheet's own.
 */
import type { Signatory } from '../../curriculum/index.js';
import type { PaperworkSettings } from '../../curriculum/paperwork-settings.js';
import { paperworkLabels, roman, type PaperworkLabels } from '../../locale/index.js';
import { loadRoster, type RosterField, type RosterRow } from '../../roster/index.js';
import type { BuildContext } from '../context.js';
import { fitText } from '../../pdf/index.js';
import { kopBlock, signatureBlock } from '../attendance-blocks.js';
import { loadImage } from '../images.js';
import { MUTED, type PageBuilder } from './page.js';

/** A roster row with its number: the row's place in the roster (1-based), stable across builds. */
export interface Participant extends RosterRow {
  seq: number;
}

export interface Paper {
  ctx: BuildContext;
  pl: PaperworkLabels;
  settings: PaperworkSettings;
  people: Participant[];
}

/** The roster columns paperwork prints or groups by (NIK and phone are never read). */
const FIELDS: RosterField[] = ['role', 'origin', 'institution', 'kecamatan', 'kelurahan', 'nip'];

export async function readParticipants(roster: string, sheet?: string): Promise<Participant[]> {
  const rows = await loadRoster(roster, { columns: FIELDS.map((field) => ({ field, required: false })), ...(sheet !== undefined ? { sheet } : {}) });
  return rows.map((r, i) => ({ ...r, seq: i + 1 }));
}

export function paperOf(ctx: BuildContext, people: Participant[]): Paper {
  return { ctx, pl: paperworkLabels(ctx.c.language), settings: ctx.c.settings.paperwork, people };
}

/** The document's own signatory, else the paperwork one, the attendance one, or the first. */
export function signatoryFor(p: Paper, own: string | undefined): Signatory | undefined {
  const c = p.ctx.c;
  const wanted = own ?? p.settings.signatory ?? c.settings.attendance.signatory;
  return c.signatories.find((s) => s.id === wanted) ?? c.signatories[0];
}

/** "{{seq}}/PP.04-SD/3576/{{year}}" with seq 7, digits 3, date 2024-11-04 → "007/PP.04-SD/3576/2024". */
export function documentNumber(pattern: string, seq: number, digits: number, isoDate: string): string {
  const [year, month] = isoDate.split('-') as [string, string];
  const values: Record<string, string> = { seq: String(seq).padStart(digits, '0'), year, month: roman(Number(month)) };
  return pattern.replace(/\{\{\s*(seq|year|month)\s*\}\}/g, (_, k: string) => values[k]!);
}

/** "Ketua PPK, Kec. Prajurit Kulon" — role and where the participant comes from. */
export function roleAndOrigin(r: RosterRow): string {
  return [r.role, r.origin ?? r.institution ?? r.kelurahan ?? r.kecamatan].filter(Boolean).join(', ');
}

/** The kop surat of the attendance sheet across `left`…`right` from `top`. Returns its bottom. */
export function kop(b: PageBuilder, ctx: BuildContext, left: number, right: number, top: number): number {
  const o = ctx.c.organizer;
  const block = kopBlock(ctx, { left, right, width: right - left }, ctx.c.assets.logo ? loadImage(ctx.c.assets.logo) : null);
  const texts = [o.name, o.unit, o.address, o.phone, o.email, o.website].filter((t): t is string => Boolean(t)).map((text, i) => ({ font: i === 0 ? ('bold' as const) : ('regular' as const), text }));
  return b.block(block, top, texts);
}

export interface SignatureOptions {
  /** The place and date line; null for a letter (its date is at the top). */
  date: string | null;
  /** The "Mengetahui," line (receipts, as on attendance sheets). */
  acknowledged: boolean;
}

/**
 * The attendance sheet's signature block in a column ending at `right` (its width follows
 * `width`, the text width of the page): place and date, role, room to sign, name, NIP. Returns
 * the bottom.
 */
export function signature(b: PageBuilder, p: Paper, s: Signatory | undefined, right: number, width: number, top: number, opts: SignatureOptions): number {
  const block = signatureBlock(p.ctx, { right, width }, opts.date, s, { acknowledged: opts.acknowledged });
  const texts = s ? [{ font: 'regular' as const, text: s.role }, { font: 'bold' as const, text: s.name }, ...(s.nip ? [{ font: 'regular' as const, text: s.nip }] : [])] : [];
  return b.block(block, top, texts);
}

/** A small grey line at the bottom: event and version, and "Halaman X dari Y" when given. */
export function footer(b: PageBuilder, ctx: BuildContext, left: number, right: number, y: number, pageText?: string): void {
  b.line(left, y, right, y, 0.4, { color: MUTED });
  const room = right - left - (pageText ? 110 : 0);
  b.text(fitText(`${ctx.c.event.name} · ${ctx.labels.curriculumVersion} ${ctx.stampLine}`, room, 7.5), left, y + 10, { size: 7.5, color: MUTED });
  if (pageText) b.text(pageText, right, y + 10, { size: 7.5, color: MUTED, align: 'right' });
}
