// The report: one row per figure (and per baseline), the table printed at the end of a run, and
// the same rows as JSON for `--json <file>`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { summarize } from './measure.js';

/**
 * Builds a row from a figure's summary (see summarize() in measure.js). `baseline` is the
 * baseline's row, measured in the same run; `count` turns the median into a rate (`{ value,
 * unit }`: so many specs or docs per median run); `target` is `{ text, met(row) }` and gives
 * the verdict, PASS or MISS. A baseline's row has `role: 'baseline'` and no target.
 */
export function makeRow({
  group,
  id,
  figure,
  role = 'figure',
  kind = 'process',
  stats,
  baseline,
  count,
  target,
}) {
  const row = {
    group,
    id: `${group}.${id}`,
    figure,
    role,
    kind,
    runs: stats.runs,
    median: stats.median,
    min: stats.min,
    max: stats.max,
    cpu: stats.cpu ?? null,
    peakRss: stats.peakRss ?? null,
    rate: count ? count.value / (stats.median / 1000) : null,
    rateUnit: count ? `${count.unit}/s` : null,
    baseline: baseline
      ? { id: baseline.id, figure: baseline.figure, median: baseline.median }
      : null,
    ratio: baseline ? stats.median / baseline.median : null,
    target: target?.text ?? null,
    verdict: null,
  };
  if (target) row.verdict = target.met(row) ? 'PASS' : 'MISS';
  return row;
}

/**
 * The rows of a group of process figures sampled together: one per baseline (`{ id, name }`),
 * then one per figure (`{ id, name, baseline?, count?, target? }`), where `baseline` names the id
 * of a baseline or of an earlier figure (default: the first baseline).
 */
export function rowsOf(group, samples, baselines, figures) {
  const made = new Map();
  for (const figure of baselines) {
    const stats = summarize(samples.get(figure.id));
    made.set(
      figure.id,
      makeRow({ group, id: figure.id, figure: figure.name, role: 'baseline', stats }),
    );
  }
  for (const figure of figures) {
    const row = makeRow({
      group,
      id: figure.id,
      figure: figure.name,
      stats: summarize(samples.get(figure.id)),
      baseline: made.get(figure.baseline ?? baselines[0]?.id),
      count: figure.count,
      target: figure.target,
    });
    made.set(figure.id, row);
  }
  return {
    baselines: baselines.map((figure) => made.get(figure.id)),
    rows: figures.map((figure) => made.get(figure.id)),
  };
}

/** Targets, as the issue states them. */
export const targets = {
  ratio: (max) => ({ text: `≤ ${max}×`, met: (row) => row.ratio <= max }),
  ms: (max, strict = false) => ({
    text: `${strict ? '<' : '≤'} ${max >= 1000 ? `${max / 1000} s` : `${max} ms`}`,
    met: (row) => (strict ? row.median < max : row.median <= max),
  }),
  all: (...parts) => ({
    text: parts.map((part) => part.text).join(', '),
    met: (row) => parts.every((part) => part.met(row)),
  }),
  rate: (min, unit) => ({
    text: `≥ ${min.toLocaleString('en-US')} ${unit}/s`,
    met: (row) => row.rate >= min,
  }),
  rss: (maxMB) => ({
    text: `RSS ≤ ${maxMB} MB`,
    met: (row) => row.peakRss !== null && row.peakRss <= maxMB,
  }),
};

/** "20 runs each after 3 warm-ups", "1 run, no warm-up". */
export function runsText(runs, warmup) {
  const each = `${runs} run${runs === 1 ? '' : 's'}`;
  if (warmup === 0) return `${each}, no warm-up`;
  return `${each} each after ${warmup} warm-up${warmup === 1 ? '' : 's'}`;
}

/** 41.2 ms, 512 ms, 4.09 s. */
export function formatMs(ms) {
  if (ms >= 999.5) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 99.95) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

const formatRange = (row) => {
  if (row.max >= 999.5) return `${(row.min / 1000).toFixed(2)}–${(row.max / 1000).toFixed(2)} s`;
  const ms = (value) => value.toFixed(value >= 99.95 ? 0 : 1);
  return `${ms(row.min)}–${ms(row.max)} ms`;
};

const COLUMNS = [
  ['figure', (row) => (row.role === 'baseline' ? `  baseline: ${row.figure}` : row.figure)],
  ['median', (row) => formatMs(row.median)],
  ['min–max', formatRange],
  // GNU time counts CPU in hundredths of a second: no decimals for a process below 100 ms.
  [
    'CPU',
    (row) => {
      if (row.cpu === null) return '—';
      return row.kind === 'process' && row.cpu < 99.5
        ? `${row.cpu.toFixed(0)} ms`
        : formatMs(row.cpu);
    },
  ],
  ['peak RSS', (row) => (row.peakRss === null ? '—' : `${row.peakRss.toFixed(0)} MB`)],
  [
    'rate',
    (row) =>
      row.rate === null ? '' : `${Math.round(row.rate).toLocaleString('en-US')} ${row.rateUnit}`,
  ],
  [
    'baseline',
    (row) => (row.baseline ? `${row.baseline.figure} (${formatMs(row.baseline.median)})` : ''),
  ],
  ['ratio', (row) => (row.ratio === null ? '' : `${row.ratio.toFixed(2)}×`)],
  ['target', (row) => row.target ?? ''],
  ['result', (row) => row.verdict ?? ''],
];

/** The table of every group's baselines and figures, as text. */
export function formatTable(sections) {
  const lines = [];
  const cells = sections.map(({ rows }) => rows.map((row) => COLUMNS.map(([, cell]) => cell(row))));
  const widths = COLUMNS.map(([title], c) =>
    Math.max(title.length, ...cells.flat().map((row) => row[c].length)),
  );
  const line = (values) =>
    values
      .map((value, c) => (c === 0 ? value.padEnd(widths[c]) : value.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  lines.push(line(COLUMNS.map(([title]) => title)));
  const width = widths.reduce((a, b) => a + b + 2, -2);
  sections.forEach(({ title }, s) => {
    lines.push(`── ${title} `.padEnd(width, '─'));
    for (const row of cells[s]) lines.push(line(row));
  });
  return lines.join('\n');
}

/** Writes the report as JSON: the machine, the settings, every row, and any failure. */
export function writeJson(file, report) {
  mkdirSync(dirname(file), { recursive: true });
  const machine = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    loadavg: loadavg(),
  };
  writeFileSync(file, `${JSON.stringify({ machine, ...report }, null, 2)}\n`);
}
