/**
 * `bimtek init <dir>`: a new curriculum folder that validates at once, with one example module,
 * an example roster, a .gitignore for out/, the JSON Schema and editor settings that map it.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { displayPath, fail, loadCurriculum } from '../curriculum/index.js';
import { writeFileAtomic } from '../write/index.js';
import { paint } from './output.js';
import { schemaText } from './schema.js';

const CURRICULUM = `# yaml-language-server: $schema=./schema.json
title: Modul Bimbingan Teknis KPPS
subtitle: Pemilihan Serentak Tahun 2024
version: 2024.11-r1
language: id

organizer:
  name: Komisi Pemilihan Umum Kota Contoh
  address: "[Alamat kantor]"
  city: Contoh

event:
  kind: Bimtek
  name: Bimbingan Teknis Pemungutan dan Penghitungan Suara bagi KPPS
  dates: [2024-11-10]
  venue: "[Tempat kegiatan]"
  timezone: WIB

audiences:
  - id: kpps
    name: Anggota KPPS

schedule:
  - date: 2024-11-10
    items:
      - { start: "08.00", end: "08.30", activity: Registrasi peserta, kind: registration }
      - { start: "08.30", end: "10.00", module: pemungutan }
      - { start: "10.00", end: "10.30", activity: Penutupan, kind: closing }

signatories:
  - id: ketua
    role: Ketua KPU Kota Contoh
    name: "[Nama Ketua]"

glossary:
  - { term: TPS, expansion: Tempat Pemungutan Suara }

settings:
  attendance:
    roster: peserta.csv
    signatory: ketua
`;

const MODULE = `# yaml-language-server: $schema=../schema.json
id: pemungutan
title: Pelaksanaan Pemungutan Suara
summary: Langkah KPPS dari pembukaan TPS sampai pemilih terakhir memberikan suara.
duration: 90
objectives:
  - Peserta dapat menjelaskan urutan pembukaan rapat pemungutan suara.
indicators:
  - Peserta menyebutkan jam pembukaan TPS dengan benar.
sections:
  - title: Pembukaan rapat pemungutan suara
    body: |
      Ketua KPPS membuka rapat pemungutan suara di hadapan saksi dan Pengawas TPS.
    steps:
      - { actor: Ketua KPPS, action: Membuka rapat pemungutan suara, time: pukul 07.00 }
    key_points:
      - TPS dibuka pukul 07.00 waktu setempat.
    facilitator_notes:
      - Tanyakan kepada peserta pengalaman mereka pada pemilihan sebelumnya.
assessment:
  questions:
    - question: Pukul berapa rapat pemungutan suara dibuka?
      choices: ["06.00", "07.00", "08.00", "13.00"]
      answer: B
`;

const ROSTER = 'Nama;Jabatan;Asal\nContoh Peserta Satu;Ketua KPPS;TPS 1\nContoh Peserta Dua;Anggota KPPS;TPS 1\n';

export async function run(dir: string): Promise<number> {
  const root = path.resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0) {
    fail(displayPath(root), 'folder sudah berisi berkas', { hint: 'pilih nama folder baru supaya tidak ada berkas yang tertimpa' });
  }
  const files: Record<string, string> = {
    'curriculum.yaml': CURRICULUM,
    'modules/01-pemungutan.yaml': MODULE,
    'peserta.csv': ROSTER,
    'schema.json': schemaText(),
    '.gitignore': 'out/\n',
    '.vscode/settings.json': JSON.stringify({ 'yaml.schemas': { './schema.json': ['curriculum.yaml', 'modules/*.yaml'] } }, null, 2) + '\n',
    'README.md': `# ${path.basename(root)}\n\nKurikulum bimtek. Periksa dengan \`bimtek validate .\`, buat PDF dengan \`bimtek build . --out out\`.\n`,
  };
  for (const [rel, content] of Object.entries(files)) writeFileAtomic(path.join(root, rel), content);
  const c = loadCurriculum(root);
  process.stdout.write(`${paint.green('✓')} folder kurikulum baru: ${displayPath(root)} (${c.modules.length} modul). Lanjutkan dengan: bimtek build ${displayPath(root)} --out ${displayPath(path.join(root, 'out'))}\n`);
  return 0;
}
