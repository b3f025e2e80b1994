/**
 * Seeded generator of the fictional KPPS roster of Kota Mojokerto (curriculum/kpps.csv): 192 TPS
 * (190 regular + 2 TPS lokasi khusus at Lapas Kelas IIB Mojokerto) across the 18 kelurahan, 7 KPPS
 * per TPS (Ketua KPPS first, then 6 Anggota KPPS) = 1.344 names. Every name is invented; there are
 * no NIK and no phone numbers, so no row can point at a real person.
 *
 * Decisions (see also the facilitator note in modules/09-evaluasi.yaml):
 * - Petugas Ketertiban TPS (2 per TPS, from Linmas) are NOT rows: they are formed by PPS apart
 *   from KPPS, and the cascade counts a crew of 7 per TPS. An office that trains them too adds rows
 *   with the role "Petugas Ketertiban TPS".
 * - TPS per kelurahan is not in the domain brief. The 190 regular TPS are split over the kecamatan
 *   by their share of the DPS (Aug 2024: 31.281 / 44.894 / 29.222) and over the kelurahan by seeded
 *   weights. TPS are numbered from 001 in each kelurahan, as TPS are.
 * - The kelurahan of the Lapas TPS is not in the brief either; they are put last in one kelurahan
 *   and marked in the Keterangan column as a placeholder to be checked.
 *
 *   node bench/kpps-roster.mjs            → writes the CSV to stdout (seed 2024)
 *   node bench/kpps-roster.mjs --scale 10 → 10 × the TPS (for the cascade benchmark)
 */
import { pathToFileURL } from 'node:url';
import { rng } from './generate.mjs';

export const KECAMATAN = {
  'Prajurit Kulon': ['Surodinawan', 'Prajurit Kulon', 'Blooto', 'Mentikan', 'Kauman', 'Pulorejo'],
  Magersari: ['Gunung Gedangan', 'Kedundung', 'Balongsari', 'Gedongan', 'Magersari', 'Wates'],
  Kranggan: ['Kranggan', 'Miji', 'Meri', 'Jagalan', 'Sentanan', 'Purwotengah'],
};
/** DPS per kecamatan (Aug 2024), the only per-kecamatan voter figure the brief gives. */
const DPS = { 'Prajurit Kulon': 31281, Magersari: 44894, Kranggan: 29222 };
const REGULAR_TPS = 190;
const LAPAS = { kecamatan: 'Kranggan', kelurahan: 'Kranggan', count: 2 };
const CREW = 7;

const MEN = ['Agus', 'Ahmad', 'Arif', 'Bambang', 'Budi', 'Dedi', 'Didik', 'Eko', 'Fajar', 'Gatot', 'Hadi', 'Hendra', 'Imam', 'Joko', 'Khoirul', 'Lukman', 'Mochamad', 'Nanang', 'Purnomo', 'Rizal', 'Slamet', 'Sugeng', 'Teguh', 'Wahyu', 'Yudi', 'Zainal', 'Andik', 'Catur', 'Dwi', 'Heru'];
const WOMEN = ['Ani', 'Binti', 'Dewi', 'Endah', 'Fitri', 'Hartini', 'Ika', 'Kartika', 'Lilik', 'Mulyani', 'Nanik', 'Nur', 'Puji', 'Rahayu', 'Rina', 'Siti', 'Sri', 'Tutik', 'Umi', 'Wulan', 'Yuli', 'Anis', 'Erna', 'Indah', 'Lailatul', 'Ratna', 'Susi', 'Titik', 'Yanti', 'Novi'];
const MIDDLE = ['', '', '', 'Adi', 'Dwi', 'Eka', 'Sri', 'Tri', 'Nur', 'Budi', 'Indra', 'Puspita', 'Ayu', 'Cahyo', 'Rini'];
const LAST = ['Santoso', 'Prasetyo', 'Hidayat', 'Kurniawan', 'Setiawan', 'Saputra', 'Wibowo', 'Susanto', 'Nugroho', 'Firmansyah', 'Hakim', 'Wijaya', 'Sulistyo', 'Purwanto', 'Rahmawati', 'Wulandari', 'Susanti', 'Handayani', 'Pratiwi', 'Lestari', 'Safitri', 'Maulida', 'Anggraini', 'Kusumawati', 'Rohmah', 'Fauziah', 'Maharani', 'Ningsih', 'Utami', 'Yuliani'];

/** Largest-remainder split of `total` by `weights` (deterministic, sums exactly to total). */
function split(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const left = total - out.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) out[order[k][1]]++;
  return out;
}

/** TPS per kelurahan: [{ kecamatan, kelurahan, regular, lapas }] in the brief's order. */
export function tpsPlan(seed = 2024, scale = 1) {
  const r = rng(seed);
  const kecs = Object.keys(KECAMATAN);
  const perKec = split(REGULAR_TPS * scale, kecs.map((k) => DPS[k]));
  return kecs.flatMap((kec, i) => {
    const perKel = split(perKec[i], KECAMATAN[kec].map(() => 0.7 + 0.6 * r()));
    return KECAMATAN[kec].map((kel, j) => ({ kecamatan: kec, kelurahan: kel, regular: perKel[j], lapas: kec === LAPAS.kecamatan && kel === LAPAS.kelurahan ? LAPAS.count * scale : 0 }));
  });
}

/**
 * An invented name (about 45% women; the brief asks ≥ 30% women in KPPS), unique while the lists
 * allow it; at 10× scale some names repeat, as they do in real rosters.
 */
function nameOf(r, used) {
  const pick = (list) => list[Math.floor(r() * list.length)];
  let name = '';
  for (let tries = 0; tries < 50; tries++) {
    const woman = r() < 0.45;
    const first = pick(woman ? WOMEN : MEN);
    const middle = pick(MIDDLE);
    name = [first, middle === first ? '' : middle, pick(woman ? LAST.slice(14) : LAST.slice(0, 14))].filter(Boolean).join(' ');
    if (!used.has(name)) break;
  }
  used.add(name);
  return name;
}

/** The roster rows, TPS by TPS, Ketua KPPS first. */
export function kppsRoster(seed = 2024, scale = 1) {
  const r = rng(seed * 31 + 7);
  const used = new Set();
  const rows = [];
  for (const kel of tpsPlan(seed, scale)) {
    for (let t = 1; t <= kel.regular + kel.lapas; t++) {
      const note = t > kel.regular ? 'TPS lokasi khusus Lapas Kelas IIB Mojokerto (kelurahan lokasi rekaan, diisi KPU)' : '';
      for (let m = 0; m < CREW; m++) {
        rows.push({ name: nameOf(r, used), role: m === 0 ? 'Ketua KPPS' : 'Anggota KPPS', tps: String(t).padStart(3, '0'), kelurahan: kel.kelurahan, kecamatan: kel.kecamatan, note });
      }
    }
  }
  return rows;
}

/** CSV as the other sample roster (peserta.csv): semicolons, header in Indonesian. */
export function kppsCsv(seed = 2024, scale = 1) {
  const lines = ['Nama;Jabatan;TPS;Kelurahan;Kecamatan;Keterangan'];
  for (const row of kppsRoster(seed, scale)) lines.push([row.name, row.role, row.tps, row.kelurahan, row.kecamatan, row.note].join(';'));
  return lines.join('\n') + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--scale');
  process.stdout.write(kppsCsv(2024, i > 0 ? Number(process.argv[i + 1]) : 1));
}
