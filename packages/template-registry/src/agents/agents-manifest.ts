import { hashGeneratedText, SpecforgeError } from '@specforge/core';

/**
 * Where the export records what it wrote, relative to the export root: one file for every agent,
 * outside the agents' own folders (which agents scan for commands).
 */
export const AGENTS_MANIFEST_PATH = '.specforge/agents-manifest.json';

/** The manifest format this version reads and writes. */
export const AGENTS_MANIFEST_VERSION = 1;

/**
 * What the last exports wrote: per agent, the SHA-256 of each file as written (line endings
 * normalised to LF, so a checkout that converts them is not an edit). A file whose hash no longer
 * matches was edited; a file the manifest does not list was not written by specforge.
 */
export interface AgentsManifest {
  /** The manifest format, {@link AGENTS_MANIFEST_VERSION}. */
  version: typeof AGENTS_MANIFEST_VERSION;
  /** By agent name, then by path relative to the export root (`/` separators): the hash, hex. */
  agents: Record<string, Record<string, string>>;
}

/** The hash the manifest records for a file's text. */
export function hashAgentFile(text: string): string {
  return hashGeneratedText(text);
}

/** An empty manifest. */
export function emptyAgentsManifest(): AgentsManifest {
  return { version: AGENTS_MANIFEST_VERSION, agents: {} };
}

/**
 * Reads a manifest's text.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_AGENT_MANIFEST_INVALID` when it is not JSON of the
 *   shape {@link formatAgentsManifest} writes (or of a newer version).
 */
export function parseAgentsManifest(text: string, file: string): AgentsManifest {
  const fail = (reason: string): never => {
    throw new SpecforgeError(
      'SPECFORGE_AGENT_MANIFEST_INVALID',
      { file, reason },
      { location: { file } },
    );
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`it is not JSON (${(error as Error).message})`);
  }
  if (!isRecord(data)) return fail('it is not a JSON object');
  if (data.version !== AGENTS_MANIFEST_VERSION)
    return fail(
      typeof data.version === 'number' && data.version > AGENTS_MANIFEST_VERSION
        ? `it has version ${data.version}, written by a newer specforge`
        : `"version" must be ${AGENTS_MANIFEST_VERSION}`,
    );
  if (!isRecord(data.agents)) return fail('"agents" must be an object');
  const agents: [string, Record<string, string>][] = [];
  for (const [agent, files] of Object.entries(data.agents)) {
    if (!isRecord(files)) return fail(`"agents.${agent}" must be an object of paths and hashes`);
    for (const [path, hash] of Object.entries(files)) {
      if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash))
        return fail(`the hash of ${path} (agent ${agent}) must be 64 lower-case hex digits`);
    }
    // fromEntries defines own properties, so even a "__proto__" key stays a plain entry.
    agents.push([agent, Object.fromEntries(Object.entries(files)) as Record<string, string>]);
  }
  return { version: AGENTS_MANIFEST_VERSION, agents: Object.fromEntries(agents) };
}

/** A manifest as JSON text: agents and paths sorted, so the same content gives the same bytes. */
export function formatAgentsManifest(manifest: AgentsManifest): string {
  const agents = Object.fromEntries(
    Object.keys(manifest.agents)
      .sort()
      .flatMap((agent) => {
        const files = manifest.agents[agent]!;
        const paths = Object.keys(files).sort();
        // An agent with nothing recorded is left out rather than kept as an empty entry.
        if (paths.length === 0) return [];
        return [[agent, Object.fromEntries(paths.map((path) => [path, files[path]!]))]];
      }),
  );
  return `${JSON.stringify({ version: manifest.version, agents }, null, 2)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
