import { describe, expect, it } from 'vitest';
import { failure } from '../test-utils/temp-tree.js';
import { parseOverlay } from './parse-overlay.js';

const file = 'packs/acme/plan.md';
const parse = (text: string) => parseOverlay(text, { file });
const overlay = (body: string, front = 'extends: speckit/plan\n') => `---\n${front}---\n${body}`;

describe('parseOverlay', () => {
  it('reads every directive of the design sketch when given it', () => {
    const parsed = parse(
      overlay(
        [
          '<!-- specforge: replace technical-approach/technology-stack -->',
          '### Technology Stack',
          '- Languages: TypeScript 5 on Node 22',
          '',
          '<!-- specforge: insert after testing-strategy -->',
          '## Security Review',
          '- Threat model for every new endpoint.',
          '',
          '<!-- specforge: remove deployment -->',
          '<!-- specforge: rename rollback-plan "Rollback and Recovery" -->',
          '<!-- specforge: append risk-assessment -->',
          '| Vendor lock-in | Medium | Keep adapters thin |',
          '<!-- specforge: prepend context optional -->',
          '> Read the whole spec first.',
          '',
        ].join('\n'),
      ),
    );
    expect(parsed).toEqual({
      file,
      extends: 'speckit/plan',
      strategy: 'sections',
      meta: {},
      body: expect.any(String),
      bodyLine: 4,
      operations: [
        {
          op: 'replace',
          target: 'technical-approach/technology-stack',
          optional: false,
          line: 4,
          content: {
            text: '### Technology Stack\n- Languages: TypeScript 5 on Node 22',
            line: 5,
            lead: '',
            sections: [
              {
                title: 'Technology Stack',
                slug: 'technology-stack',
                level: 3,
                heading: '### Technology Stack\n',
                body: '- Languages: TypeScript 5 on Node 22',
                line: 5,
              },
            ],
          },
        },
        {
          op: 'insert',
          position: 'after',
          target: 'testing-strategy',
          optional: false,
          line: 8,
          content: {
            text: '## Security Review\n- Threat model for every new endpoint.',
            line: 9,
            lead: '',
            sections: [
              {
                title: 'Security Review',
                slug: 'security-review',
                level: 2,
                heading: '## Security Review\n',
                body: '- Threat model for every new endpoint.',
                line: 9,
              },
            ],
          },
        },
        { op: 'remove', target: 'deployment', optional: false, line: 12 },
        {
          op: 'rename',
          target: 'rollback-plan',
          optional: false,
          line: 13,
          title: 'Rollback and Recovery',
        },
        {
          op: 'append',
          target: 'risk-assessment',
          optional: false,
          line: 14,
          content: {
            text: '| Vendor lock-in | Medium | Keep adapters thin |',
            line: 15,
            lead: '| Vendor lock-in | Medium | Keep adapters thin |',
            sections: [],
          },
        },
        {
          op: 'prepend',
          target: 'context',
          optional: true,
          line: 16,
          content: {
            text: '> Read the whole spec first.',
            line: 17,
            lead: '> Read the whole spec first.',
            sections: [],
          },
        },
      ],
    });
  });

  it('keeps the leading blank line and the sub-sections when append content has them', () => {
    const parsed = parse(
      overlay(
        '<!-- specforge: append technical-approach -->\n\nA closing note.\n\n### Security Architecture\nZero trust.\n\n',
      ),
    );
    expect(parsed.operations[0]).toMatchObject({
      op: 'append',
      content: {
        text: '\nA closing note.\n\n### Security Architecture\nZero trust.',
        line: 5,
        lead: '\nA closing note.\n\n',
        sections: [{ title: 'Security Architecture', level: 3, line: 8, body: 'Zero trust.' }],
      },
    });
  });

  it('reads headings as the spec parser does when the content has fences, setext headings and Handlebars', () => {
    const parsed = parse(
      overlay(
        [
          '<!-- specforge: insert before context -->',
          'Summary for {{spec.title}}',
          '--------------------------',
          '```md',
          '## Not a heading',
          '<!-- specforge: remove context -->',
          '```',
          '{{#if spec.branch}}Branch: {{spec.branch}}{{/if}}',
          '',
        ].join('\n'),
      ),
    );
    expect(parsed.operations).toHaveLength(1);
    expect(parsed.operations[0]).toMatchObject({
      op: 'insert',
      position: 'before',
      content: {
        sections: [
          {
            title: 'Summary for {{spec.title}}',
            slug: 'summary-for-spec-title',
            level: 2,
            heading: 'Summary for {{spec.title}}\n--------------------------\n',
            body: '```md\n## Not a heading\n<!-- specforge: remove context -->\n```\n{{#if spec.branch}}Branch: {{spec.branch}}{{/if}}',
            line: 5,
          },
        ],
      },
    });
  });

  it('finds the headings of each content when a content ends in an HTML block that runs into the next directive', () => {
    const parsed = parse(
      overlay(
        '<!-- specforge: append context -->\n<div class="note">\n<!-- specforge: insert after context -->\n## Glossary\nTerms.\n',
      ),
    );
    expect(
      parsed.operations.map((o) => ('content' in o ? o.content.sections.map((s) => s.title) : [])),
    ).toEqual([[], ['Glossary']]);
  });

  it('reads metadata overrides when the front matter sets them', () => {
    const parsed = parse(
      overlay(
        '',
        'extends: speckit/plan\ndescription: The plan, the Acme way.\nrequiredSections:\n  - context\n  - security-review\ninputs:\n  team:\n    required: true\noutput: docs/plan.md\n',
      ),
    );
    expect(parsed.meta).toEqual({
      description: 'The plan, the Acme way.',
      requiredSections: ['context', 'security-review'],
      inputs: { team: { required: true, description: '' } },
      output: 'docs/plan.md',
    });
    expect(parsed.operations).toEqual([]);
  });

  it('reads a whole-file strategy when the front matter names one', () => {
    const wrap = parse(
      overlay(
        '## Preamble\n\n{CORE_TEMPLATE}\n\n## Sign-off\n',
        'extends: speckit/plan\nstrategy: wrap\n',
      ),
    );
    expect(wrap).toMatchObject({
      strategy: 'wrap',
      operations: [],
      body: '## Preamble\n\n{CORE_TEMPLATE}\n\n## Sign-off\n',
      bodyLine: 5,
    });
  });

  it('drops a byte-order mark and reads CRLF line breaks as LF when the file has them', () => {
    const parsed = parse(
      '\uFEFF---\r\nextends: speckit/plan\r\n---\r\n<!-- specforge: remove deployment -->\r\n',
    );
    expect(parsed.operations).toEqual([
      { op: 'remove', target: 'deployment', optional: false, line: 4 },
    ]);
    expect(parsed.body).toBe('<!-- specforge: remove deployment -->\n');
  });

  it('accepts blank lines and comments when they come before the first directive or after remove', () => {
    const parsed = parse(
      overlay(
        '<!-- Acme changes to the plan. -->\n\n<!-- specforge: remove deployment -->\n<!-- we ship continuously -->\n',
      ),
    );
    expect(parsed.operations).toEqual([
      { op: 'remove', target: 'deployment', optional: false, line: 6 },
    ]);
  });

  it('targets a section named "optional" when the path is the word optional', () => {
    const parsed = parse(
      overlay(
        '<!-- specforge: remove optional -->\n<!-- specforge: remove optional optional -->\n',
      ),
    );
    expect(parsed.operations.map((o) => [o.target, o.optional])).toEqual([
      ['optional', false],
      ['optional', true],
    ]);
  });

  it('reads escaped quotes when a rename title has them', () => {
    const parsed = parse(
      overlay('<!-- specforge: rename rollback-plan "The \\"Undo\\" Plan" -->\n'),
    );
    expect(parsed.operations[0]).toMatchObject({ op: 'rename', title: 'The "Undo" Plan' });
  });
});

