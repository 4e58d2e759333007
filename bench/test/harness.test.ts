import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = fileURLToPath(new URL('../src/run.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'specforge-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
  id: string;
  role: string;
  median: number;
  min: number;
  max: number;
  baseline: { id: string; median: number } | null;
  ratio: number | null;
  target: string | null;
  verdict: 'PASS' | 'MISS' | null;
}

// Proves the harness, never the figures: smoke inputs are tiny and the machine is shared, so
// which verdict a row gets is not asserted, only that it has one.
describe('pnpm bench', () => {
  it('reports every figure with a median, its baseline and a verdict when run in smoke mode', async () => {
    const file = join(dir, 'bench.json');
    const { stdout } = await promisify(execFile)(process.execPath, [run, '--json', file], {
      env: { ...process.env, BENCH_SMOKE: '1' },
      maxBuffer: 2 ** 26,
    });
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.errors).toEqual([]);
    expect(report.smoke).toBe(true);
    const rows: Row[] = report.rows;
    expect(
      rows.map((row) => `${row.id}${row.target ? ` (${row.target})` : ''}`),
    ).toMatchInlineSnapshot(`
        [
          "startup.version (≤ 1.2×)",
          "startup.help (≤ 1.2×)",
          "startup.plan (≤ 1.5×)",
          "startup.plan-up-to-date",
          "startup.plan-fork (≤ 1.7×)",
          "startup.check (≤ 1.6×)",
          "peer.openspec-version",
          "peer.specforge-version",
          "peer.openspec-validate",
          "peer.specforge-check",
          "registry.resolve (≤ 100 ms)",
          "registry.merge (≤ 1 s)",
          "registry.upgrade (≤ 1 s)",
          "bulk.plan-cold (≥ 2,000 specs/s, RSS ≤ 250 MB)",
          "bulk.plan-up-to-date (≤ 3×, ≥ 10,000 specs/s)",
          "bulk.check (≥ 3,000 docs/s)",
          "bulk.plan-big (RSS ≤ 300 MB)",
          "docs.build-example",
          "docs.build-generated-first",
          "docs.build-generated-cold",
          "docs.build-generated (≤ 20×)",
          "docs.serve-rebuild (< 1 s)",
        ]
      `);
    const baselines: Row[] = report.baselines;
    expect(baselines.map((row) => row.id)).toMatchInlineSnapshot(`
      [
        "startup.node-e-0",
        "peer.node-e-0",
        "registry.read-chain",
        "registry.read-forks",
        "registry.node-e-0",
        "bulk.read-write",
        "bulk.read",
        "docs.node-e-0",
      ]
    `);
    for (const row of [...rows, ...baselines]) {
      expect(Number.isFinite(row.median) && row.median > 0, row.id).toBe(true);
      expect(row.min <= row.median && row.median <= row.max, row.id).toBe(true);
      if (row.baseline) expect(row.ratio, row.id).toBeCloseTo(row.median / row.baseline.median);
      expect(row.verdict, row.id).toEqual(
        row.target ? expect.stringMatching(/^(PASS|MISS)$/) : null,
      );
    }
    expect(stdout).toMatch(/^figure +median +min–max +CPU +peak RSS/m);
    expect(stdout).toMatch(/^\d+ PASS, \d+ MISS \(smoke run/m);
  });
});
