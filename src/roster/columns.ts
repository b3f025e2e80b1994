/**
 * Roster columns: which header names (Indonesian or English, any case, spaces and punctuation
 * ignored) mean which field. Unknown headers and the leading "No" column are ignored.
 */
export const ROSTER_FIELDS = ['name', 'role', 'origin', 'kecamatan', 'kelurahan', 'institution', 'phone', 'nik', 'nip', 'note'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Header spellings per field, written as people write them; matched after `headerKey`. */
const ALIASES: Record<RosterField, string[]> = {
  name: ['Nama', 'Name', 'Nama Lengkap', 'Nama Peserta', 'Nama dan Gelar', 'Nama Lengkap dan Gelar', 'Full Name', 'Peserta', 'Participant'],
  role: ['Jabatan', 'Role', 'Unsur', 'Jabatan/Unsur', 'Unsur/Jabatan', 'Posisi', 'Position'],
  origin: ['Asal', 'Origin', 'Asal Instansi', 'Asal Lembaga', 'Asal Daerah', 'Asal Wilayah', 'Asal Peserta'],
  kecamatan: ['Kecamatan', 'Kec', 'Kec.', 'District', 'Subdistrict'],
  kelurahan: ['Kelurahan', 'Desa', 'Kelurahan/Desa', 'Desa/Kelurahan', 'Kel', 'Kel.', 'Village'],
  institution: ['Instansi', 'Institution', 'Lembaga', 'Unit Kerja', 'Satuan Kerja', 'Satker', 'Organisasi', 'Organization', 'Agency'],
  phone: ['No. HP', 'HP', 'Nomor HP', 'No HP/WA', 'No. WA', 'WA', 'WhatsApp', 'Telepon', 'Telp', 'No. Telp', 'No. Telepon', 'Nomor Telepon', 'Handphone', 'Phone', 'Telephone', 'Phone Number'],
  nik: ['NIK', 'Nomor Induk Kependudukan', 'No. KTP', 'KTP'],
  nip: ['NIP', 'Nomor Induk Pegawai'],
  note: ['Keterangan', 'Ket', 'Ket.', 'Catatan', 'Note', 'Notes', 'Remarks'],
};

/** Headers that are known and deliberately not read (the running number). */
const IGNORED = new Set(['no', 'nomor', 'nourut', 'nomorurut', 'number', 'num']);

/** "No. HP" → "nohp", "NAMA_LENGKAP" → "namalengkap", "Kelurahan / Desa" → "kelurahandesa". */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const BY_KEY = new Map<string, RosterField>();
for (const field of ROSTER_FIELDS) for (const alias of ALIASES[field]) BY_KEY.set(headerKey(alias), field);

/** The field a header names, 'ignore' for the "No" column, or undefined for an unknown header. */
export function fieldOf(header: string): RosterField | 'ignore' | undefined {
  const key = headerKey(header);
  if (IGNORED.has(key)) return 'ignore';
  return BY_KEY.get(key);
}

/** For messages: the spellings a user may write for a field, e.g. `"Nama", "Name", "Nama Lengkap"`. */
export function spellings(field: RosterField, max = 3): string[] {
  return ALIASES[field].slice(0, max);
}

export interface HeaderMap {
  /** For each column index, the field it fills (or undefined: ignored). */
  fields: (RosterField | undefined)[];
  /** Number of columns in the header row (trailing empty headers not counted). */
  width: number;
  /** The headers as written, for messages. */
  headers: string[];
}

/** Map a header row; the first column naming a field wins when two name the same field. */
export function mapHeaders(headers: string[]): HeaderMap {
  const taken = new Set<RosterField>();
  const fields = headers.map((h) => {
    const f = fieldOf(h);
    if (!f || f === 'ignore' || taken.has(f)) return undefined;
    taken.add(f);
    return f;
  });
  let width = headers.length;
  while (width > 0 && headers[width - 1]!.trim() === '') width--;
  return { fields, width, headers };
}