describe('parseOverlay errors', () => {
  const fails = (text: string) => failure(() => parse(text));

  it('suggests the operation when a directive names an unknown one', async () => {
    expect(
      await fails(overlay('<!-- specforge: replcae context -->\n## Context\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "The operations are replace, append, prepend, insert, remove, rename: replace <heading-path>; append <heading-path>; prepend <heading-path>; insert before|after <heading-path>; remove <heading-path>; rename <heading-path> "New Title".",
        "message": "The overlay is invalid: the directive on line 4 has an unknown operation "replcae". Did you mean "replace"?",
      }
    `);
  });

  it('says how to write insert when a directive spells it insert-after', async () => {
    expect(
      await fails(overlay('<!-- specforge: insert-after context -->\n## New\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "The operations are replace, append, prepend, insert, remove, rename: replace <heading-path>; append <heading-path>; prepend <heading-path>; insert before|after <heading-path>; remove <heading-path>; rename <heading-path> "New Title".",
        "message": "The overlay is invalid: the directive on line 4 has an unknown operation "insert-after". Did you mean "insert" (write "insert after <heading-path>")?",
      }
    `);
  });

  it('reports the line when a directive has no target', async () => {
    expect(await fails(overlay('<!-- specforge: remove -->\n'))).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Write it as <!-- specforge: remove <heading-path> -->, optionally followed by "optional".",
        "message": "The overlay is invalid: "remove" on line 4 has no target: it names no section.",
      }
    `);
  });

  it('reports the line when a directive has an extra argument', async () => {
    expect(
      await fails(overlay('<!-- specforge: remove deployment now -->\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Write it as <!-- specforge: remove <heading-path> -->, optionally followed by "optional".",
        "message": "The overlay is invalid: "remove" on line 4 has an extra argument "now".",
      }
    `);
  });

  it('reports the line when insert says neither before nor after', async () => {
    expect(
      await fails(overlay('<!-- specforge: insert below context -->\n## New\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Write it as <!-- specforge: insert before|after <heading-path> -->, optionally followed by "optional".",
        "message": "The overlay is invalid: "insert" on line 4 is followed by "below"; it must say "before" or "after" the section it names.",
      }
    `);
  });

  it('reports the line when rename has no quoted title', async () => {
    expect(
      await fails(overlay('<!-- specforge: rename rollback-plan Rollback -->\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Write it as <!-- specforge: rename <heading-path> "New Title" -->, optionally followed by "optional".",
        "message": "The overlay is invalid: "rename" on line 4 gives the new title without quotes (Rollback); put it between straight double quotes.",
      }
    `);
  });

  it('suggests the heading path when a target is written as a title', async () => {
    expect(
      await fails(overlay('<!-- specforge: remove Technology Stack -->\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "See docs/overlays.md for the directives an overlay may use.",
        "message": "The overlay is invalid: "remove" on line 4 targets "Technology Stack", which is not a heading path: each part is a heading's slug (lower case, "-" between words), parts separated by "/", e.g. technology-stack.",
      }
    `);
  });

  it('reports the line when replace content does not start with a heading', async () => {
    expect(
      await fails(overlay('<!-- specforge: replace context -->\n\nSome text.\n## Context\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:6",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Start the content with the heading of the new section, at the level of "context" (e.g. "## Security Review"); to add text to a section, use "append" or "prepend".",
        "message": "The overlay is invalid: "replace" on line 4 needs a complete section, heading included, but its content starts on line 6 with text that is not a heading.",
      }
    `);
  });

  it('suggests insert after when replace content has two sections', async () => {
    expect(
      await fails(overlay('<!-- specforge: replace context -->\n## Context\ntext\n## More\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:7",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Add a directive <!-- specforge: insert after context --> before line 7 for the second section, or make it a sub-section (###).",
        "message": "The overlay is invalid: "replace" on line 4 puts one section in place of another, but its content holds a second section, "More" on line 7.",
      }
    `);
  });

  it('reports a directive with no content when it needs some', async () => {
    expect(
      await fails(
        overlay('<!-- specforge: append context -->\n\n<!-- specforge: remove deployment -->\n'),
      ),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Write the text on the lines after the directive.",
        "message": "The overlay is invalid: "append" on line 4 has no content: the lines after a directive, up to the next one, are what it appends.",
      }
    `);
  });

  it('reports the heading line when prepend content has a heading', async () => {
    expect(
      await fails(overlay('<!-- specforge: prepend context -->\nNote.\n### Sub\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:6",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "To add a sub-section, use <!-- specforge: append context --> (it goes after the existing ones) or "insert before" a sub-section.",
        "message": "The overlay is invalid: "prepend" on line 4 adds text at the start of the section's own text, but line 6 is a heading ("Sub"), which would split the section in two.",
      }
    `);
  });

  it('reports the line when text after remove would be lost', async () => {
    expect(
      await fails(overlay('<!-- specforge: remove deployment -->\nWe deploy on Fridays.\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:5",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Delete the text, make it an HTML comment, or use "replace" to put new content in place of the section.",
        "message": "The overlay is invalid: "remove" on line 4 takes no content, but line 5 holds text that would be lost.",
      }
    `);
  });

  it('reports the line when text comes before the first directive', async () => {
    expect(
      await fails(overlay('## Security Review\n\n<!-- specforge: remove deployment -->\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Put the text under a directive (e.g. <!-- specforge: append <heading-path> -->), turn it into an HTML comment, or set "strategy: replace" in the front matter to replace the whole template.",
        "message": "The overlay is invalid: line 4 holds text outside any directive; an overlay changes its base only through <!-- specforge: … --> directives, so the text would have nowhere to go.",
      }
    `);
  });

  it('reports the line when a comment looks like a directive but is not one', async () => {
    expect(await fails(overlay('<!-- specforge remove deployment -->\n'))).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Write a directive as an HTML comment alone on its line: <!-- specforge: <operation> <heading-path> -->, e.g. <!-- specforge: remove deployment -->.",
        "message": "The overlay is invalid: line 4 looks like a directive but is not one: "<!-- specforge remove deployment -->".",
      }
    `);
  });

  it('reports the directive when its content leaves a code fence open', async () => {
    expect(
      await fails(
        overlay(
          '<!-- specforge: append context -->\n```\ncode\n<!-- specforge: remove deployment -->\n',
        ),
      ),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Close the block (e.g. the \`\`\` fence or the <!-- comment) before the next directive or the end of the file.",
        "message": "The overlay is invalid: the content of the directive on line 4 leaves a code block, an HTML block or a comment open, so it would swallow every section after it in the template.",
      }
    `);
  });

  it('reports line 1 when the file has no front matter', async () => {
    expect(await fails('<!-- specforge: remove deployment -->\n')).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:1",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "See docs/overlays.md for the front matter and the directives an overlay may use.",
        "message": "The overlay is invalid: the file has no front matter. An overlay starts with a "---" line, then "extends: <pack>/<template>" (the template it changes), then a closing "---" line.",
      }
    `);
  });

  it('reports line 1 when the front matter has no extends', async () => {
    expect(await fails(overlay('', 'description: x\n'))).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:1",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "See docs/overlays.md for the front matter and the directives an overlay may use.",
        "message": "The overlay is invalid: the front matter has no "extends"; an overlay names the template it changes, e.g. "extends: speckit/plan".",
      }
    `);
  });

  it('suggests the key when the front matter has a misspelt one', async () => {
    expect(
      await fails(overlay('', 'extends: speckit/plan\nextend: speckit/plan\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:3:1",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "See docs/overlays.md for the front matter and the directives an overlay may use.",
        "message": "The overlay is invalid: the front matter has an unknown key "extend". Did you mean "extends"?",
      }
    `);
  });

  it('reports the value when extends is not a template ref', async () => {
    expect(
      await fails(overlay('', 'extends: "@specforge/templates-speckit/plan"\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:2:10",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Name the pack by its short name (the "specforge.name" in its package.json), not by its npm package name, e.g. speckit/plan.",
        "message": "The overlay is invalid: "extends" is "@specforge/templates-speckit/plan", which is not a template ref; name the template this overlay changes as <pack>/<template>, e.g. "extends: speckit/plan".",
      }
    `);
  });

  it('suggests the strategy when the front matter misspells it', async () => {
    expect(
      await fails(overlay('', 'extends: speckit/plan\nstrategy: wrapp\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:3:11",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "See docs/overlays.md for the front matter and the directives an overlay may use.",
        "message": "The overlay is invalid: "strategy" is "wrapp"; it must be one of replace, prepend, append, wrap (or left out, for section directives). Did you mean "wrap"?",
      }
    `);
  });

  it('reports the strategy line when a wrap overlay never says {CORE_TEMPLATE}', async () => {
    expect(
      await fails(overlay('## Before\n', 'extends: speckit/plan\nstrategy: wrap\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:3",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Write {CORE_TEMPLATE} on the line where the base template goes.",
        "message": "The overlay is invalid: "strategy: wrap" puts the base template where the overlay says {CORE_TEMPLATE}, but the overlay never says it.",
      }
    `);
  });

  it('reports the directive when a whole-file strategy overlay has one', async () => {
    expect(
      await fails(
        overlay(
          '<!-- specforge: remove deployment -->\n',
          'extends: speckit/plan\nstrategy: append\n',
        ),
      ),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:5",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Remove "strategy" from the front matter to apply directives section by section, or remove the directives.",
        "message": "The overlay is invalid: the overlay uses "strategy: append", which applies the whole file, yet line 5 holds a section directive.",
      }
    `);
  });

  it('reports an invalid metadata override as a template would when the front matter has one', async () => {
    expect(
      await fails(overlay('', 'extends: speckit/plan\nrequiredSections:\n  - Security Review\n')),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4:5",
        "code": "SPECFORGE_TEMPLATE_META_INVALID",
        "hint": "See docs/templates.md for the metadata fields a template declares.",
        "message": "The template metadata is invalid: the required section "Security Review" is not a heading path: each part is a heading's slug (lower case, "-" between words), parts separated by "/", e.g. security-review.",
      }
    `);
  });
});
