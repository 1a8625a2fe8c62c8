// The subject-requests feature, as the rest of Haven sees it: the only file other code imports.
export type { SubjectDeps } from './deps.ts';
