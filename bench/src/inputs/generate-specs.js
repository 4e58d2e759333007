// A deterministic repo of Spec Kit specs for the bulk figures: the same seed and count give a
// byte-identical tree on any machine, so figures from different runs describe the same input.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MIN_BYTES = 5 * 1024;
const MAX_BYTES = 20 * 1024;
const SENTENCES_PER_PARAGRAPH = 5;

/** mulberry32: tiny, fast and identical everywhere; Math.random cannot be seeded. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];
const plural = (w) => `${w.replace(/y$/, 'ie').replace(/(s|ch)$/, '$1e')}s`;
const an = (w) => `${/^[aeiou]/i.test(w) ? 'an' : 'a'} ${w}`;
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const title = (s) => s.replace(/(^|\s)\S/g, (c) => c.toUpperCase());
const cap = (s) => s[0].toUpperCase() + s.slice(1);
const pad3 = (n) => String(n).padStart(3, '0');

// Word lists, '|'-separated. Changing one changes every generated spec and the tree digest.
const words = ([text]) => text.trim().split(/\s*\|\s*/);
const ACTORS = words`
  shopper | administrator | support agent | team lead | guest | billing manager | reviewer |
  operator | analyst | customer | warehouse clerk | auditor
`;
const OBJECTS = words`
  invoice | report | order | subscription | notification | dashboard | comment | export |
  workspace | audit entry | payment method | profile | shipment | coupon | calendar event |
  document | API token | webhook | attachment | saved search
`;
const VERBS = words`
  create | update | archive | export | share | approve | schedule | cancel | restore |
  search | filter | import | review | tag | merge
`;
const QUALIFIERS = words`
  in bulk | from the mobile app | without losing unsaved changes | within 2 seconds |
  across devices | for the whole team | with an audit trail | while offline |
  in under three clicks | without an account
`;
const CONDITIONS = words`
  the network drops mid-request | two people edit the same record |
  the list holds more than 10,000 items | the session expires |
  the upstream service times out | the user lacks permission |
  the input contains non-Latin characters | the quota is exhausted
`;
const OUTCOMES = words`
  the change is kept and a clear message is shown |
  nothing is lost and the action can be retried | the user sees which items failed and why |
  the previous state is restored | an alert reaches the on-call operator |
  the request is refused without side effects
`;
const METRICS = words`
  completion rate | median task time | support tickets per week | error rate |
  p95 response time | weekly active users | time to first value
`;
const builtOn = (r) =>
  `This builds on the existing ${pick(r, OBJECTS)} service and does not change how ${an(pick(r, ACTORS))} signs in.`;
const FILLER = [
  (r) =>
    `Interviews with ${plural(pick(r, ACTORS))} showed that they ${pick(r, VERBS)} ${plural(pick(r, OBJECTS))} several times a day and lose time when ${pick(r, CONDITIONS)}.`,
  (r) =>
    `Today the ${pick(r, ACTORS)} has to ${pick(r, VERBS)} each ${pick(r, OBJECTS)} by hand, which takes about ${int(r, 2, 40)} minutes per week.`,
  (r) =>
    `The ${pick(r, OBJECTS)} must stay consistent even when ${pick(r, CONDITIONS)}; in that case ${pick(r, OUTCOMES)}.`,
  (r) =>
    `Support logged ${int(r, 12, 480)} tickets last quarter from ${plural(pick(r, ACTORS))} who could not ${pick(r, VERBS)} ${an(pick(r, OBJECTS))} ${pick(r, QUALIFIERS)}.`,
  builtOn,
  (r) =>
    `Product analytics put the current ${pick(r, METRICS)} at ${int(r, 3, 97)}%, and the team expects this feature to move it noticeably.`,
];

