// Checks that turbo's build inputs and outputs are declared right: with nothing changed since the
// last build, every build task, and the API reference (the root task `typedoc`), must be a cache
// hit. Run after a build and `turbo run typedoc` (`pnpm test` runs both).
import { execFileSync } from 'node:child_process';

const plan = JSON.parse(
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', 'typedoc', '--dry=json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
);
const tasks = plan.tasks.filter((task) => task.command !== '<NONEXISTENT>');
const misses = tasks.filter((task) => task.cache.status !== 'HIT');
if (tasks.length === 0 || misses.length > 0) {
  console.error(`build cache check: ${misses.length} of ${tasks.length} build tasks would run again with nothing changed:`);
  for (const task of misses) console.error(`  ${task.taskId}`);
  console.error('Declare every file a build reads in turbo.json inputs, and every file it writes in outputs.');
  process.exit(1);
}
console.log(`build cache check: all ${tasks.length} build tasks are cache hits (a second build does no work)`);
