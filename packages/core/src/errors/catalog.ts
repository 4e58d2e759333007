/**
 * Every error code specforge can raise, with its message and hint. Codes are permanent:
 * never reuse or rename one; add a new entry instead.
 *
 * `kind` decides the exit code in the CLI: `usage` → 2 (bad usage or bad input),
 * `problem` → 1 (the command ran and found problems), `conflict` → 3. A `warning` is reported
 * but never fails a command.
 */
export const errorCatalog = {
  SPECFORGE_SPEC_NOT_FOUND: {
    kind: 'usage',
    message: (a: { file: string }) => `The spec file ${a.file} does not exist.`,
    hint: 'Check the path; it is resolved from the current directory.',
  },
  SPECFORGE_SPEC_IS_DIRECTORY: {
    kind: 'usage',
    message: (a: { file: string }) => `${a.file} is a directory, not a spec file.`,
    hint: 'Pass the spec file itself, e.g. specs/001-feature/spec.md.',
  },
  SPECFORGE_SPEC_UNREADABLE: {
    kind: 'usage',
    message: (a: { file: string; reason: string }) =>
      `The spec file ${a.file} cannot be read: ${a.reason}.`,
    hint: 'Check the file permissions.',
  },
  SPECFORGE_SPEC_EMPTY: {
    kind: 'usage',
    message: (a: { file: string }) => `The spec file ${a.file} is empty.`,
    hint: 'Write the spec first (Spec Kit structure or free-form Markdown); an empty spec yields no plan.',
  },
  SPECFORGE_SPEC_BINARY: {
    kind: 'usage',
    message: (a: { file: string }) =>
      `${a.file} looks like a binary file (it contains NUL bytes), not a Markdown spec.`,
    hint: 'Pass a Markdown (.md) spec file.',
  },
  SPECFORGE_SPEC_INVALID_UTF8: {
    kind: 'warning',
    message: (a: { bytes: string }) =>
      `The spec has bytes that are not valid UTF-8 (${a.bytes}); the plan shows U+FFFD (�) in their place.`,
    hint: 'Re-save the spec as UTF-8 (it was probably written as Windows-1252 or Latin-1).',
  },
  SPECFORGE_FRONT_MATTER_INVALID: {
    kind: 'usage',
    message: (a: { reason: string }) => `The YAML front matter is invalid: ${a.reason}`,
    hint: 'Fix the YAML between the opening and closing --- lines, or remove the front matter.',
  },
  SPECFORGE_TEMPLATE_NOT_FOUND: {
    kind: 'usage',
    message: (a: { ref: string; available: string[] }) =>
      `There is no template ${a.ref}.${a.available.length ? ` Available: ${a.available.join(', ')}.` : ''}`,
    hint: 'Name a template as <pack>/<template>, e.g. speckit/plan.',
  },
  SPECFORGE_TEMPLATE_REF_INVALID: {
    kind: 'usage',
    message: (a: { ref: string }) => `${JSON.stringify(a.ref)} is not a template reference.`,
    hint: 'Name a template as <pack>/<template>, e.g. speckit/plan.',
  },
  SPECFORGE_TEMPLATE_SYNTAX: {
    kind: 'usage',
    message: (a: { reason: string }) => `The template has a syntax error: ${a.reason}`,
    hint: 'Fix the Handlebars expression at this position; a literal {{ is written \\{{.',
  },
  SPECFORGE_TEMPLATE_INPUT_MISSING: {
    kind: 'usage',
    message: (a: { input: string }) =>
      `The template uses the input "${a.input}", which was not provided.`,
    hint: 'Declare the input in the template metadata and provide it, or remove it from the template.',
  },
  SPECFORGE_TEMPLATE_RENDER_FAILED: {
    kind: 'usage',
    message: (a: { reason: string }) => `The template failed to render: ${a.reason}`,
    hint: 'Check the helper calls at this position.',
  },
  SPECFORGE_TEMPLATE_META_INVALID: {
    kind: 'usage',
    message: (a: { reason: string }) => `The template metadata is invalid: ${a.reason}`,
    hint: 'See docs/templates.md for the metadata fields a template declares.',
  },
  SPECFORGE_PACK_NOT_FOUND: {
    kind: 'usage',
    message: (a: { pack: string }) => `The template pack ${a.pack} cannot be found.`,
    hint: 'Check the pack name or path.',
  },
  SPECFORGE_PACK_MANIFEST_INVALID: {
    kind: 'usage',
    message: (a: { reason: string }) => `The pack manifest is invalid: ${a.reason}`,
    hint: 'See docs/templates.md for the manifest format.',
  },
  SPECFORGE_OUTPUT_IS_DIRECTORY: {
    kind: 'usage',
    message: (a: { file: string }) => `The output path ${a.file} is a directory.`,
    hint: 'Pass a file path to --out, e.g. --out plan.md.',
  },
  SPECFORGE_OUTPUT_UNWRITABLE: {
    kind: 'usage',
    message: (a: { file: string; reason: string }) =>
      `The output ${a.file} cannot be written: ${a.reason}.`,
    hint: 'Check that the directory exists and is writable; nothing was written.',
  },
  SPECFORGE_PROJECT_BUSY: {
    kind: 'problem',
    message: (a: { command: string; pid: number; file: string }) =>
      `Another specforge process (pid ${a.pid}, \`${a.command}\`) is writing this project; it still held ${a.file} when the wait ran out.`,
    hint: 'Run the command again when the other one has finished. If no such process runs, delete the lock file.',
  },
  SPECFORGE_FILE_TOO_LARGE: {
    kind: 'usage',
    message: (a: { file: string; size: number; limit: number }) =>
      `${a.file} is ${(a.size / 1048576).toFixed(1)} MiB; specforge reads documents up to ${a.limit / 1048576} MiB.`,
    hint: 'Check that this is the file you meant; split a document that large into several.',
  },
  SPECFORGE_PLAN_EDITED: {
    kind: 'problem',
    message: (a: { file: string }) =>
      `${a.file} was edited by hand since specforge generated it; it was left untouched.`,
    hint: 'See what regenerating would change with `specforge plan <spec> --dry-run` (prints the diff); pass --force to overwrite your edits.',
  },
  SPECFORGE_OUTPUT_EXISTS: {
    kind: 'problem',
    message: (a: { file: string }) =>
      `${a.file} exists and was not generated by specforge (it has no provenance block); it was left untouched.`,
    hint: 'Pass --out to write elsewhere, or --force to replace the file.',
  },
  SPECFORGE_FILE_EXISTS: {
    kind: 'problem',
    message: (a: { file: string }) => `${a.file} exists already; nothing was written.`,
    hint: 'Move the file away or choose another name; specforge does not overwrite files it did not make.',
  },
  SPECFORGE_CONFIG_INVALID: {
    kind: 'usage',
    message: (a: { reason: string }) => `The specforge config is invalid: ${a.reason}`,
    hint: 'See docs/configuration.md for the fields specforge.config.yaml accepts.',
  },
  SPECFORGE_LOCK_INVALID: {
    kind: 'usage',
    message: (a: { file: string; reason: string }) =>
      `The lock file ${a.file} is invalid: ${a.reason}.`,
    hint: 'Restore it from version control, or delete it and run the command again without --frozen to write a new one.',
  },
  SPECFORGE_PACK_CYCLE: {
    kind: 'usage',
    message: (a: { cycle: string[] }) =>
      `Template packs extend each other in a cycle: ${a.cycle.join(' → ')}.`,
    hint: 'Remove "specforge.extends" from one of these packs so the chain ends in a pack that extends nothing.',
  },
  SPECFORGE_PACK_NAME_CONFLICT: {
    kind: 'usage',
    message: (a: { name: string; first: string; second: string }) =>
      `Two different packs are named "${a.name}": ${a.first} and ${a.second}.`,
    hint: 'Give one of them another "specforge.name" in its package.json; template refs need unique pack names.',
  },
  SPECFORGE_LOCK_MISMATCH: {
    kind: 'usage',
    message: (a: { changes: string[] }) =>
      `The packs no longer match specforge.lock (--frozen): ${a.changes.join('; ')}.`,
    hint: 'Run the command without --frozen to update the lock, review the change, and commit specforge.lock.',
  },
  SPECFORGE_OVERLAY_BASE_NOT_FOUND: {
    kind: 'usage',
    message: (a: { ref: string; pack: string; available: string[] }) =>
      `The overlay extends ${a.ref}, which the base packs of ${a.pack} do not provide.${a.available.length ? ` They provide: ${a.available.join(', ')}.` : ''}`,
    hint: 'Point "extends" in the overlay front matter at a template of a pack this pack extends.',
  },
  SPECFORGE_USAGE: {
    kind: 'usage',
    message: (a: { reason: string }) => a.reason,
    hint: 'Run `specforge --help` for usage.',
  },
  SPECFORGE_SOURCE_INVALID: {
    kind: 'usage',
    message: (a: { source: string; reason: string }) =>
      `${JSON.stringify(a.source)} is not a valid pack source: ${a.reason}`,
    hint: 'Write a pack source as <npm package>@<range> (@acme/templates@^1.0.0), ./<folder> or path:<folder>, or git+<url>#<tag or commit>; see docs/sources.md.',
  },
  SPECFORGE_SOURCE_NOT_FOUND: {
    kind: 'usage',
    message: (a: { source: string; reason: string }) =>
      `The pack source ${a.source} cannot be found: ${a.reason}`,
    hint: 'Check the source; see docs/sources.md for the forms a pack source takes.',
  },
  SPECFORGE_SOURCE_REF_NOT_FOUND: {
    kind: 'usage',
    message: (a: { url: string; ref: string; reason: string }) =>
      `The git repository ${a.url} has no tag, branch or commit "${a.ref}" (${a.reason}); nothing was added to the cache.`,
    hint: 'List its tags with `git ls-remote --tags <url>` and name one that exists; write a commit in full (40 hex digits).',
  },
  SPECFORGE_SOURCE_VERSION_MISMATCH: {
    kind: 'usage',
    message: (a: { source: string; version: string; range: string }) =>
      `The pack source ${a.source} resolved to version ${a.version}, which does not satisfy the range ${a.range}.`,
    hint: 'Install or point at a version inside the range, or change the range. A prerelease such as 2.0.0-beta.1 only satisfies a range that names a prerelease of 2.0.0 (^2.0.0-beta.0).',
  },
  SPECFORGE_SOURCE_GIT_FAILED: {
    kind: 'usage',
    message: (a: { url: string; reason: string }) =>
      `git could not fetch ${a.url} (${a.reason}); nothing was added to the cache.`,
    hint: 'Check the URL, the network and your git credentials; specforge runs git without prompts, so use a credential helper or an SSH agent.',
  },
  SPECFORGE_OVERLAY_INVALID: {
    kind: 'usage',
    message: (a: { reason: string }) => `The overlay is invalid: ${a.reason}`,
    hint: 'See docs/overlays.md for the front matter and the directives an overlay may use.',
  },
  SPECFORGE_OVERLAY_TARGET_MISSING: {
    kind: 'usage',
    message: (a: { op: string; target: string; base: string; closest: string[] }) =>
      `The overlay cannot ${a.op} "${a.target}": ${a.base} has no section with that heading path, so nothing was composed.${a.closest.length ? ` Closest heading paths: ${a.closest.join(', ')}.` : ''}`,
    hint: 'Name an existing section by its heading path (heading slugs joined with "/"), or end the directive with "optional" to skip it when the section is absent.',
  },
  SPECFORGE_IMPORT_NOTHING: {
    kind: 'usage',
    message: (a: { path: string; reason: string }) =>
      `There is nothing to import at ${a.path}: ${a.reason}`,
    hint: 'Pass a Spec Kit checkout or release folder (templates/*-template.md), a project (.specify/templates/), or a preset folder (preset.yml); see docs/import.md.',
  },
  SPECFORGE_IMPORT_PRESET_INVALID: {
    kind: 'usage',
    message: (a: { reason: string }) =>
      `The Spec Kit preset is invalid: ${a.reason}; nothing was imported.`,
    hint: 'Fix preset.yml or the file it names; see docs/import.md for the fields an import reads.',
  },
  SPECFORGE_IMPORT_STRATEGY_UNKNOWN: {
    kind: 'usage',
    message: (a: { name: string; strategy: string; suggestion: string | undefined }) =>
      `The preset template ${a.name} has the strategy ${JSON.stringify(a.strategy)}, which Spec Kit does not know; nothing was imported.${a.suggestion ? ` Did you mean "${a.suggestion}"?` : ''}`,
    hint: 'Use one of replace (the default), prepend, append or wrap.',
  },
  SPECFORGE_IMPORT_VERSION_INVALID: {
    kind: 'usage',
    message: (a: { reason: string }) =>
      `The pack version cannot be determined: ${a.reason}; nothing was imported.`,
    hint: 'Pass the version with --version, e.g. --version 1.0.1.',
  },
  SPECFORGE_IMPORT_NAME_INVALID: {
    kind: 'usage',
    message: (a: { name: string }) =>
      `${JSON.stringify(a.name)} is not a valid pack name; nothing was imported.`,
    hint: 'Pass --name with lower-case letters and digits, with "-", "_" or "." inside, e.g. --name spec-kit.',
  },
  SPECFORGE_IMPORT_OUT_NOT_DIRECTORY: {
    kind: 'usage',
    message: (a: { dir: string }) =>
      `The output ${a.dir} is a file, not a folder; nothing was written.`,
    hint: 'Pass a folder to --out; it is created when missing.',
  },
  SPECFORGE_IMPORT_FILES_EXIST: {
    kind: 'problem',
    message: (a: { dir: string; files: string[] }) =>
      `${a.dir} already holds ${a.files.join(', ')}; nothing was written.`,
    hint: 'Pass --force to overwrite them (files the import does not produce are left alone), or --out to import into another folder.',
  },
  SPECFORGE_IMPORT_SKIPPED: {
    kind: 'warning',
    message: (a: { what: string; reason: string }) => `${a.what} was not imported: ${a.reason}`,
    hint: 'See docs/import.md for what an import takes from each kind of input.',
  },
  SPECFORGE_IMPORT_EMPTY: {
    kind: 'warning',
    message: (a: { reason: string }) => `The imported pack has no templates: ${a.reason}`,
    hint: 'Spec Kit commands and scripts have no specforge counterpart; only document templates are imported.',
  },
  SPECFORGE_IMPORT_VERSION_UNCERTAIN: {
    kind: 'warning',
    message: (a: { version: string; evidence: string }) =>
      `The pack version is ${a.version}, but ${a.evidence}.`,
    hint: 'If the version is wrong, import again with --version <the Spec Kit version> (and --force to replace the files).',
  },
  SPECFORGE_IMPORT_TEXT_CHANGED: {
    kind: 'warning',
    message: (a: { file: string; change: string }) =>
      `${a.file} was changed on import: ${a.change}.`,
    hint: 'The rendered template differs from the Spec Kit file only in this; see docs/import.md.',
  },
  SPECFORGE_IMPORT_NAME_TAKEN: {
    kind: 'warning',
    message: (a: { name: string }) =>
      `The pack is named ${a.name}, like the base pack its overlays extend; a project cannot resolve both (SPECFORGE_PACK_NAME_CONFLICT).`,
    hint: 'Import again with another --name, e.g. the preset id.',
  },
  SPECFORGE_EXPORT_ID_INVALID: {
    kind: 'usage',
    message: (a: { id: string }) =>
      `The preset id ${JSON.stringify(a.id)} is not a Spec Kit preset id (lower-case letters, digits and "-").`,
    hint: 'Pass --id with such a name; the preset id defaults to the pack name.',
  },
  SPECFORGE_EXPORT_OUT_NOT_DIRECTORY: {
    kind: 'usage',
    message: (a: { dir: string }) =>
      `The output ${a.dir} is a file, not a folder; nothing was written.`,
    hint: 'Pass a folder to --out; it is created when missing.',
  },
  SPECFORGE_EXPORT_FILES_EXIST: {
    kind: 'problem',
    message: (a: { dir: string; files: string[] }) =>
      `${a.dir} holds ${a.files.join(', ')}, which the last export did not write or which were edited since; nothing was written.`,
    hint: 'Pass --force to replace them (other files in the folder are left alone), or --out to export into another folder.',
  },
  SPECFORGE_EXPORT_SKIPPED: {
    kind: 'warning',
    message: (a: { ref: string; reason: string }) =>
      `The template ${a.ref} was not exported: ${a.reason}.`,
    hint: 'Copy the template under an id of lower-case letters, digits and "-" to export it.',
  },
  SPECFORGE_EXPORT_EXPRESSIONS_KEPT: {
    kind: 'warning',
    message: (a: { ref: string; expression: string }) =>
      `The template ${a.ref} cannot render without a project, so its Handlebars source is written as it stands (the first expression is ${a.expression}); Spec Kit shows it as written.`,
    hint: 'Declare every input the template uses under `inputs:` in its front matter so that the export can render it with placeholders; `specforge template import speckit` of the preset restores the template either way.',
  },
  SPECFORGE_MERGE_UNRESOLVED_CONFLICT: {
    kind: 'conflict',
    message: (a: { label: string; line: number }) =>
      `The fork's text (${a.label}) still has a conflict marker on line ${a.line} from an earlier merge, so it was not merged again; nothing was changed.`,
    hint: 'Resolve that conflict first: keep the text you want between <<<<<<< and >>>>>>>, delete the marker lines (<<<<<<<, |||||||, =======, >>>>>>>), then merge again.',
  },
  SPECFORGE_MERGE_LABEL_INVALID: {
    kind: 'usage',
    message: (a: { side: string; label: string }) =>
      `The ${a.side} label ${JSON.stringify(a.label)} holds a line break, so its conflict marker would not be one line.`,
    hint: 'Pass a label without line breaks, e.g. the pack and version: speckit@1.2.0.',
  },
  SPECFORGE_REBASE_NOT_GENERATED: {
    kind: 'usage',
    message: (a: { file: string; reason: string }) =>
      `${a.file} cannot be rebased: ${a.reason}; nothing was written.`,
    hint: 'Rebase a plan that specforge generated (it ends with a provenance block); run specforge plan without --rebase to generate one.',
  },
  SPECFORGE_REBASE_BASE_UNKNOWN: {
    kind: 'usage',
    message: (a: { file: string; tried: string[] }) =>
      `The generated text that ${a.file} was edited from cannot be found, so its edits cannot be rebased; nothing was written. Tried: ${a.tried.join('; ')}.`,
    hint: 'Commit plans as generated before editing them (the rebase finds the generated text in the git history of the plan), or run specforge plan --force and re-apply your edits.',
  },
  SPECFORGE_CHECK_CLARIFICATION_OPEN: {
    kind: 'warning',
    message: (a: { text: string }) =>
      `An open question is still marked: [NEEDS CLARIFICATION: ${a.text}].`,
    hint: 'Answer the question in the spec (e.g. in a Clarifications session) and replace the marker with the decision.',
  },
  SPECFORGE_CHECK_ID_DUPLICATE: {
    kind: 'problem',
    message: (a: { id: string; firstLine: number }) =>
      `${a.id} is used again; it was first defined on line ${a.firstLine}.`,
    hint: 'Give each requirement, success criterion and task its own id; renumber the later one, never the one plans and tasks already cite.',
  },
  SPECFORGE_CHECK_ID_MALFORMED: {
    kind: 'problem',
    message: (a: { id: string; pattern: string; template: string }) =>
      `${a.id} is not a well-formed id: the template ${a.template} writes ${a.id.match(/^[A-Za-z]+/)?.[0] ?? ''} ids as ${a.pattern}.`,
    hint: "Renumber the id to the pattern (e.g. FR-001, FR-012a, SC-003, T001); the pattern is the template's idPatterns entry.",
  },
  SPECFORGE_CHECK_FILL_LEFT: {
    kind: 'problem',
    message: (a: { slot: string }) => `A slot is still to be filled: <!-- fill: ${a.slot} -->.`,
    hint: 'Write the missing text in place of the slot and delete the comment.',
  },
  SPECFORGE_CHECK_SECTION_MISSING: {
    kind: 'problem',
    message: (a: { path: string; template: string }) =>
      `The section ${a.path} is missing; the template ${a.template} requires it.`,
    hint: 'Restore the heading (its slug path is shown), or regenerate the plan with specforge plan --force.',
  },
  SPECFORGE_CHECK_PLAN_STALE: {
    kind: 'warning',
    message: (a: { what: 'spec' | 'template'; source: string; document?: string }) =>
      a.what === 'spec'
        ? `The ${a.document ?? 'plan'} is stale: the spec ${a.source} changed since it was generated.`
        : `The ${a.document ?? 'plan'} is stale: the template ${a.source} changed since it was generated.`,
    hint: 'Re-run specforge plan on the spec to regenerate it (a plan edited by hand needs --force, which replaces your edits).',
  },
  SPECFORGE_CHECK_TEMPLATE_UNKNOWN: {
    kind: 'warning',
    message: (a: { template: string }) =>
      `The template ${a.template} that generated this document is not among the project's packs, so its rules were not checked.`,
    hint: 'Add the pack to packs: in specforge.config.yaml, or regenerate the plan with a template the project has.',
  },
  SPECFORGE_CHECK_SPEC_MISSING: {
    kind: 'warning',
    message: (a: { spec: string }) =>
      `The spec ${a.spec} that this document was generated from does not exist, so staleness and traces were not checked.`,
    hint: 'Restore the spec, or delete the plan if the feature was dropped.',
  },
  SPECFORGE_CHECK_PATH_NOT_FOUND: {
    kind: 'usage',
    message: (a: { path: string }) => `${a.path} does not exist; nothing was checked.`,
    hint: 'Pass spec or plan files, or folders holding them; paths are resolved from the current directory.',
  },
  SPECFORGE_CHECK_PLACEHOLDER_LEFT: {
    kind: 'problem',
    message: (a: { text: string; template: string }) =>
      `The placeholder ${JSON.stringify(a.text)} of the template ${a.template} is still here.`,
    hint: 'Replace the placeholder with the real content (the template lists its placeholders in its placeholders: metadata).',
  },
  SPECFORGE_CHECK_UNTRACED: {
    kind: 'problem',
    message: (a: { id: string; spec: string; line: number; scope: string }) =>
      `${a.id} (${a.spec}:${a.line}) is not referenced ${a.scope}.`,
    hint: "Cover it: mention its id where the work is planned (a phase, a task's [USn] marker), or drop it from the spec if it is out of scope.",
  },
  SPECFORGE_CHECK_REFERENCE_UNKNOWN: {
    kind: 'problem',
    message: (a: { id: string; spec: string }) =>
      `${a.id} is referenced, but the spec ${a.spec} defines no ${a.id}.`,
    hint: 'Fix the reference (a typo or a renumbered id), or add the missing item to the spec.',
  },
  SPECFORGE_SPECS_NOT_FOUND: {
    kind: 'usage',
    message: (a: { path: string }) => `No spec matches ${a.path}; nothing was done.`,
    hint: 'A folder is searched for spec.md files (node_modules and dot folders skipped) and a glob must match files, e.g. "specs/**/spec.md"; quote globs so that the shell leaves them alone.',
  },
  SPECFORGE_DOCS_SITE_MISSING: {
    kind: 'usage',
    message: (a: { command: string }) =>
      `specforge ${a.command} needs the @specforge/docs-site package, which is not installed; nothing was built.`,
    hint: 'Add it where @specforge/cli is installed: `npm install --save-dev @specforge/docs-site` or `pnpm add -D @specforge/docs-site` (beside a global specforge: `npm install -g @specforge/docs-site`). It is an optional peer of the CLI, so `specforge plan` never installs a site generator.',
  },
  SPECFORGE_AGENT_UNKNOWN: {
    kind: 'usage',
    message: (a: { agent: string; available: string[] }) =>
      `specforge cannot export commands for the agent ${JSON.stringify(a.agent)}; nothing was written. Choose one of: ${a.available.join(', ')}.`,
    hint: 'Pass --agent with one of these names, e.g. --agent claude; `generic` writes plain Markdown commands to .specforge/commands. See docs/agents.md.',
  },
  SPECFORGE_AGENT_DIR_NOT_DIRECTORY: {
    kind: 'usage',
    message: (a: { dir: string }) => `${a.dir} is a file, not a folder; nothing was written.`,
    hint: "Pass --dir the folder the agent's files go under (the project root by default); it is created when missing.",
  },
  SPECFORGE_AGENT_MANIFEST_INVALID: {
    kind: 'usage',
    message: (a: { file: string; reason: string }) =>
      `The agents manifest ${a.file} is invalid: ${a.reason}; nothing was written.`,
    hint: 'Restore it from version control, or delete it and export again: files that then differ from the export count as yours and are kept unless you pass --force.',
  },
  SPECFORGE_AGENT_FILES_KEPT: {
    kind: 'problem',
    message: (a: { agent: string; files: string[] }) =>
      `These files of the ${a.agent} export were edited since the last export, or were not written by specforge, so the export leaves them untouched: ${a.files.join(', ')}.`,
    hint: 'See what the export would write with --dry-run; pass --force to replace them with the exported text, losing those edits.',
  },
} as const;

/** A permanent specforge error code. */
export type ErrorCode = keyof typeof errorCatalog;
