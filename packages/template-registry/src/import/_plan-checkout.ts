import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createWarning, type Diagnostic, SpecforgeError } from '@specforge/core';
import { type DraftTemplate, type PackDraft, sortTemplates } from './_draft.js';
import { findSpeckitLicense, speckitAttribution } from './_license.js';
import { listFolder, readTextIfPresent } from './_read.js';
import { buildTemplateFile } from './_template-files.js';
import { mapTemplateName } from './_template-names.js';
import { readUpstreamText } from './_upstream-text.js';
import {
  normalizeVersion,
  readPyprojectVersion,
  suggestVersion,
  versionFromFolderName,
  versionFromVersionsList,
} from './_versions.js';

/**
 * The pack name Spec Kit material is imported as by default. It is the built-in pack's name: in
 * a project that lists the imported pack, it takes the built-in pack's place.
 */
export const defaultCheckoutName = 'speckit';

/** Plans the pack of a Spec Kit checkout or release tree: one template per `templates/*-template.md`. */
export async function planCheckout(
  root: string,
  options: { name: string | undefined; version: string | undefined },
): Promise<PackDraft> {
  const warnings: Diagnostic[] = [];
  const version = await checkoutVersion(root, options.version, warnings);
  const notImported: string[] = [];
  const templates: DraftTemplate[] = [];

  for (const entry of await listFolder(join(root, 'templates'))) {
    const rel = `templates/${entry.name}`;
    if (entry.kind === 'directory' && entry.name === 'commands') {
      const commands = (await listFolder(join(root, rel))).filter((file) =>
        file.name.endsWith('.md'),
      );
      if (commands.length === 0) continue;
      const names = commands.map((file) => file.name.replace(/\.md$/, ''));
      warnings.push(
        createWarning(
          'SPECFORGE_IMPORT_SKIPPED',
          {
            what: `templates/commands/ (${commands.length} command prompt${commands.length === 1 ? '' : 's'}: ${names.join(', ')})`,
            reason: 'they are the prompts of the /speckit.* agent commands, not document templates',
          },
          { file: join(root, rel) },
        ),
      );
      notImported.push(
        `\`templates/commands/\`: the prompts of the agent commands (${names.map((n) => `\`/speckit.${n}\``).join(', ')}), which specforge has no counterpart for.`,
      );
      continue;
    }
    if (entry.kind !== 'file') continue;
    if (!entry.name.endsWith('-template.md')) {
      notImported.push(`\`${rel}\`: not a document template (only \`*-template.md\` files are).`);
      continue;
    }
    const mapped = mapTemplateName(entry.name.slice(0, -'.md'.length));
    const source = { rel, path: join(root, rel) };
    if (!mapped) {
      warnings.push(
        skipped(
          rel,
          source.path,
          'its name does not make a template id (lower-case letters, digits, "-", "_" or ".")',
        ),
      );
      notImported.push(`\`${rel}\`: its name does not make a template id.`);
      continue;
    }
    const upstream = readUpstreamText(await readFile(source.path, 'utf8'), source);
    if (!upstream) {
      warnings.push(skipped(rel, source.path, 'it holds a NUL byte, so it is not a text template'));
      notImported.push(`\`${rel}\`: it is not text.`);
      continue;
    }
    warnings.push(...upstream.warnings);
    const built = buildTemplateFile(
      upstream.text,
      mapped,
      `Imported from Spec Kit v${version} ${rel}`,
      source,
    );
    warnings.push(...built.warnings);
    templates.push({
      id: mapped.id,
      kind: mapped.kind,
      path: `${mapped.id}.md`,
      strategy: 'template',
      from: [rel],
      output: mapped.output,
      content: built.content,
      escaped: built.escaped,
    });
  }

  sortTemplates(templates);
  if (templates.length === 0) {
    throw new SpecforgeError(
      'SPECFORGE_IMPORT_NOTHING',
      {
        path: root,
        reason: 'its templates/ folder holds no *-template.md file that can be imported.',
      },
      { location: { file: join(root, 'templates') } },
    );
  }

  const license = await findSpeckitLicense([root, join(root, '..')]);
  const folder = basename(resolve(root));
  const ids = templates.map((template) => template.id).join(', ');
  return {
    detected: 'checkout',
    name: options.name ?? defaultCheckoutName,
    version,
    speckitVersion: version,
    templates,
    extends: undefined,
    baseName: undefined,
    license: 'MIT',
    description: `The document templates of GitHub Spec Kit v${version} (${ids}) as a specforge template pack.`,
    origin: `the document templates of GitHub Spec Kit v${version} in a Spec Kit checkout (the folder \`${folder}\`)`,
    notImported,
    versionNote: `The pack version is the Spec Kit version, ${version}. To take a newer Spec Kit release, import it into this folder with \`--force\` (and \`--version\` when its \`pyproject.toml\` lags behind its tag, as v0.0.30's does); packs that extend this one with a range then choose when to follow.`,
    attribution: speckitAttribution(license, 'These templates'),
    changelog: `Imports the templates of GitHub Spec Kit v${version} (${ids}) from a Spec Kit checkout.`,
    warnings,
  };
}

