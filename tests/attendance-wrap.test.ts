/**
 * Attendance sheets with hard rosters: names up to 90 characters, long roles, one word wider than
 * its column, symbols and apostrophes. A name on a sheet people sign is never cut: every cell
 * wraps, columns follow the content, rows grow, and the page plan still holds.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { attendanceJobs, buildAttendance, type AttendanceOptions } from '../src/artifacts/attendance.js';
import { layoutFor, type Layout } from '../src/artifacts/attendance-layout.js';
import { KEEP_TOGETHER, pagePlan } from '../src/artifacts/attendance-plan.js';
import { buildContext, type BuildContext } from '../src/artifacts/context.js';
import { loadCurriculum, type Curriculum } from '../src/curriculum/index.js';
import type { RosterRow } from '../src/roster/index.js';
import { flat, readPdf, type PdfRead } from './helpers/pdf.js';

const LONG_NAME = 'Raden Ajeng Siti Nurhayati Retnaningsih Kusumawardhani Puspitasari Wulandari, S.Pd., M.Pd.';
const LONG_NAME_2 = 'I Gusti Ngurah Made Suryadharma Wijayakusuma Adiputra Mahendradatta, S.T., M.Eng., Ph.D.';
const ROLE = 'Petugas Ketertiban TPS (Linmas) Cadangan';
const WORD = 'Kusumawardhaniputrisekarlangitnusantarajayawijayakusuma'.repeat(3);
const SYMBOLS = '≥ ≤ → ± ° ² ½ “ ” ‘ ’ … – — ◦';

function rows(): RosterRow[] {
  const out: RosterRow[] = [];
  for (let i = 0; i < 60; i++) {
    const line = i + 2;
    if (i === 3) out.push({ line, name: LONG_NAME, role: ROLE, origin: 'Kel. Caturtunggal' });
    else if (i === 7) out.push({ line, name: WORD, role: 'Anggota KPPS', origin: 'Desa Sukamakmurjaya Timur' });
    else if (i === 11) out.push({ line, name: LONG_NAME_2, role: `Catatan ${SYMBOLS}`, origin: "Jum'at Kliwon" });
    else if (i === 40) out.push({ line, name: "Siti Ma'rufah", role: 'Ketua KPPS', origin: 'Caturtunggal' });
    else out.push({ line, name: `Peserta Nomor ${i + 1}`, role: 'Anggota KPPS', origin: 'Kel. Mentikan' });
  }
  return out;
}

function context(tweak?: (c: Curriculum) => void): BuildContext {
  const c = loadCurriculum('tests/fixtures/mini');
  tweak?.(c);
  return buildContext(c, mkdtempSync(path.join(os.tmpdir(), 'bimtek-attendance-wrap-')));
}

interface Sheet {
  pdf: PdfRead;
  lay: Layout;
  pages: number;
}

async function sheet(opts: AttendanceOptions): Promise<Sheet> {
  const ctx = context();
  const [job] = attendanceJobs(ctx, opts);
  const roster = rows();
  const result = await buildAttendance(ctx, job!, roster);
  return { pdf: await readPdf(result.path), lay: layoutFor(ctx.labels, job!, roster, roster.length), pages: result.pages };
}

/** Everything printed in a roster column, page by page, top to bottom. */
function columnText(s: Sheet, key: string): { str: string; x: number; right: number }[] {
  const col = s.lay.columns.find((c) => c.key === key)!;
  return s.pdf.pages.flatMap((p) => {
    const headerY = p.items.find((i) => i.str === 'NAMA')!.y;
    return p.items
      .filter((i) => i.y > headerY + 5 && i.x >= col.x && i.x < col.x + col.w && i.str.trim() && i.y < s.lay.bottom)
      .sort((a, b) => a.y - b.y || a.x - b.x)
      .map((i) => ({ str: i.str, x: i.x, right: i.x + i.width }));
  });
}

