// Issue 16 part 4, the audit viewer: the only file other code imports.
export type { AuditViewerDeps } from './deps.ts';
import type { Feature } from '../../kernel/feature.ts';
import { fileOfferSubjectData } from '../../kernel/file-offers.ts';
import type { AuditViewerDeps } from './deps.ts';
import { routes } from './routes.ts';
import { commands } from './commands.ts';
import { auditFiles } from './files.ts';
import { AUDIT_FILE_KIND } from './audit-viewer.ts';

export const auditViewer: Feature<AuditViewerDeps> = {
  name: 'audit-viewer',
  routes: routes.all,
  commands,
  // The file offers it made (kernel/file-offers.ts), for subject access and erasure.
  subjectData: fileOfferSubjectData([AUDIT_FILE_KIND]),
  files: [auditFiles],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
};
export { mayReadAuditOf, auditablePeople } from './policy.ts';
