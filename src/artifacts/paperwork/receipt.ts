/**
 * Daftar tanda terima (receipt list for transport money or honorarium), one per session day:
 * NO / NAMA / JABATAN / JUMLAH (Rp) / [PPh / DITERIMA (Rp)] / TANDA TANGAN (staggered), a total
 * row on every page, the grand total and its terbilang on the last page, then the signatory.
 * PPh and DITERIMA are printed only when a PPh rate is set (with none they repeat JUMLAH).
 * Amounts come from settings per role; a "[…]" placeholder prints empty cells to fill by hand.
 */
import { diagnostic, displayPath, UserError, type Diagnostic } from '../../curriculum/index.js';
import type { Amount } from '../../curriculum/paperwork-settings.js';
import { formatDayDate, formatNumber, pageOfText, terbilangRupiah } from '../../locale/index.js';
import { A4, portrait } from '../../pdf/index.js';
import { footer, kop, signatoryFor, signature, type Paper, type Participant } from './common.js';
import { INK, MUTED, PageBuilder, wrap, type PaperPage } from './page.js';
import { cell, columns, grid, headerRow, type Col } from './table.js';

export interface ReceiptLine {
  who: Participant;
  /** Whole rupiah, or null when the amount is still a placeholder. */
  amount: number | null;
  pph: number | null;
  net: number | null;
}

const key = (s: string) => s.trim().toLocaleLowerCase('id-ID').replace(/\s+/g, ' ');

/** Each participant's amount (by role), PPh (rounded down to whole rupiah) and net amount. */
export function receiptLines(p: Paper): ReceiptLine[] {
  const s = p.settings.receipt;
  const byRole = new Map(s.amounts.map((a) => [key(a.role), a.amount] as [string, Amount]));
  const problems: Diagnostic[] = [];
  const lines = p.people.map((who) => {
    const amount = (who.role !== undefined ? byRole.get(key(who.role)) : undefined) ?? s.default_amount;
    if (amount === undefined) {
      problems.push(
        diagnostic(displayPath(p.ctx.c.file), `jumlah tanda terima untuk ${who.role ? `jabatan "${who.role}"` : 'peserta tanpa jabatan'} belum diatur (${who.name}, roster baris ${who.line})`, {
          expected: 'jumlah di settings.paperwork.receipt.amounts atau default_amount',
          hint: `tambahkan misalnya - { role: ${who.role ?? 'Peserta'}, amount: 150000 }, atau "[diisi KPU]" bila belum ditetapkan`,
        }),
      );
    }
    if (typeof amount !== 'number') return { who, amount: null, pph: null, net: null };
    const pph = Math.floor((amount * s.pph) / 100);
    return { who, amount, pph, net: amount - pph };
  });
  const roles = new Set<string>();
  const unique = problems.filter((d) => !roles.has(d.message.split('(')[0]!) && roles.add(d.message.split('(')[0]!));
  if (unique.length) throw new UserError(unique);
  return lines;
}

interface Totals {
  amount: number | null;
  pph: number | null;
  net: number | null;
}

function sum(lines: ReceiptLine[]): Totals {
  const add = (k: keyof Totals) => (lines.some((l) => l[k] === null) ? null : lines.reduce((s, l) => s + l[k]!, 0));
  return { amount: add('amount'), pph: add('pph'), net: add('net') };
}

const money = (n: number | null, lang: 'id' | 'en') => (n === null ? '' : formatNumber(n, lang));

const SIZE = portrait(A4);
const M = { top: 34, bottom: 56, left: 45, right: 36 };
const ROW_H = 26;
const HEAD_H = 24;
const TOTAL_H = 20;
/** Height of the closing block: grand total, terbilang, signature. */
const END_H = TOTAL_H + 40 + 150;

function tableColumns(p: Paper): Col[] {
  const L = p.pl.receiptColumns;
  const taxed = p.settings.receipt.pph > 0;
  return columns(M.left, SIZE[0] - M.left - M.right, [
    { key: 'no', label: L.no, size: 26, align: 'center' },
    { key: 'name', label: L.name, size: '1.7' },
    { key: 'role', label: L.role, size: '1' },
    { key: 'amount', label: L.amount, size: 66, align: 'right' },
    ...(taxed ? [{ key: 'pph', label: `${L.pph} ${formatNumber(p.settings.receipt.pph, p.ctx.c.language)}%`, size: 52, align: 'right' as const }, { key: 'net', label: L.net, size: 66, align: 'right' as const }] : []),
    { key: 'sign', label: L.sign, size: 130 },
  ]);
}

/**
 * Rows per page by their heights: the last page keeps room for the closing block (grand total,
 * terbilang, signature) and has at least one row.
 */
function paginate(heights: number[], firstRoom: number, nextRoom: number): number[] {
  const pages: number[] = [];
  let at = 0;
  for (let i = 0; at < heights.length || i === 0; i++) {
    const room = i === 0 ? firstRoom : nextRoom;
    let used = 0;
    let fit = 0;
    while (at + fit < heights.length && used + heights[at + fit]! <= room) used += heights[at + fit++]!;
    const rest = heights.slice(at + fit).reduce((s, h) => s + h, 0);
    // All the rest fits with the closing block: this is the last page.
    if (rest === 0 && used + END_H <= room) {
      pages.push(fit);
      break;
    }
    // Else leave at least one row for the last page (the closing block never stands alone).
    const take = rest === 0 ? Math.max(1, fit - 1) : Math.max(1, fit);
    pages.push(take);
    at += take;
    // A single row too tall for the closing block: the block gets a page of its own (0 rows).
    if (at === heights.length) pages.push(0);
  }
  return pages;
}

