// File names and periods of the downloadable reports, as the CLI names them. Pure.
import type { ReportName } from './policy.ts';

export type ReportFormat = 'csv' | 'html';

export interface ReportPeriod {
  from: string;
  to: string;
}

/** `npm run report -- predeployment` writes predeployment-<from>-<to>.csv and .html. */
export function reportFileName(report: ReportName, period: ReportPeriod, format: ReportFormat): string {
  return report === 'predeployment'
    ? `predeployment-${period.from}-${period.to}.${format}`
    : `check-in-figures-${period.from}-${period.to}.csv`;
}

export const REPORT_TITLES: Record<ReportName, string> = {
  predeployment: 'Annual process review',
  unit: 'Check-in figures (groups of 5 or more)',
};
