import path from 'node:path';
import { displayPath, jsonSchema } from '../curriculum/index.js';
import { writeFileAtomic } from '../write/index.js';
import { info, paint, printJson } from './output.js';

export function schemaText(): string {
  return JSON.stringify(jsonSchema(), null, 2) + '\n';
}

export async function run(opts: { out?: string; json?: boolean }): Promise<number> {
  // Without --out the schema itself is the (JSON) result.
  if (!opts.out) process.stdout.write(schemaText());
  else {
    writeFileAtomic(opts.out, schemaText());
    if (opts.json) printJson({ ok: true, file: path.resolve(opts.out) });
    else info(`${paint.green('✓')} ${displayPath(path.resolve(opts.out))}`);
  }
  return 0;
}
