// Eleventy 3 and its Handlebars plugin ship no type declarations for their main entry points.
// These describe only what this package uses; they are not part of the published types.

declare module '@11ty/eleventy' {
  export interface EleventyUserConfig {
    addPlugin(plugin: unknown, options?: Record<string, unknown>): void;
    addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
    addGlobalData(name: string, value: unknown): void;
    setTemplateFormats(formats: string[] | string): void;
    setQuietMode(quiet: boolean): void;
    setUseGitIgnore(use: boolean): void;
    /** Eleventy's timing groups; `get('Configuration')` times plugins and transforms. */
    benchmarkManager?: { get(group: string): { setIsVerbose(verbose: boolean): void } };
    /** Runs on every rendered page; `this.page.url` is the page's URL. */
    addTransform(
      name: string,
      transform: (this: { page: { url: string } }, content: string) => string | Promise<string>,
    ): void;
  }

  export interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string | false;
    pathPrefix?: string;
    config?: (config: EleventyUserConfig) => void | Promise<void>;
  }

  export interface EleventyPageResult {
    url: string | false;
    inputPath: string;
    outputPath: string | false;
    content: string;
  }

  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    disableLogger(): void;
    write(): Promise<[unknown[], EleventyPageResult[]]>;
    toJSON(): Promise<EleventyPageResult[]>;
  }
}

declare module '@11ty/eleventy-plugin-handlebars' {
  const handlebarsPlugin: (
    config: unknown,
    options?: { eleventyLibraryOverride?: unknown },
  ) => void;
  export default handlebarsPlugin;
}
