/**
 * commander in Indonesian: the help layout's own words ("Usage:", "Options:", "(default: …)",
 * "display help for command") and its error messages (unknown option, missing argument …). The
 * error texts are commander 14's; a message this table does not know keeps its text but still
 * says "galat:" (tests/cli-help.test.ts runs every kind through the real CLI).
 */
import { Command, Help } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': 'Penggunaan:',
  'Arguments:': 'Argumen:',
  'Options:': 'Opsi:',
  'Global Options:': 'Opsi global:',
  'Commands:': 'Perintah:',
};

const usageWords = (s: string) => s.replace(/\[options\]/g, '[opsi]').replace(/\[command\]/g, '[perintah]');

/** "(choices: "a", "b", default: "x")" at the end of a description → "(pilihan: …, bawaan: …)". */
const extraInfo = (s: string) =>
  s.replace(/\(((?:choices|default|preset|env): .*)\)$/, (_m, inner: string) =>
    `(${inner.replace(/(^|, )choices: /, '$1pilihan: ').replace(/(^|, )default: /, '$1bawaan: ').replace(/(^|, )preset: /, '$1pratetap: ').replace(/(^|, )env: /, '$1variabel lingkungan: ')})`,
  );

const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '(.*)'/, (o) => `opsi '${o}' tidak dikenal`],
  [/^error: unknown command '(.*)'/, (c) => `perintah '${c}' tidak dikenal`],
  [/^error: missing required argument '(.*)'/, (a) => `argumen '${a}' wajib diisi`],
  [/^error: option '(.*)' argument missing/, (o) => `opsi '${o}' memerlukan nilai`],
  [/^error: required option '(.*)' not specified/, (o) => `opsi '${o}' wajib diisi`],
  [/^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\./, (c, n, got) => `terlalu banyak argumen${c ? ` untuk '${c}'` : ''}: paling banyak ${n}, diberikan ${got}`],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\./, (o, v, c) => `nilai '${v}' untuk opsi '${o}' tidak sah; pilihannya: ${c}`],
  [/^error: option '(.*)' argument '(.*)' is invalid\./, (o, v) => `nilai '${v}' untuk opsi '${o}' tidak sah`],
  [/^error: (.*) cannot be used with (.*)/, (a, b) => `${a} tidak dapat dipakai bersama ${b}`],
  [/^error: /, () => ''],
];

/** One commander error message (first line, optional "(Did you mean …?)" line) in Indonesian. */
export function translateError(message: string): string {
  const [first = '', ...rest] = message.replace(/\n$/, '').split('\n');
  let text = first;
  for (const [re, say] of ERRORS) {
    const m = re.exec(first);
    if (!m) continue;
    text = say(...m.slice(1).map((g) => g ?? '')) + first.slice(m[0].length);
    break;
  }
  const more = rest.map((line) => line.replace(/^\(Did you mean one of (.*)\?\)$/, '(maksud Anda salah satu dari $1?)').replace(/^\(Did you mean (.*)\?\)$/, '(maksud Anda $1?)'));
  return [`galat: ${text}`, ...more].join('\n') + '\n';
}

/** Apply the Indonesian help and messages to a program; its subcommands inherit them. */
export function indonesianHelp(program: Command): Command {
  const base = Help.prototype;
  return program
    .helpOption('-h, --help', 'tampilkan bantuan')
    .helpCommand('help [perintah]', 'tampilkan bantuan untuk perintah')
    .configureHelp({
      styleTitle: (title: string) => TITLES[title] ?? title,
      commandUsage(this: Help, cmd: Command) {
        return usageWords(base.commandUsage.call(this, cmd));
      },
      // The command's usage line as written (diff spells out its [folder] <rev-a> [rev-b]).
      subcommandTerm: (cmd: Command) => `${cmd.name()} ${usageWords(cmd.usage())}`,
      optionDescription(this: Help, option) {
        return extraInfo(base.optionDescription.call(this, option));
      },
      argumentDescription(this: Help, argument) {
        return extraInfo(base.argumentDescription.call(this, argument));
      },
    })
    .configureOutput({ outputError: (message, write) => write(translateError(message)) });
}
