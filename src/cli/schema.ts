import { jsonSchema } from '../curriculum/index.js';
import { writeFileAtomic } from '../write/index.js';

export function schemaText(): string {
  return JSON.stringify(jsonSchema(), null, 2) + '\n';
}

export async function run(opts: { out?: string }): Promise<number> {
  if (opts.out) writeFileAtomic(opts.out, schemaText());
  else process.stdout.write(schemaText());
  return 0;
}
