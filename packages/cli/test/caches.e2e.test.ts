import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const exampleSpec = readFileSync(
  new URL('../../../examples/acme-shop/specs/042-checkout/spec.md', import.meta.url),
  'utf8',
);

/** The files of a cache subfolder (one level of subfolders flattened), sorted. */
function filesIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe('the caches of specforge plan', () => {
  it('keep compiled templates and code between runs without changing the plan', async () => {
    const project = await makeProject({ 'spec.md': exampleSpec });
    const cache = project.path('cache');
    const env = { SOURCE_DATE_EPOCH: '1767225600', SPECFORGE_CACHE_DIR: cache };
    const plan = () => {
      const result = runCli(['plan', 'spec.md', '--force'], { cwd: project.dir, env });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      return readFileSync(project.path('plan.md'), 'utf8');
    };

    const first = plan();
    const templates = filesIn(join(cache, 'compiled-templates'));
    expect(templates).toEqual([expect.stringMatching(/[0-9a-f]{64}\.json$/)]);
    const code = filesIn(join(cache, 'v8-code-cache'));
    expect(code.length).toBeGreaterThan(0);
    expect(code.every((file) => file.endsWith('.bin'))).toBe(true);

    // From the caches: the same plan, and nothing new written.
    expect(plan()).toBe(first);
    expect(filesIn(join(cache, 'compiled-templates'))).toEqual(templates);
    expect(filesIn(join(cache, 'v8-code-cache'))).toEqual(code);

    // Damaged entries are compiled again and replaced.
    writeFileSync(templates[0]!, '{"format":1,');
    for (const file of code) writeFileSync(file, 'damaged');
    expect(plan()).toBe(first);
    expect(JSON.parse(readFileSync(templates[0]!, 'utf8'))).toMatchObject({ format: 1 });
    expect(readFileSync(code[0]!, 'utf8')).not.toBe('damaged');
  });

  it('stay untouched by a command refused for bad input', async () => {
    const project = await makeProject({ 'spec.md': exampleSpec });
    const result = runCli(['plan', 'spec.md', '--template', 'speckit/nothing'], {
      cwd: project.dir,
      env: { SPECFORGE_CACHE_DIR: project.path('cache') },
    });
    expect(result.status).toBe(2);
    expect(readdirSync(project.dir).sort()).toEqual(['.git', 'spec.md']);
  });

  it('plan the same with the caches off or unwritable', async () => {
    const project = await makeProject({ 'spec.md': exampleSpec });
    await project.write('cache', 'a file where the cache folder would be');
    const run = (env: NodeJS.ProcessEnv) => {
      const result = runCli(['plan', 'spec.md', '--stdout'], {
        cwd: project.dir,
        env: { SOURCE_DATE_EPOCH: '1767225600', ...env },
      });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      return result.stdout;
    };
    const unwritable = run({ SPECFORGE_CACHE_DIR: project.path('cache') });
    expect(
      run({ SPECFORGE_CACHE_DIR: project.path('cache/nested'), NODE_DISABLE_COMPILE_CACHE: '1' }),
    ).toBe(unwritable);
  });
});
