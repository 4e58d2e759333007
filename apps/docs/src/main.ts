// `pnpm build` in this app: builds the site into dist/site and says what it wrote.
import { relative } from 'node:path';
import { appDir, buildDocsSite } from './build-docs-site.js';

const started = performance.now();
// SOURCE_DATE_EPOCH (seconds) pins the date example plans show, for reproducible builds.
const epoch = process.env.SOURCE_DATE_EPOCH;
const result = await buildDocsSite({
  now: epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined,
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `docs site: ${result.pages} pages in ${relative(appDir, result.out)}${result.api ? ', with the API reference' : ''} (${seconds} s)`,
);
