// The annual process review as ONE self-contained HTML page: inline CSS, charts drawn here as inline
// SVG, no scripts, fonts or images, and a Content-Security-Policy that forbids every network load,
// so the file can be mailed and opened anywhere without calling out. Every value is escaped.
// Each chart has a title and description for screen readers, and its numbers also appear in a table.
import { JOURNEY_STATE_TITLES } from '../features/journeys/rules.ts';
import { formatDay, formatTime } from '../kernel/format.ts';
import {
  EXPOSURE_OUTCOME_TITLES, HEAD_REVIEW_TITLES, MIN_AGGREGATE_GROUP, REVIEW_OUTCOME_TITLES, REVIEW_OUTCOMES, showableTrendPoints,
  type CheckInTrends, type DaysFigures, type ProcessReview, type ProcessReviewRow, type ReviewOutcome,
} from '../features/process-review/rules.ts';

export const PRIVACY_NOTE = 'No answers or free text are in this report: no questionnaire answers, review notes, reasons for withdrawing or for cancelling. It shows dates, steps and outcomes only, and whether concerns were raised.';

export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

const OUTCOME_COLOURS: Record<ReviewOutcome, string> = {
  readyToStart: '#2e7d32',
  withdrawn: '#9a6b00',
  cancelled: '#5f6368',
  inProgress: '#3558b8',
};

