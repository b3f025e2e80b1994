/**
 * Images named by the curriculum (logo, Markdown images): resolved inside the curriculum folder,
 * checked, and normalised. PNGs with transparency or interlacing are decoded by PDFKit on the
 * thread pool, whose finishing order changes object numbers; flattening them onto white here keeps
 * every build byte-identical.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { diagnostic, imageProblem, resolveInside, UserError, type Curriculum } from '../curriculum/index.js';

const cache = new Map<string, Buffer>();

export function imageLoader(c: Curriculum, where: string): (src: string) => Buffer {
  return (src: string) => {
    const r = resolveInside(c.root, src);
    if ('problem' in r) throw new UserError([diagnostic(where, `gambar "${src}": ${r.problem.message}`, { hint: r.problem.hint })]);
    const bad = imageProblem(r.abs);
    if (bad) throw new UserError([diagnostic(where, `gambar "${src}": ${bad}`, { hint: 'pakai gambar PNG atau JPEG yang utuh' })]);
    return loadImage(r.abs);
  };
}

export function loadImage(abs: string): Buffer {
  let buf = cache.get(abs);
  if (!buf) {
    buf = normalise(readFileSync(abs));
    cache.set(abs, buf);
  }
  return buf;
}

function normalise(buf: Buffer): Buffer {
  if (buf[0] !== 0x89) return buf;
  const colorType = buf[25]!;
  const interlaced = buf[28] === 1;
  const hasTrns = buf.includes(Buffer.from('tRNS'));
  if (!interlaced && !hasTrns && colorType !== 4 && colorType !== 6) return buf;
  const png = PNG.sync.read(buf);
  const out = new PNG({ width: png.width, height: png.height, colorType: 2, inputHasAlpha: true });
  for (let i = 0; i < png.data.length; i += 4) {
    const a = png.data[i + 3]! / 255;
    out.data[i] = Math.round(png.data[i]! * a + 255 * (1 - a));
    out.data[i + 1] = Math.round(png.data[i + 1]! * a + 255 * (1 - a));
    out.data[i + 2] = Math.round(png.data[i + 2]! * a + 255 * (1 - a));
    out.data[i + 3] = 255;
  }
  return PNG.sync.write(out, { colorType: 2 });
}