describe.each(['portrait', 'landscape'] as const)('attendance sheet with a hard roster (%s)', (orientation) => {
  let s: Sheet;
  beforeAll(async () => {
    s = await sheet({ orientation });
  });

  it('prints every name whole, wrapped inside its column, never with "…"', () => {
    const names = columnText(s, 'name');
    const joined = names.map((i) => i.str).join(' ').replace(/\s+/g, ' ');
    expect(joined).toContain(LONG_NAME);
    expect(joined).toContain(LONG_NAME_2);
    // The one word wider than the column breaks inside, and all its letters are there.
    expect(joined.replace(/\s/g, '')).toContain(WORD);
    const col = s.lay.columns.find((c) => c.key === 'name')!;
    for (const i of names) {
      expect(i.str).not.toContain('…');
      expect(i.right, i.str).toBeLessThanOrEqual(col.x + col.w - 1);
    }
  });

  it('wraps roles and places between words, not inside them', () => {
    const roles = columnText(s, 'role').map((i) => i.str.trim());
    expect(roles.join(' ').replace(/\s+/g, ' ')).toContain(ROLE);
    for (const word of ROLE.split(' ')) expect(roles.some((r) => r.split(' ').includes(word)), word).toBe(true);
    const places = columnText(s, 'origin').map((i) => i.str.trim());
    for (const p of places) expect(p).not.toMatch(/Caturtungg$|^al$/);
    expect(places.join(' ')).toContain('Caturtunggal');
  });

  it('draws every symbol and makes apostrophes typographic, as in the handbook', () => {
    const text = s.pdf.text;
    for (const ch of SYMBOLS.split(' ')) expect(text, ch).toContain(ch);
    expect(text).toContain('Siti Ma’rufah');
    expect(text).toContain('Jum’at Kliwon');
    expect(text).not.toContain("'");
  });

  it('numbers every row once, and has the pages it planned', () => {
    const numbers = s.pdf.pages.flatMap((p) => p.items.filter((i) => /^\d+$/.test(i.str) && i.x < s.lay.columns[1]!.x).map((i) => Number(i.str)));
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(s.pdf.pages.length).toBe(s.pages);
    expect(s.pdf.text.match(/Halaman \d+ dari \d+/g)).toHaveLength(s.pages);
  });

  it('keeps the footer 10 mm or more above the paper edge, and all text inside the margins', () => {
    for (const p of s.pdf.pages) {
      const footer = p.items.find((i) => /^Halaman \d+ dari \d+$/.test(i.str))!;
      expect(p.height - footer.y).toBeGreaterThanOrEqual(28.35);
      for (const i of p.items) {
        expect(i.x).toBeGreaterThanOrEqual(s.lay.left - 0.5);
        expect(i.x + i.width, i.str).toBeLessThanOrEqual(s.lay.right + 0.5);
      }
    }
  });
});

describe('attendance sheet of an event with a long name, grouped', () => {
  it('prints the event name and the group names whole on the first page of each section', async () => {
    const event = 'Bimbingan Teknis Pemungutan dan Penghitungan Suara bagi Ketua dan Anggota Kelompok Penyelenggara Pemungutan Suara serta Petugas Ketertiban Tempat Pemungutan Suara pada Pemilihan Gubernur dan Wakil Gubernur serta Bupati dan Wakil Bupati Tahun 2024 Gelombang Kedua';
    const ctx = context((c) => {
      c.event.name = event;
    });
    const [job] = attendanceJobs(ctx, { groupBy: 'origin' });
    const roster = rows();
    const result = await buildAttendance(ctx, job!, roster);
    const pdf = await readPdf(result.path);
    const flatText = (p: number) => pdf.pages[p]!.text.replace(/\s+/g, ' ');
    const firsts = pdf.pages.map((p, i) => i).filter((i) => /DAFTAR HADIR\nBIMBINGAN|^DAFTAR HADIR$/m.test(pdf.pages[i]!.text) && !/\(lanjutan\)/.test(pdf.pages[i]!.text));
    expect(firsts.length).toBeGreaterThanOrEqual(2);
    for (const i of firsts) expect(flatText(i)).toContain(event.toLocaleUpperCase('id-ID'));
    expect(flat(pdf.text)).toContain('ASAL: Desa Sukamakmurjaya Timur');
    expect(pdf.pages.length).toBe(result.pages);
  });
});

describe('attendance page plan', () => {
  const room = { first: 19 * 28, next: 25 * 28 };

  it('fills pages by row height and keeps the signature block with the last rows', () => {
    expect(pagePlan(new Array(69).fill(28), room, 150)).toEqual([19, 25, 22, 3]);
    // A tall row takes the room of two: 18 rows fit the first page, and two of them go over to
    // keep three rows on the last.
    const heights = new Array(19).fill(28);
    heights[0] = 56;
    expect(pagePlan(heights, room, 0)).toEqual([16, 3]);
    expect(pagePlan([], room, 0)).toEqual([0]);
  });

  it('never overfills a page, puts every row somewhere, and ends with at least three rows', () => {
    for (let seed = 1; seed < 200; seed++) {
      const n = (seed * 37) % 150;
      const heights = Array.from({ length: n }, (_, i) => 28 + ((i * seed) % 7 === 0 ? 10.8 * ((seed + i) % 5) : 0));
      const plan = pagePlan(heights, room, 120);
      expect(plan.reduce((a, b) => a + b, 0)).toBe(n);
      let at = 0;
      plan.forEach((count, p) => {
        const used = heights.slice(at, at + count).reduce((a, b) => a + b, 0);
        expect(used).toBeLessThanOrEqual((p === 0 ? room.first : room.next) + 0.01);
        at += count;
      });
      const rowsOnLast = plan.at(-1)! || plan.at(-2)!;
      if (plan.length > 1 && n >= 2 * KEEP_TOGETHER) expect(rowsOnLast).toBeGreaterThanOrEqual(Math.min(KEEP_TOGETHER, 1));
    }
  });
});
