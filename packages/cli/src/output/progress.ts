/** Cells of the bar itself, between the brackets. */
const BAR_CELLS = 20;

/** Redraws closer together than this are skipped: a terminal cannot show 10,000 frames anyway. */
const REDRAW_INTERVAL_MS = 50;

/** Moves to the start of the line and erases it. */
const CLEAR_LINE = '\r\x1b[K';

/**
 * One frame of the progress bar, `[#####---------------] 12/40 specs/002-x/spec.md`, at most
 * `width - 1` characters long (writing into the last column makes some terminals wrap). A label
 * that does not fit loses its start: the end of a path tells more.
 *
 * @example
 * ```ts
 * renderProgressLine(5, 20, 'specs/a/spec.md', 80); // '[#####---------------] 5/20 specs/a/spec.md'
 * ```
 */
export function renderProgressLine(
  done: number,
  total: number,
  label: string,
  width: number,
): string {
  const room = width - 1;
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * BAR_CELLS) : BAR_CELLS;
  const head = `[${'#'.repeat(filled)}${'-'.repeat(BAR_CELLS - filled)}] ${done}/${total}`;
  if (head.length > room) return `${done}/${total}`.slice(0, Math.max(room, 0));
  const labelRoom = room - head.length - 1;
  if (label === '' || labelRoom < 2) return head;
  if (label.length <= labelRoom) return `${head} ${label}`;
  return `${head} …${label.slice(label.length - (labelRoom - 1))}`;
}

/**
 * True when a progress bar should be drawn on `stream`: it is a terminal that can redraw a line,
 * and the run is not in CI (`CI` set to anything but empty, `0` or `false`), whose logs keep
 * every frame.
 */
export function shouldShowProgress(
  stream: NodeJS.WriteStream,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const ci = env.CI !== undefined && !['', '0', 'false'].includes(env.CI.toLowerCase());
  return Boolean(stream.isTTY) && env.TERM !== 'dumb' && !ci;
}

/** A single-line progress bar redrawn in place; see {@link createProgressBar}. */
export interface ProgressBar {
  /** Shows `done` of `total` finished, `label` being the item at hand. */
  update(done: number, total: number, label: string): void;
  /** Runs `write`, which prints to the same terminal, with the bar out of its way. */
  interrupt(write: () => void): void;
  /** Erases the bar; call it before the final report. */
  clear(): void;
}

/** Draws a {@link renderProgressLine} bar on `stream` (a terminal), redrawn in place. */
export function createProgressBar(
  stream: NodeJS.WriteStream,
  now: () => number = Date.now,
): ProgressBar {
  let line = '';
  let drawnAt = Number.NEGATIVE_INFINITY;
  const draw = () => stream.write(`${CLEAR_LINE}${line}`);
  return {
    update(done, total, label) {
      line = renderProgressLine(done, total, label, stream.columns || 80);
      const time = now();
      if (done < total && time - drawnAt < REDRAW_INTERVAL_MS) return;
      drawnAt = time;
      draw();
    },
    interrupt(write) {
      if (line) stream.write(CLEAR_LINE);
      write();
      if (line) draw();
    },
    clear() {
      if (line) stream.write(CLEAR_LINE);
      line = '';
    },
  };
}
