/**
 * The curriculum format: the single source of truth for types, validation and the JSON Schema.
 * Keys are English, descriptions Indonesian (they show up in editors through `bimtek schema`).
 */
import { z } from 'zod';
import { PaperworkSettings } from './paperwork-settings.js';
import { clockTime, id, isoDate, list, optText, relPath, text } from './schema-parts.js';

export { clockTime, isoDate } from './schema-parts.js';

export const Organizer = z
  .strictObject({
    name: text('Nama lembaga, misalnya "Komisi Pemilihan Umum Kota Mojokerto"'),
    unit: optText('Unit atau divisi penyelenggara kegiatan'),
    address: text('Alamat kantor untuk kop surat'),
    city: text('Kota tempat dokumen ditandatangani, misalnya "Mojokerto"'),
    phone: optText('Nomor telepon kantor'),
    email: optText('Alamat surel kantor'),
    website: optText('Situs web kantor'),
    logo: relPath('Berkas logo PNG/JPEG di dalam folder kurikulum').optional(),
  })
  .meta({ description: 'Lembaga penyelenggara (kop surat, sampul, tanda tangan)' });

export const Timezone = z.enum(['WIB', 'WITA', 'WIT']).meta({ description: 'Zona waktu: WIB, WITA atau WIT' });

export const EventInfo = z
  .strictObject({
    kind: text('Jenis kegiatan, misalnya TOT, Bimtek, Rakor, Simulasi'),
    name: text('Nama lengkap kegiatan seperti tertulis di undangan'),
    dates: z.array(isoDate).min(1, 'paling sedikit satu tanggal').meta({ description: 'Tanggal pelaksanaan' }),
    venue: text('Tempat kegiatan'),
    timezone: Timezone.default('WIB'),
  })
  .meta({ description: 'Kegiatan pelatihan' });

export const Audience = z
  .strictObject({
    id,
    name: text('Nama sasaran, misalnya "Fasilitator PPK"'),
    description: optText('Keterangan singkat tentang sasaran'),
  })
  .meta({ description: 'Sasaran pelatihan' });

export const ScheduleKind = z
  .enum(['registration', 'opening', 'session', 'break', 'simulation', 'discussion', 'closing', 'other'])
  .meta({ description: 'Jenis acara: registration, opening, session, break, simulation, discussion, closing, other' });

export const ScheduleItem = z
  .strictObject({
    start: clockTime,
    end: clockTime,
    module: id.optional().meta({ description: 'Id modul yang dibawakan pada sesi ini' }),
    activity: optText('Nama acara bila bukan modul, misalnya "Registrasi peserta"'),
    kind: ScheduleKind.optional(),
    facilitator: optText('Narasumber atau penanggung jawab sesi'),
  })
  .refine((s) => Boolean(s.module) !== Boolean(s.activity), {
    message: 'isi salah satu: "module" (id modul) atau "activity" (nama acara)',
  })
  .meta({ description: 'Satu baris susunan acara' });

export const ScheduleDay = z
  .strictObject({
    date: isoDate,
    title: optText('Judul hari, misalnya "Hari Pertama"'),
    items: z.array(ScheduleItem).min(1).meta({ description: 'Acara pada hari ini, berurutan' }),
  })
  .meta({ description: 'Susunan acara satu hari' });

export const Signatory = z
  .strictObject({
    id,
    role: text('Jabatan penanda tangan, misalnya "Ketua KPU Kota Mojokerto"'),
    name: text('Nama lengkap penanda tangan'),
    nip: optText('NIP, bila ada'),
  })
  .meta({ description: 'Penanda tangan pada blok "Mengetahui"' });

export const GlossaryEntry = z
  .strictObject({
    term: text('Istilah atau singkatan'),
    expansion: optText('Kepanjangan singkatan'),
    explanation: optText('Penjelasan singkat'),
  })
  .meta({ description: 'Entri daftar istilah' });

export const AttendanceColumn = z
  .enum(['name', 'role', 'origin', 'kecamatan', 'kelurahan', 'tps', 'institution', 'phone', 'nik', 'nip', 'note'])
  .meta({ description: 'Kolom daftar hadir dari roster' });

/** A printed column: its name alone, or with the roster header(s) that hold it and its heading. */
export const AttendanceColumnSetting = z
  .union([
    AttendanceColumn,
    z
      .strictObject({
        field: AttendanceColumn,
        header: z
          .union([text('Judul kolom di roster'), z.array(text('Judul kolom di roster')).min(1)])
          .optional()
          .meta({ description: 'Judul kolom roster yang berisi kolom ini, misalnya "Kapanewon" (menggantikan nama-nama bawaan)' }),
        label: optText('Judul kolom yang dicetak, misalnya "KAPANEWON"'),
        optional: z.boolean().optional().meta({ description: 'true: roster tanpa kolom ini hanya diberi peringatan dan kolomnya dicetak kosong' }),
      })
      .meta({ description: 'Kolom dengan judul roster dan judul cetak sendiri' }),
  ])
  .meta({ description: 'Kolom daftar hadir: nama kolom, atau { field, header, label, optional }' });

