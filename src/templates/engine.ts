/**
 * Longer than ~350 lines for now: the partial lookup, the strict compile and the located-error
 * translation share one cache and one error type; the helper-argument checks (issue 20) moved in
 * here and are the part to split out next (into helpers.ts).
 *
 * The Handlebars environment: templates emit Markdown. Built-in templates live in
 * `templates/<artifact>/`; a curriculum's own `templates/<artifact>/` (or `templates/`) may hold a
 * file of the same name to override one partial. Strict: an unknown field or helper is an error at
 * the template's file and line; no prototype access; partials only from those two folders.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { diagnostic, displayPath, didYouMean, LIMITS, readTextFile, resolveInside, UserError } from '../curriculum/index.js';
import type { Language } from '../locale/index.js';
import { budgetedEach, OutputBudget } from './budget.js';
import { HelperArgumentError, helpers } from './helpers.js';

export const BUILTIN_TEMPLATES = path.resolve(fileURLToPath(new URL('../../templates', import.meta.url)));

type Compiled = Handlebars.TemplateDelegate;

/**
 * Compiled templates by path + content hash: watch mode and repeated builds skip recompiling.
 * A compiled template is shared by engines, so every call passes the calling engine's own helpers
 * and partials (a curriculum's override must win over what another engine registered).
 */
const compileCache = new Map<string, Compiled>();

/** The one set of compile options, shared with the build-time precompiler. */
export function compileOptions(): CompileOptions {
  const knownHelpers = Object.fromEntries(Object.keys(helpers('id')).map((h) => [h, true]));
  return { noEscape: true, strict: true, knownHelpers, knownHelpersOnly: true, preventIndent: true };
}

type CompileOptions = Parameters<typeof Handlebars.precompile>[1];

export function contentHash(source: string): string {
  return createHash('sha1').update(source).digest('hex');
}

/**
 * Built-in templates precompiled by `npm run build` (dist/templates-precompiled.cjs), keyed by
 * content hash: the first build of a process skips the Handlebars compiler for them.
 */
let precompiled: Record<string, unknown> | null | undefined;
function precompiledSpec(hash: string): unknown {
  if (precompiled === undefined) {
    try {
      precompiled = createRequire(import.meta.url)('../templates-precompiled.cjs') as Record<string, unknown>;
    } catch {
      precompiled = null;
    }
  }
  return precompiled?.[hash];
}

export interface TemplateSource {
  name: string;
  file: string;
  source: string;
  /** From the curriculum's own templates folder: checked strictly before it runs. */
  user: boolean;
}

export class TemplateEngine {
  private readonly hb = Handlebars.create();
  private readonly budget = new OutputBudget();
  readonly sources = new Map<string, TemplateSource>();

  /**
   * @param artifact folder name, e.g. "handbook"
   * @param userRoot the curriculum's `templates/` folder, if any
   */
  constructor(
    readonly artifact: string,
    userRoot: string | undefined,
    lang: Language,
  ) {
    const builtinDir = path.join(BUILTIN_TEMPLATES, artifact);
    for (const f of listTemplates(builtinDir)) this.load(path.join(builtinDir, f), false);
    // User overrides: templates/<artifact>/x.hbs, or templates/x.hbs for a name the artifact has.
    if (userRoot) {
      const userDirs = [path.join(userRoot, artifact), userRoot];
      for (const dir of userDirs) {
        for (const f of listTemplates(dir)) {
          const name = f.replace(/\.hbs$/, '');
          if (dir === userRoot && !this.sources.has(name)) continue;
          const safe = resolveInside(userRoot, path.relative(userRoot, path.join(dir, f)));
          if ('problem' in safe) throw new UserError([diagnostic(displayPath(path.join(dir, f)), `template: ${safe.problem.message}`, { hint: safe.problem.hint })]);
          if (dir === userRoot && existsSync(path.join(userRoot, artifact, f))) continue;
          this.load(safe.abs, true, path.join(dir, f));
        }
      }
    }
    for (const [name, fn] of Object.entries(helpers(lang))) this.hb.registerHelper(name, fn);
    // `lookup` may not reach the prototype either (`{{lookup this "constructor"}}`).
    this.hb.registerHelper('lookup', (obj: unknown, field: unknown) => {
      if (obj === null || obj === undefined) return obj;
      const key = String(field);
      if (FORBIDDEN_NAMES.has(key)) throw new Error(PROTO_MESSAGE);
      return Object.hasOwn(obj as object, key) ? (obj as Record<string, unknown>)[key] : undefined;
    });
    this.hb.unregisterHelper('log');
    this.hb.registerHelper('each', budgetedEach(this.hb.helpers.each!, this.budget));
    // Every helper, built-in or ours, reports its errors at the template line that called it.
    for (const [name, fn] of Object.entries(this.hb.helpers)) this.hb.registerHelper(name, locatedHelper(name, fn));
    for (const src of this.sources.values()) this.hb.registerPartial(src.name, this.compiled(src));
  }

