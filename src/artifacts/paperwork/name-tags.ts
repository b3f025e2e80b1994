/**
 * Name tags: 8 cards (90 × 60 mm) per A4 page, 2 across and 4 down, with crop marks outside the
 * grid. The name is as large as fits on up to three lines and is never cut: a long name wraps,
 * then shrinks; at the smallest size every line is still printed.
 */
import { A4, portrait } from '../../pdf/index.js';
import type { Paper, Participant } from './common.js';
import { fitSize, MUTED, PageBuilder, wrap, type PaperPage } from './page.js';

const MM = 72 / 25.4;
export const CARD = { w: 90 * MM, h: 60 * MM };
const SIZE = portrait(A4);
const ACROSS = 2;
const DOWN = 4;
export const PER_PAGE = ACROSS * DOWN;
const PAD = 10;
const DETAIL_SIZE = 8;
/** Top of the PESERTA band, from the card's top edge. */
export const BAND_TOP = CARD.h - 14;

/** Name size: the largest from 22 pt down to 11 pt at which it takes at most 3 lines. */
export function nameLayout(name: string): { size: number; lines: string[] } {
  const width = CARD.w - 2 * PAD;
  const size = fitSize(name, width, 'bold', 22, 11, name.includes(' ') ? 2 : 1);
  const lines = wrap(name, width, 'bold', size);
  if (lines.length <= 3) return { size, lines };
  const small = fitSize(name, width, 'bold', size, 11, 3);
  return { size: small, lines: wrap(name, width, 'bold', small) };
}

function card(b: PageBuilder, p: Paper, who: Participant, x: number, y: number): void {
  const { c } = p.ctx;
  const inner = CARD.w - 2 * PAD;
  // Header band: logo, organizer and event.
  let textX = x + PAD;
  if (c.assets.logo) {
    b.image(c.assets.logo, x + PAD, y + 8, 28, 28);
    textX += 34;
  }
  const headW = x + CARD.w - PAD - textX;
  const orgSize = fitSize(c.organizer.name, headW, 'bold', 8, 6, 1);
  b.text(wrap(c.organizer.name, headW, 'bold', orgSize)[0]!, textX, y + 17, { font: 'bold', size: orgSize });
  const eventSize = fitSize(c.event.name, headW, 'regular', 6.5, 5, 2);
  const eventLines = wrap(c.event.name, headW, 'regular', eventSize);
  eventLines.forEach((l, i) => b.text(l, textX, y + 26 + i * eventSize * 1.15, { size: eventSize, color: MUTED }));
  b.line(x + PAD, y + 44, x + CARD.w - PAD, y + 44, 0.8);
  // The name, centred in the middle of the card.
  const { size, lines } = nameLayout(who.name);
  const lh = size * 1.15;
  const mid = y + 44 + (CARD.h - 44 - 34) / 2;
  lines.forEach((l, i) => b.text(l, x + CARD.w / 2, mid + (i - (lines.length - 1) / 2) * lh + size * 0.36, { font: 'bold', size, align: 'center' }));
  // Role and origin at the bottom, ending above the PESERTA band however many lines they take
  // (descenders of a second line must not run into the band).
  const detail = [who.role, who.origin ?? who.institution].filter(Boolean).join(' · ');
  if (detail) {
    const extra = wrap(detail, inner, 'regular', DETAIL_SIZE).length - 1;
    const top = Math.min(CARD.h - 32, BAND_TOP - 11.5 - extra * DETAIL_SIZE * 1.15);
    b.para(detail, x + PAD, y + top, inner, { size: DETAIL_SIZE, align: 'center', leading: 1.15 });
  }
  b.rect(x + PAD, y + BAND_TOP, inner, 9, { fill: '#222222', stroke: '#222222', width: 0.3 });
  b.text(p.pl.nameTagParticipant, x + CARD.w / 2, y + CARD.h - 7.2, { font: 'bold', size: 6.5, color: '#ffffff', align: 'center' });
}

export function nameTagPages(p: Paper): PaperPage[] {
  const [W, H] = SIZE;
  const left = (W - ACROSS * CARD.w) / 2;
  const top = (H - DOWN * CARD.h) / 2;
  const pages: PaperPage[] = [];
  for (let from = 0; from < p.people.length; from += PER_PAGE) {
    const b = new PageBuilder(SIZE);
    p.people.slice(from, from + PER_PAGE).forEach((who, i) => {
      const x = left + (i % ACROSS) * CARD.w;
      const y = top + Math.floor(i / ACROSS) * CARD.h;
      b.rect(x, y, CARD.w, CARD.h, { width: 0.25, stroke: '#bbbbbb' });
      card(b, p, who, x, y);
    });
    // Crop marks on every cut line, outside the grid.
    const mark = 14;
    for (let i = 0; i <= ACROSS; i++) {
      const x = left + i * CARD.w;
      b.line(x, top - 4 - mark, x, top - 4, 0.4);
      b.line(x, top + DOWN * CARD.h + 4, x, top + DOWN * CARD.h + 4 + mark, 0.4);
    }
    for (let j = 0; j <= DOWN; j++) {
      const y = top + j * CARD.h;
      b.line(left - 4 - mark, y, left - 4, y, 0.4);
      b.line(left + ACROSS * CARD.w + 4, y, left + ACROSS * CARD.w + 4 + mark, y, 0.4);
    }
    pages.push(b.page());
  }
  return pages;
}
