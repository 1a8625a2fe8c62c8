// "audit <name or roster id>": the audit viewer, for the data protection officer and department heads.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { AuditViewerDeps } from './deps.ts';
import { auditCardFor } from './routes.ts';

export const commands: readonly Command<AuditViewerDeps>[] = [
  {
    name: 'audit',
    priority: COMMAND_PRIORITY.normal,
    pattern: /^(audit|audit trail)( |$)/,
    words: 'audit <name>',
    description: "Who read or changed a person's records, when and why (never answers or notes)",
    roles: ['dpo', 'departmentHead'],
    run: (deps, turn) => auditCardFor(deps, { actor: turn.actor }, turn.text.replace(/^audit( trail)?/, '').trim()),
  },
];