  /** `shownAbs`: the path as the user wrote it (before symlinks inside the folder were resolved). */
  private load(abs: string, user: boolean, shownAbs = abs): void {
    const name = path.basename(shownAbs).replace(/\.hbs$/, '');
    const file = displayPath(shownAbs);
    const source = readTextFile(abs, LIMITS.templateBytes, 'template');
    this.sources.set(name, { name, file, source, user });
  }

  /** Compile once per content; wrap so runtime errors name the template file and line. */
  private compiled(src: TemplateSource): Compiled {
    const hash = contentHash(src.source);
    const key = `${src.file}\0${hash}`;
    let inner = compileCache.get(key);
    if (!inner) {
      const spec = src.user ? undefined : precompiledSpec(hash);
      if (spec) inner = this.hb.template(spec as Parameters<typeof Handlebars.template>[0]);
      else {
        // Unclosed {{ or blocks, told at the place they open (Handlebars only notices at the end).
        const structure = src.user ? scanMustaches(src.source) : undefined;
        if (structure) throw located(src, structure.offset, `sintaks template salah: ${structure.message}`, structure.hint);
        let ast: hbs.AST.Program;
        try {
          // parse() reports syntax errors eagerly with their position.
          ast = this.hb.parse(src.source);
        } catch (e) {
          throw templateError(src, e, 'sintaks template salah');
        }
        if (src.user) {
          checkUserTemplate(src, ast, new Set([...this.sources.keys()]), new Set(Object.keys(this.hb.helpers)));
          strictParams(ast);
        }
        inner = this.hb.compile(ast, compileOptions());
      }
      compileCache.set(key, inner);
    }
    const template = inner;
    const own = { helpers: this.hb.helpers, partials: this.hb.partials };
    return ((context: unknown, options?: Handlebars.RuntimeOptions) => {
      try {
        return template(context, { ...options, ...own, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (e) {
        if (e instanceof UserError) throw e;
        throw templateError(src, e, 'template gagal dijalankan');
      }
    }) as Compiled;
  }

  render(name: string, context: unknown): string {
    const src = this.sources.get(name);
    if (!src) throw new UserError([diagnostic(displayPath(path.join(BUILTIN_TEMPLATES, this.artifact)), `template "${name}" tidak ada`, { hint: `template yang ada: ${[...this.sources.keys()].join(', ')}` })]);
    this.budget.reset();
    const out = this.compiled(src)(context);
    // What no loop produced (one huge value) is counted here.
    this.budget.add(out.length);
    return out;
  }
}

function listTemplates(dir: string): string[] {
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.name.endsWith('.hbs') && !d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError([
      diagnostic(displayPath(dir), code === 'ENOTDIR' ? 'template: path ini berkas, bukan folder' : 'template: folder tidak dapat dibaca', {
        found: code === 'ENOTDIR' ? undefined : code,
        hint: code === 'ENOTDIR' ? 'folder templates dan subfoldernya (misalnya templates/handbook) harus berupa folder; ganti nama berkas itu' : 'periksa izin baca folder itu',
      }),
    ]);
  }
}

/** Names on Object.prototype (and `prototype`): never data, always an attempt to reach the runtime. */
const FORBIDDEN_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const PROTO_MESSAGE = 'akses ke properti internal (prototype) tidak diizinkan';
const PROTO_HINT = 'template hanya boleh membaca data kurikulum; hapus nama seperti constructor, __proto__ atau prototype';
/** Handlebars' own helpers a template may use (`log` is not: it would print anything to the terminal). */
const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'];
/** Block helpers that take exactly one value: without it Handlebars only says so in English. */
const ONE_VALUE = new Set(['if', 'unless', 'each', 'with']);

/** A helper error, already placed at the template line that called the helper. */
interface LocatedHelperError extends Error {
  hint?: string;
  lineNumber: number;
  column: number;
  helper: string;
}

function locatedHelper(name: string, fn: Handlebars.HelperDelegate): Handlebars.HelperDelegate {
  return function (this: unknown, ...args: unknown[]) {
    try {
      return (fn as (...a: unknown[]) => unknown).apply(this, args);
    } catch (e) {
      if (e instanceof UserError || (e as Partial<LocatedHelperError>).helper !== undefined || (e as { lineNumber?: number }).lineNumber) throw e;
      const loc = (args[args.length - 1] as { loc?: hbs.AST.SourceLocation } | undefined)?.loc;
      const inner = e instanceof Error ? e.message : String(e);
      // Our helpers speak Indonesian; the engine's own errors (`#if requires exactly one argument`) do not.
      const ours = e instanceof HelperArgumentError;
      const err = new Error(inner === PROTO_MESSAGE ? PROTO_MESSAGE : ours ? `helper "${name}": ${inner}` : `helper "${name}" tidak dapat memproses nilai yang diberikan`) as LocatedHelperError;
      err.helper = name;
      if (e instanceof HelperArgumentError && e.hint) err.hint = e.hint;
      err.lineNumber = loc?.start.line ?? 0;
      err.column = loc?.start.column ?? -1;
      throw err;
    }
  } as Handlebars.HelperDelegate;
}

function located(src: TemplateSource, offset: number, message: string, hint: string): UserError {
  const before = src.source.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - (before.lastIndexOf('\n') + 1) + 1;
  return new UserError([diagnostic(src.file, message, { line, col, hint })]);
}

function at(src: TemplateSource, loc: hbs.AST.SourceLocation | undefined, message: string, hint: string): UserError {
  return new UserError([diagnostic(src.file, message, { line: loc?.start.line ?? 0, col: loc ? loc.start.column + 1 : 0, hint })]);
}

interface StructureProblem {
  offset: number;
  message: string;
  hint: string;
}

/**
 * A light scan of `{{ … }}` and `{{#block}} … {{/block}}` pairs. Handlebars' own parser only sees
 * an unclosed block at the end of the file and reports it there, in English; this names the
 * place where the unclosed thing opens. Anything it does not understand is left to Handlebars.
 */
export function scanMustaches(source: string): StructureProblem | undefined {
  const stack: { name: string; offset: number }[] = [];
  const hintBraces = 'setiap {{ perlu ditutup dengan }}';
  let i = 0;
  for (;;) {
    const open = source.indexOf('{{', i);
    if (open < 0) break;
    if (open > 0 && source[open - 1] === '\\') {
      i = open + 2;
      continue;
    }
    if (source.startsWith('{{{{', open)) return undefined;
    let j = open + 2;
    const triple = source[j] === '{';
    if (triple) j++;
    if (source[j] === '~') j++;
    if (!triple && source.startsWith('!--', j)) {
      const end = /--~?\}\}/g;
      end.lastIndex = j + 3;
      const m = end.exec(source);
      if (!m) return { offset: open, message: 'komentar {{!-- tidak ditutup', hint: 'tutup komentar dengan --}}' };
      i = m.index + m[0].length;
      continue;
    }
    if (!triple && source[j] === '!') {
      const end = source.indexOf('}}', j);
      if (end < 0) return { offset: open, message: 'komentar {{! tidak ditutup', hint: 'tutup komentar dengan }}' };
      i = end + 2;
      continue;
    }
    let close = -1;
    let quote: string | null = null;
    for (let k = j; k < source.length; k++) {
      const ch = source[k]!;
      if (quote) {
        if (ch === quote) quote = null;
        else if (ch === '\n') return { offset: open, message: 'tanda kutip di dalam {{ … }} tidak ditutup', hint: 'tutup teks dengan tanda kutip yang sama, misalnya {{label "toc"}}' };
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (source.startsWith('}}', k)) {
        close = k;
        break;
      } else if (source.startsWith('{{', k)) break;
    }
    if (quote) return { offset: open, message: 'tanda kutip di dalam {{ … }} tidak ditutup', hint: 'tutup teks dengan tanda kutip yang sama, misalnya {{label "toc"}}' };
    if (close < 0) return { offset: open, message: `tanda ${triple ? '{{{' : '{{'} tidak ditutup`, hint: triple ? 'setiap {{{ perlu ditutup dengan }}}' : hintBraces };
    if (triple) {
      if (source[close + 2] !== '}') return { offset: open, message: 'tanda {{{ tidak ditutup dengan }}}', hint: 'setiap {{{ perlu ditutup dengan }}}' };
      i = close + 3;
      continue;
    }
    const body = source.slice(j, close).replace(/~$/, '').trim();
    const word = (s: string) => /^[^\s}~()]+/.exec(s.trim())?.[0] ?? '';
    if (body === '') return { offset: open, message: 'tanda {{ }} kosong', hint: 'tulis nama kolom atau helper di antara {{ dan }}, atau hapus tanda ini' };
    if (body[0] === '#') {
      const rest = body.slice(1).replace(/^[>*]/, '');
      stack.push({ name: word(rest), offset: open });
    } else if (body[0] === '^' && body.slice(1).trim() !== '') {
      stack.push({ name: word(body.slice(1)), offset: open });
    } else if (body[0] === '/') {
      const name = word(body.slice(1));
      const top = stack.pop();
      if (!top) return { offset: open, message: `penutup {{/${name}}} tanpa pembuka {{#${name}}}`, hint: `hapus {{/${name}}} atau tambahkan {{#${name} …}} sebelumnya` };
      if (top.name !== name) {
        const line = source.slice(0, top.offset).split('\n').length;
        return { offset: open, message: `{{/${name}}} tidak cocok dengan {{#${top.name}}} yang dibuka di baris ${line}`, hint: `tutup blok dalam urutan terbalik: {{/${top.name}}} lebih dulu` };
      }
    } else if (body === 'else' || body === '^' || body.startsWith('else ')) {
      if (!stack.length) return { offset: open, message: '{{else}} di luar blok', hint: '{{else}} hanya boleh berada di dalam blok seperti {{#if …}} … {{/if}}' };
    }
    i = close + 2;
  }
  const top = stack[stack.length - 1];
  if (top) return { offset: top.offset, message: `blok {{#${top.name}}} tidak ditutup`, hint: `tambahkan {{/${top.name}}} di akhir blok ini` };
  return undefined;
}

