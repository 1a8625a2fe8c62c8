// The audit trail as a CSV file through the file consent card (kernel/file-offers.ts).
import type { FileKind } from '../../kernel/feature.ts';
import type { AuditViewerDeps } from './deps.ts';
import { AUDIT_FILE_KIND, generateAuditExport } from './audit-viewer.ts';

export const auditFiles: FileKind<AuditViewerDeps> = {
  kind: AUDIT_FILE_KIND,
  generate: (deps, { personId, params }) => generateAuditExport(deps, personId, params.personId),
};
