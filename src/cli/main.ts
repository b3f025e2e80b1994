/**
 * Command wiring. Each command lives in its own file and is imported only when it runs, so
 * `bimtek --version` stays fast. Exit codes: 0 ok, 1 a problem in the user's input, 2 an internal
 * bug, 130 interrupted.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { packageVersion } from '../artifacts/package-version.js';
import { indonesianHelp } from './help-id.js';

export const EXIT = { ok: 0, user: 1, internal: 2, interrupted: 130 } as const;


export interface GlobalOptions {
  debug?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** Runs a command module lazily and turns thrown errors into exit codes. */
function action(load: () => Promise<{ run: (...args: never[]) => Promise<number> }>): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const globals = cmd.optsWithGlobals<GlobalOptions>();
    try {
      (await import('./output.js')).setOutputMode(globals);
      const mod = await load();
      // The options object commander passes holds only the command's own options: add the globals.
      const positional = args.slice(0, -2);
      process.exitCode = await (mod.run as (...a: unknown[]) => Promise<number>)(...positional, globals);
    } catch (e) {
      process.exitCode = await reportFailure(e, globals);
    }
  };
}

async function reportFailure(e: unknown, globals: GlobalOptions): Promise<number> {
  const { UserError } = await import('../curriculum/index.js');
  const { printDiagnostics, terminalSafe } = await import('./output.js');
  if (e instanceof UserError) {
    printDiagnostics(e.diagnostics, globals);
    return EXIT.user;
  }
  if (e instanceof Error && e.name === 'LayoutError') {
    // Raised by the layout engine for Markdown a (user) template produced.
    printDiagnostics([{ file: 'template', line: 0, col: 0, severity: 'error', message: e.message, hint: (e as Error & { hint: string }).hint }], globals);
    return EXIT.user;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`bimtek: galat internal: ${terminalSafe(message)}\n`);
  if (globals.debug && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  else process.stderr.write('  petunjuk: jalankan ulang dengan --debug untuk rinciannya, dan laporkan ke pengembang\n');
  return EXIT.internal;
}

function buildProgram(): Command {
  const program = indonesianHelp(new Command('bimtek'))
    .description('Mengubah kurikulum pelatihan (YAML) menjadi PDF siap cetak: buku panduan, slide dan daftar hadir.')
    .version(packageVersion(), '-v, --version', 'tampilkan versi')
    .option('--debug', 'tampilkan rincian galat (stack trace)')
    .option('--json', 'cetak hasil sebagai JSON (untuk CI): path absolut, angka dibulatkan')
    .option('-q, --quiet', 'hanya cetak galat dan peringatan')
    .showHelpAfterError('(jalankan "bimtek --help" untuk bantuan)')
    .exitOverride();

  const example = (cmd: Command, text: string) => cmd.addHelpText('after', `\nContoh:\n  ${text}\n`);
  const outOption = () => new Option('-o, --out <dir>', 'folder hasil').default('out');
  // No default value here: the command picks ./ or ./curriculum (cli/folder.ts).
  const folder = () => new Argument('[folder]', 'folder kurikulum (bawaan: folder ini bila berisi curriculum.yaml, selain itu ./curriculum)');

  example(
    program.command('validate').addArgument(folder()).description('periksa kurikulum dan laporkan semua kesalahan beserta letaknya').action(action(() => import('./validate.js'))),
    'bimtek validate curriculum',
  );
  example(
    program.command('schema').description('cetak JSON Schema format kurikulum (untuk editor)').option('--out <file>', 'tulis ke berkas').action(action(() => import('./schema.js'))),
    'bimtek schema --out schema.json',
  );
  example(
    program
      .command('init')
      .argument('[folder]', 'folder proyek (baru, kosong, atau klon git yang masih kosong)', '.')
      .description('buat proyek kurikulum baru yang siap divalidasi: kurikulum, package.json, .gitignore, setelan editor dan alur kerja GitHub Actions')
      .option('--bimtek <spec>', 'versi bimtek di package.json (nomor versi, URL git, atau file:berkas.tgz)')
      .action(action(() => import('./init.js'))),
    'bimtek init kurikulum-bimtek-kpps --bimtek git+https://github.com/ORGANISASI/bimtek.git#v0.1.0',
  );
  example(
    program
      .command('build')
      .addArgument(folder())
      .description('buat semua dokumen PDF dari kurikulum')
      .addOption(outOption())
      .option('--audience <id>', 'hanya untuk satu sasaran')
      .addOption(new Option('--edition <edition>', 'hanya satu edisi buku panduan').choices(['facilitator', 'participant']))
      .addOption(new Option('--only <jenis...>', 'hanya jenis dokumen tertentu').choices(['handbook', 'slides', 'attendance', 'paperwork']))
      .option('--pdfa', 'tulis salinan PDF/A-2b untuk arsip')
      .option('-w, --watch', 'bangun ulang setiap kali ada berkas yang berubah')
      .option('--changes-since <rev>', 'lampirkan Daftar Perubahan sejak revisi git ini ke buku panduan')
      .option('--handout <n>', 'slide: 3 = juga handout tiga slide per halaman', '1')
      .option('--reference <pptx>', 'slides.pptx memakai master, tata letak, warna dan huruf templat PowerPoint ini')
      .option('--no-docx', 'tanpa buku panduan Word (.docx)')
      .action(action(() => import('./build.js'))),
    'bimtek build curriculum --out out',
  );
  example(
    program
      .command('handbook')
      .addArgument(folder())
      .description('buat buku panduan saja (A4)')
      .addOption(outOption())
      .option('--audience <id>', 'hanya untuk satu sasaran')
      .addOption(new Option('--edition <edition>', 'hanya satu edisi').choices(['facilitator', 'participant']))
      .option('--pdfa', 'tulis salinan PDF/A-2b untuk arsip')
      .option('--no-docx', 'tanpa buku panduan Word (.docx)')
      .action(action(() => import('./handbook.js'))),
    'bimtek handbook curriculum --edition participant',
  );
  example(
    program
      .command('slides')
      .addArgument(folder())
      .description('buat slide saja: slides.pdf (16:9), slides-notes.pdf (A4 dengan catatan pembicara) dan slides.pptx')
      .addOption(outOption())
      .option('--audience <id>', 'hanya untuk satu sasaran')
      .option('--handout <n>', '3 = juga handout peserta tiga slide per halaman (slides-handout.pdf)', '1')
      .option('--no-notes', 'tanpa slides-notes.pdf')
      .option('--no-pptx', 'tanpa slides.pptx')
      .option('--reference <pptx>', 'slides.pptx memakai master, tata letak, warna dan huruf templat PowerPoint ini')
      .option('-w, --watch', 'bangun ulang setiap kali ada berkas yang berubah')
      .action(action(() => import('./slides.js'))),
    'bimtek slides curriculum --handout 3',
  );
  example(
    program
      .command('attendance')
      .addArgument(folder())
      .description('buat daftar hadir saja: satu PDF per hari kegiatan, dari roster peserta (CSV atau XLSX)')
      .addOption(outOption())
      .option('--roster <file>', 'roster peserta (CSV dengan , atau ;, atau XLSX); bawaan: settings.attendance.roster')
      .option('--sheet <name>', 'nama sheet XLSX (bawaan: sheet pertama)')
      .option('--session <tanggal>', 'hanya satu hari (YYYY-MM-DD)')
      .option('--group-by <kolom>', 'satu bagian per kelompok, nomor mulai dari 1 (misalnya kecamatan)')
      .option('--blank <n>', 'baris kosong tambahan untuk peserta yang datang tanpa terdaftar')
      .option('--landscape', 'kertas A4 mendatar')
      .option('-w, --watch', 'bangun ulang setiap kali ada berkas yang berubah')
      .action(action(() => import('./attendance.js'))),
    'bimtek attendance curriculum --roster peserta.xlsx --group-by kecamatan --blank 10',
  );
  example(
    program
      .command('paperwork')
      .addArgument(folder())
      .description('buat dokumen kegiatan dari roster: sertifikat, tanda terima, tanda pengenal, surat undangan, lembar jawaban, lembar evaluasi')
      .addOption(outOption())
      .option('--roster <file>', 'roster peserta (CSV atau XLSX); bawaan: settings.attendance.roster')
      .option('--sheet <name>', 'nama sheet XLSX (bawaan: sheet pertama)')
      .addOption(new Option('--only <dokumen...>', 'hanya dokumen ini (bawaan: yang dinyalakan di settings.paperwork)').choices(['certificate', 'receipt', 'name-tags', 'invitation', 'answer-sheet', 'evaluation']))
      .action(action(() => import('./paperwork.js'))),
    'bimtek paperwork curriculum --only certificate name-tags',
  );
  example(
    program
      .command('scores')
      .addArgument(folder())
      .description('rekap nilai pre-test dan post-test dari berkas jawaban (CSV atau XLSX): PDF dan CSV')
      .addOption(outOption())
      .requiredOption('--answers <file>', 'berkas jawaban: kolom nama (atau no), tes (pre/post), lalu satu kolom per soal (1.1, 1.2, …)')
      .option('--sheet <name>', 'nama sheet XLSX (bawaan: sheet pertama)')
      .action(action(() => import('./scores.js'))),
    'bimtek scores curriculum --answers jawaban.csv',
  );
  example(
    program
      .command('diff')
      .usage('[opsi] [folder] <rev-a> [rev-b]')
      .argument('<revisi...>', '[folder] <rev-a> [rev-b]: folder kurikulum (boleh dilewati, seperti perintah lain), revisi git lama (commit, tag, cabang), revisi baru (bawaan: pohon kerja)')
      .description('apa yang berubah di kurikulum antara dua revisi git, sebagai kurikulum (bukan baris teks)')
      .addOption(new Option('--dir <folder>', 'folder kurikulum (cara lama; sama dengan argumen [folder])').hideHelp())
      .addOption(new Option('--format <format>', 'bentuk laporan').choices(['text', 'md', 'json', 'pdf']).default('text'))
      .option('-o, --out <file>', 'tulis ke berkas (pdf: bawaan out/daftar-perubahan.pdf)')
      .action(action(() => import('./diff.js'))),
    'bimtek diff curriculum v2024.10 HEAD --format pdf --out out/daftar-perubahan.pdf',
  );
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.user;
    throw e;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
}

