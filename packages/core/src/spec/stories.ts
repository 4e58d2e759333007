import { blocksText, blockText, itemText, readBoldLabel } from './block-text.js';
import { matchesPhrase, phrases } from './keys.js';
import type { ListBlock } from './markdown.js';
import type { AcceptanceScenario, UserStory } from './model.js';
import { parseScenario } from './scenarios.js';
import { findRoleNodes } from './section-roles.js';
import { contentBlocks, type Outline, type OutlineNode } from './sections.js';
import type { Source } from './source.js';

/** What a story heading says. */
export interface StoryHeading {
  /** The story number as written, e.g. `1`, `4a`. */
  label: string;
  number: number;
  title: string;
  priority: string | undefined;
}

// The words that introduce a numbered story, in the languages of the corpus and a few more.
// Spaces and hyphens inside a word are optional (`User Story`, `User-Story`, `Userstory`).
const storyWords = [
  'user story',
  'story',
  'us',
  'historia de usuario',
  'historia del usuario',
  'história de usuário',
  'historia de usuário',
  'história do usuário',
  'benutzer-story',
  'benutzergeschichte',
  'récit utilisateur',
  'histoire utilisateur',
  'storia utente',
  'ユーザーストーリー',
  'ユーザー ストーリー',
  '用户故事',
  '用戶故事',
  '使用者故事',
  '사용자 스토리',
  '사용자 시나리오',
  '유저 스토리',
  'kịch bản',
  'câu chuyện người dùng',
  'пользовательская история',
  'история пользователя',
];

const escapeRe = (s: string) =>
  s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[\\s-]?');

// `User Story 1 - Title (Priority: P1) 🎯 MVP`, `US4a — Title`, `ユーザーストーリー 1 - 題（優先度：P1）`.
// The separator after the number is a hyphen, en or em dash, colon or full stop; it may be
// missing. The priority is any short `(Label: Pn)` group, so translated labels need no list.
const storyHeading = new RegExp(
  String.raw`^(?:${storyWords.map(escapeRe).join('|')})\s*(?<num>\d{1,4})(?<letter>[a-z]?)(?![\p{L}\p{N}])\s*(?:[-–—:：.]\s*)?(?<rest>.*)$`,
  'iu',
);
const priorityGroup =
  /[(（][^()（）]{0,30}?[:：]?\s*(?<p>P\d{1,2})(?:\s*[-–—,/]\s*[^()（）]{0,20})?\s*[)）]/iu;

// A trailing `🎯 MVP` / `MVP` tag without a priority.
const mvpTag = /(?:🎯\s*)?\bMVP$/u;

/** Reads a story heading, or returns `undefined` when `title` is not one. */
export function parseStoryHeading(title: string): StoryHeading | undefined {
  const m = storyHeading.exec(title.trim());
  if (!m?.groups) return undefined;
  const { num = '', letter = '', rest = '' } = m.groups;
  let storyTitle = rest;
  let priority: string | undefined;
  const p = priorityGroup.exec(rest);
  if (p?.groups?.p) {
    priority = p.groups.p.toUpperCase();
    // Whatever follows the priority (`🎯 MVP`, `MVP`) is a tag, not title.
    storyTitle = rest.slice(0, p.index);
  } else {
    const trimmed = rest.trimEnd();
    const tag = mvpTag.exec(trimmed);
    storyTitle = tag ? trimmed.slice(0, tag.index) : trimmed;
  }
  return { label: `${num}${letter}`, number: Number(num), title: storyTitle.trim(), priority };
}

type Field = 'why' | 'independentTest' | 'acceptance';

const acceptanceLabels = phrases(
  'acceptance',
  'acceptance scenarios',
  'aceptación',
  'aceitação',
  'akzeptanzszenarien',
  'akzeptanzkriterien',
  'akzeptanz',
  'acceptation',
  'accettazione',
  '受け入れ',
  '受入',
  '验收',
  '驗收',
  '승인 시나리오',
  '인수 시나리오',
  '수용 시나리오',
  'chấp nhận',
  'chấp thuận',
  'приемки',
  'приёмки',
);
const independentLabels = phrases(
  'independent',
  'independente',
  'independiente',
  'indépendant',
  'unabhängiger',
  'unabhängig',
  'indipendente',
  '独立',
  '독립',
  'độc lập',
  'независимый',
  'независимая',
);
const whyLabels = phrases(
  'why',
  'warum',
  'pourquoi',
  'por que',
  'por qué',
  'porque',
  'perché',
  '理由',
  '为什么',
  '為什麼',
  '为何',
  '為何',
  '이유',
  'vì sao',
  'tại sao',
  'lý do',
  'почему',
  'обоснование',
);

function classifyLabel(label: string): Field | undefined {
  if (matchesPhrase(label, acceptanceLabels)) return 'acceptance';
  if (matchesPhrase(label, independentLabels)) return 'independentTest';
  if (matchesPhrase(label, whyLabels)) return 'why';
  return undefined;
}

/**
 * Finds the user stories: every section whose heading follows the story grammar (not nested
 * in another story), or, when there is none, the single story of an older spec's
 * `Primary User Story` and `Acceptance Scenarios` sections.
 */
