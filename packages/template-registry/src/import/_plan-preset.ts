import { basename, join, resolve } from 'node:path';
import {
  createWarning,
  type Diagnostic,
  hashGeneratedText,
  parseTemplateFile,
  SpecforgeError,
  type TemplateMeta,
} from '@specforge/core';
import { stringify } from 'yaml';
import {
  parseSpeckitExportRecord,
  SPECKIT_EXPORT_RECORD,
  type SpeckitExportRecord,
  type SpeckitExportRecordEntry,
} from '../export/speckit-export-record.js';
import { type DraftTemplate, type PackDraft, sortTemplates } from './_draft.js';
import { type PresetManifest, parsePresetManifest } from './_preset-manifest.js';
import { readTextIfPresent } from './_read.js';
import { buildOverlayFile, buildTemplateFile, joinDescriptions } from './_template-files.js';
import { countHandlebarsOpenings, escapeHandlebars } from './escape-handlebars.js';
import { mapTemplateName, speckitCoreTemplateIds } from './_template-names.js';
import { readUpstreamText } from './_upstream-text.js';
import { normalizeVersion, semverRangeFromSpecifier, suggestVersion } from './_versions.js';
import { defaultCheckoutName } from './_plan-checkout.js';
import type { ImportBase } from './import-types.js';

/** Where Spec Kit's `wrap` strategy puts the lower layer. */
const corePlaceholder = '{CORE_TEMPLATE}';

/**
 * Plans the pack of a Spec Kit preset: an overlay pack whose templates are whole-file overlays
 * (`strategy:` front matter) extending the base pack's templates; commands and scripts are
 * skipped with a warning.
 */
