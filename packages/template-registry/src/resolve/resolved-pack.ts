import type { TemplateSource } from '@specforge/core';
import type { ComposeLayer, SkippedOperation } from '../overlay/index.js';
import type { CopiedFrom } from '../pack-manifest.js';

/** One layer of a resolved template, base first. */
export interface TemplateLayer {
  /** The short name of the pack that holds this layer. */
  pack: string;
  /** That pack's version. */
  version: string;
  /** The template or overlay file of this layer. */
  file: string;
  /** `template` for a full template (the chain's root), `overlay` for a section-level layer. */
  kind: 'template' | 'overlay';
}

/** Where one section of a resolved template comes from. */
export interface SectionOrigin {
  /** The section's heading path in the effective template, e.g. `technical-approach/technology-stack`. */
  path: string;
  /** The heading text as it ends up (after any rename). */
  title: string;
  /** Heading level, 1–6. */
  level: number;
  /** The layer and file line that introduced the section. */
  pack: string;
  /** The version of the pack that introduced the section. */
  version: string;
  /** The template or overlay file that introduced the section. */
  file: string;
  /** 1-based line of the section's heading in `file` (for the preamble, its first line). */
  line: number;
  /** Later layers' operations on the section (append, prepend, rename …), in order. */
  changes: {
    /** The operation, e.g. `append` or `rename`. */
    op: string;
    /** The pack whose overlay applied it. */
    pack: string;
    /** That pack's version. */
    version: string;
    /** The overlay file. */
    file: string;
    /** 1-based line of the directive (for a whole-file strategy, the first added line). */
    line: number;
  }[];
}

/** A template with every layer of its pack's chain applied: ready to render, with its lineage. */
export interface ResolvedTemplate {
  /** The effective template (meta and body after all layers), named after the topmost pack. */
  template: TemplateSource;
  /** Every layer that shaped it, the root template first. */
  layers: TemplateLayer[];
  /** Per section, which layer produced it ("section blame"). */
  blame: SectionOrigin[];
  /** The full template at the bottom of the chain. */
  root: TemplateSource;
  /** The overlays applied on top of {@link ResolvedTemplate.root}, lowest first. */
  overlays: ComposeLayer[];
  /**
   * Directives of this pack's overlay whose target the base no longer has. Always empty unless
   * the registry was resolved with `lenientOverlays` (as an upgrade does to list them all).
   */
  stale: SkippedOperation[];
}

/** A pack resolved from its source, with its base chain applied to its templates. */
export interface ResolvedPack {
  /** The pack's short name, e.g. `speckit` or `acme`. */
  name: string;
  /** The pack's version, from its `package.json`. */
  version: string;
  /** The pack folder. */
  dir: string;
  /** Canonical source, as recorded in the lock. */
  source: string;
  /** `sha256-<base64>` over the pack's files. */
  integrity: string;
  /** The short name of the pack it extends. */
  base: string | undefined;
  /** For a copy fork: the pack and version its templates were copied from. */
  copiedFrom: CopiedFrom | undefined;
  /** Effective templates by id: inherited ones, overridden ones and the pack's own. */
  templates: ReadonlyMap<string, ResolvedTemplate>;
}
