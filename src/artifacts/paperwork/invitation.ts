/**
 * Surat undangan in the standard Indonesian official-letter layout: kop, place and date, the
 * Nomor / Sifat / Lampiran / Perihal block, the "Yth." address block, the opening, a
 * hari/tanggal, waktu, tempat, acara table, the closing and the signatory. One letter per
 * participant, or per institution or origin (the letter then lists the invited names).
 */
import { formatClock, formatDayDate, formatPlaceDate } from '../../locale/index.js';
import { A4, portrait } from '../../pdf/index.js';
import { eventDates } from './certificate.js';
import { documentNumber, kop, roleAndOrigin, signatoryFor, signature, type Paper, type Participant } from './common.js';
import { PageBuilder, type PaperPage } from './page.js';

const SIZE = portrait(A4);
const M = { top: 34, left: 70, right: 56 };

export interface Letter {
  seq: number;
  /** The address line after "Yth.". */
  to: string[];
  people: Participant[];
}

/** Letters in roster order: one per participant, or one per group value (first appearance order). */
export function letters(p: Paper): Letter[] {
  const by = p.settings.invitation.group_by;
  if (by === 'participant') return p.people.map((who, i) => ({ seq: i + 1, to: [who.name, ...(roleAndOrigin(who) ? [roleAndOrigin(who)] : [])], people: [who] }));
  const groups = new Map<string, Participant[]>();
  for (const who of p.people) {
    const g = (by === 'institution' ? who.institution : who.origin) ?? who.origin ?? who.institution ?? '';
    const list = groups.get(g);
    if (list) list.push(who);
    else groups.set(g, [who]);
  }
  return [...groups].map(([g, people], i) => ({ seq: i + 1, to: [g ? `${p.ctx.c.language === 'id' ? 'Peserta dari' : 'Participants from'} ${g}` : p.ctx.c.event.name], people }));
}

function when(p: Paper): string {
  const { c } = p.ctx;
  const items = c.schedule[0]?.items ?? [];
  if (!items.length) return '';
  const start = formatClock(items[0]!.start, c.language);
  return `${start} ${c.event.timezone} s.d. ${p.pl.letterUntilDone}`;
}

export function letterPage(p: Paper, letter: Letter): PaperPage[] {
  const { c } = p.ctx;
  const s = p.settings.invitation;
  const b = new PageBuilder(SIZE);
  const right = SIZE[0] - M.right;
  const width = right - M.left;
  let y = kop(b, p.ctx, M.left - 25, right, M.top) + 16;
  const dateLine = s.date ? formatPlaceDate(c.organizer.city, s.date, c.language) : `${c.organizer.city}, ……………………… ${c.event.dates[0]!.slice(0, 4)}`;
  b.text(dateLine, right, y + 9, { size: 10.5, align: 'right' });
  const head: [string, string][] = [
    [p.pl.letterNumber, documentNumber(s.number, letter.seq, 3, s.date ?? c.event.dates[0]!)],
    [p.pl.letterNature, s.nature],
    [p.pl.letterAttachment, s.attachment],
    [p.pl.letterSubject, s.subject],
  ];
  y += 4;
  const labelW = 62;
  for (const [label, value] of head) {
    b.text(label, M.left, y + 10, { size: 10.5 });
    b.text(':', M.left + labelW, y + 10, { size: 10.5 });
    y += b.para(value, M.left + labelW + 8, y, width * 0.55, { size: 10.5, font: label === p.pl.letterSubject ? 'bold' : 'regular' });
  }
  y += 16;
  const addrX = M.left + labelW + 8;
  b.text(p.pl.letterTo, M.left + labelW + 8 - 26, y + 10, { size: 10.5 });
  for (const line of letter.to) y += b.para(line, addrX, y, width - labelW - 8, { size: 10.5, font: line === letter.to[0] ? 'bold' : 'regular' });
  y += b.para(`${p.pl.letterPlace} -`, addrX, y, width, { size: 10.5 });
  y += b.para(p.pl.letterPlaceValue, addrX + 16, y, width, { size: 10.5 });
  y += 14;
  const bodyX = addrX;
  const bodyW = right - bodyX;
  y += b.para(p.pl.letterOpening.replace('{event}', c.event.name), bodyX, y, bodyW, { size: 10.5, leading: 1.45 });
  y += 6;
  const rows: [string, string][] = [
    [p.pl.letterDay, c.event.dates.length === 1 ? formatDayDate(c.event.dates[0]!, c.language) : eventDates(p)],
    [p.pl.letterTime, when(p)],
    [p.pl.letterVenue, c.event.venue],
    [p.pl.letterAgenda, c.event.name],
  ];
  for (const [label, value] of rows) {
    if (!value) continue;
    b.text(label, bodyX + 16, y + 10, { size: 10.5 });
    b.text(':', bodyX + 100, y + 10, { size: 10.5 });
    y += b.para(value, bodyX + 108, y, bodyW - 108, { size: 10.5, leading: 1.4 });
  }
  y += 8;
  if (letter.people.length > 1 || p.settings.invitation.group_by !== 'participant') {
    y += b.para(p.pl.letterAttendees, bodyX, y, bodyW, { size: 10.5 });
    letter.people.forEach((who, i) => {
      b.text(`${i + 1}.`, bodyX + 30, y + 9.5, { size: 10, align: 'right' });
      y += b.para([who.name, who.role].filter(Boolean).join(' — '), bodyX + 36, y, bodyW - 36, { size: 10 });
    });
    y += 8;
  }
  y += b.para(p.pl.letterClosing, bodyX, y, bodyW, { size: 10.5, leading: 1.45 });
  const pages: PaperPage[] = [];
  let sb = b;
  // A long list of names pushes the signature onto a second page rather than off the first.
  if (y + 150 > SIZE[1] - 40) {
    pages.push(b.page());
    sb = new PageBuilder(SIZE);
    y = M.top;
  }
  signature(sb, p, signatoryFor(p, s.signatory), right, width, y, { date: null, acknowledged: false });
  pages.push(sb.page());
  return pages;
}

export function invitationPages(p: Paper): PaperPage[] {
  return letters(p).flatMap((l) => letterPage(p, l));
}
