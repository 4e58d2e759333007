import { describe, expect, it } from 'vitest';
import { specTitle } from './metadata.js';
import { parseSpec } from './parse-spec.js';

describe('specTitle', () => {
  it.each([
    ['Feature Specification: Guest Checkout', 'Guest Checkout'],
    ['機能仕様: ダークモード', 'ダークモード'],
    ['功能规范：接口自动化测试框架', '接口自动化测试框架'],
    ['Specification : Procedures de restauration', 'Procedures de restauration'],
    ['Tenant Onboarding Feature', 'Tenant Onboarding Feature'],
    ['Link to https://example.com/x', 'Link to https://example.com/x'],
    ['Meeting at 10:30', 'Meeting at 10:30'],
    ['Title:', 'Title:'],
    [
      'A very long sentence that is certainly not a prefix at all: rest',
      'A very long sentence that is certainly not a prefix at all: rest',
    ],
    ['`code: x` title', '`code: x` title'],
  ])('turns %j into %j', (heading, title) => {
    expect(specTitle(heading)).toBe(title);
  });
});

describe('spec header', () => {
  it('reads the known fields and every labelled line when they follow the title', () => {
    const spec = parseSpec(
      [
        '# Feature Specification: X',
        '',
        '**Feature Branch**: `[001-x]`  ',
        '**Created**: 2026-01-02  ',
        '**Status**: Draft  ',
        '**Owner:** Team A',
        '**Input**: User description: "Do the thing"',
        '',
        '## Next',
        '**Status**: not a header field',
      ].join('\n'),
    );
    expect(spec).toMatchObject({
      title: 'X',
      titleLine: 1,
      branch: '001-x',
      created: '2026-01-02',
      status: 'Draft',
      input: 'Do the thing',
    });
    expect(spec.fields).toEqual([
      { label: 'Feature Branch', value: '`[001-x]`', line: 3 },
      { label: 'Created', value: '2026-01-02', line: 4 },
      { label: 'Status', value: 'Draft', line: 5 },
      { label: 'Owner', value: 'Team A', line: 6 },
      { label: 'Input', value: 'User description: "Do the thing"', line: 7 },
    ]);
  });

  it('fills the known fields when the labels are translated', () => {
    const fields = (labels: string[]) =>
      parseSpec(`# T\n\n${labels.map((l, i) => `**${l}**: v${i}`).join('\n')}\n`);
    expect(fields(['機能ブランチ', '作成日', 'ステータス', '入力'])).toMatchObject({
      branch: 'v0',
      created: 'v1',
      status: 'v2',
      input: 'v3',
    });
    expect(fields(['Feature-Branch', 'Erstellt', 'Status', 'Eingabe'])).toMatchObject({
      branch: 'v0',
      input: 'v3',
    });
    expect(fields(['Nhánh Tính năng', 'Ngày tạo', 'Trạng thái', 'Đầu vào'])).toMatchObject({
      branch: 'v0',
      created: 'v1',
      status: 'v2',
      input: 'v3',
    });
    expect(fields(['Branche', 'Date', 'Statut'])).toMatchObject({
      branch: 'v0',
      created: 'v1',
      status: 'v2',
    });
    expect(fields(['功能分支', '创建日期', '状态', '输入'])).toMatchObject({
      branch: 'v0',
      input: 'v3',
    });
  });

  it('keeps the Input together when it spans paragraphs and unquotes its first one', () => {
    const spec = parseSpec(
      [
        '# Feature Specification: X',
        '',
        '**Feature Branch**: `002-x`',
        '**Input**: User description: "First paragraph',
        'wrapped onto a second line."',
        '',
        'A second paragraph the user pasted.',
        '',
        '- and a list',
        '',
        '## Section',
      ].join('\n'),
    );
    expect(spec.input).toBe(
      'First paragraph\nwrapped onto a second line.\n\nA second paragraph the user pasted.\n\n- and a list',
    );
    expect(spec.fields.at(-1)).toEqual({
      label: 'Input',
      value:
        'User description: "First paragraph\nwrapped onto a second line."\n\nA second paragraph the user pasted.\n\n- and a list',
      line: 4,
    });
  });

  it('ends a short field when prose follows it', () => {
    const spec = parseSpec('# T\n\n**Status**: Draft\n\nSome prose about the spec.\n');
    expect(spec.status).toBe('Draft');
  });

  it('collects a list when a field is empty on its own line', () => {
    const spec = parseSpec('# T\n\n**Links**:\n- [plan](plan.md)\n- [tasks](tasks.md)\n');
    expect(spec.fields).toEqual([
      { label: 'Links', value: '- [plan](plan.md)\n- [tasks](tasks.md)', line: 3 },
    ]);
  });

  it('reads header lines before the first heading when the spec has no H1', () => {
    const spec = parseSpec('**Status**: Draft\n\n## Section\n');
    expect(spec.title).toBeUndefined();
    expect(spec.status).toBe('Draft');
  });

  it('leaves the fields empty when the header has none', () => {
    const spec = parseSpec('# Plain title\n\nJust prose.\n');
    expect(spec).toMatchObject({
      title: 'Plain title',
      branch: undefined,
      input: undefined,
      fields: [],
    });
  });

  it('unquotes the input when it uses typographic or CJK quotes', () => {
    expect(parseSpec('# T\n\n**Input**: 用户描述: “做一件事”\n').input).toBe('做一件事');
    expect(parseSpec('# T\n\n**Input**: User description: 「在既有支援上」\n').input).toBe(
      '在既有支援上',
    );
    expect(parseSpec('# T\n\n**Input**: Base feature for signup\n').input).toBe(
      'Base feature for signup',
    );
  });
});
