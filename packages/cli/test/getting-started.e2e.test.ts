/**
 * Runs docs/getting-started.md, so that the guide cannot drift from the CLI.
 *
 * The convention the guide follows (write new steps of the guide the same way):
 *
 * - **Commands** are the lines starting with `$ ` in ```` ```console ```` blocks. They run in
 *   order, each with `sh -c`, in one fresh temp folder (a stand-in for the repository root, with
 *   a `.git` folder), with `specforge` on the `PATH` running the built CLI (`bin/specforge.js`),
 *   `NO_COLOR=1` and a fixed `SOURCE_DATE_EPOCH`. ```` ```sh ```` blocks (installing the
 *   packages) and every other block are not run.
 * - **Exit status**: 0, unless the command ends with a comment that says `# exits N`
 *   (`$ specforge check specs   # exits 1: …`).
 * - **Output**: the lines after a command, up to the next `$ ` line or the end of the block, are
 *   its stdout and stderr as a terminal shows them (merged in the order written). A line that is
 *   only `…` stands for any number of lines; without one, the output must have exactly the lines
 *   shown. Inside a line, `…` stands for any text, every number for any number (sizes, line
 *   numbers and counts change with the templates) and a run of spaces for any run of spaces (the
 *   width of table columns).
 * - **Files**: a block whose info string has `file=<path>` (```` ```markdown file=specs/x/spec.md ````)
 *   is written to that path of the temp folder, as shown, before the next command runs. The
 *   guide's text says which file it is, since readers do not see the info string.
 * - **Servers**: a command that ends with `# runs until Ctrl-C` (`specforge docs serve`) is started
 *   with `--port 0` added, so that a busy port 8080 cannot fail the test; once it printed the
 *   lines shown it gets SIGINT and must exit 0.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath } from './run-cli.js';

const guidePath = fileURLToPath(new URL('../../../docs/getting-started.md', import.meta.url));

/** One step of the guide: a command to run, or a file to write. */
type Step =
  | {
      kind: 'command';
      /** The command as shown, after `$ `. */
      command: string;
      /** The output lines shown after it. */
      output: string[];
      status: number;
      serves: boolean;
      /** 1-based line of the guide. */
      line: number;
    }
  | { kind: 'file'; path: string; content: string; line: number };

/** The steps of a guide written in the convention above. */
function parseGuide(markdown: string): Step[] {
  const lines = markdown.split('\n');
  const steps: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const info = open[2]!.trim().split(/\s+/);
    const start = i + 1;
    let end = start;
    while (end < lines.length && !isClosingFence(lines[end]!, fence)) end++;
    const body = lines.slice(start, end);
    const file = info.find((word) => word.startsWith('file='))?.slice('file='.length);
    if (file !== undefined) {
      steps.push({ kind: 'file', path: file, content: `${body.join('\n')}\n`, line: i + 1 });
    } else if (info[0] === 'console') {
      body.forEach((text, index) => {
        if (text.startsWith('$ ')) {
          const comment = /\s#\s*(.*)$/.exec(text)?.[1] ?? '';
          steps.push({
            kind: 'command',
            command: text.slice(2),
            output: [],
            status: Number(/^exits (\d+)/.exec(comment)?.[1] ?? 0),
            serves: /^runs until Ctrl-C/.test(comment),
            line: start + index + 1,
          });
        } else {
          const last = steps.at(-1);
          if (last?.kind !== 'command' || last.line < start)
            throw new Error(`line ${start + index + 1}: output before any command of its block`);
          last.output.push(text.trimEnd());
        }
      });
    }
    i = end;
  }
  return steps;
}

function isClosingFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith(fence) && /^(`+|~+)$/.test(trimmed) && trimmed[0] === fence[0];
}

/** A shown line as a pattern: `…` any text, a number any number, spaces any run of spaces. */
function linePattern(shown: string): RegExp {
  const source = shown
    .split(/(…|\d+| +)/)
    .map((part) => {
      if (part === '…') return '.*';
      if (/^\d+$/.test(part)) return '\\d+';
      if (/^ +$/.test(part)) return ' +';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * Whether `actual` has the lines `shown`: segments between `…` lines match consecutive lines,
 * in order; the output's first and last lines must be shown unless `…` stands in for them.
 */
function matchesShown(shown: string[], actual: string[]): boolean {
  const lines = [...shown];
  while (lines.at(-1) === '') lines.pop();
  const segments: RegExp[][] = [[]];
  for (const line of lines) {
    if (line === '…') segments.push([]);
    else segments.at(-1)!.push(linePattern(line));
  }
  const fits = (segment: RegExp[], at: number) =>
    at + segment.length <= actual.length &&
    segment.every((pattern, k) => pattern.test(actual[at + k]!));
  if (segments.length === 1) return segments[0]!.length === actual.length && fits(segments[0]!, 0);
  const first = segments[0]!;
  const last = segments.at(-1)!;
  if (!fits(first, 0)) return false;
  let at = first.length;
  for (const segment of segments.slice(1, -1)) {
    while (at <= actual.length && !fits(segment, at)) at++;
    if (at > actual.length) return false;
    at += segment.length;
  }
  return actual.length - last.length >= at && fits(last, actual.length - last.length);
}

function outputLines(text: string): string[] {
  const lines = text.split('\n').map((line) => line.trimEnd());
  while (lines.at(-1) === '') lines.pop();
  return lines;
}

describe('the matcher of shown output', () => {
  it('matches numbers, any text at …, runs of spaces, and elided lines', () => {
    expect(matchesShown(['built 14 pages in site/'], ['built 15 pages in site/'])).toBe(true);
    expect(matchesShown(['built 14 pages in site/'], ['built 15 pages in public/'])).toBe(false);
    expect(matchesShown(['a  b …/plan.md:46'], ['a    b /x/y/plan.md:9'])).toBe(true);
    expect(matchesShown(['one', '…', 'four'], ['one', 'two', 'three', 'four'])).toBe(true);
    expect(matchesShown(['one', '…'], ['one', 'two'])).toBe(true);
    expect(matchesShown(['one'], ['one', 'two'])).toBe(false);
    expect(matchesShown(['…', 'three', '…'], ['one', 'two', 'three', 'four'])).toBe(true);
    expect(matchesShown(['one', '…', 'one'], ['one'])).toBe(false);
    expect(matchesShown([], [])).toBe(true);
  });
});

describe('docs/getting-started.md', () => {
  const steps = parseGuide(readFileSync(guidePath, 'utf8'));
  let root: string;
  let project: string;
  let env: NodeJS.ProcessEnv;
  const servers: ChildProcess[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'specforge-getting-started-'));
    project = join(root, 'project');
    mkdirSync(join(project, '.git'), { recursive: true });
    const bin = join(root, 'bin');
    mkdirSync(bin);
    const shim = join(bin, 'specforge');
    writeFileSync(
      shim,
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)} "$@"\n`,
    );
    chmodSync(shim, 0o755);
    env = {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      NO_COLOR: '1',
      FORCE_COLOR: undefined,
      CI: undefined,
      SOURCE_DATE_EPOCH: '1767225600', // 2026-01-01
      SPECFORGE_CACHE_DIR: join(root, 'cache'),
    };
  });

  afterAll(() => {
    for (const server of servers) server.kill('SIGKILL');
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('has the steps the guide promises', () => {
    const commands = steps.flatMap((step) => (step.kind === 'command' ? [step.command] : []));
    expect(commands[0]).toBe('specforge init --pack acme');
    for (const command of [
      'specforge plan',
      'specforge check',
      'specforge status',
      'specforge docs build',
    ])
      expect(commands.some((text) => text.startsWith(command))).toBe(true);
    expect(commands.some((text) => /--frozen/.test(text))).toBe(true);
    expect(steps.filter((step) => step.kind === 'file').length).toBeGreaterThanOrEqual(3);
  });

  for (const step of steps) {
    if (step.kind === 'file') {
      it(`writes ${step.path} (line ${step.line})`, () => {
        expect(isAbsolute(step.path) || normalize(step.path).startsWith('..')).toBe(false);
        mkdirSync(dirname(join(project, step.path)), { recursive: true });
        writeFileSync(join(project, step.path), step.content);
      });
      continue;
    }
    const name = `$ ${step.command} (line ${step.line})`;
    const command = step.command.replace(/\s+#\s.*$/, '');
    if (step.serves) {
      it(name, async () => {
        // exec: the shell becomes the CLI, which gets the signal itself.
        const child = spawn('sh', ['-c', `exec 2>&1\nexec ${command} --port 0`], {
          cwd: project,
          env,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        servers.push(child);
        const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
        let text = '';
        await new Promise<void>((done, fail) => {
          const timer = setTimeout(
            () => fail(new Error(`no ${JSON.stringify(step.output)} in:\n${text}`)),
            30_000,
          );
          child.stdout!.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            const lines = outputLines(text);
            if (matchesShown(step.output, lines.slice(0, step.output.length))) {
              clearTimeout(timer);
              done();
            }
          });
          child.on('exit', () => {
            clearTimeout(timer);
            fail(new Error(`it stopped early:\n${text}`));
          });
        });
        child.kill('SIGINT');
        expect(await exited).toBe(0);
      }, 60_000);
      continue;
    }
    it(name, () => {
      const result = spawnSync('sh', ['-c', `exec 2>&1\n${command}`], {
        cwd: project,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const shown = `exit ${step.status}, output:\n${step.output.join('\n')}`;
      const got = `exit ${result.status}, output:\n${result.stdout}${result.stderr}`;
      if (result.status !== step.status || !matchesShown(step.output, outputLines(result.stdout)))
        expect(got).toBe(shown);
    }, 60_000);
  }
});
