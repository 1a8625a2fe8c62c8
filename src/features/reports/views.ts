// What the reports card shows: report titles, unit names and the period in words. Never an id.
import type { Roster } from '../../kernel/types.ts';
import { formatDay } from '../../kernel/format.ts';
import type { ReportGrant } from './policy.ts';
import { REPORT_TITLES, type ReportPeriod } from './rules.ts';

export interface ReportsCardData {
  periodText: string;
  emptyText: string;
  /** One row per file: the report, its unit, its format. */
  rows: { title: string; subtitle: string; report: string; unitId: string; format: string }[];
}

export function reportsCardData(grants: readonly ReportGrant[], roster: Roster, period: ReportPeriod): ReportsCardData {
  return {
    periodText: `${formatDay(period.from)} to ${formatDay(period.to)}`,
    emptyText: 'There are no reports for you to download. Reports are for department heads and trainers.',
    rows: grants.flatMap((g) => {
      const unitName = roster.units.find((u) => u.id === g.unitId)?.name ?? 'Your unit';
      const formats = g.report === 'predeployment' ? (['csv', 'html'] as const) : (['csv'] as const);
      return formats.map((format) => ({
        title: `${REPORT_TITLES[g.report]} (${format === 'csv' ? 'CSV, for a spreadsheet' : 'web page'})`,
        subtitle: unitName,
        report: g.report,
        unitId: g.unitId,
        format,
      }));
    }),
  };
}
