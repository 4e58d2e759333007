import type { PackDraft } from './_draft.js';
import type { ImportFile } from './import-types.js';

/** The npm package name an imported pack gets: it derives back to the pack name. */
export function importPackageName(name: string): string {
  return `specforge-templates-${name}`;
}

/**
 * The files of a planned pack: `package.json` (the pack manifest), `README.md` (what it is,
 * where it came from, what was left out, the license), `CHANGELOG.md` (a first entry) and the
 * templates, sorted by path.
 */
export function buildPackFiles(draft: PackDraft): ImportFile[] {
  const packageName = importPackageName(draft.name);
  const manifest = {
    name: packageName,
    version: draft.version,
    description: draft.description,
    ...(draft.license === undefined ? {} : { license: draft.license }),
    keywords: ['specforge', 'specforge-pack', 'spec-kit'],
    files: draft.templates.map((template) => template.path),
    specforge: {
      name: draft.name,
      ...(draft.extends === undefined ? {} : { extends: draft.extends }),
      templates: Object.fromEntries(
        draft.templates.map((template) => [template.id, template.path]),
      ),
    },
  };
  const files: ImportFile[] = [
    { path: 'package.json', content: `${JSON.stringify(manifest, null, 2)}\n` },
    { path: 'README.md', content: buildReadme(draft, packageName) },
    {
      path: 'CHANGELOG.md',
      content: `# ${packageName}\n\n## ${draft.version}\n\n- ${draft.changelog}\n`,
    },
    ...draft.templates.map((template) => ({ path: template.path, content: template.content })),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function buildReadme(draft: PackDraft, packageName: string): string {
  const code = (text: string) => `\`${text}\``;
  const overlays = draft.extends !== undefined;
  const rows = draft.templates.map((template) => {
    const ref = code(`${draft.name}/${template.id}`);
    const from = template.from.map(code).join(' + ');
    return overlays
      ? `| ${ref} | ${code(template.path)} | ${template.strategy === 'template' ? `full template (${template.kind})` : `${template.strategy} ${code(`${draft.baseName}/${template.id}`)}`} | ${from} |`
      : `| ${ref} | ${code(template.path)} | ${template.kind} | ${code(template.output ?? `${template.id}.md`)} | ${from} |`;
  });
  const table =
    rows.length === 0
      ? 'The pack has no templates.'
      : [
          overlays ? '| Ref | File | Applies | From |' : '| Ref | File | Kind | Writes | From |',
          overlays ? '| --- | --- | --- | --- |' : '| --- | --- | --- | --- | --- |',
          ...rows,
        ].join('\n');
  const escaped = draft.templates.reduce((sum, template) => sum + template.escaped, 0);
  const escapedNote =
    escaped === 0
      ? 'None of these files holds a `{{`, so no character was changed.'
      : `These files hold ${escaped} \`{{\`, each written \`\\{{\` so that it renders as it stands.`;
  const sections = [
    `# ${packageName}`,
    `The specforge template pack ${code(draft.name)}, made by \`specforge template import speckit\` from ${draft.origin}.`,
    table,
    usage(draft),
    '## The text',
    [
      `Each template's body is the Spec Kit file's text, byte for byte. Spec Kit's placeholders are not a template language and stay as they are, for a person or an agent to fill in: bracketed prose such as \`[FEATURE NAME]\` and \`[NEEDS CLARIFICATION: …]\`, \`$ARGUMENTS\`, \`{SCRIPT}\`, \`__SPECKIT_COMMAND_PLAN__\` and HTML comments. specforge renders templates with Handlebars, where only \`{{\` has a meaning. ${escapedNote}`,
      overlays
        ? 'An overlay composes its file with its base template the way Spec Kit composes a preset layer, so the composed template renders to the text Spec Kit would produce.'
        : draft.detected === 'project'
          ? 'Rendering a template gives back the text Spec Kit composes for it, without a front matter at its start: a Spec Kit `description` joined the template metadata.'
          : 'Rendering a template gives back the Spec Kit file without its front matter: a Spec Kit `description` joined the template metadata.',
    ].join('\n\n'),
    ...(draft.notImported.length > 0
      ? ['## Not imported', draft.notImported.map((line) => `- ${line}`).join('\n')]
      : []),
    '## Versions',
    draft.versionNote,
    '## License',
    draft.attribution.trimEnd(),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** How a project uses the pack: which folders to list, and what a built-in name means. */
function usage(draft: PackDraft): string {
  const list = draft.extends
    ? `List this folder and its base, \`${draft.baseName}\`, under \`packs:\` in \`specforge.config.yaml\``
    : 'List this folder under `packs:` in `specforge.config.yaml`';
  // Keep in step with the built-in packs' names (today only `speckit`).
  const shadows =
    draft.name === 'speckit'
      ? " Named `speckit`, it takes the place of the built-in `speckit` pack there, so `speckit/plan`, the default plan template, becomes this pack's."
      : '';
  return `${list} to use its templates as \`${draft.name}/<id>\`.${shadows}`;
}