export const Settings = z
  .strictObject({
    handbook: z
      .strictObject({
        editions: z
          .array(z.enum(['facilitator', 'participant']))
          .min(1)
          .default(['facilitator', 'participant'])
          .meta({ description: 'Edisi buku panduan: facilitator (lengkap) dan participant (tanpa catatan fasilitator dan kunci jawaban)' }),
        per_audience: z.boolean().default(true).meta({ description: 'Satu buku per sasaran bila modul ditandai untuk sasaran tertentu' }),
      })
      .prefault({})
      .meta({ description: 'Pengaturan buku panduan' }),
    attendance: z
      .strictObject({
        roster: relPath('Berkas roster peserta (CSV, XLSX atau ODS) di dalam folder kurikulum').optional(),
        sheet: optText('Lembar (sheet) roster XLSX/ODS yang dibaca: namanya, atau nomornya mulai dari 1 (bawaan: lembar pertama)'),
        columns: z
          .array(AttendanceColumnSetting)
          .min(1)
          .optional()
          .meta({ description: 'Kolom yang dicetak, berurutan (No dan Tanda Tangan selalu ada). Tanpa pengaturan: name, role, origin' }),
        signatory: id.optional().meta({ description: 'Id penanda tangan blok "Mengetahui"' }),
        orientation: z.enum(['portrait', 'landscape']).default('portrait'),
        blank_rows: z.number().int().min(0).max(500).default(0).meta({ description: 'Baris kosong tambahan untuk peserta yang datang tanpa terdaftar' }),
      })
      .prefault({})
      .meta({ description: 'Pengaturan daftar hadir' }),
    paperwork: PaperworkSettings,
    slides: z
      .strictObject({
        reference: relPath('Templat PowerPoint (.pptx) kantor di dalam folder kurikulum: slides.pptx memakai master, tata letak, warna dan huruf templat ini').optional(),
      })
      .prefault({})
      .meta({ description: 'Pengaturan slide' }),
  })
  .prefault({})
  .meta({ description: 'Pengaturan untuk perender' });

export const CurriculumFile = z
  .strictObject({
    $schema: z.string().optional(),
    title: text('Judul kurikulum'),
    subtitle: optText('Subjudul, misalnya nama pemilihan'),
    version: text('Versi kurikulum (teks bebas, misalnya "2024.11-r2")'),
    language: z.enum(['id', 'en']).default('id').meta({ description: 'Bahasa label dokumen: id (bawaan) atau en' }),
    organizer: Organizer,
    event: EventInfo,
    audiences: z.array(Audience).min(1).meta({ description: 'Sasaran pelatihan' }),
    schedule: list(ScheduleDay, 'Susunan acara per hari').default([]),
    signatories: list(Signatory, 'Penanda tangan dokumen').default([]),
    glossary: list(GlossaryEntry, 'Daftar istilah').default([]),
    foreword: optText('Kata pengantar (Markdown)'),
    foreword_signatory: id.optional().meta({ description: 'Id penanda tangan kata pengantar' }),
    settings: Settings,
  })
  .meta({ description: 'Berkas utama kurikulum bimtek (curriculum.yaml)' });

export const Reference = z
  .strictObject({
    kind: text('Jenis peraturan, misalnya "PKPU", "Peraturan DKPP", "Keputusan KPU", "UU"'),
    number: z.union([z.string().min(1), z.number().int().positive()]).transform(String).meta({ description: 'Nomor peraturan' }),
    year: z.number().int().min(1945).max(2100).meta({ description: 'Tahun peraturan' }),
    title: optText('Judul peraturan (tentang ...)'),
    articles: optText('Pasal yang dirujuk, misalnya "Pasal 2, 3 dan 5"'),
    note: optText('Catatan, misalnya bila nomor atau isi masih perlu dipastikan'),
  })
  .meta({ description: 'Rujukan peraturan' });

export const Step = z
  .strictObject({
    actor: text('Pelaksana, misalnya "Ketua KPPS"'),
    action: text('Kegiatan yang dilakukan'),
    form: optText('Formulir yang dipakai, misalnya "Model C.Hasil-KWK"'),
    time: optText('Waktu atau batas waktu, misalnya "pukul 07.00"'),
  })
  .meta({ description: 'Satu langkah prosedur' });

export const Principle = z
  .strictObject({
    name: text('Nama prinsip, misalnya "Jujur"'),
    meaning: text('Makna prinsip'),
    do: list(z.string().min(1), 'Contoh perilaku yang benar').default([]),
    dont: list(z.string().min(1), 'Contoh perilaku yang dilarang').default([]),
  })
  .meta({ description: 'Prinsip kode etik dengan contoh' });

export const Pledge = z
  .strictObject({
    title: text('Judul teks, misalnya "Sumpah/Janji Anggota KPPS"'),
    text: text('Isi teks (Markdown)'),
    note: optText('Catatan untuk fasilitator tentang sumber atau kepastian teks'),
  })
  .meta({ description: 'Teks sumpah/janji atau pakta integritas' });

