/** `--handout` of `bimtek build` and `bimtek slides` (here so neither command imports the other). */
import { fail } from '../curriculum/index.js';

export function parseHandout(value: string | undefined): 1 | 3 {
  if (value === undefined || value === '1') return 1;
  if (value === '3') return 3;
  return fail('--handout', `nilai "${value}" tidak dikenal`, { expected: '1 atau 3', hint: '--handout 3 membuat handout peserta tiga slide per halaman (slides-handout.pdf)' });
}