export function readStories(source: Source, outline: Outline): UserStory[] {
  const stories: UserStory[] = [];
  let inside: OutlineNode | undefined;
  for (const node of outline.nodes) {
    if (inside && node.section.line <= inside.section.endLine) continue;
    inside = undefined;
    const heading = parseStoryHeading(node.section.title);
    if (!heading) continue;
    inside = node;
    stories.push(readStory(source, node, heading));
  }
  if (stories.length === 0) {
    const legacy = readLegacyStory(source, outline);
    if (legacy) stories.push(legacy);
  }
  rankStories(stories);
  return stories;
}

type TextField = 'description' | 'why' | 'independentTest';
type State = TextField | 'acceptance' | 'other';

const isText = (s: State): s is TextField => s !== 'acceptance' && s !== 'other';

// A known label switches field; an unknown one is prose in the description and ends a known
// field after it (`**Notes**:` after the scenarios is not part of them).
function nextState(state: State, field: Field | undefined): State {
  if (field) return field;
  return state === 'description' ? 'description' : 'other';
}

function readStory(source: Source, node: OutlineNode, heading: StoryHeading): UserStory {
  const text: Record<TextField, string[]> = { description: [], why: [], independentTest: [] };
  const seen = new Set<Field>();
  const scenarioLists: ListBlock[] = [];
  const looseLists: ListBlock[] = [];
  let state: State = 'description';

  for (const block of contentBlocks(node)) {
    if (block.kind === 'heading') {
      const field = classifyLabel(block.content);
      if (field) seen.add(field);
      state = nextState(state, field);
    } else if (block.kind === 'paragraph') {
      // Fields may share a paragraph (`**Why this priority**: …` on one line,
      // `**Independent Test**: …` on the next), so split at every labelled line.
      let chunk: string[] = [];
      const flush = () => {
        if (chunk.length > 0 && isText(state)) text[state].push(chunk.join('\n').trim());
        chunk = [];
      };
      for (const line of block.lines) {
        const label = readBoldLabel(line);
        const field = label && classifyLabel(label.label);
        if (!label || (field === undefined && state === 'description')) {
          chunk.push(line);
        } else {
          flush();
          if (field) seen.add(field);
          state = nextState(state, field);
          if (label.rest !== '') chunk.push(label.rest);
        }
      }
      flush();
    } else if (block.kind === 'list') {
      looseLists.push(block);
      if (state === 'acceptance') scenarioLists.push(block);
      // A Given/When/Then list before any label is the scenarios, not description.
      else if (state === 'description' && isScenarioList(block)) continue;
      else if (isText(state)) text[state].push(blockText(source, block));
    } else if (block.kind !== 'html' && block.kind !== 'rule' && isText(state)) {
      text[state].push(blockText(source, block));
    }
  }

  // Without an Acceptance label, a list of Given/When/Then items anywhere in the story counts.
  const lists = seen.has('acceptance') ? scenarioLists : looseLists.filter(isScenarioList);
  const field = (name: 'why' | 'independentTest') =>
    seen.has(name) ? joinParts(text[name]) : undefined;

  return {
    id: `US${heading.label}`,
    number: heading.number,
    title: heading.title,
    priority: heading.priority,
    priorityRank: 0,
    description: joinParts(text.description),
    why: field('why'),
    independentTest: field('independentTest'),
    scenarios: lists.flatMap((list) => readScenarios(source, list)),
    line: node.section.line,
    endLine: node.section.endLine,
    legacy: false,
  };
}

function joinParts(parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n\n');
}

function isScenarioList(list: ListBlock): boolean {
  return list.items.some((item) => {
    const first = item.children[0];
    return first?.kind === 'paragraph' && parseScenario(first.lines.join('\n')).then !== undefined;
  });
}

function readScenarios(source: Source, list: ListBlock): AcceptanceScenario[] {
  return list.items.map((item) => {
    const text = itemText(source, item);
    return { ...parseScenario(text), text, line: item.line };
  });
}

function readLegacyStory(source: Source, outline: Outline): UserStory | undefined {
  const [primary] = findRoleNodes(outline, 'primaryUserStory');
  if (!primary) return undefined;
  const acceptance = findRoleNodes(outline, 'acceptanceScenarios').find(
    (n) => n.section.line > primary.section.line,
  );
  const lists = acceptance
    ? contentBlocks(acceptance).filter((b): b is ListBlock => b.kind === 'list')
    : [];
  return {
    id: 'US1',
    number: 1,
    title: primary.section.title,
    priority: undefined,
    priorityRank: 0,
    description: blocksText(
      source,
      contentBlocks(primary).filter((b) => b.kind !== 'heading'),
    ),
    why: undefined,
    independentTest: undefined,
    scenarios: lists.flatMap((list) => readScenarios(source, list)),
    line: primary.section.line,
    // The story spans both sections, so its scenarios fall inside its line range.
    endLine: Math.max(primary.section.endLine, acceptance?.section.endLine ?? 0),
    legacy: true,
  };
}

/** Sets `priorityRank`: lower `Pn` first, stories without a priority last, ties in document order. */
function rankStories(stories: UserStory[]): void {
  const key = (s: UserStory) =>
    s.priority === undefined ? Number.POSITIVE_INFINITY : Number(s.priority.slice(1));
  const order = stories.map((s, i) => ({ s, i })).sort((a, b) => key(a.s) - key(b.s) || a.i - b.i);
  order.forEach(({ s }, rank) => {
    s.priorityRank = rank + 1;
  });
}
