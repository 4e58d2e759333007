import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { isSpecforgeError } from '../errors/index.js';
import { createRenderEnvironment } from './environment.js';
import { makeTemplate } from './test-utils/template.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isSpecforgeError(error) ? error.code : String(error);
  }
  return undefined;
}

describe('isolation', () => {
  const globalCompiler = (Handlebars as unknown as { JavaScriptCompiler: unknown })
    .JavaScriptCompiler;
  const globalLogger = { level: Handlebars.logger.level, log: Handlebars.logger.log };

  const first = createRenderEnvironment({
    partials: { signature: 'Signed' },
    helpers: { shout: ({ args }) => `${String(args[0])}!` },
  });
  const second = createRenderEnvironment();

  it('keeps a helper in the environment that registered it', () => {
    expect(first.render(makeTemplate('{{shout "hi"}}'), {})).toBe('hi!');
    expect(codeOf(() => second.render(makeTemplate('{{shout "hi"}}'), {}))).toBe(
      'SPECFORGE_TEMPLATE_SYNTAX',
    );
    expect(Handlebars.helpers.shout).toBeUndefined();
  });

  it('keeps a partial in the environment that registered it', () => {
    expect(first.render(makeTemplate('{{> signature}}'), {})).toBe('Signed');
    expect(codeOf(() => second.render(makeTemplate('{{> signature}}'), {}))).toBe(
      'SPECFORGE_TEMPLATE_RENDER_FAILED',
    );
    expect(Handlebars.partials.signature).toBeUndefined();
  });

  it('leaves the global Handlebars as it was', () => {
    for (const name of ['fence', 'pad', 'eq', 'join'])
      expect(Handlebars.helpers[name]).toBeUndefined();
    expect(typeof Handlebars.helpers.log).toBe('function');
    expect((Handlebars as unknown as { JavaScriptCompiler: unknown }).JavaScriptCompiler).toBe(
      globalCompiler,
    );
    expect({ level: Handlebars.logger.level, log: Handlebars.logger.log }).toEqual(globalLogger);
    // The global instance still compiles with Handlebars' own lenient lookups.
    expect(Handlebars.compile('[{{#if missing}}x{{/if}}]', { strict: true })({})).toBe('[]');
  });
});
