import { matchesKey, type PhraseList, phrases } from './keys.js';
import type { Outline, OutlineNode } from './sections.js';

/** The Spec Kit sections the extractors look for by name. */
export type SectionRole =
  | 'functionalRequirements'
  | 'successCriteria'
  | 'edgeCases'
  | 'keyEntities'
  | 'assumptions'
  | 'clarifications'
  | 'primaryUserStory'
  | 'acceptanceScenarios';

// Heading names per role: Spec Kit's English names and the translations met in real specs.
// Matching is on `normalizeKey` keys; Latin phrases as whole words, others as substrings.
const roleNames: Record<SectionRole, PhraseList> = {
  functionalRequirements: phrases(
    'functional requirements',
    'functional requirement',
    'requisitos funcionales',
    'requerimientos funcionales',
    'requisitos funcionais',
    'exigences fonctionnelles',
    'funktionale anforderungen',
    'requisiti funzionali',
    '機能要件',
    '功能需求',
    '功能性需求',
    '功能要求',
    '기능 요구사항',
    '기능적 요구사항',
    'yêu cầu chức năng',
    'функциональные требования',
  ),
  successCriteria: phrases(
    'success criteria',
    'measurable outcomes',
    'criterios de éxito',
    'resultados medibles',
    'critérios de sucesso',
    'resultados mensuráveis',
    'critères de succès',
    'erfolgskriterien',
    'messbare ergebnisse',
    'criteri di successo',
    '成功基準',
    '測定可能な成果',
    '成功标准',
    '成功標準',
    '可度量结果',
    '可衡量结果',
    '성공 기준',
    'tiêu chí thành công',
    'kết quả đo lường',
    'критерии успеха',
  ),
  edgeCases: phrases(
    'edge case',
    'edge cases',
    'casos borde',
    'casos de borde',
    'casos límite',
    'casos limite',
    'casos extremos',
    'casos de borda',
    'grenzfälle',
    'randfälle',
    'sonderfälle',
    'cas limites',
    'cas limite',
    'casi limite',
    'trường hợp biên',
    'trường hợp ngoại lệ',
    'エッジケース',
    '境界条件',
    '边界情况',
    '邊界情況',
    '边缘情况',
    '邊緣情況',
    '边界条件',
    '엣지 케이스',
    '경계 사례',
    'граничные случаи',
    'крайние случаи',
    'пограничные случаи',
  ),
  keyEntities: phrases(
    'key entities',
    'key entity',
    'entities',
    'entidades clave',
    'entidades chave',
    'entidades',
    'entitäten',
    'schlüssel entitäten',
    'entités clés',
    'entites cles',
    'entités',
    'entita chiave',
    'エンティティ',
    '实体',
    '實體',
    '엔티티',
    'thực thể',
    'сущности',
  ),
  assumptions: phrases(
    'assumption',
    'assumptions',
    'supuestos',
    'suposiciones',
    'suposições',
    'premissas',
    'pressupostos',
    'annahmen',
    'hypothèses',
    'hypotheses',
    'ipotesi',
    '仮定',
    '想定',
    '假设',
    '假設',
    '가정',
    'giả định',
    'допущения',
    'предположения',
  ),
  clarifications: phrases(
    'clarification',
    'clarifications',
    'aclaraciones',
    'clarificaciones',
    'esclarecimentos',
    'klärungen',
    'klarstellungen',
    'précisions',
    'chiarimenti',
    '澄清',
    '明確化',
    '確認事項',
    '명확화',
    'làm rõ',
    'уточнения',
  ),
  primaryUserStory: phrases(
    'primary user story',
    'main user story',
    'historia de usuario principal',
    'primäre user story',
    '主要用户故事',
    '主要ユーザーストーリー',
  ),
  acceptanceScenarios: phrases(
    'acceptance scenarios',
    'acceptance scenario',
    'escenarios de aceptación',
    'akzeptanzszenarien',
    '受け入れシナリオ',
    '验收场景',
  ),
};

// `Non-Functional Requirements` contains `Functional Requirements`; these rule it out.
const notRole: Partial<Record<SectionRole, PhraseList>> = {
  functionalRequirements: phrases(
    'non functional',
    'nonfunctional',
    'nicht funktionale',
    'no funcionales',
    'não funcionais',
    'non fonctionnelles',
    '非功能',
    '非機能',
    'phi chức năng',
    '비기능',
    'нефункциональные',
  ),
};

/**
 * The sections that play `role`, in document order. When a matching section has a matching
 * descendant, the descendant is the more specific one and the ancestor is left out (e.g.
 * `## 制約と仮定` / `### 仮定` gives the `### 仮定` section only).
 */
export function findRoleNodes(outline: Outline, role: SectionRole): OutlineNode[] {
  const names = roleNames[role];
  const excluded = notRole[role];
  const found: OutlineNode[] = [];
  const visit = (node: OutlineNode): boolean => {
    let below = false;
    for (const child of node.children) below = visit(child) || below;
    if (below) return true;
    if (matchesKey(node.key, names) && !(excluded && matchesKey(node.key, excluded))) {
      found.push(node);
      return true;
    }
    return false;
  };
  for (const root of outline.roots) visit(root);
  return found.sort((a, b) => a.section.line - b.section.line);
}
