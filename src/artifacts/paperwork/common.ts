/**
 * What the paperwork documents share: the participants (roster order gives each a stable
 * number), the kop surat (letterhead) and the signature block as page data, the document
 * numbers from the office's pattern, and the signatory each document uses.
 */
import type { Signatory } from '../../curriculum/index.js';
import type { PaperworkSettings } from '../../curriculum/paperwork-settings.js';
import { formatPlaceDate, paperworkLabels, roman, type PaperworkLabels } from '../../locale/index.js';
import { loadRoster, type RosterField, type RosterRow } from '../../roster/index.js';
import type { BuildContext } from '../context.js';
import { fitText } from '../../pdf/index.js';
import { INK, MUTED, PageBuilder, fitSize } from './page.js';

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
  const rows = await loadRoster(roster, { fields: FIELDS, ...(sheet !== undefined ? { sheet } : {}) });
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

const CONTACT = { id: { phone: 'Telp.', email: 'Surel', website: 'Laman' }, en: { phone: 'Phone', email: 'Email', website: 'Web' } };

/** The kop surat across `left`…`right` from `top`: logo, organizer, address, double rule. Returns the bottom. */
export function kop(b: PageBuilder, ctx: BuildContext, left: number, right: number, top: number): number {
  const o = ctx.c.organizer;
  const logo = ctx.c.assets.logo;
  const logoH = 58;
  const side = logo ? 70 : 0;
  const x = left + side;
  const w = right - left - 2 * side;
  const contact = CONTACT[ctx.c.language];
  const parts = [o.phone && `${contact.phone} ${o.phone}`, o.email && `${contact.email}: ${o.email}`, o.website && `${contact.website}: ${o.website}`].filter(Boolean).join(' · ');
  const name = o.name.toLocaleUpperCase('id-ID');
  // Measure first (a dry run on a scratch page), then centre the text block on the logo.
  const lines = (p: PageBuilder, y0: number) => {
    let y = y0;
    y += p.para(name, x, y, w, { font: 'bold', size: fitSize(name, w, 'bold', 14, 11, 1), align: 'center', leading: 1.25 });
    if (o.unit) y += p.para(o.unit, x, y, w, { size: 10.5, align: 'center', leading: 1.25 });
    y += p.para(o.address, x, y, w, { size: 8.5, align: 'center', leading: 1.25 });
    if (parts) y += p.para(parts, x, y, w, { size: 8.5, align: 'center', leading: 1.25 });
    return y - y0;
  };
  const textH = lines(new PageBuilder(b.size), 0);
  const bodyH = Math.max(logo ? logoH : 0, textH);
  if (logo) b.image(logo, left, top + (bodyH - logoH) / 2, 62, logoH);
  lines(b, top + (bodyH - textH) / 2);
  const ry = top + bodyH + 5;
  b.line(left, ry, right, ry, 1.8);
  b.line(left, ry + 2.8, right, ry + 2.8, 0.6);
  return ry + 2.8;
}

export interface SignatureOptions {
  /** Place and date line ("Mojokerto, 4 November 2024"); a date of null leaves room to write it. */
  date?: string | null;
  /** A line before the role, e.g. "Mengetahui,". */
  lead?: string;
  /** Centre the block on x (certificates) instead of starting at x. */
  center?: boolean;
}

/** Place and date, role, room to sign, name (bold, underlined), NIP. Returns the bottom. */
export function signature(b: PageBuilder, p: Paper, s: Signatory | undefined, x: number, top: number, width: number, opts: SignatureOptions = {}): number {
  const c = p.ctx.c;
  const size = 10.5;
  const style = { size, align: opts.center ? ('center' as const) : ('left' as const), leading: 1.35 };
  let y = top;
  if (opts.date !== undefined) {
    const line = opts.date === null ? `${c.organizer.city}, ……………………… ${c.event.dates[0]!.slice(0, 4)}` : formatPlaceDate(c.organizer.city, opts.date, c.language);
    y += b.para(line, x, y, width, style);
  }
  if (opts.lead) y += b.para(opts.lead, x, y, width, style);
  y += b.para(s ? `${s.role},` : '', x, y, width, style);
  y += 58;
  const name = s?.name ?? '(……………………………………)';
  const h = b.para(name, x, y, width, { ...style, font: 'bold' });
  if (s) {
    const lineW = Math.min(width, 0.6 * width + 40);
    const lx = opts.center ? x + (width - lineW) / 2 : x;
    b.line(lx, y + h - 2, lx + lineW, y + h - 2, 0.6, { color: INK });
  }
  y += h;
  if (s?.nip) y += b.para(`${p.ctx.labels.nip} ${s.nip}`, x, y, width, style);
  return y;
}

/** A small grey line at the bottom: event and version, and "Halaman X dari Y" when given. */
export function footer(b: PageBuilder, ctx: BuildContext, left: number, right: number, y: number, pageText?: string): void {
  b.line(left, y, right, y, 0.4, { color: MUTED });
  const room = right - left - (pageText ? 110 : 0);
  b.text(fitText(`${ctx.c.event.name} · ${ctx.labels.curriculumVersion} ${ctx.stampLine}`, room, 7.5), left, y + 10, { size: 7.5, color: MUTED });
  if (pageText) b.text(pageText, right, y + 10, { size: 7.5, color: MUTED, align: 'right' });
}
