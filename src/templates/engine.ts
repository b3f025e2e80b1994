/**
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
import { helpers } from './helpers.js';

export const BUILTIN_TEMPLATES = path.resolve(fileURLToPath(new URL('../../templates', import.meta.url)));

type Compiled = Handlebars.TemplateDelegate;

/** Compiled templates by path + content hash: watch mode and repeated builds skip recompiling. */
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
}

export class TemplateEngine {
  private readonly hb = Handlebars.create();
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
    for (const f of listTemplates(builtinDir)) this.load(path.join(builtinDir, f));
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
          this.load(safe.abs);
        }
      }
    }
    for (const [name, fn] of Object.entries(helpers(lang))) this.hb.registerHelper(name, fn);
    for (const src of this.sources.values()) this.hb.registerPartial(src.name, this.compiled(src));
  }

  private load(abs: string): void {
    const name = path.basename(abs).replace(/\.hbs$/, '');
    const file = displayPath(abs);
    const source = readTextFile(abs, LIMITS.templateBytes, 'template');
    this.sources.set(name, { name, file, source });
  }

  /** Compile once per content; wrap so runtime errors name the template file and line. */
  private compiled(src: TemplateSource): Compiled {
    const hash = contentHash(src.source);
    const key = `${src.file}\0${hash}`;
    let fn = compileCache.get(key);
    if (!fn) {
      const spec = precompiledSpec(hash);
      let inner: Compiled;
      if (spec) inner = this.hb.template(spec as Parameters<typeof Handlebars.template>[0]);
      else {
        try {
          // parse() reports syntax errors eagerly with their position.
          this.hb.parse(src.source);
        } catch (e) {
          throw templateError(src, e, 'sintaks template salah');
        }
        inner = this.hb.compile(src.source, compileOptions());
      }
      fn = ((context: unknown, options?: Handlebars.RuntimeOptions) => {
        try {
          return inner(context, { ...options, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
        } catch (e) {
          if (e instanceof UserError) throw e;
          throw templateError(src, e, 'template gagal dijalankan');
        }
      }) as Compiled;
      compileCache.set(key, fn);
    }
    return fn;
  }

  render(name: string, context: unknown): string {
    const src = this.sources.get(name);
    if (!src) throw new UserError([diagnostic(displayPath(path.join(BUILTIN_TEMPLATES, this.artifact)), `template "${name}" tidak ada`, { hint: `template yang ada: ${[...this.sources.keys()].join(', ')}` })]);
    return this.compiled(src)(context);
  }
}

function listTemplates(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.name.endsWith('.hbs') && !d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Handlebars errors carry "line:col" in different shapes; turn them into a located diagnostic. */
function templateError(src: TemplateSource, e: unknown, what: string): UserError {
  const err = e as { message?: string; lineNumber?: number; column?: number };
  const message = String(err.message ?? e);
  let line = err.lineNumber ?? 0;
  let col = err.column !== undefined ? err.column + 1 : 0;
  const pos = /- (\d+):(\d+)\s*$/.exec(message) ?? /on line (\d+)/.exec(message);
  if (!line && pos) {
    line = Number(pos[1]);
    col = pos[2] !== undefined ? Number(pos[2]) + 1 : 0;
  }
  const msgLines = message.split('\n');
  // Parse errors: "Parse error on line 3:", the source line, a caret, "Expecting …, got …".
  const first = (msgLines[0]!.startsWith('Parse error') && msgLines.length > 3 ? `${msgLines[0]} ${msgLines[msgLines.length - 1]}` : msgLines[0]!).replace(/ - \d+:\d+\s*$/, '');
  let detail = first;
  let hint = 'periksa kurung kurawal {{ }} dan pasangan {{#blok}} … {{/blok}}';
  const missingField = /"([^"]+)" not defined in/.exec(first);
  const missingHelper = /You specified knownHelpersOnly, but used the unknown helper (\S+)/.exec(first);
  const missingPartial = /The partial (\S+) could not be found/.exec(first);
  if (missingField) {
    detail = `kolom "${missingField[1]}" tidak ada di data`;
    hint = 'periksa ejaan nama kolom; lihat README bagian "Template" untuk daftar kolom';
  } else if (missingHelper) {
    const guess = didYouMean(missingHelper[1]!, Object.keys(helpers('id')));
    detail = `helper "${missingHelper[1]}" tidak dikenal`;
    hint = guess ? `maksudnya "${guess}"?` : `helper yang ada: ${Object.keys(helpers('id')).join(', ')}`;
  } else if (missingPartial) {
    detail = `partial "${missingPartial[1]}" tidak ada`;
    hint = 'partial hanya dapat diambil dari folder templates kurikulum atau template bawaan';
  } else if (/prototype|__proto__|constructor/.test(first)) {
    detail = 'akses ke properti internal (prototype) tidak diizinkan';
    hint = 'template hanya boleh membaca data kurikulum';
  }
  return new UserError([diagnostic(src.file, `${what}: ${detail}`, { line, col, hint })]);
}
