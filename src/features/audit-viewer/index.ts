// Issue 16 part 4, the audit viewer: the only file other code imports.
export type { AuditViewerDeps } from './deps.ts';
import type { Feature } from '../../kernel/feature.ts';
import type { AuditViewerDeps } from './deps.ts';
import { routes } from './routes.ts';
import { commands } from './commands.ts';
import { auditFiles } from './files.ts';

export const auditViewer: Feature<AuditViewerDeps> = {
  name: 'audit-viewer',
  routes: routes.all,
  commands,
  files: [auditFiles],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
};
export { mayReadAuditOf, auditablePeople } from './policy.ts';
