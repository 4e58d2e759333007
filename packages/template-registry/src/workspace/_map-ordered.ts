/** What a settled task holds until its turn comes: a rejection must not go unhandled meanwhile. */
type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs `task` over `items` with at most `concurrency` tasks in flight, and yields the results in
 * the order of the items. Reading files one at a time leaves the disk idle between requests;
 * a small window keeps it busy while memory stays bounded by the window, not the item count.
 * A task that rejects rejects the iteration when its turn comes.
 */
export async function* mapOrdered<T, R>(
  items: Iterable<T>,
  concurrency: number,
  task: (item: T) => Promise<R>,
): AsyncGenerator<R, void, undefined> {
  const iterator = items[Symbol.iterator]();
  const window: Promise<Settled<R>>[] = [];
  const startNext = (): void => {
    const next = iterator.next();
    if (next.done) return;
    window.push(
      task(next.value).then(
        (value): Settled<R> => ({ ok: true, value }),
        (error: unknown): Settled<R> => ({ ok: false, error }),
      ),
    );
  };
  for (let i = 0; i < concurrency; i += 1) startNext();
  while (window.length > 0) {
    const settled = await window.shift()!;
    if (!settled.ok) throw settled.error;
    startNext();
    yield settled.value;
  }
}
