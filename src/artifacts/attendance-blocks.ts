/**
 * The furniture of an attendance sheet: kop surat (logo, organizer, double rule), the title block,
 * the continuation header, the footer and the "Mengetahui," signature block. Each block knows its
 * height before it is drawn, so the page plan can count on it.
 */
import type { Signatory } from '../curriculum/index.js';
import { formatPlaceDate, pageOfText } from '../locale/index.js';
import { breakLines, edgeTexts, fitText, imageSize, textWidth, type Canvas, type FontKey } from '../pdf/index.js';
import { fitLines, lineText, type Layout } from './attendance-layout.js';
import type { BuildContext } from './context.js';

export const TEXT = '#000000';
export const MUTED = '#444444';

/** Write one line with its baseline at `baseline`. */
export function put(canvas: Canvas, key: FontKey, size: number, text: string, x: number, baseline: number, color = TEXT): void {
  canvas.text({ text, font: key, size, x, baseline, color });
}

export type Writer = (key: FontKey, size: number, text: string, x: number, baseline: number) => void;

/** Lines centred vertically on `mid`: left-aligned at x, or centred in a box `centerIn` wide. */
export function putLines(write: Writer, key: FontKey, size: number, lines: string[], x: number, mid: number, centerIn?: number): void {
  const lh = size * 1.2;
  const cap = size * 0.714;
  lines.forEach((l, i) => {
    const baseline = mid + (i - (lines.length - 1) / 2) * lh + cap / 2;
    const lx = centerIn === undefined ? x : x + (centerIn - textWidth(key, l, size)) / 2;
    write(key, size, l, lx, baseline);
  });
}

export interface Block {
  height: number;
  draw(canvas: Canvas, top: number): void;
}

/** Contact words in the kop (not in the label tables, which other documents share). */
const CONTACT = { id: { phone: 'Telp.', email: 'Surel', website: 'Laman' }, en: { phone: 'Phone', email: 'Email', website: 'Web' } };

export function kopBlock(ctx: BuildContext, lay: Pick<Layout, 'left' | 'right' | 'width'>, logo: Buffer | null): Block {
  const o = ctx.c.organizer;
  const contact = CONTACT[ctx.c.language];
  const logoH = 58;
  const img = logo ? imageSize(logo) : null;
  const logoW = img ? Math.min(70, (img.width * logoH) / img.height) : 0;
  const side = logo ? logoW + 12 : 0;
  const textX = lay.left + side;
  const textW = lay.width - 2 * side;
  const items: { key: FontKey; size: number; lines: string[]; lh: number }[] = [];
  const add = (text: string, key: FontKey, size: number, maxLines: number, minSize = size - 3) => {
    const fit = fitLines(text, key, textW, size, minSize, maxLines);
    items.push({ key, size: fit.size, lines: fit.lines, lh: fit.size * 1.25 });
  };
  add(o.name.toLocaleUpperCase('id-ID'), 'bold', 14, 3, 11);
  if (o.unit) add(o.unit, 'regular', 10.5, 2, 8.5);
  add(o.address, 'regular', 8.5, 3, 7.5);
  const parts = [o.phone && `${contact.phone} ${o.phone}`, o.email && `${contact.email}: ${o.email}`, o.website && `${contact.website}: ${o.website}`].filter(Boolean) as string[];
  if (parts.length) add(parts.join(' · '), 'regular', 8.5, 2, 7.5);
  const textH = items.reduce((h, it) => h + it.lines.length * it.lh, 0);
  const bodyH = Math.max(logo ? logoH : 0, textH);
  const height = bodyH + 10;
  return {
    height,
    draw(canvas, top) {
      if (logo && img) {
        // Fitted into logoW × logoH, centred.
        const k = Math.min(logoW / img.width, logoH / img.height);
        const [w, h] = [img.width * k, img.height * k];
        canvas.image(logo, lay.left + (logoW - w) / 2, top + (bodyH - logoH) / 2 + (logoH - h) / 2, w, h);
      }
      let y = top + (bodyH - textH) / 2;
      for (const it of items) {
        for (const l of it.lines) {
          const w = textWidth(it.key, l, it.size);
          put(canvas, it.key, it.size, l, textX + (textW - w) / 2, y + it.size * 1.02);
          y += it.lh;
        }
      }
      // Double rule: thick over thin.
      const ry = top + bodyH + 5;
      canvas.line(lay.left, ry, lay.right, ry, { width: 1.8, color: TEXT });
      canvas.line(lay.left, ry + 2.8, lay.right, ry + 2.8, { width: 0.6, color: TEXT });
    },
  };
}

export interface SheetText {
  title: string;
  event: string;
  subtitle?: string;
  info: [string, string][];
}

