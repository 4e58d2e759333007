import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// `specforge export speckit-preset` on a copy of the example project: the preset, its
// re-export, the edited-file guard, and the round trip through `template import speckit` proven
// by the plans the two packs write for the same spec.

const example = fileURLToPath(new URL('../../../examples/acme-shop', import.meta.url));
const spec = 'specs/042-checkout/spec.md';
const env = { SOURCE_DATE_EPOCH: '1767225600', CI: '1' };
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'specforge-export-e2e-'));
  roots.push(dir);
  cpSync(example, dir, { recursive: true });
  return dir;
}

describe('specforge export speckit-preset', () => {
  it('writes the preset, then rewrites nothing when nothing changed', () => {
    const cwd = exampleCopy();
    const first = runCli(['export', 'speckit-preset', 'acme'], { cwd, env });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(
      [
        'exported acme@1.2.0 as the Spec Kit preset acme into presets/acme: 6 templates',
        '  create    presets/acme/README.md',
        '  create    presets/acme/preset.yml',
        '  create    presets/acme/specforge.yml',
        '  create    presets/acme/templates/checklist-template.md',
        '  create    presets/acme/templates/plan-draft-template.md',
        '  create    presets/acme/templates/plan-template.md',
        '  create    presets/acme/templates/spec-template.md',
        '  create    presets/acme/templates/tasks-draft-template.md',
        '  create    presets/acme/templates/tasks-template.md',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(cwd, 'presets/acme/preset.yml'), 'utf8')).toContain(
      'schema_version: "1.0"',
    );
    const again = runCli(['export', 'speckit-preset', 'acme'], { cwd, env });
    expect(again.stdout).toBe(
      'exported acme@1.2.0 as the Spec Kit preset acme into presets/acme: 6 templates (nothing changed)\n',
    );
  });

  it('refuses to replace a file edited since, unless --force', () => {
    const cwd = exampleCopy();
    runCli(['export', 'speckit-preset', 'acme', '--out', 'out/preset'], { cwd, env });
    const file = join(cwd, 'out/preset/templates/plan-template.md');
    writeFileSync(file, '# Edited in Spec Kit\n');
    // The pack moves, so the export has something to write.
    const manifest = join(cwd, 'packs/acme/package.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"1.2.0"', '"1.3.0"'));

    const refused = runCli(['export', 'speckit-preset', 'acme', '--out', 'out/preset'], { cwd, env });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'error SPECFORGE_EXPORT_FILES_EXIST: out/preset holds templates/plan-template.md, which the last export did not write or which were edited since; nothing was written.',
    );
    expect(readFileSync(join(cwd, 'out/preset/preset.yml'), 'utf8')).toContain('"1.2.0"');

    const dry = runCli(
      ['export', 'speckit-preset', 'acme', '--out', 'out/preset', '--force', '--dry-run', '--json'],
      { cwd, env },
    );
    expect(dry.status).toBe(0);
    const listed = JSON.parse(dry.stdout) as { files: { path: string; action: string }[]; written: boolean };
    expect(listed.written).toBe(false);
    expect(listed.files).toContainEqual({ path: 'templates/plan-template.md', action: 'replace' });
    expect(listed.files).toContainEqual({ path: 'preset.yml', action: 'update' });
    expect(readFileSync(file, 'utf8')).toBe('# Edited in Spec Kit\n');

    const forced = runCli(['export', 'speckit-preset', 'acme', '--out', 'out/preset', '--force'], { cwd, env });
    expect(forced.status).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toBe('# Edited in Spec Kit\n');
  });

  it('round-trips: the imported preset writes the same plan as the pack it came from', () => {
    const cwd = exampleCopy();
    expect(runCli(['export', 'speckit-preset', 'acme', '--id', 'acme-shop'], { cwd, env }).status).toBe(0);
    const imported = runCli(
      ['template', 'import', 'speckit', 'presets/acme-shop', '--name', 'acme2', '--out', 'packs/acme2'],
      { cwd, env },
    );
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe(
      'imported Spec Kit (preset) as acme2@1.2.0 into packs/acme2: 6 templates\n',
    );
    const config = join(cwd, 'specforge.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  - ./packs/acme\n', '  - ./packs/acme\n  - ./packs/acme2\n'));

    const a = runCli(['plan', spec, '--template', 'acme/plan', '--out', 'a.md'], { cwd, env });
    const b = runCli(['plan', spec, '--template', 'acme2/plan', '--out', 'b.md'], { cwd, env });
    expect([a.status, b.status]).toEqual([0, 0]);
    // The provenance names the pack; everything above it is the same text.
    const body = (file: string) => readFileSync(join(cwd, file), 'utf8').split('\n<!-- specforge:')[0];
    expect(body('b.md')).toBe(body('a.md'));
    expect(body('a.md')).toContain('## Security Review');
  });

  it.each([
    [['export', 'speckit-preset', 'nope'], 2, 'SPECFORGE_PACK_NOT_FOUND'],
    [['export', 'speckit-preset', 'acme', '--id', 'Acme_Shop'], 2, 'SPECFORGE_EXPORT_ID_INVALID'],
    [['export', 'speckit-preset', 'acme', '--speckit-version', 'latest'], 2, 'SPECFORGE_USAGE'],
    [['export', 'speckit-preset', 'acme', '--out', 'specforge.config.yaml'], 2, 'SPECFORGE_EXPORT_OUT_NOT_DIRECTORY'],
  ])('%j exits %i with %s and writes nothing', (args, status, code) => {
    const cwd = exampleCopy();
    const result = runCli(args, { cwd, env });
    expect(result.status).toBe(status);
    expect(result.stderr).toContain(`error ${code}:`);
    expect(() => readFileSync(join(cwd, 'presets/acme/preset.yml'))).toThrow();
  });
});
