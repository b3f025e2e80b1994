/**
 * `npm run bench`: whole-process timings of bimtek against a plain PDFKit floor, measured in the
 * same run. Medians over several runs, pages per second, peak RSS. Writes bench/results.md.
 *   node bench/run.mjs [--quick]   (--quick: fewer runs, no 100,000-name roster)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCurriculum, writeRoster } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = path.join(ROOT, 'bench', 'tmp');
const quick = process.argv.includes('--quick');
const BIN = path.join(ROOT, 'bin', 'bimtek.js');
const FLOOR = path.join(ROOT, 'bench', 'floor.mjs');
const RSS = path.join(ROOT, 'bench', 'rss.mjs');

rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });
const gen = writeCurriculum(path.join(TMP, 'gen'), { seed: 1 });
const rosters = { 1000: writeRoster(path.join(TMP, 'roster-1000.csv'), 1000), 10000: writeRoster(path.join(TMP, 'roster-10000.csv'), 10000) };
if (!quick) rosters[100000] = writeRoster(path.join(TMP, 'roster-100000.csv'), 100000);

/** Run a command `runs` times; return median wall seconds, peak RSS (MB) and pages. */
function measure(args, runs, pagesOf) {
  const times = [];
  let rss = 0;
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    const rssFile = path.join(TMP, 'rss.txt');
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', RSS, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_RSS_OUT: rssFile, NO_COLOR: '1', CI: '' }, maxBuffer: 64 * 1024 * 1024 });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
    times.push(s);
    rss = Math.max(rss, Number(readFileSync(rssFile, 'utf8')) / 1024);
    pages = pagesOf(r.stdout);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], rss, pages, runs };
}

/** Pages of the PDFs in a --json report; `kind` limits them to one kind (slides: slides.pdf only). */
const bimtekPages = (kind) => (stdout) => JSON.parse(stdout).files.filter((f) => f.path.endsWith('.pdf') && (!kind || f.kind === kind)).reduce((n, f) => n + f.pages, 0);
const floorPages = (stdout) => JSON.parse(stdout).pages;
const out = (name) => path.join(TMP, name);
const n = quick ? 3 : 5;

const scenarios = [
  { name: 'Handbook, ~60 A4 pages (facilitator)', target: '< 0.6 s, ≤ 1.3× floor', bimtek: ['handbook', gen, '--out', out('hb'), '--edition', 'facilitator', '--json'], floor: [FLOOR, 'handbook', gen, out('floor-hb.pdf')], runs: n },
  { name: 'Slides (slides.pdf only: --no-notes --no-pptx)', kind: 'slides', target: '< 0.4 s, ≤ 1.3× floor', bimtek: ['slides', gen, '--out', out('sl'), '--json', '--no-notes', '--no-pptx'], floor: [FLOOR, 'slides', gen, out('floor-sl.pdf')], runs: n },
  ...Object.entries(rosters).map(([count, file]) => ({
    name: `Attendance, ${Number(count).toLocaleString('en')} names`,
    target: count === '1000' ? '< 0.4 s' : count === '100000' ? '< 20 s, < 300 MB' : 'linear',
    bimtek: ['attendance', gen, '--roster', file, '--out', out(`at-${count}`), '--json'],
    floor: [FLOOR, 'attendance', file, out(`floor-at-${count}.pdf`)],
    runs: count === '100000' ? 1 : count === '10000' ? 3 : n,
  })),
  { name: 'Full sample build (every artifact)', target: '< 1.5 s', bimtek: ['build', 'curriculum', '--out', out('sample'), '--json'], runs: n },
  { name: '`bimtek --version`', target: '< 0.15 s', bimtek: ['--version'], runs: n, noPages: true },
];

const rows = [];
for (const s of scenarios) {
  process.stderr.write(`… ${s.name}\n`);
  const b = measure([BIN, ...s.bimtek], s.runs, s.noPages ? () => 0 : bimtekPages(s.kind));
  const f = s.floor ? measure(s.floor, s.runs, floorPages) : undefined;
  rows.push({ ...s, b, f });
}

const fmt = (x, d = 2) => x.toFixed(d);
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const lines = [
  '# Benchmark results',
  '',
  `Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
  `Whole processes (start-up included), median of the runs shown; floor = the same content by a plain PDFKit script (bench/floor.mjs) with the same fonts, measured in the same run.`,
  '',
  '| scenario | runs | pages | bimtek median | pages/s | peak RSS | floor median | ratio | target |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.name} | ${r.runs} | ${r.noPages ? '–' : r.b.pages} | ${fmt(r.b.median)} s | ${r.noPages ? '–' : fmt(r.b.pages / r.b.median, 0)} | ${fmt(r.b.rss, 0)} MB | ${r.f ? `${fmt(r.f.median)} s` : '–'} | ${r.f ? `${fmt(r.b.median / r.f.median)}×` : '–'} | ${r.target} |`),
  '',
];
const at = rows.filter((r) => r.name.startsWith('Attendance'));
if (at.length >= 2) {
  const [a, b] = [at[0], at[at.length - 1]];
  lines.push(`Attendance growth: ${fmt(b.b.median / a.b.median, 1)}× the time for ${fmt(b.b.pages / a.b.pages, 0)}× the pages.`, '');
}
writeFileSync(path.join(ROOT, 'bench', 'results.md'), lines.join('\n'));
process.stdout.write(lines.join('\n') + '\n');
