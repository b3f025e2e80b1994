/**
 * Roster columns: which header names (Indonesian or English, regional terms, any case, spaces and
 * punctuation ignored) mean which field, and which columns a build asks the roster for. Unknown
 * headers and the leading "No" column are ignored.
 */
export const ROSTER_FIELDS = ['name', 'role', 'origin', 'kecamatan', 'kelurahan', 'tps', 'institution', 'phone', 'nik', 'nip', 'note'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/**
 * Header spellings per field, written as people write them; matched after `headerKey`. Regional
 * names of the same level of government count as the same field: kapanewon (Kabupaten DIY),
 * kemantren (Kota Yogyakarta) and distrik (Papua) are kecamatan; kalurahan (DIY), nagari (Sumatera
 * Barat), gampong (Aceh) and kampung (Papua and others) are kelurahan/desa.
 */
const ALIASES: Record<RosterField, string[]> = {
  name: ['Nama', 'Name', 'Nama Lengkap', 'Nama Peserta', 'Nama dan Gelar', 'Nama Lengkap dan Gelar', 'Nama Anggota', 'Full Name', 'Peserta', 'Participant'],
  role: ['Jabatan', 'Role', 'Unsur', 'Posisi', 'Position'],
  origin: ['Asal', 'Origin', 'Asal Instansi', 'Asal Lembaga', 'Asal Daerah', 'Asal Wilayah', 'Asal Peserta'],
  kecamatan: ['Kecamatan', 'Kapanewon', 'Kemantren', 'Distrik', 'Kec', 'District', 'Subdistrict'],
  kelurahan: ['Kelurahan', 'Desa', 'Kalurahan', 'Nagari', 'Gampong', 'Kampung', 'Kel', 'Village'],
  tps: ['TPS', 'No. TPS', 'Nomor TPS', 'TPS No.', 'TPS Nomor', 'Kode TPS', 'Polling Station'],
  institution: ['Instansi', 'Institution', 'Lembaga', 'Unit Kerja', 'Satuan Kerja', 'Satker', 'Organisasi', 'Organization', 'Agency'],
  phone: ['No. HP', 'HP', 'Nomor HP', 'No. WA', 'WA', 'WhatsApp', 'Telepon', 'Telp', 'No. Telp', 'No. Telepon', 'Nomor Telepon', 'Handphone', 'Phone', 'Telephone', 'Phone Number'],
  nik: ['NIK', 'Nomor Induk Kependudukan', 'No. KTP', 'KTP'],
  nip: ['NIP', 'Nomor Induk Pegawai'],
  note: ['Keterangan', 'Ket', 'Catatan', 'Note', 'Notes', 'Remarks'],
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

/** A built-in spelling; any "Asal …" ("Asal TPS / Desa", "Asal Sekolah") is where a person comes from. */
function builtIn(key: string): RosterField | undefined {
  return BY_KEY.get(key) ?? (key.startsWith('asal') ? 'origin' : undefined);
}

type Match = RosterField | 'ignore' | undefined;

/**
 * A header by its spellings, then as "A/B" where every part names the same field
 * ("Desa/Kalurahan", "Kapanewon / Kemantren", "No HP/WA", "Jabatan/Unsur").
 */
function match(header: string, lookup: (key: string) => RosterField | undefined): Match {
  const key = headerKey(header);
  if (IGNORED.has(key)) return 'ignore';
  const whole = lookup(key);
  if (whole || !header.includes('/')) return whole;
  const parts = new Set(header.split('/').map((p) => lookup(headerKey(p))));
  const [only] = parts;
  return parts.size === 1 ? only : undefined;
}

/** The field a header names, 'ignore' for the "No" column, or undefined for an unknown header. */
export function fieldOf(header: string): Match {
  return match(header, builtIn);
}

/** For messages: the spellings a user may write for a field, e.g. `"Nama", "Name", "Nama Lengkap"`. */
export function spellings(field: RosterField, max = 3): string[] {
  return ALIASES[field].slice(0, max);
}

/** A column a build asks the roster for. */
export interface ColumnSpec {
  field: RosterField;
  /** Roster headers that hold it (from settings); these replace the built-in spellings. */
  headers?: string[];
  /** A roster without it is an error (else a warning: the column prints empty). */
  required: boolean;
  /** Where the request comes from, for messages: `settings.attendance.columns[2]`. */
  source?: string;
}

/**
 * Which field a header names, given the columns a build asks for: headers set in the settings
 * name their field (and only they do), the built-in spellings name the other fields.
 */
export class HeaderNames {
  private readonly configured = new Map<string, RosterField>();
  private readonly replaced = new Set<RosterField>();

  constructor(readonly specs: readonly ColumnSpec[] = []) {
    for (const s of specs) {
      if (!s.headers) continue;
      this.replaced.add(s.field);
      for (const h of s.headers) this.configured.set(headerKey(h), s.field);
    }
  }

  fieldOf(header: string): Match {
    return match(header, (key) => {
      const own = this.configured.get(key);
      if (own) return own;
      const usual = builtIn(key);
      return usual && !this.replaced.has(usual) ? usual : undefined;
    });
  }

  /** For messages: how the roster may call a field. */
  spellings(field: RosterField, max = 3): string[] {
    return this.specs.find((s) => s.field === field)?.headers ?? spellings(field, max);
  }
}

export interface HeaderMap {
  /** For each column index, the field it fills (or undefined: ignored). */
  fields: (RosterField | undefined)[];
  /** Number of columns in the header row (trailing empty headers not counted). */
  width: number;
  /** The headers as written, for messages. */
  headers: string[];
  /** How many cells are known column names (the "No" column included). */
  known: number;
}

/** Map a header row; the first column naming a field wins when two name the same field. */
export function mapHeaders(headers: string[], names = new HeaderNames()): HeaderMap {
  const taken = new Set<RosterField>();
  let known = 0;
  const fields = headers.map((h) => {
    const f = names.fieldOf(h);
    if (f) known++;
    if (!f || f === 'ignore' || taken.has(f)) return undefined;
    taken.add(f);
    return f;
  });
  let width = headers.length;
  while (width > 0 && headers[width - 1]!.trim() === '') width--;
  return { fields, width, headers, known };
}
