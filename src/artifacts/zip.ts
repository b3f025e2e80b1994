/**
 * A deterministic ZIP writer for the Office files (PPTX, DOCX): entries in the order given, one
 * fixed timestamp, no extra fields, DEFLATE from node:zlib (compressed media stored as they are).
 * The same entries always give the same bytes, which the manifest's sha256 and the determinism
 * tests rely on. OOXML packages stay far below the 4 GiB that would need ZIP64.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: string | Uint8Array;
}

/** Already compressed: DEFLATE would only cost time. */
const STORED = /\.(png|jpe?g|gif|zip)$/i;

/** MS-DOS date and time of `date` (UTC), clamped to 1980, the first year DOS can express. */
function dosStamp(date: Date): { time: number; date: number } {
  const d = date.getTime() < Date.UTC(1980, 0, 1) ? new Date(Date.UTC(1980, 0, 1)) : date;
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export function zip(entries: readonly ZipEntry[], date: Date): Buffer {
  const stamp = dosStamp(date);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const store = STORED.test(entry.name);
    const body = store ? raw : deflateRawSync(raw, { level: 6 });
    const crc = crc32(raw);
    // Fields shared by the local header and the central directory record, from "version needed".
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed: 2.0 (DEFLATE)
    common.writeUInt16LE(0x0800, 2); // names are UTF-8
    common.writeUInt16LE(store ? 0 : 8, 4);
    common.writeUInt16LE(stamp.time, 6);
    common.writeUInt16LE(stamp.date, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(body.length, 14);
    common.writeUInt32LE(raw.length, 18);
    common.writeUInt16LE(name.length, 22);
    common.writeUInt16LE(0, 24); // no extra field
    const local = Buffer.concat([u32(0x04034b50), common, name, body]);
    // Comment length, disk number, internal and external attributes (all 0), then the offset.
    const tail = Buffer.alloc(14);
    tail.writeUInt32LE(offset, 10);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, tail, name]));
    locals.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n, 0);
  return b;
}
