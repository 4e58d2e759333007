import { describe, expect, it } from 'vitest';
import { failure } from '../test-utils/temp-tree.js';
import {
  type AgentsManifest,
  formatAgentsManifest,
  hashAgentFile,
  parseAgentsManifest,
} from './agents-manifest.js';

const hash = (text: string) => hashAgentFile(text);

describe('the agents manifest', () => {
  it('is written sorted by agent and path, leaving out agents with nothing recorded', () => {
    const manifest: AgentsManifest = {
      version: 1,
      agents: {
        gemini: { '.gemini/commands/specforge.plan.toml': hash('b') },
        claude: {
          '.claude/skills/specforge-tasks/SKILL.md': hash('c'),
          '.claude/skills/specforge-plan/SKILL.md': hash('a'),
        },
        cursor: {},
      },
    };
    const text = formatAgentsManifest(manifest);
    expect(text).toBe(
      `${JSON.stringify(
        {
          version: 1,
          agents: {
            claude: {
              '.claude/skills/specforge-plan/SKILL.md': hash('a'),
              '.claude/skills/specforge-tasks/SKILL.md': hash('c'),
            },
            gemini: { '.gemini/commands/specforge.plan.toml': hash('b') },
          },
        },
        null,
        2,
      )}\n`,
    );
    expect(parseAgentsManifest(text, 'm.json')).toEqual({
      version: 1,
      agents: { claude: manifest.agents.claude, gemini: manifest.agents.gemini },
    });
  });

  it('hashes text as SHA-256 hex with line endings normalised, so a CRLF checkout is not an edit', () => {
    expect(hash('a\r\nb\n')).toBe(hash('a\nb\n'));
    expect(hash('a\nb\n')).toBe('911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2');
    expect(hash('a\nb')).not.toBe(hash('a\nb\n'));
  });

  it('keeps a "__proto__" key as a plain entry', () => {
    const text = `{"version":1,"agents":{"__proto__":{"x":"${hash('x')}"}}}`;
    const manifest = parseAgentsManifest(text, 'm.json');
    expect(Object.keys(manifest.agents)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(manifest.agents)).toBe(Object.prototype);
  });

  it.each([
    ['not JSON', '{', 'it is not JSON'],
    ['not an object', '[]', 'it is not a JSON object'],
    [
      'a newer version',
      '{"version":2,"agents":{}}',
      'it has version 2, written by a newer specforge',
    ],
    ['no version', '{"agents":{}}', '"version" must be 1'],
    ['no agents', '{"version":1}', '"agents" must be an object'],
    [
      'an agent that is not an object',
      '{"version":1,"agents":{"claude":[]}}',
      '"agents.claude" must be an object of paths and hashes',
    ],
    [
      'a bad hash',
      '{"version":1,"agents":{"claude":{"a.md":"abc"}}}',
      'the hash of a.md (agent claude) must be 64 lower-case hex digits',
    ],
  ])('refuses a manifest that is %s', async (_name, text, reason) => {
    const error = await failure(() => parseAgentsManifest(text, '.specforge/agents-manifest.json'));
    expect(error.code).toBe('SPECFORGE_AGENT_MANIFEST_INVALID');
    expect(error.at).toBe('.specforge/agents-manifest.json');
    expect(error.message).toContain(reason);
    expect(error.message).toMatch(/; nothing was written\.$/);
  });
});
