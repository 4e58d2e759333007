/**
 * Every error code specforge can raise, with its message and hint. Codes are permanent:
 * never reuse or rename one; add a new entry instead.
 *
 * `kind` decides the exit code in the CLI: `usage` → 2 (bad usage or bad input),
 * `problem` → 1 (the command ran and found problems), `conflict` → 3.
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
    message: (a: { file: string; reason: string }) => `The spec file ${a.file} cannot be read: ${a.reason}.`,
    hint: 'Check the file permissions.',
  },
  SPECFORGE_SPEC_EMPTY: {
    kind: 'usage',
    message: (a: { file: string }) => `The spec file ${a.file} is empty.`,
    hint: 'Write the spec first (Spec Kit structure or free-form Markdown); an empty spec yields no plan.',
  },
  SPECFORGE_SPEC_BINARY: {
    kind: 'usage',
    message: (a: { file: string }) => `${a.file} looks like a binary file (it contains NUL bytes), not a Markdown spec.`,
    hint: 'Pass a Markdown (.md) spec file.',
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
    message: (a: { input: string }) => `The template uses the input "${a.input}", which was not provided.`,
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
    message: (a: { file: string; reason: string }) => `The output ${a.file} cannot be written: ${a.reason}.`,
    hint: 'Check that the directory exists and is writable; nothing was written.',
  },
  SPECFORGE_PLAN_EDITED: {
    kind: 'problem',
    message: (a: { file: string }) =>
      `${a.file} was edited by hand since specforge generated it; it was left untouched.`,
    hint: 'See your edits with `specforge plan <spec> --dry-run` (prints the new text) and a diff tool; pass --force to overwrite them.',
  },
  SPECFORGE_USAGE: {
    kind: 'usage',
    message: (a: { reason: string }) => a.reason,
    hint: 'Run `specforge --help` for usage.',
  },
} as const;

/** A permanent specforge error code. */
export type ErrorCode = keyof typeof errorCatalog;