export function titleBlock(ctx: BuildContext, lay: Layout, t: SheetText, group: string | undefined): Block {
  const lines: { key: FontKey; size: number; text: string; lh: number; gapBefore: number }[] = [];
  const add = (text: string, key: FontKey, size: number, maxLines: number, minSize: number, gapBefore = 0) => {
    const fit = fitLines(text, key, lay.width, size, minSize, maxLines);
    fit.lines.forEach((l, i) => lines.push({ key, size: fit.size, text: l, lh: fit.size * 1.3, gapBefore: i === 0 ? gapBefore : 0 }));
  };
  add(t.title, 'bold', 13, 1, 11);
  add(t.event.toLocaleUpperCase('id-ID'), 'bold', 10.5, 6, 8.5, 2);
  if (t.subtitle) add(t.subtitle.toLocaleUpperCase('id-ID'), 'bold', 9.5, 4, 8);
  if (group) add(group, 'bold', 10.5, 3, 8, 5);
  const infoSize = 9.5;
  const infoLh = infoSize * 1.45;
  const labelW = Math.max(...t.info.map(([l]) => textWidth('regular', l, infoSize))) + 8;
  const colonW = textWidth('regular', ': ', infoSize);
  const valueW = lay.width - labelW - colonW;
  const info = t.info.map(([label, value]) => ({ label, value: fitLines(value, 'regular', valueW, infoSize, 7.5, 4) }));
  const titleH = lines.reduce((h, l) => h + l.gapBefore + l.lh, 0);
  const infoH = info.reduce((h, i) => h + i.value.lines.length * infoLh, 0);
  const height = 12 + titleH + 8 + infoH + 8;
  return {
    height,
    draw(canvas, top) {
      let y = top + 12;
      for (const l of lines) {
        y += l.gapBefore;
        put(canvas, l.key, l.size, l.text, lay.left + (lay.width - textWidth(l.key, l.text, l.size)) / 2, y + l.size * 1.02);
        y += l.lh;
      }
      y += 8;
      for (const i of info) {
        put(canvas, 'regular', infoSize, i.label, lay.left, y + infoSize * 1.05);
        put(canvas, 'regular', infoSize, ':', lay.left + labelW, y + infoSize * 1.05);
        i.value.lines.forEach((v, k) => put(canvas, 'regular', i.value.size, v, lay.left + labelW + colonW, y + infoSize * 1.05 + k * infoLh));
        y += i.value.lines.length * infoLh;
      }
    },
  };
}

/** The top of a continuation page: title and event on the left, day and section on the right. */
export function continuationBlock(ctx: BuildContext, lay: Layout, t: SheetText, dayDate: string, group: string | undefined): Block {
  const size = 8.5;
  const rightText = [group, dayDate].filter(Boolean).join(' · ') + ` ${ctx.labels.continued}`;
  const rightW = Math.min(textWidth('regular', rightText, size), lay.width * 0.5);
  const right = fitText(rightText, rightW, size);
  const leftText = fitText(`${t.title} · ${t.event}`, lay.width - rightW - 16, size, 'bold');
  return {
    height: 24,
    draw(canvas, top) {
      put(canvas, 'bold', size, leftText, lay.left, top + 10);
      put(canvas, 'regular', size, right, lay.right - textWidth('regular', right, size), top + 10);
      canvas.line(lay.left, top + 15, lay.right, top + 15, { width: 0.5, color: TEXT });
    },
  };
}

export function footer(canvas: Canvas, ctx: BuildContext, lay: Layout, pageNo: number, pages: number): void {
  const baseline = lay.footerBaseline;
  canvas.line(lay.left, baseline - 10, lay.right, baseline - 10, { width: 0.4, color: MUTED });
  edgeTexts(canvas, [`${ctx.c.event.name} · ${ctx.labels.curriculumVersion} ${ctx.stampLine}`, pageOfText(ctx.labels, pageNo, pages)], lay.left, lay.right, baseline, 7.5, MUTED);
}

/**
 * "Mojokerto, 4 November 2024 / Mengetahui, / role / (space) / NAME / NIP. …" on the right. The
 * paperwork shares it: a letter has its date at the top (date null) and no "Mengetahui," line.
 */
export function signatureBlock(ctx: BuildContext, lay: Pick<Layout, 'right' | 'width'>, date: string | null, s: Signatory | undefined, opts: { acknowledged?: boolean } = {}): Block {
  const size = 10;
  const lh = size * 1.4;
  const colW = Math.min(250, lay.width * 0.45);
  const x = lay.right - colW;
  const before: string[] = [...(date ? [formatPlaceDate(ctx.c.organizer.city, date, ctx.c.language)] : []), ...(opts.acknowledged === false ? [] : [ctx.labels.acknowledged])];
  const wrap = (text: string, key: FontKey) => breakLines([{ text, font: key, size }], colW).map(lineText);
  if (s) before.push(...wrap(s.role, 'regular'));
  const space = 54;
  const nameLines = s ? wrap(s.name, 'bold') : [];
  const nip = s?.nip ? `${ctx.labels.nip} ${s.nip}` : undefined;
  const after = nameLines.length + (nip ? 1 : 0) + (s ? 0 : 1);
  const gap = 16;
  return {
    height: gap + before.length * lh + space + after * lh,
    draw(canvas, top) {
      let y = top + gap;
      for (const l of before) {
        put(canvas, 'regular', size, l, x, y + size * 1.05);
        y += lh;
      }
      y += space;
      for (const l of nameLines) {
        put(canvas, 'bold', size, l, x, y + size * 1.05);
        const uy = y + size * 1.05 + 1.8;
        canvas.line(x, uy, x + textWidth('bold', l, size), uy, { width: 0.7, color: TEXT });
        y += lh;
      }
      if (nip) put(canvas, 'regular', size, nip, x, y + size * 1.05);
      if (!s) {
        // No signatory in the curriculum: a line to write the name on.
        canvas.line(x, y + size * 1.05 + 1.8, x + Math.min(colW, 180), y + size * 1.05 + 1.8, { width: 0.7, color: TEXT, dash: [1, 2] });
      }
    },
  };
}
