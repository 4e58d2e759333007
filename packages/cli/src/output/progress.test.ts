import { describe, expect, it } from 'vitest';
import { createProgressBar, renderProgressLine, shouldShowProgress } from './progress.js';

describe('renderProgressLine', () => {
  it.each([
    [0, 40, 'specs/001-a/spec.md', 80, '[--------------------] 0/40 specs/001-a/spec.md'],
    [12, 40, 'specs/002-x/spec.md', 80, '[######--------------] 12/40 specs/002-x/spec.md'],
    [40, 40, 'specs/040-z/spec.md', 80, '[####################] 40/40 specs/040-z/spec.md'],
    [0, 0, '', 80, '[####################] 0/0'],
    [3, 7, 'specs/a-very-long-feature-name/spec.md', 40, '[#########-----------] 3/7 …ame/spec.md'],
    [3, 7, 'specs/a/spec.md', 28, '[#########-----------] 3/7'],
    [3, 7, 'specs/a/spec.md', 10, '3/7'],
  ])('draws %i of %i at %j in %i columns as %j', (done, total, label, width, line) => {
    expect(renderProgressLine(done, total, label, width)).toBe(line);
  });

  it('never fills the last column, where some terminals wrap', () => {
    for (let width = 1; width < 60; width += 1) {
      expect(renderProgressLine(123, 4567, 'specs/0123-search/spec.md', width).length).toBeLessThan(
        width,
      );
    }
  });
});

describe('shouldShowProgress', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  it.each([
    [tty, {}, true],
    [tty, { CI: 'true' }, false],
    [tty, { CI: '1' }, false],
    [tty, { CI: 'false' }, true],
    [tty, { TERM: 'dumb' }, false],
    [{ isTTY: false } as NodeJS.WriteStream, {}, false],
  ])('answers for %j with %j: %s', (stream, env, shown) => {
    expect(shouldShowProgress(stream, env)).toBe(shown);
  });
});

describe('createProgressBar', () => {
  function terminal() {
    const writes: string[] = [];
    const stream = {
      columns: 60,
      write: (chunk: string) => writes.push(chunk) > 0,
    } as unknown as NodeJS.WriteStream;
    return { stream, writes };
  }

  it('redraws in place, at most every 50 ms except for the last frame, and clears itself', () => {
    const { stream, writes } = terminal();
    let time = 0;
    const bar = createProgressBar(stream, () => time);
    bar.update(1, 3, 'a');
    time = 10;
    bar.update(2, 3, 'b');
    time = 20;
    bar.update(3, 3, 'c');
    bar.clear();
    expect(writes).toEqual([
      '\r\x1b[K[#######-------------] 1/3 a',
      '\r\x1b[K[####################] 3/3 c',
      '\r\x1b[K',
    ]);
  });

  it('gets out of the way of other output and comes back', () => {
    const { stream, writes } = terminal();
    const bar = createProgressBar(stream, () => 0);
    bar.update(1, 2, 'a');
    bar.interrupt(() => writes.push('warning\n'));
    expect(writes).toEqual([
      '\r\x1b[K[##########----------] 1/2 a',
      '\r\x1b[K',
      'warning\n',
      '\r\x1b[K[##########----------] 1/2 a',
    ]);
  });
});
