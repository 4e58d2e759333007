// How a figure is measured. Whole processes run as children of this one: wall time from this side,
// CPU time (user + sys) and peak RSS from the OS by GNU time, or, without it, from the child's own
// process.resourceUsage() through a preloaded module. In-process figures run under tinybench.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Bench } from 'tinybench';

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A figure that did not run as it should: the harness reports it and exits non-zero. */
export class FigureError extends Error {
  constructor(figure, message, output = '') {
    const tail = output.trim() ? `\n${output.trim().split('\n').slice(-20).join('\n')}` : '';
    super(`${figure}: ${message}${tail}`);
  }
}

/**
 * GNU time reports the kernel's rusage of the child it waited for: user and system seconds (to
 * the hundredth) and ru_maxrss in KB, written to a file so that the child's stderr stays its own.
 */
function gnuTimeProbe(scratch) {
  const out = join(scratch, 'rusage.txt');
  return {
    method: "GNU time (/usr/bin/time -f '%U %S %M'): kernel rusage of the child",
    spawn(args, options) {
      rmSync(out, { force: true });
      const result = spawnSync(
        '/usr/bin/time',
        ['-o', out, '-f', '%U %S %M', process.execPath, ...args],
        options,
      );
      // On a non-zero exit GNU time adds a line before the figures; they are always last.
      const last = existsSync(out) ? readFileSync(out, 'utf8').trimEnd().split('\n').at(-1) : '';
      const [user, sys, rss] = last.split(' ').map(Number);
      return { result, cpuMs: (user + sys) * 1000, rssKB: rss };
    },
  };
}

/** Without GNU time: the child reports its own resourceUsage() as it exits (main thread only). */
function preloadProbe(scratch) {
  const out = join(scratch, 'rusage.txt');
  const code = `process.on('exit', () => {
    if (!process.getBuiltinModule('node:worker_threads').isMainThread) return;
    const u = process.resourceUsage();
    process.getBuiltinModule('node:fs').writeFileSync(process.env.BENCH_RUSAGE_FILE,
      (u.userCPUTime + u.systemCPUTime) / 1000 + ' ' + u.maxRSS);
  });`;
  const preload = `data:text/javascript,${encodeURIComponent(code)}`;
  return {
    method: "the child's process.resourceUsage() (preloaded with --import)",
    spawn(args, options) {
      rmSync(out, { force: true });
      const env = { ...options.env, BENCH_RUSAGE_FILE: out };
      const result = spawnSync(process.execPath, ['--import', preload, ...args], {
        ...options,
        env,
      });
      const [cpu, rss] = existsSync(out) ? readFileSync(out, 'utf8').split(' ').map(Number) : [];
      return { result, cpuMs: cpu, rssKB: rss };
    },
  };
}

/**
 * Picks how children are measured: GNU time when it is there and works (or `kind` is not
 * `node`), else the preloaded module. `scratch` is a folder for the probe's report file.
 */
export function createProbe(kind, scratch) {
  if (kind !== 'node' && existsSync('/usr/bin/time')) {
    const probe = gnuTimeProbe(scratch);
    const { result, rssKB } = probe.spawn(['-e', '0'], { encoding: 'utf8' });
    if (result.status === 0 && Number.isFinite(rssKB) && rssKB > 0) return probe;
  }
  return preloadProbe(scratch);
}

/**
 * Runs one process of a figure: `figure.args` are Node's arguments (every measured command is a
 * Node program, the baselines included), `figure.cwd` where it runs. `figure.before()` runs
 * first, untimed; `figure.verify(stdout)` throws when the output is not what a good run prints.
 */
export function runProcess(probe, figure, env) {
  figure.before?.();
  const started = process.hrtime.bigint();
  // spawnSync drains the pipes into memory, so a chatty child never blocks on a full pipe.
  const { result, cpuMs, rssKB } = probe.spawn(figure.args, {
    cwd: figure.cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 2 ** 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw new FigureError(figure.name, result.error.message);
  if (!(figure.okStatus ?? [0]).includes(result.status)) {
    const how =
      result.status === null ? `was killed by ${result.signal}` : `exited ${result.status}`;
    throw new FigureError(figure.name, how, `${result.stdout.slice(-2000)}${result.stderr}`);
  }
  try {
    figure.verify?.(result.stdout, result.stderr);
  } catch (error) {
    throw new FigureError(figure.name, error.message, result.stderr);
  }
  if (!Number.isFinite(cpuMs) || !Number.isFinite(rssKB)) {
    throw new FigureError(figure.name, 'the probe reported no CPU time or peak RSS');
  }
  return { wallMs, cpuMs, rssKB };
}

/**
 * Runs every figure `warmup` times, then `runs` rounds of all of them in turn, so that machine
 * noise hits the figures and their baselines alike. Returns each figure's samples by id.
 */
export function sampleProcesses(probe, figures, { runs, warmup, env }) {
  for (const figure of figures) {
    for (let i = 0; i < warmup; i++) runProcess(probe, figure, env);
  }
  const samples = new Map(figures.map((figure) => [figure.id, []]));
  for (let i = 0; i < runs; i++) {
    for (const figure of figures) samples.get(figure.id).push(runProcess(probe, figure, env));
  }
  return samples;
}

/** Runs a setup step (Node with `args`, untimed); throws a {@link FigureError} with its output. */
export function runSetup(what, args, { cwd, env }) {
  const result = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) {
    const how =
      result.status === null ? `was killed by ${result.signal}` : `exited ${result.status}`;
    throw new FigureError(`setup: ${what}`, how, `${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** Median, min and max wall time, the median CPU time and the highest peak RSS of samples. */
export function summarize(samples) {
  const wall = samples.map((s) => s.wallMs);
  return {
    runs: samples.length,
    median: median(wall),
    min: Math.min(...wall),
    max: Math.max(...wall),
    cpu: median(samples.map((s) => s.cpuMs)),
    peakRss: Math.max(...samples.map((s) => s.rssKB)) / 1024,
  };
}

/**
 * Runs in-process tasks (`{ id, name, fn }`) under tinybench: `warmup` iterations, then at least
 * `iterations` and at least `time` ms of them. CPU time is the run phase's process.cpuUsage()
 * per iteration; peak RSS is not the task's own and is left out.
 */
export async function sampleInProcess(tasks, { iterations, warmup, time }) {
  const bench = new Bench({
    iterations,
    time,
    warmupIterations: warmup,
    warmupTime: 0,
    throws: true,
  });
  const cpu = new Map();
  for (const task of tasks) {
    let start;
    bench.add(task.name, task.fn, {
      beforeAll: () => {
        start = process.cpuUsage();
      },
      afterAll: () => {
        const used = process.cpuUsage(start);
        cpu.set(task.id, (used.user + used.system) / 1000);
      },
    });
  }
  await bench.run();
  const stats = new Map();
  for (const task of tasks) {
    const result = bench.getTask(task.name).result;
    if (result.state !== 'completed') {
      throw new FigureError(task.name, result.error?.message ?? `tinybench: ${result.state}`);
    }
    const { latency } = result;
    stats.set(task.id, {
      runs: latency.samplesCount,
      median: latency.p50,
      min: latency.min,
      max: latency.max,
      cpu: cpu.get(task.id) / latency.samplesCount,
      peakRss: null,
    });
  }
  return stats;
}
