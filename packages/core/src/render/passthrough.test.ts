import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from './test-utils/template.js';

// Everything a spec can contain that a template engine or Markdown could mangle.
const hostile = [
  '---\ntitle: "x"\n---\n',
  '{{ spec.title }} {{{raw}}} {{> partial}} {{!comment}} \\{{escaped}}',
  '```ts\nconst a = `b`;\n```\n~~~\nfenced\n~~~\n',
  '<script>alert("x")</script> <b>&amp;</b> & < > " \'',
  '\tTabbed\t\tline\r\nCRLF line\r\nlone CR\rend',
  'Ünïcödé — 日本語 — emoji 😀 — RTL \u202Eabc — zero\u200Bwidth — NUL\u0000',
  'C:\\path\\to\\file \\n is not a newline \\\\ double',
].join('\n');

describe('input passthrough', () => {
  it('inserts hostile spec text byte for byte', () => {
    expect(render('{{SPECIFICATION}}', { SPECIFICATION: hostile })).toBe(hostile);
    expect(render('{{{SPECIFICATION}}}', { SPECIFICATION: hostile })).toBe(hostile);
    expect(render('{{spec.title}}', { spec: { title: hostile } })).toBe(hostile);
    expect(render('{{#each xs}}{{.}}{{/each}}', { xs: [hostile, hostile] })).toBe(
      hostile + hostile,
    );
  });

  it('keeps the text inside a fence byte for byte', () => {
    expect(render('{{fence SPECIFICATION}}', { SPECIFICATION: hostile })).toBe(
      `\`\`\`\`\n${hostile}\n\`\`\`\``,
    );
  });

  it('inserts any string unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(render('{{x}}', { x: text })).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the bytes of the template body around expressions', () => {
    const body = 'Ünï\tcode\r\n<b>&amp;</b> \\{{literal}} ``` \\\\ {{x}}\r\n';
    expect(render(body, { x: '{{y}}' })).toBe(
      'Ünï\tcode\r\n<b>&amp;</b> {{literal}} ``` \\\\ {{y}}\r\n',
    );
  });
});
