/**
 * Property-based: arbitrary Unicode (very long words, emoji, right-to-left text, control
 * characters, many lines) in every text field never crashes a build and never draws outside the
 * page. Characters the fonts cannot draw are reported, not dropped.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAll } from '../src/artifacts/index.js';
import { loadCurriculum, type Curriculum } from '../src/curriculum/index.js';
import { packageProblems, readPackage } from './helpers/ooxml.js';
import { readPdf } from './helpers/pdf.js';

const FIXTURE = path.resolve('tests/fixtures/mini');

/** Strings a KPU user might paste, and worse. */
export const nastyText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.constantFrom('Saya'.repeat(80), 'https://jdih.kpu.go.id/' + 'a'.repeat(150), '😀🗳️✅ → ✓ ā', 'مرحبا بالعالم', 'שלום', '\u0000\u0007\u001b[31m\t\r\n', 'baris\n'.repeat(60), '**tebal _miring `kode` [taut](x)**', '| a | b |\n|---|---|', '# judul\n\n- daftar'),
).map((s) => (s.trim() ? s : 'x'));

/** Put arbitrary text into the fields every artifact prints. */
export function withText(c: Curriculum, t: string[]): Curriculum {
  const pick = (i: number) => t[i % t.length]!;
  const m = c.modules[0]!;
  const s = m.sections[0]!;
  return {
    ...c,
    title: pick(0),
    subtitle: pick(1),
    organizer: { ...c.organizer, name: pick(2) },
    event: { ...c.event, name: pick(3), venue: pick(4) },
    foreword: pick(5),
    glossary: [{ term: pick(6), expansion: pick(7), explanation: pick(8) }],
    signatories: c.signatories.map((sig) => ({ ...sig, role: pick(9), name: pick(10) })),
    modules: [
      {
        ...m,
        title: pick(11),
        summary: pick(12),
        objectives: [pick(13)],
        sections: [{ ...s, title: pick(14), body: pick(15), key_points: [pick(16), pick(17)], facilitator_notes: [pick(18)], steps: [{ actor: pick(19), action: pick(20), form: pick(21), time: pick(22) }] }, ...m.sections.slice(1)],
        assessment: { questions: [{ question: pick(23), choices: [pick(24), pick(25)], answer: 'A', explanation: pick(26) }] },
      },
      ...c.modules.slice(1),
    ],
  };
}

describe('arbitrary text in every field', () => {
  const base = loadCurriculum(FIXTURE);
  it('builds the handbook without a crash and without drawing outside the page', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nastyText, { minLength: 27, maxLength: 27 }), async (texts) => {
        const out = mkdtempSync(path.join(os.tmpdir(), 'bimtek-prop-'));
        const { files, ctx } = await buildAll(withText(base, texts), { out, only: ['handbook'], edition: 'facilitator' });
        // The Word copy of the same handbook stays a well-formed package.
        for (const f of files.filter((f) => f.kind === 'docx')) expect(packageProblems(await readPackage(readFileSync(f.path)))).toEqual([]);
        for (const f of files.filter((f) => f.kind === 'handbook')) {
          const pdf = await readPdf(f.path);
          for (const p of pdf.pages) {
            for (const it of p.items) {
              if (!it.str.trim()) continue;
              // Inside the printable area: 30 pt from every edge (margins are wider).
              expect(it.x).toBeGreaterThanOrEqual(30);
              expect(it.x + it.width).toBeLessThanOrEqual(p.width - 30);
              expect(it.y).toBeGreaterThanOrEqual(30);
              expect(it.y).toBeLessThanOrEqual(p.height - 30);
            }
          }
        }
        // Emoji are not in Noto Sans: they must be reported, never silently dropped.
        if (texts.some((t) => t.includes('😀'))) expect(ctx.glyphs.report().some((g) => g.char === '😀')).toBe(true);
      }),
      { numRuns: 12, seed: 20241104 },
    );
  });
});
