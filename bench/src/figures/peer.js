// Peer figures: OpenSpec's CLI (@fission-ai/openspec, a devDependency of this package only) side by
// side with ours in the same run: `--version` against `--version`, and `validate` of one change
// against `check` of one spec and its plan. Each OpenSpec row is compared with `node -e 0`, each
// specforge row with its OpenSpec counterpart (ratio specforge / OpenSpec).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOpenSpecProject } from '../inputs/projects.js';
import { paths } from '../lib/config.js';
import { sampleProcesses } from '../lib/measure.js';
import { rowsOf, runsText } from '../lib/report.js';
import { checkFigure, expectOutput, nodeBaseline } from './startup.js';

/** Measures the peer figures and returns their rows. */
export async function peerFigures({ config, probe, env, work }) {
  const { version } = JSON.parse(
    readFileSync(join(paths.openspecBin, '../../package.json'), 'utf8'),
  );
  const project = join(work, 'openspec');
  const change = writeOpenSpecProject(project);
  const baseline = nodeBaseline(work);
  const figures = [
    {
      id: 'openspec-version',
      name: 'openspec --version',
      args: [paths.openspecBin, '--version'],
      cwd: project,
      verify: expectOutput(/^\d+\.\d+\.\d+/),
    },
    {
      id: 'specforge-version',
      name: 'specforge --version',
      args: [paths.bin, '--version'],
      cwd: project,
      verify: expectOutput(/^\d+\.\d+\.\d+/),
      baseline: 'openspec-version',
    },
    {
      id: 'openspec-validate',
      name: 'openspec validate: one change',
      args: [paths.openspecBin, 'validate', change, '--no-interactive'],
      cwd: project,
      verify: expectOutput(new RegExp(`^Change '${change}' is valid`)),
    },
    {
      ...checkFigure(join(work, 'check'), env),
      id: 'specforge-check',
      baseline: 'openspec-validate',
    },
  ];
  const samples = sampleProcesses(probe, [baseline, ...figures], {
    runs: config.runs,
    warmup: config.warmup,
    env,
  });
  return {
    title: `peer: OpenSpec ${version}, ${runsText(config.runs, config.warmup)}, interleaved; specforge rows against OpenSpec's`,
    inputs: {
      openspec: version,
      change: `openspec/changes/${change} (proposal, tasks, 1 spec delta)`,
    },
    ...rowsOf('peer', samples, [baseline], figures),
  };
}