/** A row is as tall as its name needs (never cut), at least ROW_H. */
function rowHeight(name: string, col: Col): number {
  return Math.max(ROW_H, wrap(name, col.w - 7, 'regular', 8.5).length * 8.5 * 1.2 + 8);
}

export function receiptPages(p: Paper, date: string): PaperPage[] {
  const { c } = p.ctx;
  const lang = c.language;
  const lines = receiptLines(p);
  const cols = tableColumns(p);
  const [W, H] = SIZE;
  const right = W - M.right;
  const bottom = H - M.bottom;
  const title = `${p.pl.receiptTitle} ${p.settings.receipt.purpose.toLocaleUpperCase('id-ID')}`;
  const dayDate = formatDayDate(date, lang);

  const first = (b: PageBuilder) => {
    let y = kop(b, p.ctx, M.left, right, M.top) + 12;
    y += b.para(title, M.left, y, right - M.left, { font: 'bold', size: 12.5, align: 'center' });
    y += b.para(c.event.name.toLocaleUpperCase('id-ID'), M.left, y, right - M.left, { font: 'bold', size: 10, align: 'center' });
    y += 6;
    for (const [label, value] of [[p.ctx.labels.date, dayDate], [p.ctx.labels.venue, c.event.venue]] as const) {
      b.text(label, M.left, y + 9, { size: 9.5 });
      y += b.para(`:  ${value}`, M.left + 80, y, right - M.left - 80, { size: 9.5 });
    }
    return y + 8;
  };
  const next = (b: PageBuilder) => {
    b.text(`${title} · ${dayDate} ${p.ctx.labels.continued}`, M.left, M.top + 10, { font: 'bold', size: 8.5 });
    b.line(M.left, M.top + 15, right, M.top + 15, 0.5);
    return M.top + 24;
  };
  const firstTop = first(new PageBuilder(SIZE));
  const nameCol = cols.find((col) => col.key === 'name')!;
  const heights = lines.map((l) => rowHeight(l.who.name, nameCol));
  const room = (top: number) => bottom - top - HEAD_H - TOTAL_H;
  const plan = paginate(heights, room(firstTop), room(M.top + 24));

  const pages: PaperPage[] = [];
  let done = 0;
  plan.forEach((count, i) => {
    const b = new PageBuilder(SIZE);
    const top = i === 0 ? first(b) : next(b);
    headerRow(b, cols, top, HEAD_H);
    const rows = lines.slice(done, done + count);
    const rowTops: number[] = [top + HEAD_H];
    let y = top + HEAD_H;
    rows.forEach((l, k) => {
      const h = heights[done + k]!;
      const n = done + k + 1;
      const values: Record<string, string> = { no: String(n), name: l.who.name, role: l.who.role ?? '', amount: money(l.amount, lang), pph: money(l.pph, lang), net: money(l.net, lang) };
      for (const col of cols) if (col.key !== 'sign') cell(b, col, y, h, values[col.key]!, { size: col.key === 'name' ? 8.5 : 9 });
      const sign = cols[cols.length - 1]!;
      const half = sign.w / 2;
      const hx = sign.x + (n % 2 === 1 ? 0 : half) + 5;
      const base = y + h - ROW_H * 0.38;
      b.text(`${n}.`, hx, base, { size: 8 });
      b.line(hx + 14, base, hx + half - 10, base, 0.8, { color: MUTED, dash: [0.8, 2] });
      y += h;
      rowTops.push(y);
    });
    const totalTop = y;
    const totals: [string, Totals][] = [[p.pl.receiptPageTotal, sum(rows)]];
    const last = i === plan.length - 1;
    if (last) totals.push([p.pl.receiptGrandTotal, sum(lines)]);
    const amountCol = cols.findIndex((col) => col.key === 'amount');
    const labelCol: Col = { key: 'label', label: '', x: cols[0]!.x, w: cols[amountCol]!.x - cols[0]!.x };
    totals.forEach(([label, t], k) => {
      const y = totalTop + k * TOTAL_H;
      cell(b, labelCol, y, TOTAL_H, label, { font: 'bold', align: 'right' });
      for (const col of cols) if (col.key in t) cell(b, col, y, TOTAL_H, money(t[col.key as keyof Totals], lang), { font: 'bold' });
      rowTops.push(y + TOTAL_H);
    });
    const tableBottom = totalTop + totals.length * TOTAL_H;
    // Rules: no vertical rules left of JUMLAH in the total rows (the label spans them).
    grid(b, cols, top, totalTop, rowTops.slice(0, -totals.length - 1));
    for (const y of rowTops.slice(-totals.length)) b.line(cols[0]!.x, y, right, y, 0.6);
    for (const col of [...cols.slice(amountCol), { x: right }]) b.line(col.x, totalTop, col.x, tableBottom, 0.6);
    b.line(cols[0]!.x, totalTop, cols[0]!.x, tableBottom, 0.6);
    if (last) {
      const grand = sum(lines).net;
      const words = grand === null ? `…………………………………………………… (${p.pl.receiptPlaceholder})` : terbilangRupiah(grand);
      const y = tableBottom + 8;
      const h = b.para(`${p.pl.receiptInWords}: ${words}`, M.left, y, right - M.left, { font: 'italic', size: 9.5, color: INK });
      signature(b, p, signatoryFor(p, p.settings.receipt.signatory), right, right - M.left, y + h, { date, acknowledged: true });
    }
    done += count;
    pages.push(b.page());
  });
  pages.forEach((pg, i) => {
    const b = new PageBuilder(SIZE);
    footer(b, p.ctx, M.left, right, bottom + 14, pageOfText(p.ctx.labels, i + 1, pages.length));
    pg.items.push(...b.items);
  });
  return pages;
}
