/** Field types shared by the curriculum schema files: texts, dates, clock times, ids, paths. */
import { z } from 'zod';

export const text = (description: string) => z.string().trim().min(1, 'tidak boleh kosong').meta({ description });
export const optText = (description: string) => text(description).optional();
export const list = <T extends z.ZodType>(item: T, description: string) => z.array(item).meta({ description });

/** A calendar date written as YYYY-MM-DD (YAML 1.2 keeps it a string). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'tanggal harus berbentuk YYYY-MM-DD', abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'tanggal tidak ada di kalender')
  .meta({ description: 'Tanggal dalam bentuk YYYY-MM-DD, misalnya 2024-11-04' });

/** A clock time; Indonesian writing uses a period ("07.30"), a colon is accepted too. */
export const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3])[.:][0-5]\d$/, 'jam harus berbentuk JJ.MM, misalnya 07.30')
  .meta({ description: 'Jam dalam bentuk JJ.MM (24 jam), misalnya 07.30' });

export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'id hanya huruf kecil, angka dan tanda hubung, misalnya "ppk" atau "kode-etik"')
  .meta({ description: 'Pengenal singkat: huruf kecil, angka, tanda hubung' });

export const relPath = (description: string) => z.string().min(1).meta({ description });
