import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../src/cli/schema.js';
import { ROOT, runCli } from './helpers/cli.js';

describe('bimtek CLI basics', () => {
  it('prints its version', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('shows an example in the help of every command', () => {
    for (const cmd of ['validate', 'build', 'handbook', 'schema', 'init']) {
      const r = runCli([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(/Contoh:\n\s+bimtek /);
    }
  });

  it('keeps the committed schema.json in sync with the zod schema', () => {
    expect(readFileSync(path.join(ROOT, 'schema.json'), 'utf8')).toBe(schemaText());
  });

  it('describes every curriculum field in Indonesian in the JSON Schema', () => {
    const schema = JSON.parse(schemaText()) as { anyOf: { properties: Record<string, { description?: string }> }[] };
    const main = schema.anyOf[0]!.properties;
    for (const key of ['title', 'version', 'organizer', 'event', 'audiences', 'schedule', 'signatories', 'glossary', 'settings']) {
      expect(main[key]?.description, key).toBeTruthy();
    }
  });

  it('creates a new curriculum with init that validates and builds', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'bimtek-init-')), 'baru');
    expect(runCli(['init', dir]).code).toBe(0);
    expect(readdirSync(dir)).toContain('curriculum.yaml');
    expect(readFileSync(path.join(dir, 'curriculum.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=/);
    expect(runCli(['validate', dir]).code).toBe(0);
    const again = runCli(['init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('folder sudah berisi berkas lain');
  });

  it('exits 1 with a usage hint on an unknown command', () => {
    const r = runCli(['nosuch']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bimtek --help');
  });
});