export async function planPreset(
  root: string,
  options: { name: string | undefined; version: string | undefined; base: ImportBase | undefined },
): Promise<PackDraft> {
  const manifestFile = join(root, 'preset.yml');
  const manifestText = await readTextIfPresent(manifestFile);
  if (manifestText === undefined) {
    throw new SpecforgeError(
      'SPECFORGE_IMPORT_PRESET_INVALID',
      { reason: `${manifestFile} cannot be read` },
      { location: { file: manifestFile } },
    );
  }
  const manifest = parsePresetManifest(manifestText, manifestFile);
  const version = options.version ?? presetVersion(manifest);
  // A preset that specforge exported says how to restore each template exactly.
  const recordFile = join(root, SPECKIT_EXPORT_RECORD);
  const recordText = await readTextIfPresent(recordFile);
  const record =
    recordText === undefined ? undefined : parseSpeckitExportRecord(recordText, recordFile);
  let restored = 0;
  const range =
    manifest.speckitRequirement === undefined
      ? undefined
      : semverRangeFromSpecifier(manifest.speckitRequirement);
  const base = options.base ?? {
    name: defaultCheckoutName,
    source: `path:../${defaultCheckoutName}${range === undefined ? '' : `@${range}`}`,
  };

  const warnings: Diagnostic[] = [];
  const notImported: string[] = [];
  const templates: DraftTemplate[] = [];
  const seen = new Set<string>();
  const at = (line: number) => ({ file: manifestFile, line });
  const label = `preset ${manifest.id} ${manifest.version}`;

  for (const entry of manifest.entries) {
    const what = `${entry.type} ${entry.name}`;
    if (entry.type !== 'template') {
      const reason =
        entry.type === 'command'
          ? 'it is an agent command prompt, not a document template'
          : 'it is a script, not a document template';
      warnings.push(
        createWarning('SPECFORGE_IMPORT_SKIPPED', { what: `The ${what}`, reason }, at(entry.line)),
      );
      notImported.push(`The ${entry.type} \`${entry.name}\` (\`${entry.file}\`): ${reason}.`);
      continue;
    }
    if (seen.has(entry.name)) {
      const reason = 'an earlier entry provides the same template, and Spec Kit uses the first';
      warnings.push(
        createWarning(
          'SPECFORGE_IMPORT_SKIPPED',
          { what: `The second ${what}`, reason },
          at(entry.line),
        ),
      );
      continue;
    }
    seen.add(entry.name);
    const mapped = mapTemplateName(entry.name);
    if (!mapped) continue; // The manifest check already keeps names to [a-z0-9-]+, which always map.
    const core = speckitCoreTemplateIds.includes(mapped.id);
    if (!core && entry.strategy !== 'replace') {
      const reason = `it ${entry.strategy}s onto ${entry.name}, which is not a Spec Kit core template (an extension's, perhaps), so there is no base template to compose it onto`;
      warnings.push(
        createWarning('SPECFORGE_IMPORT_SKIPPED', { what: `The ${what}`, reason }, at(entry.line)),
      );
      notImported.push(
        `The template \`${entry.name}\` (\`${entry.file}\`, ${entry.strategy}): ${reason}.`,
      );
      continue;
    }

    const source = { rel: entry.file, path: join(root, entry.file) };
    const raw = await readTextIfPresent(source.path);
    if (raw === undefined) {
      throw new SpecforgeError(
        'SPECFORGE_IMPORT_PRESET_INVALID',
        {
          reason: `${manifestFile}: the file ${entry.file} of ${entry.name} does not exist or cannot be read`,
        },
        { location: at(entry.fileLine) },
      );
    }
    const upstream = readUpstreamText(raw, source);
    if (!upstream) {
      const reason = 'its file holds a NUL byte, so it is not a text template';
      warnings.push(
        createWarning(
          'SPECFORGE_IMPORT_SKIPPED',
          { what: `The ${what}`, reason },
          { file: source.path },
        ),
      );
      notImported.push(`The template \`${entry.name}\` (\`${entry.file}\`): ${reason}.`);
      continue;
    }
    warnings.push(...upstream.warnings);
    const exported = record?.templates.find(
      (candidate) => candidate.name === entry.name && candidate.file === entry.file,
    );
    if (exported && entry.strategy === 'replace') {
      templates.push(
        restoreExported(
          upstream.text,
          raw,
          exported,
          mapped.id,
          source,
          record!,
          recordFile,
          warnings,
        ),
      );
      restored += 1;
      continue;
    }
    const description = `${entry.description ? `${entry.description.trim().replace(/[.!?]?$/, '.')} ` : ''}Imported from Spec Kit ${label} ${entry.file}`;

    if (!core) {
      const built = buildTemplateFile(upstream.text, mapped, description, source);
      warnings.push(...built.warnings);
      templates.push({
        id: mapped.id,
        kind: mapped.kind,
        path: `${mapped.id}.md`,
        strategy: 'template',
        from: [entry.file],
        output: mapped.output,
        content: built.content,
        escaped: built.escaped,
      });
      continue;
    }
    if (entry.strategy === 'wrap') {
      if (!upstream.text.includes(corePlaceholder)) {
        throw new SpecforgeError(
          'SPECFORGE_IMPORT_PRESET_INVALID',
          {
            reason: `${entry.file} (${entry.name}, strategy wrap) never says ${corePlaceholder}, where Spec Kit puts the lower layer`,
          },
          {
            location: { file: source.path },
            hint: `Write ${corePlaceholder} on the line where the wrapped template goes, or use another strategy.`,
          },
        );
      }
      if (/[{\\]\{CORE_TEMPLATE\}|\{CORE_TEMPLATE\}\{/.test(upstream.text)) {
        warnings.push(
          createWarning(
            'SPECFORGE_IMPORT_TEXT_CHANGED',
            {
              file: entry.file,
              change: `a brace or backslash touches ${corePlaceholder}, so the composed template may render a "{{" from the joined texts as an expression; put ${corePlaceholder} on a line of its own`,
            },
            { file: source.path },
          ),
        );
      }
    }
    const built = buildOverlayFile(
      upstream.text,
      { extendsRef: `${base.name}/${mapped.id}`, strategy: entry.strategy, description },
      source,
    );
    warnings.push(...built.warnings);
    templates.push({
      id: mapped.id,
      kind: mapped.kind,
      path: `${mapped.id}.md`,
      strategy: entry.strategy,
      from: [entry.file],
      output: undefined,
      content: built.content,
      escaped: built.escaped,
    });
  }

  sortTemplates(templates);
  if (templates.length === 0) {
    warnings.push(
      createWarning(
        'SPECFORGE_IMPORT_EMPTY',
        {
          reason: `the ${label} provides commands or scripts only, and those are not document templates`,
        },
        { file: manifestFile },
      ),
    );
  }

  const folder = basename(resolve(root));
  if (record && restored > 0 && restored === templates.length) {
    // Every template came back whole: the pack stands alone, as the exported pack's templates did.
    return {
      detected: 'preset',
      name: options.name ?? manifest.id,
      version,
      speckitVersion: undefined,
      templates,
      extends: undefined,
      baseName: undefined,
      license: manifest.license,
      description:
        manifest.description.trim() || `The Spec Kit preset ${manifest.id} as a specforge pack`,
      origin: `the Spec Kit preset “${manifest.name}” (\`${manifest.id}\` ${manifest.version}) in the folder \`${folder}\`, which \`specforge export speckit-preset\` made from the pack \`${record.pack.name}\` ${record.pack.version}; each template's metadata comes from its \`${SPECKIT_EXPORT_RECORD}\``,
      notImported,
      versionNote: `The pack version is the preset's version, ${version}.`,
      attribution: manifest.license
        ? `The preset declares the license ${manifest.license}; keep its notice with every copy.\n`
        : 'The preset declares no license; ask its author before you publish this pack.\n',
      changelog: `Imports the Spec Kit preset ${manifest.id} ${manifest.version}, exported from ${record.pack.name} ${record.pack.version} (${templates.map((t) => t.id).join(', ')}).`,
      warnings,
    };
  }
  const requirement = manifest.speckitRequirement
    ? ` It requires Spec Kit ${manifest.speckitRequirement}${range === undefined ? ' (which has no semver range, so `specforge.extends` names none)' : ''}.`
    : '';
  const credits = [
    manifest.author && `by ${manifest.author}`,
    manifest.repository && `from ${manifest.repository}`,
  ]
    .filter(Boolean)
    .join(', ');
  return {
    detected: 'preset',
    name: options.name ?? manifest.id,
    version,
    speckitVersion: undefined,
    templates,
    extends: base.source,
    baseName: base.name,
    license: manifest.license,
    description: joinDescriptions(
      `The Spec Kit preset ${manifest.name} (${manifest.id} ${manifest.version}) as a specforge overlay pack`,
      manifest.description.trim(),
    ),
    origin: `the Spec Kit preset “${manifest.name}” (\`${manifest.id}\` ${manifest.version}${credits ? `, ${credits}` : ''}) in the folder \`${folder}\`, as overlays on the pack \`${base.name}\` (\`${base.source}\`)`,
    notImported,
    versionNote: `The pack version is the preset's version, ${version}.${requirement} Each overlay applies its file the way Spec Kit composes a preset layer (\`replace\`, \`prepend\`, \`append\` or \`wrap\`), over the template of the same name in \`${base.name}\`: import a Spec Kit release as \`${base.name}\` beside this pack (\`specforge template import speckit <checkout> --name ${base.name}\`).`,
    attribution: manifest.license
      ? `The preset declares the license ${manifest.license}${credits ? ` (${credits})` : ''}; keep its notice with every copy.\n`
      : `The preset declares no license${credits ? ` (${credits})` : ''}; ask its author before you publish this pack.\n`,
    changelog: `Imports the Spec Kit preset ${manifest.id} ${manifest.version} (${templates.length === 0 ? 'no templates' : templates.map((t) => `${t.id}: ${t.strategy}`).join(', ')}).`,
    warnings,
  };
}

function presetVersion(manifest: PresetManifest): string {
  const version = normalizeVersion(manifest.version);
  if (version !== undefined) return version;
  const suggestion = suggestVersion(manifest.version);
  throw new SpecforgeError(
    'SPECFORGE_IMPORT_VERSION_INVALID',
    {
      reason: `preset.version is "${manifest.version}", which is not a semver version (Spec Kit accepts any Python version)`,
    },
    {
      location: { file: manifest.file, line: manifest.versionLine },
      ...(suggestion
        ? { hint: `Pass the pack version with --version, e.g. --version ${suggestion}.` }
        : {}),
    },
  );
}

/**
 * A template that `specforge export speckit-preset` wrote, made whole again: the record's
 * metadata as front matter, then the file's text (escaped again when the export wrote the text
 * a body renders to). The metadata is checked as any template file's is.
 */
function restoreExported(
  text: string,
  raw: string,
  entry: SpeckitExportRecordEntry,
  id: string,
  source: { rel: string; path: string },
  record: SpeckitExportRecord,
  recordFile: string,
  warnings: Diagnostic[],
): DraftTemplate {
  const invalid = (reason: string) =>
    new SpecforgeError(
      'SPECFORGE_IMPORT_PRESET_INVALID',
      { reason: `${recordFile}: ${reason}` },
      { location: { file: recordFile, line: entry.line } },
    );
  if (entry.meta.id !== id)
    throw invalid(
      `the metadata of ${entry.name} names the id ${JSON.stringify(entry.meta.id)}, not ${JSON.stringify(id)}`,
    );
  const edited = hashGeneratedText(raw) !== entry.sha256;
  if (edited) {
    warnings.push(
      createWarning(
        'SPECFORGE_IMPORT_TEXT_CHANGED',
        {
          file: source.rel,
          change: `it was edited since specforge exported it (its hash is not the one ${SPECKIT_EXPORT_RECORD} records), so the template holds the edited text${entry.body === 'text' ? '' : ' as it stands'}`,
        },
        { file: source.path },
      ),
    );
  }
  // Unedited, the template comes back as it was: its text escaped again, or its Handlebars source.
  // Edited, the file's text is what the team means now, and a rendered file is plain text.
  const body =
    entry.body === 'source'
      ? text
      : entry.body === 'rendered' && !edited
        ? entry.source!
        : escapeHandlebars(text);
  const content = `---\n${stringify(entry.meta, { lineWidth: 0 })}---\n${body}`;
  let meta: TemplateMeta;
  try {
    ({ meta } = parseTemplateFile(content, {
      file: source.path,
      pack: { name: record.pack.name, version: record.pack.version },
    }));
  } catch (error) {
    if (!(error instanceof SpecforgeError)) throw error;
    throw invalid(`the metadata of ${entry.name} is not a template's: ${error.message}`);
  }
  return {
    id,
    kind: meta.kind,
    path: `${id}.md`,
    strategy: 'template',
    from: [entry.file],
    output: meta.output,
    content,
    escaped: body === text ? 0 : countHandlebarsOpenings(text),
  };
}