/** Visit every AST node with a `type`, with the key it hangs from in its parent. */
function walk(node: unknown, visitor: (n: { type: string; loc?: hbs.AST.SourceLocation } & Record<string, unknown>, key: string) => void, key = ''): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visitor, key);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as { type?: unknown } & Record<string, unknown>;
  if (typeof n.type === 'string') visitor(n as { type: string } & Record<string, unknown>, key);
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'strip' && v && typeof v === 'object') walk(v, visitor, k);
}

/**
 * Static checks of a user template: no prototype names anywhere, only known helpers, only
 * partials that exist (and none that includes itself).
 */
function checkUserTemplate(src: TemplateSource, ast: hbs.AST.Program, partials: Set<string>, knownHelpers: Set<string>): void {
  const inline = new Set<string>();
  walk(ast, (n) => {
    if (n.type === 'DecoratorBlock' || n.type === 'Decorator') {
      const p = (n.params as hbs.AST.Expression[] | undefined)?.[0] as hbs.AST.StringLiteral | undefined;
      if (p?.type === 'StringLiteral') inline.add(p.value);
    }
  });
  const allHelpers = new Set([...knownHelpers, ...BUILTIN_HELPERS]);
  walk(ast, (n) => {
    if (n.type === 'PathExpression') {
      const parts = n.parts as string[];
      if (parts.some((p) => FORBIDDEN_NAMES.has(p))) throw at(src, n.loc, `template: ${PROTO_MESSAGE}`, PROTO_HINT);
    }
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') {
      const callee = n.path as hbs.AST.PathExpression;
      const params = (n.params as hbs.AST.Expression[]) ?? [];
      const hash = (n.hash as hbs.AST.Hash | undefined)?.pairs ?? [];
      const isCall = n.type === 'SubExpression' || params.length > 0 || hash.length > 0;
      if (callee?.type === 'PathExpression' && isCall && !callee.data && callee.parts.length === 1 && !allHelpers.has(callee.original)) {
        const guess = didYouMean(callee.original, [...allHelpers]);
        throw at(src, n.loc, `template: helper "${callee.original}" tidak dikenal`, guess ? `maksudnya "${guess}"?` : `helper yang ada: ${Object.keys(helpers('id')).join(', ')}`);
      }
      if (n.type === 'BlockStatement' && ONE_VALUE.has(callee.original) && params.length !== 1) {
        throw at(src, n.loc, `template: {{#${callee.original}}} memerlukan tepat satu nilai`, `tulis misalnya {{#${callee.original} ${callee.original === 'each' ? 'modules' : 'subtitle'}}} … {{/${callee.original}}}`);
      }
      if (callee?.type === 'PathExpression' && callee.original === 'lookup') {
        for (const p of params) if (p.type === 'StringLiteral' && FORBIDDEN_NAMES.has((p as hbs.AST.StringLiteral).value)) throw at(src, n.loc, `template: ${PROTO_MESSAGE}`, PROTO_HINT);
      }
    }
    if (n.type === 'PartialStatement') {
      const name = n.name as hbs.AST.PathExpression | hbs.AST.SubExpression | hbs.AST.StringLiteral;
      const partial = name.type === 'PathExpression' ? (name as hbs.AST.PathExpression).original : name.type === 'StringLiteral' ? (name as hbs.AST.StringLiteral).value : undefined;
      if (partial === undefined || partial.startsWith('@')) return;
      if (!partials.has(partial) && !inline.has(partial)) {
        const guess = didYouMean(partial, [...partials]);
        throw at(src, n.loc, `template: partial "${partial}" tidak ada`, guess ? `maksudnya "${guess}"?` : `partial yang ada: ${[...partials].join(', ')}`);
      }
      if (partial === src.name) throw at(src, n.loc, `template: partial "${partial}" memanggil dirinya sendiri`, 'hapus {{> ' + partial + '}} dari template ini; pemanggilan berulang tidak pernah selesai');
    }
  });
}

