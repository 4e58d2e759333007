import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenarios.js';

const gwt = (given: string | undefined, when: string | undefined, then: string | undefined) => ({
  given,
  when,
  then,
});

describe('parseScenario', () => {
  it.each([
    [
      '**Given** a cart, **When** I pay, **Then** I get a receipt',
      gwt('a cart', 'I pay', 'I get a receipt'),
    ],
    ['**Given:** a cart, **When:** I pay, **Then:** done', gwt('a cart', 'I pay', 'done')],
    [
      '**Given** a, **And** b, **When** c, **Then** d, **And** e',
      gwt('a, **And** b', 'c', 'd, **And** e'),
    ],
    ['Given a cart, when I pay, then I get a receipt.', gwt('a cart', 'I pay', 'I get a receipt.')],
    ['given lower case; when it runs; then fine', gwt('lower case', 'it runs', 'fine')],
    [
      '**Given** the user opens\n   the page, **When** it loads,\n   **Then** it shows',
      gwt('the user opens the page', 'it loads', 'it shows'),
    ],
    ['**Given** a report, **Then** it renders', gwt('a report', undefined, 'it renders')],
    ['**When** I click, **Then** it opens', gwt(undefined, 'I click', 'it opens')],
    ['When I click, then it opens', gwt(undefined, 'I click', 'it opens')],
    ['**Given** a `when` in code, **When** x, **Then** y', gwt('a `when` in code', 'x', 'y')],
    [
      '**Dado** un mes, **Cuando** exporto, **Entonces** descargo',
      gwt('un mes', 'exporto', 'descargo'),
    ],
    [
      '**Gegeben** kein Netz, **wenn** ich speichere, **dann** bleibt es lokal',
      gwt('kein Netz', 'ich speichere', 'bleibt es lokal'),
    ],
    [
      '**Etant donne** une VM, **Quand** je lance, **Alors** elle démarre',
      gwt('une VM', 'je lance', 'elle démarre'),
    ],
    [
      '**前提条件**: 画面がある、**操作**: 押す、**期待結果**: 開く',
      gwt('画面がある', '押す', '開く'),
    ],
    ['**给定** 已安装，**当** 执行命令，**则** 显示结果', gwt('已安装', '执行命令', '显示结果')],
    [
      '**Cho rằng** PO chưa có dự án, **khi** nhấn Tạo, **thì** dự án được tạo',
      gwt('PO chưa có dự án', 'nhấn Tạo', 'dự án được tạo'),
    ],
  ])('splits %j', (text, expected) => {
    expect(parseScenario(text)).toEqual(expected);
  });

  it.each([
    'A plain sentence without keywords',
    '**Given** only a precondition',
    'The user, given time, then leaves',
    '**Then** only an outcome',
  ])('leaves the parts undefined when the text is %j', (text) => {
    expect(parseScenario(text)).toEqual(gwt(undefined, undefined, undefined));
  });
});
