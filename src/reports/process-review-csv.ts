// The annual process review as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line
// break quoted, quotes doubled). Opened in a spreadsheet by people who trust it, so a cell that a
// spreadsheet would run as a formula (= + - @, tab or CR first) gets a leading apostrophe.
import { EXPOSURE_OUTCOME_TITLES, HEAD_REVIEW_TITLES, type ProcessReview, type ProcessReviewRow } from '../features/process-review/rules.ts';
import { JOURNEY_STATE_TITLES } from '../features/journeys/rules.ts';

const COLUMNS: { header: string; value: (r: ProcessReviewRow) => string | number | undefined }[] = [
  { header: 'Journey', value: (r) => r.journeyId },
  { header: 'Candidate', value: (r) => r.candidateName },
  { header: 'Unit', value: (r) => r.unitName },
  { header: 'Trainer', value: (r) => r.trainerName },
  { header: 'Opened', value: (r) => r.openedOn },
  { header: 'Agreed in principle', value: (r) => r.agreedOn },
  { header: 'Controlled exposure', value: (r) => r.exposureOn },
  { header: 'Exposure outcome', value: (r) => (r.exposureOutcome ? EXPOSURE_OUTCOME_TITLES[r.exposureOutcome] : undefined) },
  { header: 'Questionnaire answered', value: (r) => r.answeredOn },
  { header: 'Ready to start', value: (r) => r.readyOn },
  { header: 'Closed', value: (r) => r.closedOn },
  { header: 'Planned start', value: (r) => r.plannedStart },
  { header: 'Outcome', value: (r) => r.outcomeText },
  { header: 'Withdrawn or cancelled at', value: (r) => (r.outcomeStep ? JOURNEY_STATE_TITLES[r.outcomeStep] : undefined) },
  { header: 'Days agreement to exposure', value: (r) => r.daysAgreementToExposure },
  { header: 'Days agreement to start', value: (r) => r.daysAgreementToStart },
  { header: 'Start measured to', value: (r) => (r.startBasis === 'ready' ? 'Ready to start' : r.startBasis === 'planned' ? 'Planned start' : undefined) },
  { header: 'Concerns raised', value: (r) => (r.concernsRaised ? 'Yes' : 'No') },
  { header: 'Department head review', value: (r) => (r.headReview ? HEAD_REVIEW_TITLES[r.headReview] : undefined) },
];

export const PROCESS_REVIEW_CSV_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

/** A cell as a spreadsheet must read it: numbers stay numbers, anything formula-like becomes text. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function processReviewCsv(review: ProcessReview): string {
  const lines = [COLUMNS.map((c) => csvCell(c.header)).join(',')];
  for (const r of review.rows) lines.push(COLUMNS.map((c) => csvCell(c.value(r))).join(','));
  return lines.join('\r\n') + '\r\n';
}
