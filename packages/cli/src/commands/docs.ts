import { Command } from 'commander';

/** Flags of `specforge docs build`. */
export interface DocsBuildFlags {
  out: string;
  base: string;
  guides?: string;
  frozen?: boolean;
  /** `false` with `--no-cache`: neither read nor write the build cache. */
  cache?: boolean;
  json?: boolean;
  debug?: boolean;
}

/** Flags of `specforge docs serve`. */
export interface DocsServeFlags {
  port: string;
  host: string;
  base: string;
  out?: string;
  guides?: string;
  frozen?: boolean;
  /** `false` with `--no-cache`: neither read nor write the build cache. */
  cache?: boolean;
  debug?: boolean;
}

/** `specforge docs …`: the project's template docs site, through @specforge/docs-site. */
export function makeDocsCommand(): Command {
  const docs = new Command('docs')
    .summary('build or serve a docs site of the templates')
    .description(
      "Build or serve a static, searchable site of the project's packs and templates: each template " +
        'with its outline, the layer each section comes from, the diff of every section a fork ' +
        'changed, its inputs and an example plan. Needs the @specforge/docs-site package (an optional ' +
        'peer of the CLI): pnpm add -D @specforge/docs-site, or npm install --save-dev @specforge/docs-site.',
    );
  docs.addCommand(
    new Command('build')
      .summary('build the site into a folder')
      .description(
        'Build the site into <dir>, replacing the site built there before. The folder must be new, empty ' +
          'or a site specforge built; anything else is refused and left untouched. The pages link to each ' +
          'other relatively, so the site works from any static host, at the root or under --base. With ' +
          '--guides, the Markdown files of a folder (such as docs/) become guide pages, linked from every page.',
      )
      .option('-o, --out <dir>', 'the site folder', 'site')
      .option('--base <path>', 'the URL path the site is served from, e.g. /docs/', '/')
      .option(
        '--guides <dir>',
        'add the Markdown guides of this folder (each *.md directly in it) as pages of the site',
      )
      .option('--frozen', 'fail if the packs no longer match specforge.lock')
      .option('--no-cache', 'neither read nor write the build cache')
      .option('--json', 'print { out, base, pages } as JSON')
      .option('--debug', 'print stack traces of errors')
      .action(async (flags: DocsBuildFlags) => {
        const { runDocsBuild } = await import('../actions/docs-build.js');
        await runDocsBuild(flags);
      }),
  );
  docs.addCommand(
    new Command('serve')
      .summary('serve the site and rebuild it as you edit')
      .description(
        'Build the site, serve it over HTTP and rebuild it whenever a file of the project (or of the ' +
          '--guides folder) changes; open pages reload themselves. Prints the URL first, then one line ' +
          'per rebuild. A failed rebuild is printed as an error and the last good site stays served. ' +
          'Stop it with Ctrl-C.',
      )
      .option('-p, --port <n>', 'the port to listen on; 0 picks a free one', '8080')
      .option(
        '--host <addr>',
        'the address to listen on (0.0.0.0 for every interface)',
        '127.0.0.1',
      )
      .option('--base <path>', 'the URL path the site is served from, e.g. /docs/', '/')
      .option(
        '-o, --out <dir>',
        'build into this folder (default: a temporary one, removed on exit)',
      )
      .option(
        '--guides <dir>',
        'add the Markdown guides of this folder (each *.md directly in it) as pages of the site; edits reload them',
      )
      .option('--frozen', 'fail if the packs no longer match specforge.lock')
      .option('--no-cache', 'neither read nor write the build cache')
      .option('--debug', 'print stack traces of errors')
      .action(async (flags: DocsServeFlags) => {
        const { runDocsServe } = await import('../actions/docs-serve.js');
        await runDocsServe(flags);
      }),
  );
  return docs;
}
