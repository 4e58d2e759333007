import { displayPath, type Finding, type Project, type SpecforgeErrorData } from '@specforge/core';
import type { CheckPack } from './check-one-document.js';

/** What every check thread starts with: how findings name files. */
export interface CheckThreadSettings {
  /** `relative`: as `displayPath` names them against `cwd`; `absolute`: as they are. */
  display: 'relative' | 'absolute';
  cwd: string;
}

/** How a lane names files in findings, by {@link CheckThreadSettings.display}. */
export function displayFor(settings: CheckThreadSettings): (path: string) => string {
  const { cwd } = settings;
  return settings.display === 'relative' ? (path) => displayPath(path, cwd) : (path) => path;
}

/** What a check thread is told once per project. */
export interface CheckThreadContext {
  project: Project;
  packs: CheckPack[];
}

/** One document for a check thread: its absolute path. */
export interface CheckThreadJob {
  path: string;
}

/** A document's findings, or the coded error that stops the run (as data). */
export type CheckThreadResult = { findings: Finding[] } | { error: SpecforgeErrorData };
