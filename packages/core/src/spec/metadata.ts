import { blockText, readBoldLabel } from './block-text.js';
import { normalizeKey } from './keys.js';
import type { Block, HeadingBlock } from './markdown.js';
import type { MetadataField } from './model.js';
import type { Source } from './source.js';

/** The spec title and the header fields. */
export interface SpecMetadata {
  title: string | undefined;
  titleLine: number | undefined;
  branch: string | undefined;
  created: string | undefined;
  status: string | undefined;
  input: string | undefined;
  fields: MetadataField[];
}

type Known = 'branch' | 'created' | 'status' | 'input';

// Labels of the four known fields in the languages of the corpus and a few neighbours; keys
// as `normalizeKey` makes them (lower case, accents dropped).
const knownLabels = new Map<string, Known>();
const addLabels = (known: Known, ...labels: string[]) => {
  for (const label of labels) knownLabels.set(normalizeKey(label), known);
};
addLabels(
  'branch',
  'Feature Branch',
  'Branch',
  'Feature-Branch',
  'Branche',
  'Rama',
  'Rama de funcionalidad',
  'Rama de la funcionalidad',
  'Branch da Feature',
  'Branch da funcionalidade',
  'Ramo',
  '機能ブランチ',
  'ブランチ',
  '功能分支',
  '特性分支',
  '分支',
  '기능 브랜치',
  '브랜치',
  'Nhánh tính năng',
  'Nhánh',
  'Ветка',
  'Ветка фичи',
);
addLabels(
  'created',
  'Created',
  'Date',
  'Erstellt',
  'Créé',
  'Créé le',
  'Creado',
  'Fecha de creación',
  'Fecha',
  'Criado',
  'Criado em',
  'Data de criação',
  '作成日',
  '創建日期',
  '创建日期',
  '创建时间',
  '建立日期',
  '작성일',
  '생성일',
  'Ngày tạo',
  'Được tạo',
  'Создано',
  'Дата создания',
);
addLabels(
  'status',
  'Status',
  'Statut',
  'Estado',
  'ステータス',
  '状态',
  '狀態',
  '상태',
  'Trạng thái',
  'Статус',
);
addLabels(
  'input',
  'Input',
  'Eingabe',
  'Entrée',
  'Entrada',
  '入力',
  '输入',
  '輸入',
  '用户输入',
  '입력',
  'Đầu vào',
  'Вход',
  'Входные данные',
);

/**
 * Reads the title from the title heading and the `**Label**: value` lines of the header
 * (the blocks between the title and the next heading).
 *
 * A field's value continues on the following lines of its paragraph. The Input field (and a
 * field whose value is empty on its own line) also takes the following paragraphs and lists
 * up to the next field: real specs paste multi-paragraph descriptions there.
 */
export function readMetadata(
  source: Source,
  titleHeading: HeadingBlock | undefined,
  header: Block[],
): SpecMetadata {
  const fields: MetadataField[] = [];
  let current: MetadataField | undefined;

  for (const block of header) {
    if (block.kind === 'paragraph') {
      // Whether `current` continues on the next line of this paragraph.
      let live = false;
      block.lines.forEach((text, i) => {
        const label = readBoldLabel(text);
        if (label) {
          current = { label: label.label, value: label.rest, line: block.line + i };
          fields.push(current);
          live = true;
        } else if (current && live) {
          current.value = append(current.value, text, '\n');
        } else if (current && i === 0 && takesBlocks(current)) {
          current.value = append(current.value, text, '\n\n');
          live = true;
        } else {
          // Prose that belongs to no field ends the previous one.
          current = undefined;
        }
      });
    } else if (block.kind === 'list' && current && takesBlocks(current)) {
      current.value = append(current.value, blockText(source, block), '\n\n');
    } else if (block.kind !== 'html') {
      current = undefined;
    }
  }
  for (const field of fields) field.value = field.value.trim();

  const known = (kind: Known) =>
    fields.find((f) => knownLabels.get(normalizeKey(f.label)) === kind)?.value;
  const branch = known('branch');
  const input = known('input');
  return {
    title: titleHeading ? specTitle(titleHeading.content) : undefined,
    titleLine: titleHeading?.line,
    branch: branch === undefined ? undefined : cleanBranch(branch),
    created: known('created'),
    status: known('status'),
    input: input === undefined ? undefined : cleanInput(input),
    fields,
  };
}

function append(value: string, text: string, separator: string): string {
  return value === '' ? text : `${value}${separator}${text}`;
}

function takesBlocks(field: MetadataField): boolean {
  return field.value === '' || knownLabels.get(normalizeKey(field.label)) === 'input';
}

// `Feature Specification: X`, `機能仕様: X`, `功能规范：X`, `Specification : X`. The colon must
// be followed by a space (or be full-width) so `https://…` and `10:30` are not split.
const titlePrefix = /^([^:：`]{1,40}?)\s*(?::(?=\s)|：)\s*/u;

/** The spec title: the heading text after a short `Feature Specification:`-style prefix. */
export function specTitle(heading: string): string {
  const m = titlePrefix.exec(heading);
  if (!m) return heading;
  const rest = heading.slice(m[0].length).trim();
  return rest === '' ? heading : rest;
}

/** `` `[001-x]` `` → `001-x`: backticks and surrounding brackets removed. */
function cleanBranch(value: string): string {
  let v = value.trim();
  const code = /^`+([^`]*)`+/.exec(v);
  if (code) v = code[1]!.trim();
  const bracket = /^\[(.*)\]$/.exec(v);
  if (bracket) v = bracket[1]!.trim();
  return v;
}

// `User description: "…"`, `ユーザー説明: "…"`, `用户描述: “…”`: a short label before a quote.
const inputLabel = /^[^"“「«:：\n]{1,40}[:：]\s*(?=["“「«])/u;
const quotePairs: Record<string, string> = { '"': '"', '“': '”', '「': '」', '«': '»' };

/** The user's words from the Input field: label and enclosing quotes removed. */
function cleanInput(value: string): string {
  let v = value.trim().replace(inputLabel, '');
  // Only the first paragraph is quoted in multi-paragraph inputs.
  const breakAt = v.indexOf('\n\n');
  const first = breakAt === -1 ? v : v.slice(0, breakAt);
  const open = first[0];
  const close = open === undefined ? undefined : quotePairs[open];
  if (close !== undefined && first.length >= 2 && first.endsWith(close)) {
    v = first.slice(1, -1).trim() + (breakAt === -1 ? '' : v.slice(breakAt));
  }
  return v;
}