/**
 * Handlebars' strict mode only checks `{{field}}`; a field passed to a helper or block
 * (`{{md event.nama}}`, `{{#if titel}}`) silently reads as empty. In user templates every
 * argument is looked up strictly, so a misspelt field is an error at its line.
 */
function strictParams(ast: hbs.AST.Program): void {
  walk(ast, (n, key) => {
    if (n.type === 'PathExpression' && key !== 'path' && key !== 'name') (n as unknown as { strict: boolean }).strict = true;
  });
}

/** Handlebars errors carry "line:col" in different shapes; turn them into a located diagnostic. */
function templateError(src: TemplateSource, e: unknown, what: string): UserError {
  if (e instanceof UserError) return e;
  const err = e as { message?: string; lineNumber?: number; column?: number; helper?: string; hint?: string };
  const message = String(err.message ?? e);
  let line = err.lineNumber ?? 0;
  let col = err.column !== undefined && line ? err.column + 1 : 0;
  const pos = /- (\d+):(\d+)\s*$/.exec(message) ?? /on line (\d+)/.exec(message);
  if (!line && pos) {
    line = Number(pos[1]);
    col = pos[2] !== undefined ? Number(pos[2]) + 1 : 0;
  }
  const first = message.split('\n')[0]!.replace(/ - \d+:\d+\s*$/, '');
  let detail = 'template tidak dapat dijalankan di sini';
  let hint = 'periksa kurung kurawal {{ }} dan pasangan {{#blok}} … {{/blok}}';
  const missingField = /"([^"]+)" not defined in (.*)$/.exec(first);
  const notObject = /Cannot use 'in' operator to search for '([^']+)'/.exec(first);
  const missingHelper = /You specified knownHelpersOnly, but used the unknown helper (\S+)|Missing helper: "([^"]+)"/.exec(first);
  const missingPartial = /The partial (\S+) could not be found/.exec(first);
  if (err.helper !== undefined) {
    detail = first;
    hint = err.hint ?? (first.includes(PROTO_MESSAGE) ? PROTO_HINT : `periksa nilai yang diberikan ke helper "${err.helper}" (lihat README bagian "Template")`);
  } else if (first.startsWith('Parse error') || first.startsWith('Lexical error') || /doesn't match/.test(first)) {
    detail = 'penulisan {{ }} tidak dapat dibaca';
  } else if (missingField && /^(null|undefined)$/.test(missingField[2]!.trim())) {
    detail = `tidak dapat membaca "${missingField[1]}" dari nilai yang kosong`;
    hint = 'bungkus bagian ini dengan {{#if …}} … {{/if}} bila datanya bisa kosong';
  } else if (missingField || notObject) {
    detail = `kolom "${(missingField ?? notObject)![1]}" tidak ada di data`;
    hint = 'periksa ejaan nama kolom; lihat README bagian "Template" untuk daftar kolom';
  } else if (missingHelper) {
    const name = missingHelper[1] ?? missingHelper[2]!;
    const guess = didYouMean(name, Object.keys(helpers('id')));
    detail = `helper "${name}" tidak dikenal`;
    hint = guess ? `maksudnya "${guess}"?` : `helper yang ada: ${Object.keys(helpers('id')).join(', ')}`;
  } else if (missingPartial) {
    detail = `partial "${missingPartial[1]}" tidak ada`;
    hint = 'partial hanya dapat diambil dari folder templates kurikulum atau template bawaan';
  } else if (/prototype|__proto__|constructor/.test(first)) {
    detail = PROTO_MESSAGE;
    hint = PROTO_HINT;
  } else if (e instanceof RangeError) {
    detail = 'template memanggil dirinya sendiri tanpa henti';
    hint = 'periksa partial yang saling memanggil ({{> …}})';
  }
  return new UserError([diagnostic(src.file, `${what}: ${detail}`, { line, col, hint })]);
}
