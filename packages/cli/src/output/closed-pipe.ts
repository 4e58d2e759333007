/**
 * Lets the output streams end early without ending the command: `specforge check | head` closes
 * the pipe after a few lines, and what is written after that has nowhere to go. Without this,
 * Node throws EPIPE from the next write and the command stops midway; with it, the command
 * finishes its work (a plan run still writes every plan) and exits with its own code.
 */
export function ignoreClosedPipes(
  streams: NodeJS.WriteStream[] = [process.stdout, process.stderr],
): void {
  for (const stream of streams) stream.on('error', rethrowUnlessClosed);
}

function rethrowUnlessClosed(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
  throw error;
}
