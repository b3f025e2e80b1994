/**
 * Sertifikat: A4 landscape, one page per participant, numbered from the office's pattern with
 * the participant's roster number. Name large (wrapped onto a second line before it shrinks),
 * what for, when, where and how long, and the signatory; an optional frame image behind.
 */
import { formatDate, formatNumber } from '../../locale/index.js';
import { A4, landscape } from '../../pdf/index.js';
import { documentNumber, roleAndOrigin, signatoryFor, signature, type Paper, type Participant } from './common.js';
import { fitSize, MUTED, PageBuilder, type PaperPage } from './page.js';

/** "4 November 2024" or "4 November 2024 s.d. 6 November 2024". */
export function eventDates(p: Paper): string {
  const { c } = p.ctx;
  const first = c.event.dates[0]!;
  const last = c.event.dates[c.event.dates.length - 1]!;
  const sep = c.language === 'id' ? 's.d.' : 'to';
  return first === last ? formatDate(first, c.language) : `${formatDate(first, c.language)} ${sep} ${formatDate(last, c.language)}`;
}

export function certificateNumber(p: Paper, who: Participant): string {
  const s = p.settings.certificate;
  return documentNumber(s.number, who.seq, s.seq_digits, p.ctx.c.event.dates[0]!);
}

export function certificatePage(p: Paper, who: Participant): PaperPage {
  const { c } = p.ctx;
  const s = p.settings.certificate;
  const size = landscape(A4);
  const b = new PageBuilder(size);
  const [W, H] = size;
  if (c.assets.frame) b.image(c.assets.frame, 0, 0, W, H);
  else {
    // Without a frame image, a plain double border (thick outside, thin inside).
    b.rect(28, 28, W - 56, H - 56, { width: 2.2 });
    b.rect(34, 34, W - 68, H - 68, { width: 0.6 });
  }
  const margin = 90;
  const left = margin;
  const width = W - 2 * margin;
  let y = 62;
  if (c.assets.logo) {
    b.image(c.assets.logo, W / 2 - 30, y, 60, 56);
    y += 64;
  }
  y += b.para(c.organizer.name.toLocaleUpperCase('id-ID'), left, y, width, { font: 'bold', size: 12, align: 'center' });
  y += 10;
  y += b.para(p.pl.certificate, left, y, width, { font: 'bold', size: 30, align: 'center', leading: 1.15 });
  y += b.para(`${p.pl.certificateNumber}: ${certificateNumber(p, who)}`, left, y, width, { size: 10.5, align: 'center' });
  y += 14;
  y += b.para(p.pl.certificateGiven, left, y, width, { size: 11, align: 'center', font: 'italic' });
  y += 6;
  const nameSize = fitSize(who.name, width, 'bold', 26, 16, 1);
  y += b.para(who.name, left, y, width, { font: 'bold', size: nameSize, align: 'center', leading: 1.2 });
  const from = roleAndOrigin(who);
  if (from) y += b.para(from, left, y, width, { size: 11.5, align: 'center', color: MUTED });
  y += 12;
  y += b.para(p.pl.certificateFor, left, y, width, { size: 11, align: 'center' });
  y += b.para(c.event.name, left, y, width, { font: 'bold', size: 13, align: 'center' });
  const duration = s.duration ? ` ${p.pl.certificateDuration} ${formatNumber(s.duration.value, c.language)} ${s.duration.unit === 'JP' ? 'JP' : p.pl.hours}` : '';
  const held = `${p.pl.certificateHeld} ${c.organizer.name} ${p.pl.certificateOn} ${eventDates(p)} ${p.pl.certificateAt} ${c.event.venue}${duration}.`;
  y += b.para(held, left + 40, y + 2, width - 80, { size: 11, align: 'center' });
  signature(b, p, signatoryFor(p, s.signatory), W - margin, width, Math.max(y + 4, H - 196), { date: c.event.dates[c.event.dates.length - 1]!, acknowledged: false });
  return b.page();
}
