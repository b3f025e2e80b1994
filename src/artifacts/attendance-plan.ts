/**
 * The page plan of an attendance sheet: which rows go on which page, known before the first page
 * is drawn (and with it "Halaman X dari Y"). Rows have their own heights (a wrapped name makes a
 * taller row), so pages are filled by height; pure data, no PDFKit.
 */

/** Room for rows (below the header row) on a section's first page and on the pages after. */
export interface PageRoom {
  first: number;
  next: number;
}

/** Rows kept together at the end of a section: never fewer on its last page. */
export const KEEP_TOGETHER = 3;

const EPS = 0.01;

/**
 * Rows per page of one section, from the rows' heights. The last page of a section gets at least
 * three rows (taken from the page before) when they fit, and when the signature block (`sigH`)
 * does not fit under the last row it moves to a new page with the last rows (up to three), so it
 * never stands alone. Every page holds at least one row, even one taller than a page.
 */
export function pagePlan(heights: readonly number[], room: PageRoom, sigH: number): number[] {
  const capOf = (p: number) => (p === 0 ? room.first : room.next);
  const counts: number[] = [0];
  const used: number[] = [0];
  let page = 0;
  for (const rh of heights) {
    if (counts[page]! > 0 && used[page]! + rh > capOf(page) + EPS) {
      page++;
      counts.push(0);
      used.push(0);
    }
    counts[page]!++;
    used[page]! += rh;
  }
  const sum = (from: number, n: number) => heights.slice(from, from + n).reduce((s, x) => s + x, 0);
  const startOf = (p: number) => counts.slice(0, p).reduce((s, n) => s + n, 0);
  const last = counts.length - 1;
  // Take rows from the page before so the last page has at least KEEP_TOGETHER rows.
  while (last > 0 && counts[last]! < KEEP_TOGETHER && counts[last - 1]! > 1) {
    const moved = heights[startOf(last) - 1]!;
    if (used[last]! + moved > capOf(last) + EPS) break;
    counts[last - 1]!--;
    counts[last]!++;
    used[last - 1]! -= moved;
    used[last]! += moved;
  }
  if (used[last]! + sigH > capOf(last) + EPS) {
    // The signature block takes the last rows with it to a page of its own.
    let carry = Math.min(KEEP_TOGETHER, counts[last]! - 1);
    while (carry > 0 && sum(startOf(last) + counts[last]! - carry, carry) + sigH > room.next + EPS) carry--;
    counts[last]! -= carry;
    counts.push(carry);
  }
  return counts;
}
