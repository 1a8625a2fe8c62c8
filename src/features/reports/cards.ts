import { bindTemplate, type Card } from '../../kernel/cards.ts';
import type { ReportsCardData } from './views.ts';

export function reportsCard(data: ReportsCardData): Card {
  return bindTemplate('reports', data);
}
