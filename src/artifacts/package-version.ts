import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** bimtek's own version, for the PDF creator field. */
export function packageVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
