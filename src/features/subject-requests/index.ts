// The subject-requests feature, as the rest of Haven sees it: the only file other code imports.
export type { SubjectKernelDeps } from './deps.ts';
export {
  SUBJECT_EXPORT_FORMAT,
  eraseSubject,
  exportSubject,
  plannedIds,
  type ErasurePlan,
  type ErasureResult,
  type PlannedKind,
  type SubjectExport,
  type SubjectFeature,
  type SubjectRefusal,
} from './subject-request.ts';
