// Start-up figures: single specforge commands as whole processes, each against `node -e 0` (bare
// Node start-up) measured in the same run, interleaved with it.
import { join } from 'node:path';
import { writeForkProject, writeSpecProject } from '../inputs/projects.js';
import { paths } from '../lib/config.js';
import { runSetup, sampleProcesses } from '../lib/measure.js';
import { rowsOf, runsText, targets } from '../lib/report.js';

/** Throws unless `pattern` matches the output. */
export const expectOutput = (pattern) => (stdout) => {
  if (!pattern.test(stdout)) {
    throw new Error(`expected output matching ${pattern}, got "${stdout.trim().slice(0, 300)}"`);
  }
};

/** `node -e 0`: the floor every whole-process figure is compared with. */
export const nodeBaseline = (cwd) => ({
  id: 'node-e-0',
  name: 'node -e 0',
  args: ['-e', '0'],
  cwd,
});

/**
 * A project with the example spec and the plan the built-in template makes of it, for `check`;
 * returns the command that checks both.
 */
export function checkFigure(dir, env) {
  writeSpecProject(dir, paths.exampleSpec);
  runSetup('specforge plan', [paths.bin, 'plan', 'spec.md'], { cwd: dir, env });
  return {
    id: 'check',
    name: 'specforge check: one spec + its plan',
    args: [paths.bin, 'check', 'spec.md', 'plan.md'],
    cwd: dir,
    // 1: findings (the plain speckit/plan keeps its placeholders); 2 or 70 would be a failure.
    okStatus: [0, 1],
    verify: expectOutput(/ in 2 files\n$/),
  };
}

/** Measures the start-up figures and returns their rows. */
export async function startupFigures({ config, probe, env, work }) {
  const one = join(work, 'one');
  writeSpecProject(one, paths.exampleSpec);
  const fork = join(work, 'fork');
  writeForkProject(fork, paths.exampleSpec);
  const baseline = nodeBaseline(work);
  const figures = [
    {
      id: 'version',
      name: 'specforge --version',
      args: [paths.bin, '--version'],
      cwd: one,
      verify: expectOutput(/^\d+\.\d+\.\d+/),
      target: targets.ratio(1.2),
    },
    {
      id: 'help',
      name: 'specforge --help',
      args: [paths.bin, '--help'],
      cwd: one,
      verify: expectOutput(/Usage: specforge/),
      target: targets.ratio(1.2),
    },
    {
      id: 'plan',
      name: 'specforge plan: example spec, built-in template (render + write)',
      args: [paths.bin, 'plan', 'spec.md', '--force'],
      cwd: one,
      verify: expectOutput(/^wrote plan\.md \(speckit\/plan, /),
      target: targets.ratio(1.5),
    },
    {
      id: 'plan-up-to-date',
      name: 'specforge plan: example spec, up to date',
      args: [paths.bin, 'plan', 'spec.md'],
      cwd: one,
      verify: expectOutput(/up to date/),
    },
    {
      id: 'plan-fork',
      name: 'specforge plan: example spec, 3-layer fork (speckit ← org ← team)',
      args: [paths.bin, 'plan', 'spec.md', '--force'],
      cwd: fork,
      verify: expectOutput(/^wrote plan\.md \(team\/plan, /),
      target: targets.ratio(1.7),
    },
    { ...checkFigure(join(work, 'check'), env), target: targets.ratio(1.6) },
  ];
  const samples = sampleProcesses(probe, [baseline, ...figures], {
    runs: config.runs,
    warmup: config.warmup,
    env,
  });
  return {
    title: `start-up: ${runsText(config.runs, config.warmup)}, interleaved with node -e 0`,
    inputs: { spec: 'examples/acme-shop/specs/042-checkout/spec.md' },
    ...rowsOf('startup', samples, [baseline], figures),
  };
}