export const Section = z
  .strictObject({
    title: text('Judul bagian'),
    body: optText('Uraian materi (Markdown)'),
    steps: list(Step, 'Langkah prosedur berurutan').default([]),
    key_points: list(z.string().min(1), 'Poin kunci (juga menjadi butir slide)').default([]),
    principles: list(Principle, 'Prinsip kode etik').default([]),
    pledges: list(Pledge, 'Teks sumpah/janji atau pakta integritas').default([]),
    facilitator_notes: list(z.string().min(1), 'Catatan fasilitator (Markdown), tidak dicetak di edisi peserta').default([]),
  })
  .meta({ description: 'Bagian materi dalam modul' });

export const Activity = z
  .strictObject({
    kind: z.enum(['simulation', 'discussion', 'quiz', 'roleplay', 'exercise']).meta({ description: 'Jenis: simulation, discussion, quiz, roleplay, exercise' }),
    title: text('Judul kegiatan'),
    duration: z.number().int().positive().max(600).meta({ description: 'Durasi dalam menit' }),
    materials: list(z.string().min(1), 'Bahan dan alat').default([]),
    instructions: z.array(z.string().min(1)).min(1).meta({ description: 'Langkah pelaksanaan kegiatan' }),
  })
  .meta({ description: 'Kegiatan belajar' });

const LETTERS = 'ABCDE';
export const Question = z
  .strictObject({
    question: text('Pertanyaan'),
    choices: z.array(z.string().min(1)).min(2).max(5).meta({ description: 'Pilihan jawaban (2 sampai 5), ditandai A, B, C ...' }),
    answer: z.enum(['A', 'B', 'C', 'D', 'E']).meta({ description: 'Huruf jawaban yang benar' }),
    explanation: optText('Penjelasan jawaban'),
  })
  .refine((q) => LETTERS.indexOf(q.answer) < q.choices.length, {
    message: 'jawaban menunjuk pilihan yang tidak ada',
    path: ['answer'],
  })
  .meta({ description: 'Soal pilihan ganda' });

export const Slide = z
  .strictObject({
    title: text('Judul slide'),
    bullets: list(z.string().min(1), 'Butir slide').default([]),
    notes: optText('Catatan pembicara'),
  })
  .meta({ description: 'Slide yang ditulis sendiri oleh penulis modul' });

export const ModuleFile = z
  .strictObject({
    $schema: z.string().optional(),
    id,
    title: text('Judul modul'),
    summary: text('Deskripsi singkat modul (Markdown)'),
    duration: z.number().int().positive().max(1440).meta({ description: 'Durasi dalam menit' }),
    audiences: list(id, 'Id sasaran modul ini; kosong berarti semua sasaran').default([]),
    objectives: z.array(z.string().min(1)).min(1).meta({ description: 'Tujuan pembelajaran' }),
    indicators: list(z.string().min(1), 'Indikator hasil belajar').default([]),
    references: list(Reference, 'Rujukan peraturan').default([]),
    sections: z.array(Section).min(1).meta({ description: 'Bagian materi' }),
    activities: list(Activity, 'Kegiatan belajar').default([]),
    assessment: z
      .strictObject({
        questions: z.array(Question).min(1).meta({ description: 'Soal pre-test/post-test' }),
      })
      .optional()
      .meta({ description: 'Evaluasi: soal untuk pre-test dan post-test' }),
    slides: list(Slide, 'Slide yang ditentukan penulis (menggantikan slide otomatis per bagian)').optional(),
  })
  .meta({ description: 'Satu modul pelatihan (modules/*.yaml)' });

export type CurriculumFile = z.output<typeof CurriculumFile>;
export type ModuleFile = z.output<typeof ModuleFile>;
export type Organizer = z.output<typeof Organizer>;
export type EventInfo = z.output<typeof EventInfo>;
export type Audience = z.output<typeof Audience>;
export type ScheduleDay = z.output<typeof ScheduleDay>;
export type ScheduleItem = z.output<typeof ScheduleItem>;
export type Signatory = z.output<typeof Signatory>;
export type GlossaryEntry = z.output<typeof GlossaryEntry>;
export type Reference = z.output<typeof Reference>;
export type Section = z.output<typeof Section>;
export type Step = z.output<typeof Step>;
export type Activity = z.output<typeof Activity>;
export type Question = z.output<typeof Question>;
export type Principle = z.output<typeof Principle>;
export type Pledge = z.output<typeof Pledge>;
export type Slide = z.output<typeof Slide>;
export type AttendanceColumn = z.output<typeof AttendanceColumn>;
export type AttendanceColumnSetting = z.output<typeof AttendanceColumnSetting>;

/** The JSON Schema for editors: one document with the curriculum file and the module file as alternatives. */
export function jsonSchema(): Record<string, unknown> {
  const io = { target: 'draft-7' as const, io: 'input' as const, unrepresentable: 'any' as const };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'bimtek curriculum',
    description: 'Kurikulum bimtek: curriculum.yaml atau modules/*.yaml',
    anyOf: [stripDraft(z.toJSONSchema(CurriculumFile, io)), stripDraft(z.toJSONSchema(ModuleFile, io))],
  };
}

function stripDraft(s: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _drop, ...rest } = s;
  return rest;
}