export function escapeHtml(value: string | number | undefined): string {
  if (value === undefined) return '';
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function day(date: string | undefined): string {
  return date ? formatDay(date) : '';
}

function figures(f: DaysFigures): string {
  if (!f.count) return 'no journeys to measure';
  return `median ${f.median} days, mean ${f.mean} days (${f.count} journey${f.count === 1 ? '' : 's'}, ${f.min} to ${f.max} days)`;
}

/** Horizontal bar chart of journeys by outcome. */
export function outcomesChart(review: ProcessReview): string {
  const counts = REVIEW_OUTCOMES.map((o) => ({ o, n: review.summary.byOutcome[o] }));
  const max = Math.max(1, ...counts.map((c) => c.n));
  const labelW = 130;
  const barW = 420;
  const rowH = 34;
  const width = labelW + barW + 50;
  const height = counts.length * rowH + 10;
  const desc = counts.map((c) => `${REVIEW_OUTCOME_TITLES[c.o]}: ${c.n}`).join('; ');
  const rows = counts.map((c, i) => {
    const y = 5 + i * rowH;
    const w = Math.round((c.n / max) * barW);
    const bar = c.n > 0 ? `<rect class="bar" data-outcome="${c.o}" x="${labelW}" y="${y + 6}" width="${w}" height="${rowH - 12}" rx="3" fill="${OUTCOME_COLOURS[c.o]}"></rect>` : '';
    return `<text x="${labelW - 8}" y="${y + rowH / 2 + 5}" text-anchor="end" class="label">${escapeHtml(REVIEW_OUTCOME_TITLES[c.o])}</text>${bar}<text x="${labelW + w + 6}" y="${y + rowH / 2 + 5}" class="value">${c.n}</text>`;
  }).join('');
  return `<svg id="outcomes-svg" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="outcomes-title outcomes-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<title id="outcomes-title">Journeys by outcome</title><desc id="outcomes-desc">${escapeHtml(desc)}</desc>${rows}</svg>`;
}

/** One bar per journey with an agreement date: days from agreement to start (ready, else planned). */
export function timeToStartChart(review: ProcessReview): string {
  const rows = review.rows.filter((r) => r.daysAgreementToStart !== undefined);
  const max = Math.max(1, ...rows.map((r) => r.daysAgreementToStart!));
  const labelW = 170;
  const barW = 380;
  const rowH = 26;
  const width = labelW + barW + 120;
  const height = Math.max(1, rows.length) * rowH + 40;
  const desc = rows.length
    ? rows.map((r) => `${r.candidateName}: ${r.daysAgreementToStart} days to ${r.startBasis === 'ready' ? 'ready to start' : 'planned start'}`).join('; ')
    : 'No journey in the period has an agreement date yet.';
  const bars = rows.map((r, i) => {
    const y = 5 + i * rowH;
    const days = r.daysAgreementToStart!;
    const w = Math.max(2, Math.round((Math.max(0, days) / max) * barW));
    const colour = OUTCOME_COLOURS[r.outcome];
    const planned = r.startBasis === 'planned';
    return `<text x="${labelW - 8}" y="${y + rowH / 2 + 4}" text-anchor="end" class="label">${escapeHtml(r.candidateName)}</text>`
      + `<rect class="bar" data-journey="${escapeHtml(r.journeyId)}" x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" rx="2" fill="${planned ? '#ffffff' : colour}" stroke="${colour}" stroke-width="2"${planned ? ' stroke-dasharray="4 3"' : ''}></rect>`
      + `<text x="${labelW + w + 6}" y="${y + rowH / 2 + 4}" class="value">${days} d${planned ? ' (planned)' : ''}</text>`;
  }).join('');
  const legendY = height - 14;
  const legend = `<rect x="${labelW}" y="${legendY - 10}" width="14" height="12" fill="#555"></rect><text x="${labelW + 20}" y="${legendY}" class="legend">to ready to start</text>`
    + `<rect x="${labelW + 160}" y="${legendY - 10}" width="14" height="12" fill="#fff" stroke="#555" stroke-width="2" stroke-dasharray="4 3"></rect><text x="${labelW + 180}" y="${legendY}" class="legend">to planned start (not ready)</text>`;
  return `<svg id="time-to-start-svg" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="tts-title tts-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<title id="tts-title">Days from agreement to start, per journey</title><desc id="tts-desc">${escapeHtml(desc)}</desc>${bars}${legend}</svg>`;
}

function journeyRow(r: ProcessReviewRow): string {
  const cells = [
    r.candidateName, r.trainerName, day(r.openedOn), day(r.agreedOn), day(r.exposureOn), r.exposureOutcome ? EXPOSURE_OUTCOME_TITLES[r.exposureOutcome] : '',
    day(r.answeredOn), day(r.readyOn), day(r.plannedStart), r.outcomeText,
    r.daysAgreementToExposure, r.daysAgreementToStart === undefined ? undefined : `${r.daysAgreementToStart}${r.startBasis === 'planned' ? ' (planned)' : ''}`,
    r.concernsRaised ? 'Yes' : 'No', r.headReview ? HEAD_REVIEW_TITLES[r.headReview] : '',
  ];
  return `<tr data-outcome="${r.outcome}">${cells.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`;
}

function trendsSection(trends: readonly CheckInTrends[] | undefined): string {
  if (!trends?.length) return '';
  const blocks = trends.map((t) => {
    const shown = showableTrendPoints(t.points);
    const withheld = t.points.length - shown.length;
    const names = [...new Set(shown.flatMap((p) => p.measures.map((m) => m.name)))];
    const body = shown.map((p) => `<tr><th scope="row">${escapeHtml(p.label)}</th><td>${p.respondents}</td>${names.map((n) => `<td>${escapeHtml(p.measures.find((m) => m.name === n)?.value)}</td>`).join('')}</tr>`).join('');
    return `<h3>${escapeHtml(t.unitName)}</h3>`
      + (shown.length ? `<table><thead><tr><th scope="col">Period</th><th scope="col">People</th>${names.map((n) => `<th scope="col">${escapeHtml(n)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>` : '')
      + (withheld ? `<p class="note">${withheld} period${withheld === 1 ? '' : 's'} withheld: fewer than ${MIN_AGGREGATE_GROUP} people.</p>` : '');
  }).join('');
  return `<section id="check-in-trends"><h2>Unit check-in trends</h2><p class="note">Aggregates only, for groups of ${MIN_AGGREGATE_GROUP} or more people.</p>${blocks}</section>`;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px 32px 48px; font-family: "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; font-size: 14px; color: #242424; background: #fff; }
h1 { font-size: 22px; margin: 0 0 6px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 8px; }
.meta { color: #555; margin: 2px 0; }
.privacy { background: #f3f6fc; border-left: 4px solid #3558b8; padding: 10px 14px; margin: 16px 0; }
.note { color: #555; }
table { border-collapse: collapse; margin: 8px 0 12px; }
th, td { border: 1px solid #d6d6d6; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f5f5f5; }
td.n, th.n { text-align: right; }
.charts { display: flex; flex-wrap: wrap; gap: 32px; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg text { font-family: inherit; font-size: 12px; fill: #242424; }
svg text.legend { fill: #555; }
#journeys table { font-size: 13px; }
@media print { body { padding: 0; } .charts { gap: 12px; } }
`;

export function processReviewHtml(review: ProcessReview): string {
  const s = review.summary;
  const period = `${day(review.period.from)} to ${day(review.period.to)}`;
  const title = `Pre-deployment process review, ${period}`;
  const outcomeRows = REVIEW_OUTCOMES.map((o) => `<tr><th scope="row">${escapeHtml(REVIEW_OUTCOME_TITLES[o])}</th><td class="n">${s.byOutcome[o]}</td></tr>`).join('');
  const stepRows = s.withdrawalsByStep.map((w) => `<tr><th scope="row">${escapeHtml(w.title)}</th><td class="n">${w.count}</td></tr>`).join('');
  const timeRows = review.rows.filter((r) => r.daysAgreementToStart !== undefined)
    .map((r) => `<tr><th scope="row">${escapeHtml(r.candidateName)}</th><td class="n">${r.daysAgreementToStart}</td><td>${r.startBasis === 'ready' ? 'Ready to start' : 'Planned start'}</td></tr>`).join('');
  const headers = ['Candidate', 'Trainer', 'Opened', 'Agreed', 'Exposure', 'Exposure outcome', 'Answered', 'Ready', 'Planned start', 'Outcome', 'Days agreement to exposure', 'Days agreement to start', 'Concerns raised', 'Department head review'];
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Units: ${escapeHtml(review.unitNames.join(', ') || 'none')}</p>
<p class="meta">Period: <span id="period">${escapeHtml(review.period.from)} to ${escapeHtml(review.period.to)}</span> (a journey is included if it was open at any time in the period)</p>
<p class="meta">Generated: <time datetime="${escapeHtml(review.generatedAt)}">${escapeHtml(formatTime(review.generatedAt))}</time></p>
</header>
<p class="privacy" id="privacy-note" role="note">${escapeHtml(PRIVACY_NOTE)}</p>
<section id="summary">
<h2>Summary</h2>
<table>
<tbody>
<tr><th scope="row">Journeys in the period</th><td class="n">${s.total}</td></tr>
${outcomeRows}
<tr><th scope="row">Concerns raised by the trainer</th><td class="n">${s.concernsRaised}</td></tr>
<tr><th scope="row">Department head reviews</th><td class="n">${s.headReviews}</td></tr>
<tr><th scope="row">Agreement to controlled exposure</th><td>${escapeHtml(figures(s.agreementToExposure))}</td></tr>
<tr><th scope="row">Agreement to start</th><td>${escapeHtml(figures(s.agreementToStart))}</td></tr>
</tbody>
</table>
</section>
<section id="charts">
<h2>Charts</h2>
<div class="charts">
<figure id="outcomes-chart">
<figcaption>Journeys by outcome</figcaption>
${outcomesChart(review)}
<table class="chart-data"><caption class="note">The numbers in the chart</caption><thead><tr><th scope="col">Outcome</th><th scope="col" class="n">Journeys</th></tr></thead><tbody>${outcomeRows}</tbody></table>
</figure>
<figure id="time-to-start-chart">
<figcaption>Days from agreement to start</figcaption>
${timeToStartChart(review)}
<table class="chart-data"><caption class="note">The numbers in the chart</caption><thead><tr><th scope="col">Candidate</th><th scope="col" class="n">Days</th><th scope="col">Measured to</th></tr></thead><tbody>${timeRows}</tbody></table>
</figure>
</div>
</section>
<section id="withdrawals">
<h2>Withdrawals, by the step they happened at</h2>
${stepRows ? `<table><thead><tr><th scope="col">Step</th><th scope="col" class="n">Withdrawals</th></tr></thead><tbody>${stepRows}</tbody></table>` : '<p>No withdrawals in the period.</p>'}
<p class="note">A candidate may withdraw at any point, for any reason, with no career detriment.</p>
</section>
<section id="journeys">
<h2>Every journey in the period</h2>
${review.rows.length ? `<table><thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>
${review.rows.map(journeyRow).join('\n')}
</tbody></table>` : '<p>No journeys in the period.</p>'}
</section>
${trendsSection(review.checkInTrends)}
</body>
</html>
`;
}
