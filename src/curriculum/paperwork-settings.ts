/**
 * Settings for the event paperwork (settings.paperwork): which documents a build makes and what
 * only the office can decide (numbers, amounts, letter details). Kept apart from schema.ts so the
 * curriculum format stays readable; schema.ts includes it.
 *
 * Defaults: documents that carry the office's own numbers or money (certificates, receipts,
 * invitations) are off until configured: a wrong certificate number or amount on paper is worse
 * than none. Name tags, answer sheets and evaluation forms carry nothing the office decides: they
 * are on, and made whenever the curriculum has a roster.
 */
import { z } from 'zod';
import { id, isoDate, relPath, text } from './schema-parts.js';

const enabled = (on: boolean, description: string) => z.boolean().default(on).meta({ description });
const signatory = id.optional().meta({ description: 'Id penanda tangan (bawaan: penanda tangan daftar hadir, atau yang pertama)' });

/** "{{seq}}/PP.04-SD/3576/{{year}}": {{seq}} the participant's number, {{year}}, {{month}} in Roman numerals. */
const numberPattern = (description: string) =>
  z
    .string()
    .trim()
    .min(1, 'tidak boleh kosong')
    .refine((s) => s.includes('{{seq}}'), 'pola nomor harus memuat {{seq}} (nomor urut)')
    .refine((s) => [...s.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].every((m) => ['seq', 'year', 'month'].includes(m[1]!)), 'pola nomor hanya mengenal {{seq}}, {{year}} dan {{month}}')
    .meta({ description });

/** An amount in whole rupiah, or a placeholder in brackets ("[diisi KPU]") printed as an empty cell. */
export const Amount = z
  .union([z.number().int().min(0).max(1_000_000_000), z.string().regex(/^\[.+\]$/, 'jumlah berupa angka rupiah, atau isian dalam kurung siku seperti "[diisi KPU]"')])
  .meta({ description: 'Jumlah dalam rupiah utuh (misalnya 150000), atau "[diisi KPU]" bila belum ditetapkan (kolom dicetak kosong)' });

export const PaperworkSettings = z
  .strictObject({
    signatory,
    certificate: z
      .strictObject({
        enabled: enabled(false, 'Cetak sertifikat (bawaan: tidak, karena nomornya ditetapkan kantor)'),
        number: numberPattern('Pola nomor sertifikat, misalnya "{{seq}}/PP.04-SD/3576/{{year}}"; {{seq}} = nomor urut peserta di roster').default('{{seq}}'),
        seq_digits: z.number().int().min(1).max(6).default(3).meta({ description: 'Jumlah digit nomor urut (3: 001, 002, ...)' }),
        duration: z
          .strictObject({ value: z.number().positive().max(1000), unit: z.enum(['JP', 'jam']) })
          .optional()
          .meta({ description: 'Lama pelatihan yang dicetak, misalnya { value: 8, unit: JP }' }),
        frame: relPath('Gambar bingkai PNG/JPEG (A4 mendatar) di dalam folder kurikulum').optional(),
        signatory,
      })
      .prefault({})
      .meta({ description: 'Sertifikat peserta (A4 mendatar, satu per peserta)' }),
    receipt: z
      .strictObject({
        enabled: enabled(false, 'Cetak daftar tanda terima (bawaan: tidak, karena jumlah uang ditetapkan kantor)'),
        purpose: text('Yang diterima, misalnya "Uang Transport"').default('Uang Transport'),
        amounts: z
          .array(z.strictObject({ role: text('Jabatan di roster, misalnya "Ketua PPK"'), amount: Amount }))
          .default([])
          .meta({ description: 'Jumlah per jabatan' }),
        default_amount: Amount.optional(),
        pph: z.number().min(0).max(50).default(0).meta({ description: 'Tarif PPh dalam persen (bawaan 0: tanpa potongan)' }),
        signatory,
      })
      .prefault({})
      .meta({ description: 'Daftar tanda terima uang transport atau honorarium' }),
    name_tags: z.strictObject({ enabled: enabled(true, 'Cetak tanda pengenal (8 per halaman A4) bila ada roster') }).prefault({}).meta({ description: 'Tanda pengenal peserta' }),
    invitation: z
      .strictObject({
        enabled: enabled(false, 'Cetak surat undangan (bawaan: tidak, karena nomor surat ditetapkan kantor)'),
        number: numberPattern('Pola nomor surat, misalnya "{{seq}}/PP.04-Und/3576/{{year}}"').default('{{seq}}'),
        date: isoDate.optional().meta({ description: 'Tanggal surat (bawaan: dikosongkan untuk diisi tangan)' }),
        group_by: z.enum(['participant', 'institution', 'origin']).default('participant').meta({ description: 'Satu surat per peserta, per instansi, atau per asal' }),
        nature: text('Sifat surat').default('Penting'),
        attachment: text('Lampiran').default('-'),
        subject: text('Perihal').default('Undangan'),
        signatory,
      })
      .prefault({})
      .meta({ description: 'Surat undangan peserta' }),
    answer_sheets: z.strictObject({ enabled: enabled(true, 'Cetak lembar jawaban pre-test dan post-test bila ada roster dan soal') }).prefault({}).meta({ description: 'Lembar jawaban' }),
    evaluation: z.strictObject({ enabled: enabled(true, 'Cetak lembar evaluasi penyelenggaraan bila ada roster') }).prefault({}).meta({ description: 'Lembar evaluasi' }),
  })
  .prefault({})
  .meta({ description: 'Dokumen kegiatan dari roster: sertifikat, tanda terima, tanda pengenal, undangan, lembar jawaban, lembar evaluasi' });

export type PaperworkSettings = z.output<typeof PaperworkSettings>;
export type Amount = z.output<typeof Amount>;
