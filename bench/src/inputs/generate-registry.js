// A deterministic project for the docs-site figures: three packs in an extends chain (org → platform
// → team), each with its own templates, and five released versions of every pack in the project's
// git history, so `docs build` composes 3 packs × 5 versions of ~34 templates (about 500 template
// pages) plus the built-in pack.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

const SECTIONS = [
  'Context',
  'Approach',
  'Design',
  'Rollout',
  'Risks',
  'Testing',
  'Operations',
  'Open Questions',
];
const ids = (count) =>
  Array.from({ length: count }, (_, i) => `doc-${String(i + 1).padStart(2, '0')}`);

/** A full template of the org pack: a title and eight sections, one of them naming the release. */
function orgTemplate(id, release) {
  const sections = SECTIONS.map((title, index) => {
    const note = index === release % SECTIONS.length ? ` Revised in release ${release}.` : '';
    return `## ${title}\n\nWrite the ${title.toLowerCase()} of {{spec.title}} for ${id}.${note}\n\n- One point.\n- Another point.\n`;
  });
  return `---\nid: ${id}\nkind: other\ndescription: The ${id} document of the org, release ${release}.\nrequiredSections: [context, approach]\n---\n# ${id}: {{spec.title}}\n\n${sections.join('\n')}`;
}

/** An overlay of a fork: it replaces one section and appends to another, both varying by release. */
function overlay(base, id, layer, release) {
  const replaced = SECTIONS[(release + 2) % SECTIONS.length];
  const appended = SECTIONS[(release + 5) % SECTIONS.length];
  const slug = (title) => title.toLowerCase().replace(/\s+/g, '-');
  return [
    '---',
    `extends: ${base}/${id}`,
    '---',
    `<!-- specforge: replace ${slug(replaced)} -->`,
    `## ${replaced}`,
    '',
    `The ${layer} way, release ${release}: {{spec.title}} follows the ${layer} handbook.`,
    '',
    `<!-- specforge: append ${slug(appended)} -->`,
    `- Checked by ${layer} (release ${release}).`,
    '',
  ].join('\n');
}

function manifest(name, version, templates, base) {
  return `${JSON.stringify(
    {
      name: `@bench/${name}`,
      version,
      private: true,
      description: `The ${name} templates.`,
      specforge: {
        name,
        ...(base ? { extends: `path:../${base}` } : {}),
        templates: Object.fromEntries(templates.map((id) => [id, `${id}.md`])),
      },
    },
    null,
    2,
  )}\n`;
}

/**
 * Writes the project at `root` (a git repository with one commit per release) and returns the
 * number of template pages the site will have at each version (built-in pack excluded).
 */
export function generateRegistry(root, { templatesPerPack = 34, releases = 5 } = {}) {
  mkdirSync(root, { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: root, env: gitEnv, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  writeFileSync(
    join(root, 'specforge.config.yaml'),
    'name: Bench\npacks:\n  - ./packs/org\n  - ./packs/platform\n  - ./packs/team\n',
  );
  const templateIds = ids(templatesPerPack);
  const chain = [
    ['org', undefined],
    ['platform', 'org'],
    ['team', 'platform'],
  ];
  for (let release = 1; release <= releases; release++) {
    const version = `1.${release - 1}.0`;
    for (const [name, base] of chain) {
      const dir = join(root, 'packs', name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), manifest(name, version, templateIds, base));
      for (const id of templateIds) {
        const text = base ? overlay(base, id, name, release) : orgTemplate(id, release);
        writeFileSync(join(dir, `${id}.md`), text);
      }
      const changes = Array.from(
        { length: release },
        (_, i) => `## 1.${i}.0\n\n- Release ${i + 1} of ${name}.\n`,
      );
      writeFileSync(
        join(dir, 'CHANGELOG.md'),
        `# @bench/${name}\n\n${changes.reverse().join('\n')}`,
      );
    }
    git('add', '-A');
    git('commit', '--quiet', '-m', `Release ${version}`);
  }
  return { templates: chain.length * templatesPerPack, versions: releases };
}