/**
 * The version of a checkout: `--version` when given, else `version` in its `pyproject.toml`.
 * The folder name (`v0.0.30`) and a `VERSIONS.txt` beside the folder are evidence too: when
 * they disagree with the version taken, a warning says so.
 */
async function checkoutVersion(
  root: string,
  flag: string | undefined,
  warnings: Diagnostic[],
): Promise<string> {
  const pyprojectFile = join(root, 'pyproject.toml');
  const pyprojectText = await readTextIfPresent(pyprojectFile);
  const pyproject = pyprojectText === undefined ? undefined : readPyprojectVersion(pyprojectText);

  const folder = basename(resolve(root));
  const evidence: VersionEvidence[] = [];
  const fromName = versionFromFolderName(folder);
  if (fromName)
    evidence.push({
      version: fromName,
      says: `the folder name ${folder} says ${fromName}`,
      file: root,
    });
  const listFile = join(root, '..', 'VERSIONS.txt');
  const listText = await readTextIfPresent(listFile);
  const listed = listText === undefined ? undefined : versionFromVersionsList(listText, folder);
  if (listed) {
    evidence.push({
      version: listed.version,
      says: `${basename(listFile)} beside it lists ${folder} as ${listed.version}`,
      file: listFile,
      line: listed.line,
    });
  }

  if (flag !== undefined) {
    warnIfDisagreeing(flag, 'it comes from --version', evidence, warnings);
    return flag;
  }
  if (!pyproject) {
    const first = evidence[0];
    throw new SpecforgeError(
      'SPECFORGE_IMPORT_VERSION_INVALID',
      {
        reason: `${pyprojectText === undefined ? 'the checkout has no pyproject.toml' : 'its pyproject.toml has no [project] version'}, and a pack needs a version`,
      },
      {
        location: { file: pyprojectText === undefined ? root : pyprojectFile },
        ...(first
          ? {
              hint: `Pass the Spec Kit version with --version, e.g. --version ${first.version} (${first.says}).`,
            }
          : {}),
      },
    );
  }
  const version = normalizeVersion(pyproject.version);
  if (version === undefined) {
    const suggestion = evidence[0]?.version ?? suggestVersion(pyproject.version);
    throw new SpecforgeError(
      'SPECFORGE_IMPORT_VERSION_INVALID',
      {
        reason: `pyproject.toml says version = "${pyproject.version}", which is not a semver version`,
      },
      {
        location: { file: pyprojectFile, line: pyproject.line },
        ...(suggestion
          ? { hint: `Pass the Spec Kit version with --version, e.g. --version ${suggestion}.` }
          : {}),
      },
    );
  }
  warnIfDisagreeing(
    version,
    `it comes from pyproject.toml (line ${pyproject.line})`,
    evidence,
    warnings,
  );
  return version;
}

interface VersionEvidence {
  version: string;
  /** What the evidence says, e.g. `the folder name v0.0.30 says 0.0.30`. */
  says: string;
  file: string;
  line?: number;
}

function warnIfDisagreeing(
  version: string,
  origin: string,
  evidence: readonly VersionEvidence[],
  warnings: Diagnostic[],
): void {
  const other = evidence.find((item) => item.version !== version);
  if (!other) return;
  warnings.push(
    createWarning(
      'SPECFORGE_IMPORT_VERSION_UNCERTAIN',
      { version, evidence: `${origin} while ${other.says}` },
      { file: other.file, ...(other.line === undefined ? {} : { line: other.line }) },
    ),
  );
}

function skipped(rel: string, path: string, reason: string): Diagnostic {
  return createWarning('SPECFORGE_IMPORT_SKIPPED', { what: rel, reason }, { file: path });
}
