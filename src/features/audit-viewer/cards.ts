import { bindTemplate, type Card } from '../../kernel/cards.ts';
import type { AuditCardData } from './views.ts';

export function auditCard(data: AuditCardData): Card {
  return bindTemplate('audit-trail', data);
}
