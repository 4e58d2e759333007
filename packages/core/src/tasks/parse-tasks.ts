import { type Block, parseBlocks } from '../spec/markdown.js';
import { codePointLength, createSource, lineAt, type Source } from '../spec/source.js';

/** One task of a task list: `- [ ] T001 [P] [US1] Description with file path`. */
export interface Task {
  /** The id as written, e.g. `T001` or `T013a`. */
  id: string;
  /** `true` when the checkbox is ticked (`[x]` or `[X]`). */
  done: boolean;
  /** `true` for a `[P]` marker: the task can run in parallel with others. */
  parallel: boolean;
  /** The stories of the `[USn]` markers, e.g. `['US1']`. */
  stories: string[];
  /** The text after the id and the markers. */
  description: string;
  /** 1-based line of the task. */
  line: number;
  /** 1-based column of the id, in code points. */
  column: number;
}

// The list marker and checkbox, then the id: `T` and a digit, optionally struck through or bold.
const taskLine =
  /^(\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s+\[([ xX])\]\s+(?:~~)?(?:\*\*)?)(T\d[\p{L}\p{N}._-]*)/u;
const marker = /^\s*\[([^\]\s]+)\]/;

/**
 * Reads the tasks of a task list in Spec Kit's grammar: every checkbox list item whose text
 * starts with an id (`T` followed by a digit), then optional `[P]` and `[USn]` markers, then
 * the description. Other checkbox items (checklists) and anything in code blocks are not tasks.
 *
 * @param text - The task list.
 * @param bodyLine - The 1-based line the Markdown body starts on (after any front matter).
 *
 * @example
 * ```ts
 * parseTasks('- [ ] T001 [P] [US1] Add the model in src/cart.ts\n')[0];
 * // { id: 'T001', done: false, parallel: true, stories: ['US1'], description: 'Add the model in src/cart.ts', line: 1, column: 7 }
 * ```
 */
export function parseTasks(text: string, bodyLine = 1): Task[] {
  const source = createSource(text);
  const tasks: Task[] = [];
  collect(source, parseBlocks(source, bodyLine), tasks);
  return tasks;
}

function collect(source: Source, blocks: readonly Block[], tasks: Task[]): void {
  for (const block of blocks) {
    if (block.kind === 'quote') collect(source, block.children, tasks);
    if (block.kind !== 'list') continue;
    for (const item of block.items) {
      const task = readTask(lineAt(source, item.line), item.line);
      if (task) tasks.push(task);
      collect(source, item.children, tasks);
    }
  }
}

function readTask(line: string, lineNumber: number): Task | undefined {
  const m = taskLine.exec(line);
  if (!m) return undefined;
  const prefix = m[1] ?? '';
  const id = (m[3] ?? '').replace(/[._-]+$/, '');
  let rest = line.slice(prefix.length + id.length).replace(/^[*~.:]+/, '');
  let parallel = false;
  const stories: string[] = [];
  for (let next = marker.exec(rest); next; next = marker.exec(rest)) {
    const label = next[1] ?? '';
    if (label === 'P') parallel = true;
    else if (/^US\d+[a-z]?$/.test(label)) stories.push(label);
    else break;
    rest = rest.slice(next[0].length);
  }
  return {
    id,
    done: m[2] !== ' ',
    parallel,
    stories,
    description: rest.trim(),
    line: lineNumber,
    column: codePointLength(prefix) + 1,
  };
}