/** Wraps prose at 100 columns by turning spaces into newlines, which keeps the byte count. */
function wrap(text, prefix = '') {
  const lines = [];
  let line = prefix;
  for (const word of text.split(' ')) {
    if (line.length > prefix.length && line.length + 1 + word.length > 100) {
      lines.push(line);
      line = word;
    } else line = line.length > prefix.length ? `${line} ${word}` : line + word;
  }
  lines.push(line);
  return lines.join('\n');
}

/** The spec of feature `index` (1-based) as text, and its folder name. */
export function specText(seed, index) {
  // One stream per spec, so a spec does not depend on how many others are generated.
  const r = mulberry32(seed ^ Math.imul(index, 0x9e3779b1));
  const verb = pick(r, VERBS);
  const object = pick(r, OBJECTS);
  const qualifier = pick(r, QUALIFIERS);
  const featureTitle = title(`${verb} ${plural(object)} ${qualifier}`);
  const slug = featureTitle
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 4)
    .join('-');
  const dir = `${String(index).padStart(4, '0')}-${slug}`;
  // The last padding sentence may overshoot the target; leave room for it below the maximum.
  const target = int(r, MIN_BYTES, MAX_BYTES - 256);
  const storyCount = int(r, 2, 5);
  const requirementCount = int(r, 10, 50);
  const unclear = r() < 0.15;

  // Padding goes into each story's context paragraph, filled once the rest's size is known.
  const padding = Array.from({ length: storyCount }, () => []);
  const bodySeed = Math.floor(r() * 2 ** 32);
  // Rendered twice (to size the padding, then for real) from the same seed, so only the padding
  // differs between the two.
  const render = (r = mulberry32(bodySeed)) => {
    const out = [
      `# Feature Specification: ${featureTitle}`,
      '',
      `**Feature Branch**: \`${dir}\``,
      `**Created**: 2026-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`,
      `**Status**: ${pick(r, ['Draft', 'Draft', 'In Review', 'Approved'])}`,
      `**Input**: User description: "Let ${an(pick(r, ACTORS))} ${verb} ${plural(object)} ${qualifier}, and keep working when ${pick(r, CONDITIONS)}."`,
      '',
      '## User Scenarios & Testing *(mandatory)*',
      '',
    ];
    let priority = 1;
    for (let s = 1; s <= storyCount; s++) {
      if (s > 1 && priority < 3 && r() < 0.6) priority++;
      const actor = pick(r, ACTORS);
      out.push(
        `### User Story ${s} - ${title(`${pick(r, VERBS)} ${plural(pick(r, OBJECTS))} ${pick(r, QUALIFIERS)}`)} (Priority: P${priority})`,
        '',
        wrap(
          `${cap(an(actor))} wants to ${pick(r, VERBS)} ${an(pick(r, OBJECTS))} ${pick(r, QUALIFIERS)} so that ${pick(r, OUTCOMES)}.`,
        ),
        '',
      );
      for (let p = 0; p < padding[s - 1].length; p += SENTENCES_PER_PARAGRAPH) {
        out.push(wrap(padding[s - 1].slice(p, p + SENTENCES_PER_PARAGRAPH).join(' ')), '');
      }
      out.push(
        wrap(`**Why this priority**: ${FILLER[int(r, 0, FILLER.length - 1)](r)}`),
        '',
        wrap(
          `**Independent Test**: Can be fully tested by having ${an(actor)} ${pick(r, VERBS)} ${an(pick(r, OBJECTS))} in a fresh workspace and checking that ${pick(r, OUTCOMES)}.`,
        ),
        '',
        '**Acceptance Scenarios**:',
        '',
      );
      const scenarios = int(r, 2, 4);
      for (let a = 1; a <= scenarios; a++) {
        out.push(
          `${a}. **Given** ${an(actor)} with ${int(r, 2, 500)} ${plural(pick(r, OBJECTS))} and ${pick(r, CONDITIONS).replace(/^the /, 'a case where the ')}, **When** they ${pick(r, VERBS)} one ${pick(r, QUALIFIERS)}, **Then** ${pick(r, OUTCOMES)}.`,
        );
      }
      out.push('', '---', '');
    }
    out.push('### Edge Cases', '');
    for (let e = int(r, 2, 5); e > 0; e--) {
      out.push(
        wrap(
          `- What happens when ${pick(r, CONDITIONS)} while ${an(pick(r, ACTORS))} is editing ${an(pick(r, OBJECTS))}? ${cap(pick(r, OUTCOMES))}.`,
        ).replace(/\n/g, '\n  '),
      );
    }
    out.push('', '## Requirements *(mandatory)*', '', '### Functional Requirements', '');
    const clarifyAt = unclear ? int(r, 1, requirementCount) : 0;
    for (let q = 1; q <= requirementCount; q++) {
      const story = r() < 0.3 ? ` (User Story ${int(r, 1, storyCount)})` : '';
      const tail =
        q === clarifyAt
          ? ` [NEEDS CLARIFICATION: should this also apply when ${pick(r, CONDITIONS)}?]`
          : '';
      out.push(
        `- **FR-${pad3(q)}**: System MUST let ${an(pick(r, ACTORS))} ${pick(r, VERBS)} ${plural(pick(r, OBJECTS))} ${pick(r, QUALIFIERS)}${story}.${tail}`,
      );
    }
    out.push('', '### Key Entities *(include if feature involves data)*', '');
    for (let k = int(r, 2, 5); k > 0; k--) {
      const entity = pick(r, OBJECTS);
      out.push(
        `- **${title(entity)}**: ${cap(an(entity))} owned by one ${pick(r, ACTORS)}; has a status, a creation date and at most one ${pick(r, OBJECTS)}.`,
      );
    }
    out.push('', '## Success Criteria *(mandatory)*', '', '### Measurable Outcomes', '');
    for (let c = 1, n = int(r, 3, 6); c <= n; c++) {
      out.push(
        `- **SC-${pad3(c)}**: The ${pick(r, METRICS)} for ${plural(pick(r, ACTORS))} improves by at least ${int(r, 5, 60)}% within ${int(r, 2, 12)} weeks of launch.`,
      );
    }
    out.push('', '## Assumptions', '');
    for (let a = int(r, 2, 5); a > 0; a--) out.push(`- ${builtOn(r)}`);
    out.push('');
    return out.join('\n');
  };

  // Render once to learn the size without padding, then add sentences until the target is met.
  let missing = target - Buffer.byteLength(render());
  for (let i = 0; missing > 0; i++) {
    const sentence = FILLER[Math.floor(r() * FILLER.length)](r);
    padding[i % storyCount].push(sentence);
    // A new paragraph costs a blank line and a newline; a sentence added to one costs a space.
    const opensParagraph = (padding[i % storyCount].length - 1) % SENTENCES_PER_PARAGRAPH === 0;
    missing -= Buffer.byteLength(sentence) + (opensParagraph ? 2 : 1);
  }
  return { dir, text: render() };
}

/** Writes `count` specs under `root/specs` (and a `.git` folder, so root is a project root). */
export function generateRepo(root, { count, seed = 42 }) {
  mkdirSync(join(root, '.git'), { recursive: true });
  const hash = createHash('sha256');
  const sizes = [];
  for (let i = 1; i <= count; i++) {
    const { dir, text } = specText(seed, i);
    const bytes = Buffer.from(text);
    if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
      throw new Error(
        `generated spec ${dir} is ${bytes.length} bytes, outside ${MIN_BYTES}–${MAX_BYTES}`,
      );
    }
    mkdirSync(join(root, 'specs', dir), { recursive: true });
    writeFileSync(join(root, 'specs', dir, 'spec.md'), bytes);
    hash.update(`specs/${dir}/spec.md\0`).update(bytes);
    sizes.push(bytes.length);
  }
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  return {
    sizes: { min: Math.min(...sizes), max: Math.max(...sizes), mean },
    digest: hash.digest('hex').slice(0, 16),
  };
}
