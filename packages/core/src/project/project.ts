/** Values from `specforge.config.{yaml,yml,json}`. */
export interface ProjectConfig {
  /** The project's name, available to templates as `project.name`. */
  name?: string;
  /** Free-form values for templates, available as `project.config`. */
  vars: Record<string, unknown>;
  /** Defaults for `specforge plan`; `template` also governs the checks of plans made without provenance. */
  plan: {
    /** The template `specforge plan` renders when no `--template` is given, e.g. `acme/plan`. */
    template?: string;
  };
  /** `template`: the template specs are written with, whose rules `specforge check` applies to them. */
  spec: {
    /** The spec template's reference, e.g. `speckit/spec`. */
    template?: string;
  };
  /** `template`: the template task lists are made with, whose rules `specforge check` applies to them. */
  tasks: {
    /** The task-list template's reference, e.g. `speckit/tasks`. */
    template?: string;
  };
  /**
   * The project's own template packs, as source specs (`./packs/acme`,
   * `@acme/templates@^2.0.0`, `git+file:///…#v1.0.0`); the built-in packs are always there.
   */
  packs: string[];
}

/** The project a command runs in. */
export interface Project {
  /** Absolute path of the project root. */
  root: string;
  /** Name from the config, else from `package.json` at the root, else the root folder's name. */
  name: string;
  /** The config file's absolute path, when there is one. */
  configFile: string | undefined;
  /**
   * The config file's values, with defaults for what it leaves out (all of them without a file).
   */
  config: ProjectConfig;
}
