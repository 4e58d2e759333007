import { type FSWatcher, watch } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';

/** Options for {@link watchTrees}. */
export interface WatchTreesOptions {
  /** Absolute folders to watch, with everything below them. */
  roots: readonly string[];
  /** True for an absolute path whose changes do not matter (a folder's whole tree is skipped). */
  ignore: (path: string) => boolean;
  /** Called with the absolute path of every change that is not ignored. */
  onChange: (path: string) => void;
  /** Watch each folder on its own even where the platform watches trees natively (tests). */
  perFolder?: boolean;
}

/** Folders being watched; {@link TreeWatcher.close} stops watching. */
export interface TreeWatcher {
  /** Resolves once every folder present at the start is watched. */
  ready: Promise<void>;
  close(): void;
}

/**
 * Watches folders and everything below them, except what `ignore` rules out.
 *
 * macOS and Windows watch a tree natively with one handle (`recursive: true`), and ignored paths
 * are filtered from its events. Elsewhere (Linux), every folder gets its own non-recursive
 * watcher, added as folders appear and dropped as they go, and ignored folders get none: Node's
 * own recursive mode there walks the whole tree, `node_modules` included, and can run out of
 * inotify watches on a large project.
 */
export function watchTrees(options: WatchTreesOptions): TreeWatcher {
  const native =
    !options.perFolder && (process.platform === 'darwin' || process.platform === 'win32');
  return native ? watchNatively(options) : watchPerFolder(options);
}

function watchNatively(options: WatchTreesOptions): TreeWatcher {
  const watchers = options.roots.map((root) => {
    const watcher = watch(root, { recursive: true }, (_event, name) => {
      const path = name ? join(root, name.toString()) : root;
      if (!options.ignore(path)) options.onChange(path);
    });
    // A root that disappears ends its watcher; a rebuild then reports what is missing.
    watcher.on('error', () => watcher.close());
    return watcher;
  });
  return {
    ready: Promise.resolve(),
    close: () => {
      for (const watcher of watchers) watcher.close();
    },
  };
}

function watchPerFolder(options: WatchTreesOptions): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  const unwatchTree = (path: string) => {
    for (const [dir, watcher] of watchers) {
      if (dir === path || dir.startsWith(path + sep)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
  };

  const add = async (dir: string): Promise<void> => {
    if (closed || watchers.has(dir) || options.ignore(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (event, name) => {
        const path = name ? join(dir, name.toString()) : dir;
        if (options.ignore(path)) return;
        options.onChange(path);
        // A name appeared or went: a new folder needs watchers, a removed one loses them.
        if (event === 'rename') void follow(path);
      });
    } catch {
      return; // gone or unreadable since it was listed
    }
    watcher.on('error', () => unwatchTree(dir));
    watchers.set(dir, watcher);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries.filter((entry) => entry.isDirectory()).map((entry) => add(join(dir, entry.name))),
    );
  };

  const follow = async (path: string): Promise<void> => {
    // lstat: a symbolic link to a folder is a change of its own, not a tree to walk.
    const info = await lstat(path).catch(() => undefined);
    if (info?.isDirectory()) await add(path);
    else if (!info) unwatchTree(path);
  };

  const ready = Promise.all(options.roots.map((root) => add(root))).then(() => undefined);
  return {
    ready,
    close: () => {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
