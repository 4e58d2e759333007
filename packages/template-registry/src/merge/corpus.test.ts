import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mergeTemplate } from './merge-template.js';

// Spec Kit's real releases live beside the repository (../shared/corpus/spec-kit, see
// shared/corpus/README.md); they are never copied into it. Without them these tests skip.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = resolve(repoRoot, '../shared/corpus/spec-kit');
const present = existsSync(corpus);
if (!present) console.warn(`Skipping the Spec Kit merge corpus tests: ${corpus} does not exist.`);

const planTemplate = (version: string) =>
  readFileSync(resolve(corpus, version, 'templates/plan-template.md'), 'utf8');

/** A team's edit of the v0.1.4 plan template: `from` (unique in it) becomes `to`. */
interface TeamEdit {
  from: string;
  to: string;
}

// What a team changes in its fork of the plan template: fills in its defaults, adds a
// section, a table row and a folder, drops an option it never uses.
const teamEdits: TeamEdit[] = [
  {
    from: '[Extract from feature spec: primary requirement + technical approach from research]\n',
    to: '[Extract from feature spec: primary requirement + technical approach from research]\n\nLink the ADRs that constrain this feature.\n',
  },
  {
    from: '**Language/Version**: [e.g., Python 3.11, Swift 5.9, Rust 1.75 or NEEDS CLARIFICATION]  \n',
    to: '**Language/Version**: TypeScript 5.6 on Node 22 (team default; justify anything else)  \n',
  },
  {
    from: '[Gates determined based on constitution file]\n',
    to: '[Gates determined based on constitution file]\n\n## Security Review\n\n- Threat model for every new endpoint; owner: the security champion.\n- Data retention for every new table.\n',
  },
  {
    from: '├── contracts/           # Phase 1 output (/speckit.plan command)\n',
    to: '├── contracts/           # Phase 1 output (/speckit.plan command)\n├── adr/                 # Architecture decisions (team convention)\n',
  },
  {
    from: '# [REMOVE IF UNUSED] Option 3: Mobile + API (when "iOS/Android" detected)\napi/\n└── [same as backend above]\n\nios/ or android/\n└── [platform-specific structure: feature modules, UI flows, platform tests]\n',
    to: '',
  },
  {
    from: '| [e.g., Repository pattern] | [specific problem] | [why direct DB access insufficient] |\n',
    to: '| [e.g., Repository pattern] | [specific problem] | [why direct DB access insufficient] |\n| [e.g., New runtime] | [what it enables] | [why Node 22 cannot do it] |\n',
  },
];

function applyEdits(text: string): string {
  let out = text;
  for (const { from, to } of teamEdits) {
    const at = out.indexOf(from);
    expect(at, from).toBeGreaterThanOrEqual(0);
    expect(out.indexOf(from, at + 1), from).toBe(-1);
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return out;
}

/** The lines of `text` outside conflict blocks. */
function outsideConflicts(text: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('<<<<<<< ')) inside = true;
    else if (line.startsWith('>>>>>>> ')) inside = false;
    else if (!inside) out.push(line);
  }
  return out;
}

/** Checks that every team edit survived in `text`: added lines present, removed lines gone. */
function expectTeamEditsKept(text: string): void {
  const lines = new Set(text.split('\n'));
  const outside = new Set(outsideConflicts(text));
  for (const { from, to } of teamEdits) {
    const before = new Set(from.split('\n'));
    const after = new Set(to.split('\n'));
    for (const line of after) if (!before.has(line)) expect(lines.has(line), line).toBe(true);
    for (const line of before) {
      if (line.trim() !== '' && !after.has(line)) expect(outside.has(line), line).toBe(false);
    }
  }
}

// v1.0.1 rewrote the lines the team changed in two places (the Technical Context fields got
// blank lines between them, the documentation tree new command names): real conflicts.
const upstreamRewrites = [
  ['technical-context', 'content'],
  ['project-structure/documentation', 'content'],
];

describe.skipIf(!present)('mergeTemplate on Spec Kit releases (../shared/corpus/spec-kit)', () => {
  it('merges v0.4.0 cleanly into a team fork of v0.1.4 when upstream changed another line', () => {
    const base = planTemplate('v0.1.4');
    const ours = applyEdits(base);
    const theirs = planTemplate('v0.4.0');
    const result = mergeTemplate({ base, ours, theirs });
    expect(result.conflicts).toEqual([]);
    expect(result.text).toBe(
      ours.replace(
        '**Project Type**: [single/web/mobile - determines source structure]  \n',
        '**Project Type**: [e.g., library/cli/web-service/mobile-app/compiler/desktop-app or NEEDS CLARIFICATION]  \n',
      ),
    );
    expectTeamEditsKept(result.text);
  });

  it('keeps every team edit when the fork then upgrades from v0.4.0 to v1.0.1', () => {
    const first = mergeTemplate({
      base: planTemplate('v0.1.4'),
      ours: applyEdits(planTemplate('v0.1.4')),
      theirs: planTemplate('v0.4.0'),
    });
    const result = mergeTemplate({
      base: planTemplate('v0.4.0'),
      ours: first.text,
      theirs: planTemplate('v1.0.1'),
      labels: { ours: 'team', base: 'spec-kit@0.4.0', theirs: 'spec-kit@1.0.1' },
    });
    expectTeamEditsKept(result.text);
    expect(result.conflicts.map((c) => [c.section, c.kind])).toEqual(upstreamRewrites);
  });

  it('keeps every team edit when the fork upgrades from v0.1.4 straight to v1.0.1', () => {
    const base = planTemplate('v0.1.4');
    const theirs = planTemplate('v1.0.1');
    const result = mergeTemplate({ base, ours: applyEdits(base), theirs });
    expectTeamEditsKept(result.text);
    // Upstream's new lines are all there too, applied or inside a conflict.
    const lines = new Set(result.text.split('\n'));
    const baseLines = new Set(base.split('\n'));
    for (const line of theirs.split('\n')) {
      if (!baseLines.has(line)) expect(lines.has(line), line).toBe(true);
    }
    expect(result.conflicts.map((c) => [c.section, c.kind])).toEqual(upstreamRewrites);
  });
});
