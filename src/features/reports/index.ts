// Issue 16 part 4, reports from Teams: the only file other code imports.
export type { ReportsDeps } from './deps.ts';
import type { Feature } from '../../kernel/feature.ts';
import { fileOfferSubjectData } from '../../kernel/file-offers.ts';
import type { ReportsDeps } from './deps.ts';
import { routes } from './routes.ts';
import { commands } from './commands.ts';
import { reportFiles, REPORT_FILE_KIND } from './files.ts';

export const reports: Feature<ReportsDeps> = {
  name: 'reports',
  routes: routes.all,
  commands,
  // The file offers it made (kernel/file-offers.ts), for subject access and erasure.
  subjectData: fileOfferSubjectData([REPORT_FILE_KIND]),
  files: [reportFiles],
  cardFixtures: async () => (await import('./card-fixtures.ts')).cardFixtures(),
};
export { reportsFor, mayDownload } from './policy.ts';
