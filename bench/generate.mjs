/**
 * Seeded generator of curricula and rosters for the benchmark (no external data): the same seed
 * always gives the same files.
 */
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('pemungutan suara penghitungan ketua anggota kpps tps pemilih daftar hadir surat formulir saksi pengawas ' +
  'rapat kotak bilik tinta segel berita acara salinan hasil kecamatan kelurahan petugas ketertiban disabilitas ' +
  'pendamping undangan pemberitahuan dokumen logistik pembukaan penutupan pengumuman keberatan kejadian khusus ' +
  'rekapitulasi penyerahan ketentuan peraturan tahapan pelaksanaan persiapan pengecekan jumlah sah tidak').split(' ');
const FIRST = ['Agus', 'Siti', 'Budi', 'Dewi', 'Eko', 'Fitri', 'Gatot', 'Hartini', 'Imam', 'Joko', 'Kartika', 'Lestari', 'Muhammad', 'Nur', 'Oktavia', 'Purnomo', 'Rahayu', 'Slamet', 'Tri', 'Wahyu'];
const LAST = ['Santoso', 'Rahmawati', 'Prasetyo', 'Wulandari', 'Hidayat', 'Susanti', 'Kurniawan', 'Handayani', 'Setiawan', 'Lestari', 'Saputra', 'Pratiwi'];
const KEC = { 'Prajurit Kulon': ['Surodinawan', 'Prajurit Kulon', 'Blooto', 'Mentikan', 'Kauman', 'Pulorejo'], Magersari: ['Gunung Gedangan', 'Kedundung', 'Balongsari', 'Gedongan', 'Magersari', 'Wates'], Kranggan: ['Kranggan', 'Miji', 'Meri', 'Jagalan', 'Sentanan', 'Purwotengah'] };

const q = (s) => JSON.stringify(s);

function sentence(r, min = 8, max = 18) {
  const n = min + Math.floor(r() * (max - min));
  const w = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return w.join(' ') + '.';
}

/**
 * A curriculum of `modules` modules; with the defaults the facilitator handbook has about 60 A4
 * pages and the slides about 80 slides.
 */
export function writeCurriculum(dir, { seed = 1, modules = 6, sections = 4, steps = 6, questions = 10, roster } = {}) {
  const r = rng(seed);
  mkdirSync(path.join(dir, 'modules'), { recursive: true });
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  copyFileSync(path.join(ROOT, 'curriculum/assets/logo.png'), path.join(dir, 'assets/logo.png'));
  const ids = Array.from({ length: modules }, (_, i) => `modul-${i + 1}`);
  let t = 8 * 60;
  const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}.${String(m % 60).padStart(2, '0')}`;
  const items = ids.map((id) => {
    const item = `      - { start: "${hhmm(t)}", end: "${hhmm(t + 60)}", module: ${id} }`;
    t += 60;
    return item;
  });
  writeFileSync(path.join(dir, 'curriculum.yaml'), `title: Kurikulum Bench ${seed}
version: bench-${seed}
organizer: { name: Komisi Pemilihan Umum Kota Bench, address: Jl. Bench No. 1, city: Mojokerto, logo: assets/logo.png }
event: { kind: TOT, name: Pelatihan Bench Fasilitator, dates: [2024-11-04], venue: Aula Bench }
audiences: [{ id: ppk, name: Fasilitator PPK }, { id: pps, name: Fasilitator PPS }]
schedule:
  - date: 2024-11-04
    items:
${items.join('\n')}
signatories: [{ id: ketua, role: Ketua KPU Kota Bench, name: Nama Ketua Bench, nip: "19700101 199001 1 001" }]
foreword: ${q(Array.from({ length: 4 }, () => sentence(r, 30, 50)).join('\n\n'))}
foreword_signatory: ketua
glossary:
${Array.from({ length: 20 }, (_, i) => `  - { term: ISTILAH${i + 1}, expansion: ${q(sentence(r, 3, 6))}, explanation: ${q(sentence(r))} }`).join('\n')}
settings:
  attendance: { signatory: ketua${roster ? `, roster: ${roster}` : ''} }
`);
  ids.forEach((id, m) => {
    const secs = Array.from({ length: sections }, (_, s) => `  - title: ${q(`Bagian ${s + 1} ${sentence(r, 2, 5).slice(0, -1)}`)}
    body: ${q(Array.from({ length: 3 }, () => sentence(r, 40, 70)).join('\n\n'))}
    steps:
${Array.from({ length: steps }, () => `      - { actor: ${q(sentence(r, 2, 3).slice(0, -1))}, action: ${q(sentence(r, 8, 20))}, form: ${q('Model C.' + Math.floor(r() * 9))}, time: ${q('pukul 0' + (7 + Math.floor(r() * 3)) + '.00')} }`).join('\n')}
    key_points: [${Array.from({ length: 4 }, () => q(sentence(r, 5, 10))).join(', ')}]
    facilitator_notes: [${q(sentence(r, 20, 30))}]`);
    writeFileSync(path.join(dir, 'modules', `${String(m + 1).padStart(2, '0')}-${id}.yaml`), `id: ${id}
title: ${q(`Modul ${m + 1} ${sentence(r, 3, 6).slice(0, -1)}`)}
summary: ${q(sentence(r, 30, 50))}
duration: 60
objectives: [${Array.from({ length: 4 }, () => q(sentence(r))).join(', ')}]
indicators: [${Array.from({ length: 3 }, () => q(sentence(r))).join(', ')}]
references: [{ kind: PKPU, number: 17, year: 2024, title: Pemungutan dan Penghitungan Suara }]
sections:
${secs.join('\n')}
activities: [{ kind: simulation, title: Simulasi, duration: 30, materials: [Kotak suara, Surat suara], instructions: [${q(sentence(r))}, ${q(sentence(r))}] }]
assessment:
  questions:
${Array.from({ length: questions }, () => `    - { question: ${q(sentence(r, 8, 14).slice(0, -1) + '?')}, choices: [${Array.from({ length: 4 }, () => q(sentence(r, 2, 5))).join(', ')}], answer: ${'ABCD'[Math.floor(r() * 4)]}, explanation: ${q(sentence(r))} }`).join('\n')}
`);
  });
  return dir;
}

/** A roster CSV of `n` names (semicolon separated, as offices export it). */
export function writeRoster(file, n, seed = 7) {
  const r = rng(seed);
  const kecs = Object.keys(KEC);
  const lines = ['Nama;Jabatan;Asal;Kecamatan;Kelurahan'];
  for (let i = 0; i < n; i++) {
    const kec = kecs[Math.floor(r() * kecs.length)];
    const kel = KEC[kec][Math.floor(r() * 6)];
    const name = `${FIRST[Math.floor(r() * FIRST.length)]} ${LAST[Math.floor(r() * LAST.length)]}${r() < 0.1 ? ', S.Pd.' : ''}`;
    lines.push(`${name};${r() < 0.15 ? 'Ketua KPPS' : 'Anggota KPPS'};TPS ${1 + Math.floor(r() * 20)} Kel. ${kel};${kec};${kel}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
