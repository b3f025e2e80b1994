/**
 * What `bimtek init` writes besides the curriculum's own schema: an example curriculum that
 * validates, one module, a roster, and the project around them (package.json, .gitignore, editor
 * settings, the GitHub Actions workflow — the same text as docs/github-actions.yml).
 */

export const CURRICULUM = `# yaml-language-server: $schema=./schema.json
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

export const MODULE = `# yaml-language-server: $schema=../schema.json
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

export const ROSTER = 'Nama;Jabatan;Asal\nContoh Peserta Satu;Ketua KPPS;TPS 1\nContoh Peserta Dua;Anggota KPPS;TPS 1\n';

/** The CI workflow; docs/github-actions.yml is this text (tests/init.test.ts checks it and runs actionlint on it). */
export const WORKFLOW = `# Made by \`bimtek init\` (the same as bimtek's docs/github-actions.yml). Place: .github/workflows/bimtek.yml
# Pull requests: validate; every problem is also an annotation on the changed line.
# Pushes to main, tags v* and manual runs: build every PDF and upload out/ (with manifest.json)
# as an artifact. A tag v* also attaches the PDFs to the GitHub release of that tag.
name: bimtek
on:
  pull_request:
  push:
    branches: [main]
    tags: ['v*']
  workflow_dispatch:

permissions:
  contents: read

jobs:
  validate:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
      - uses: actions/setup-node@v7
        with:
          node-version: lts/*
          cache: npm
      - run: npm ci
      # CI=true is set by GitHub: problems are also printed as ::error file=…,line=…,col=…::
      - run: npx bimtek validate

  build:
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: write # gh release (tags only)
    steps:
      - uses: actions/checkout@v7
        with:
          fetch-depth: 0 # full history: the version stamp and the PDF date come from git
      - uses: actions/setup-node@v7
        with:
          node-version: lts/*
          cache: npm
      - run: npm ci
      - run: npx bimtek build --out out
      - uses: actions/upload-artifact@v7
        with:
          name: bimtek-pdf-\${{ github.sha }}
          path: out/
          if-no-files-found: error
      - name: Attach the PDFs to the release
        if: startsWith(github.ref, 'refs/tags/v')
        env:
          GH_TOKEN: \${{ github.token }}
        run: |
          gh release create "$GITHUB_REF_NAME" out/*.pdf out/manifest.json --title "$GITHUB_REF_NAME" --generate-notes \\
            || gh release upload "$GITHUB_REF_NAME" out/*.pdf out/manifest.json --clobber
`;

export const GITIGNORE = ['out/', 'node_modules/'];

/** Editor settings: YAML completion and checking from schema.json, UTF-8 and LF everywhere. */
export const EDITOR_FILES: Record<string, string> = {
  '.vscode/settings.json': JSON.stringify({ 'yaml.schemas': { './schema.json': ['curriculum.yaml', 'modules/*.yaml'] }, 'files.encoding': 'utf8', 'files.eol': '\n' }, null, 2) + '\n',
  '.vscode/extensions.json': JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2) + '\n',
  '.editorconfig': 'root = true\n\n[*]\ncharset = utf-8\nend_of_line = lf\ninsert_final_newline = true\n\n[*.{yaml,yml,json}]\nindent_style = space\nindent_size = 2\n',
};

/** package.json of the project: bimtek pinned, the two commands as npm scripts. */
export function packageJson(name: string, bimtek: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '') || 'kurikulum';
  const pkg = {
    name: slug,
    private: true,
    description: 'Kurikulum pelatihan; dokumen PDF dibuat dengan bimtek',
    scripts: { validate: 'bimtek validate', build: 'bimtek build --out out' },
    devDependencies: { bimtek: bimtek },
    engines: { node: '>=20.19' },
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

export function readme(name: string): string {
  return `# ${name}

Kurikulum pelatihan dalam YAML; buku panduan, slide dan daftar hadir dibuat dengan bimtek.

\`\`\`sh
npm install              # sekali: memasang bimtek (dan membuat package-lock.json, commit berkas itu)
npx bimtek validate      # periksa kurikulum
npx bimtek build --out out   # buat semua PDF di out/
\`\`\`

GitHub Actions (\`.github/workflows/bimtek.yml\`) memeriksa setiap pull request, membuat PDF pada setiap push
ke main (unduh dari tab Actions, bagian Artifacts), dan melampirkannya ke rilis saat tag \`v…\` didorong.
`;
}
