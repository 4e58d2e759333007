// In-process registry figures for `pnpm bench`: resolving templates through a 5-layer chain,
// against a baseline that only reads the same files, both measured in this run.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRegistry } from '@specforge/template-registry';

const TEMPLATES = 200;
const LAYERS = 5;

function templateBody(i) {
  const sections = ['Context', 'Technical Approach', 'Implementation Steps', 'Testing Strategy', 'Risk Assessment', 'Rollback Plan', 'Deployment'];
  const parts = [`# Template ${i}\n`];
  for (const title of sections) {
    parts.push(`## ${title}\n\nWhat the ${title.toLowerCase()} of feature ${i} needs:\n\n- first point\n- second point\n`);
    parts.push(`### ${title} details\n\n{{#if spec.title}}{{spec.title}}{{/if}} notes for ${title}.\n`);
  }
  return parts.join('\n');
}

/** Writes a base pack with TEMPLATES templates and LAYERS - 1 overlay packs above it. */
function writeChain(root) {
  const names = Array.from({ length: LAYERS }, (_, i) => `layer${i}`);
  names.forEach((name, layer) => {
    const dir = join(root, 'packs', name);
    mkdirSync(dir, { recursive: true });
    const templates = {};
    for (let i = 0; i < TEMPLATES; i++) {
      const id = `t${i}`;
      templates[id] = `${id}.md`;
      const text =
        layer === 0
          ? `---\nid: ${id}\nkind: other\n---\n${templateBody(i)}`
          : [
              '---',
              `extends: ${names[layer - 1]}/${id}`,
              '---',
              `<!-- specforge: append testing-strategy -->`,
              `- layer ${layer} check`,
              '',
              `<!-- specforge: replace risk-assessment/risk-assessment-details -->`,
              '### Risk Assessment details',
              '',
              `Layer ${layer} owns the risks.`,
              '',
              `<!-- specforge: insert after rollback-plan -->`,
              `## Layer ${layer} Review`,
              '',
              `- reviewed by layer ${layer}`,
              '',
            ].join('\n');
      writeFileSync(join(dir, `${id}.md`), text);
    }
    const specforge = { name, templates, ...(layer > 0 ? { extends: `path:../${names[layer - 1]}` } : {}) };
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', specforge }));
  });
  return names;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs the figures and returns table rows. */
export async function registryFigures(runs) {
  const root = mkdtempSync(join(tmpdir(), 'specforge-bench-registry-'));
  try {
    const names = writeChain(root);
    const options = { projectRoot: root, packs: [`./packs/${names.at(-1)}`], cacheDir: join(root, '.cache') };
    const readAll = () => {
      for (const name of names) {
        const dir = join(root, 'packs', name);
        for (const file of readdirSync(dir)) readFileSync(join(dir, file), 'utf8');
      }
    };
    await resolveRegistry(options); // warm-up: module loading and JIT
    readAll();
    const resolveTimes = [];
    const readTimes = [];
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      readAll();
      readTimes.push(performance.now() - start);
      start = performance.now();
      const registry = await resolveRegistry(options);
      resolveTimes.push(performance.now() - start);
      if (registry.packs.find((p) => p.name === names.at(-1)).templates.size < TEMPLATES) throw new Error('templates missing');
    }
    const resolveMs = median(resolveTimes);
    const readMs = median(readTimes);
    return [
      {
        figure: `resolve ${TEMPLATES} templates through a ${LAYERS}-layer chain (in-process)`,
        median: `${resolveMs.toFixed(1)} ms`,
        'min–max': `${Math.min(...resolveTimes).toFixed(1)}–${Math.max(...resolveTimes).toFixed(1)} ms`,
        ratio: `${(resolveMs / readMs).toFixed(1)}× reading the same ${LAYERS * (TEMPLATES + 1)} files (${readMs.toFixed(1)} ms)`,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Three-way merges of 100 copy forks of the built-in plan template, as an upgrade runs them. */
export async function mergeFigures(runs) {
  const { loadBuiltinPacks, mergeTemplate, serializeTemplate } = await import('@specforge/template-registry');
  const [speckit] = await loadBuiltinPacks();
  const base = serializeTemplate(speckit.templates.get('plan'));
  const theirs = base.replace('How will this be tested:', 'How will this be tested (unit, contract, end to end):');
  const forks = Array.from({ length: 100 }, (_, i) =>
    base.replace('- Languages:\n', `- Languages: Team ${i} stack\n`).replace('1. Step to revert\n', `1. Team ${i} rollback step\n`),
  );
  const root = mkdtempSync(join(tmpdir(), 'specforge-bench-merge-'));
  try {
    forks.forEach((fork, i) => {
      writeFileSync(join(root, `${i}.ours.md`), fork);
      writeFileSync(join(root, `${i}.base.md`), base);
      writeFileSync(join(root, `${i}.theirs.md`), theirs);
    });
    const readAll = () => forks.map((_, i) => ['ours', 'base', 'theirs'].map((side) => readFileSync(join(root, `${i}.${side}.md`), 'utf8')));
    const mergeAll = () => {
      for (const [ours, b, t] of readAll()) {
        if (!mergeTemplate({ base: b, ours, theirs: t }).clean) throw new Error('unexpected conflict');
      }
    };
    mergeAll();
    const mergeTimes = [];
    const readTimes = [];
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      readAll();
      readTimes.push(performance.now() - start);
      start = performance.now();
      mergeAll();
      mergeTimes.push(performance.now() - start);
    }
    const mergeMs = median(mergeTimes);
    const readMs = median(readTimes);
    return [
      {
        figure: 'upgrade 100 copy forks: read + 3-way merge (in-process)',
        median: `${mergeMs.toFixed(1)} ms`,
        'min–max': `${Math.min(...mergeTimes).toFixed(1)}–${Math.max(...mergeTimes).toFixed(1)} ms`,
        ratio: `${(mergeMs / readMs).toFixed(1)}× reading the same 300 files (${readMs.toFixed(1)} ms)`,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
