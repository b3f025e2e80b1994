/**
 * `build --changes-since` on the stranger curriculum: the change log appended to each handbook
 * shows only what that handbook shows — no answers, explanations or facilitator notes in the
 * participant edition, and only modules of the handbook's audience.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { git, repoWithCurriculum } from './helpers/git.js';
import { flat, readPdf } from './helpers/pdf.js';

/** The "Daftar Perubahan" chapter: the text from its heading to the end. */
async function changeLog(file: string): Promise<string> {
  const text = flat((await readPdf(file)).text);
  const at = text.lastIndexOf('Daftar Perubahan');
  expect(at, file).toBeGreaterThan(0);
  return text.slice(at);
}

describe('build --changes-since (stranger fixture)', () => {
  let repo: string;
  beforeAll(() => {
    repo = repoWithCurriculum('tests/fixtures/stranger');
    const edit = (file: string, pairs: [string, string][]) => {
      const f = path.join(repo, 'curriculum/modules', file);
      let s = readFileSync(f, 'utf8');
      for (const [a, b] of pairs) {
        expect(s).toContain(a);
        s = s.replace(a, b);
      }
      writeFileSync(f, s);
    };
    // Pemungutan (ketua, anggota): the right choice moves from C to B, a new explanation, a new facilitator note.
    edit('05-pemungutan.yaml', [
      ['choices: ["07.00 WITA", "11.00 WITA", "12.00 WITA", "13.00 WITA"]\n      answer: C', 'choices: ["07.00 WITA", "12.00 WITA", "11.00 WITA", "13.00 WITA"]\n      answer: B'],
      ['explanation: "Pemilih DPK dilayani pukul 12.00–13.00 WITA, sesudah pemilih DPT dan DPTb."', 'explanation: "Penjelasan baru rahasia: DPK dilayani sejak pukul 12.00 WITA."'],
      ['      - "Langkah 31–35:', '      - Catatan fasilitator baru yang rahasia.\n      - "Langkah 31–35:'],
    ]);
    // Ketertiban (linmas, ketua): a new key point and a new explanation.
    edit('07-ketertiban.yaml', [
      ['      - Gangguan dilaporkan kepada ketua KPPS.', '      - Gangguan dilaporkan kepada ketua KPPS.\n      - Poin kunci baru untuk Linmas.'],
      ['explanation: Atribut pasangan calon tidak boleh dibawa masuk TPS; pemilih tetap berhak memilih.', 'explanation: Penjelasan ketertiban baru yang rahasia.'],
    ]);
    git(repo, 'commit', '-qam', 'revisi soal dan catatan');
    const r = runCli(['build', 'curriculum', '--out', 'out', '--only', 'handbook', '--changes-since', 'HEAD~1'], { cwd: repo, timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);

  it('prints answers, explanations and facilitator notes in the facilitator edition only', async () => {
    const fac = await changeLog(path.join(repo, 'out/handbook-ketua-facilitator.pdf'));
    expect(fac).toContain('Penjelasan baru rahasia');
    expect(fac).toContain('Catatan fasilitator baru yang rahasia');
    expect(fac).toContain('Sebelum: C (12.00 WITA)');
    for (const a of ['ketua', 'anggota', 'linmas']) {
      const par = await changeLog(path.join(repo, `out/handbook-${a}-participant.pdf`));
      expect(par).not.toContain('rahasia');
      expect(par).not.toContain('Pemilih DPK dilayani pukul');
      expect(par).not.toMatch(/(Sebelum|Sesudah): [A-E] \(/);
    }
    // The choices did change, and participants see that.
    expect(await changeLog(path.join(repo, 'out/handbook-ketua-participant.pdf'))).toContain('12.00 WITA');
  });

  it('lists in a per-audience handbook only the changes to its modules', async () => {
    const linmas = await changeLog(path.join(repo, 'out/handbook-linmas-facilitator.pdf'));
    expect(linmas).toContain('Poin kunci baru untuk Linmas');
    expect(linmas).toContain('Penjelasan ketertiban baru');
    expect(linmas).not.toContain('pemungutan ›');
    expect(linmas).not.toContain('Penjelasan baru rahasia');
    // Numbered as in this handbook: ketertiban is its fifth chapter (the seventh module overall).
    expect(linmas).toContain('ketertiban › 5.1 ');
    expect(linmas).not.toContain('ketertiban › 7.1 ');
    const anggota = await changeLog(path.join(repo, 'out/handbook-anggota-facilitator.pdf'));
    expect(anggota).toContain('Penjelasan baru rahasia');
    expect(anggota).not.toContain('Poin kunci baru untuk Linmas');
  });
});
