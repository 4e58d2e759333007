// Registry figures. In-process, under tinybench: resolving 200 templates through a 5-layer pack
// chain, and the three-way merges of 100 copy forks as an upgrade runs them, each next to reading
// the same files. As a whole process: `specforge template upgrade` of a copy fork of 100
// templates, next to `node -e 0`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadBuiltinPacks,
  mergeTemplate,
  resolveRegistry,
  serializeTemplate,
} from '@specforge/template-registry';
import { restoreProject, writeChain, writeCopyForkProject } from '../inputs/projects.js';
import { paths } from '../lib/config.js';
import { sampleInProcess, sampleProcesses } from '../lib/measure.js';
import { makeRow, rowsOf, runsText, targets } from '../lib/report.js';
import { nodeBaseline } from './startup.js';

const LAYERS = 5;

/** Reads every file of the given folders, as bytes: the floor of anything that reads them. */
const readFolders = (dirs) => () => {
  for (const dir of dirs) for (const file of readdirSync(dir)) readFileSync(join(dir, file));
};

/** The 100 forks of the built-in plan, each with the team's edits, and the upstream's change. */
async function writeMergeInputs(dir, forks) {
  const [speckit] = await loadBuiltinPacks();
  const base = serializeTemplate(speckit.templates.get('plan'));
  const theirs = base.replace(
    'How will this be tested:',
    'How will this be tested (unit, contract, end to end):',
  );
  if (theirs === base) throw new Error('the built-in plan no longer has the line the merge edits');
  for (let i = 0; i < forks; i++) {
    const ours = base
      .replace('- Languages:\n', `- Languages: Team ${i} stack\n`)
      .replace('1. Step to revert\n', `1. Team ${i} rollback step\n`);
    writeFileSync(join(dir, `${i}.ours.md`), ours);
    writeFileSync(join(dir, `${i}.base.md`), base);
    writeFileSync(join(dir, `${i}.theirs.md`), theirs);
  }
}

/** Measures the registry figures and returns their rows. */
export async function registryFigures({ config, probe, env, work }) {
  const templates = config.smoke ? 20 : 200;
  const forks = config.smoke ? 10 : 100;

  // In-process: a chain of LAYERS packs of `templates` templates each.
  const names = writeChain(work, { templates, layers: LAYERS });
  const options = {
    projectRoot: work,
    packs: [`./packs/${names.at(-1)}`],
    cacheDir: join(work, '.cache'),
  };
  const mergeDir = join(work, 'merge');
  mkdirSync(mergeDir);
  await writeMergeInputs(mergeDir, forks);
  const merge = () => {
    for (let i = 0; i < forks; i++) {
      const [ours, base, theirs] = ['ours', 'base', 'theirs'].map((side) =>
        readFileSync(join(mergeDir, `${i}.${side}.md`), 'utf8'),
      );
      if (!mergeTemplate({ base, ours, theirs }).clean) throw new Error('unexpected conflict');
    }
  };
  const tasks = [
    {
      id: 'read-chain',
      name: `read the chain's ${LAYERS * (templates + 1)} files`,
      fn: readFolders(names.map((name) => join(work, 'packs', name))),
    },
    {
      id: 'resolve',
      name: `resolve ${templates} templates through a ${LAYERS}-layer chain (in-process)`,
      fn: async () => {
        const registry = await resolveRegistry(options);
        const top = registry.packs.find((pack) => pack.name === names.at(-1));
        if (top?.templates.size !== templates) throw new Error('templates missing');
      },
    },
    { id: 'read-forks', name: `read the ${3 * forks} merge inputs`, fn: readFolders([mergeDir]) },
    {
      id: 'merge',
      name: `3-way merge of ${forks} copy forks: read + merge (in-process)`,
      fn: merge,
    },
  ];
  const iterations = config.smoke ? 2 : Math.max(10, config.runs);
  const inProcess = await sampleInProcess(tasks, {
    iterations,
    warmup: config.smoke ? 1 : 3,
    time: config.smoke ? 0 : 1000,
  });
  const row = (task, extra) =>
    makeRow({
      group: 'registry',
      id: task.id,
      figure: task.name,
      stats: inProcess.get(task.id),
      ...extra,
    });
  const [readChain, resolve, readForks, mergeTask] = tasks;
  const readChainRow = row(readChain, { role: 'baseline', kind: 'in-process' });
  const readForksRow = row(readForks, { role: 'baseline', kind: 'in-process' });

  // A whole process: `template upgrade` of a copy fork, restored before every run.
  const pristine = join(work, 'upgrade-pristine');
  const project = join(work, 'upgrade');
  writeCopyForkProject(pristine, { templates: forks, bin: paths.bin, env });
  const baseline = nodeBaseline(work);
  const upgrade = {
    id: 'upgrade',
    name: `specforge template upgrade: a copy fork of ${forks} templates (3-way merge)`,
    args: [paths.bin, 'template', 'upgrade', 'team', '--json'],
    cwd: project,
    before: () => restoreProject(pristine, project),
    verify: (stdout) => {
      const result = JSON.parse(stdout);
      if (result.conflicts.length > 0 || result.written.length !== 2 * forks + 1) {
        throw new Error(
          `expected ${2 * forks + 1} files written without conflicts, got ${result.written.length} written, ${result.conflicts.length} conflicts`,
        );
      }
    },
    target: targets.ms(1000),
  };
  const upgradeRuns = Math.min(config.runs, 10);
  const samples = sampleProcesses(probe, [baseline, upgrade], {
    runs: upgradeRuns,
    warmup: config.heavyWarmup,
    env,
  });
  const processRows = rowsOf('registry', samples, [baseline], [upgrade]);
  return {
    title: `registry: in-process under tinybench (≥ ${iterations} iterations${config.smoke ? '' : ' and ≥ 1 s'} each), upgrade as a process (${runsText(upgradeRuns, config.heavyWarmup)})`,
    inputs: { chain: { templates, layers: LAYERS }, forks },
    baselines: [readChainRow, readForksRow, ...processRows.baselines],
    rows: [
      row(resolve, { kind: 'in-process', baseline: readChainRow, target: targets.ms(100) }),
      row(mergeTask, { kind: 'in-process', baseline: readForksRow, target: targets.ms(1000) }),
      ...processRows.rows,
    ],
  };
}
