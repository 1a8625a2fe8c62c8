// The simulation report as one self-contained HTML page. Every piece of text is escaped.
import type { SimReport, Spread } from './report.ts';

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;
const sp = (s: Spread) => `${e(s.median)} / ${e(s.max)}`;

function table(head: string[], rows: unknown[][]): string {
  if (!rows.length) return '<p>None.</p>';
  return `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function renderHtml(r: SimReport): string {
  const v = r.verdict;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(`Haven simulated year: ${r.options.unit}, ${r.options.days} days`)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}th{background:#f3f3f3}.ok{color:#060}.bad{color:#a00}</style>
</head><body>
<h1>${e(`Haven simulated year: the ${r.options.unit} unit, ${r.options.days} days from ${r.options.start} (seed ${r.options.seed})`)}</h1>
<p>${e(`Ran in ${r.run.wallSeconds} s: ${r.run.ticks} job ticks (${r.run.urgentTicks} of them 5-minute ticks while a request was open), ${r.run.posts} activities posted by simulated people.`)}</p>
<h2>Verdict</h2>
<p class="${v.holds ? 'ok' : 'bad'}">${e(
    v.holds
      ? 'The budget holds: no supervisor or department head received more than 7 non-urgent cards in any week, and every urgent item reached someone within its policy.'
      : `The budget does not hold: ${v.breaches.length} breach(es).`,
  )}</p>
${table(
  ['kind', 'person', 'detail'],
  v.breaches.map((b) => [b.kind, b.personId, b.detail]),
)}
<h2>Notes</h2><ul>${r.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>
<h2>Totals</h2>
${table(
  ['people', 'outbox messages', 'sends', 'in-place updates', 'delivered', 'urgent sends', 'buttons pressed', 'presses refused'],
  [
    [
      r.totals.people,
      r.totals.outboxMessages,
      r.totals.sends,
      r.totals.updates,
      r.totals.delivered,
      r.totals.urgentSends,
      r.totals.presses,
      r.totals.pressesRefused,
    ],
  ],
)}
<h2>Per role (per person-week: median / max)</h2>
${table(
  ['role', 'people', 'cards', 'text messages', 'non-urgent cards', 'needed an action', 'repeats', 'never acted on'],
  r.roles.map((x) => [
    x.role,
    x.people,
    sp(x.cardsPerWeek),
    sp(x.textsPerWeek),
    sp(x.nonUrgentCardsPerWeek),
    x.neededAction,
    x.repeats,
    x.neverActedOn,
  ]),
)}
<h2>Per person (per week: median / max)</h2>
${table(
  [
    'person',
    'name',
    'role',
    'reports',
    'cards',
    'text messages',
    'non-urgent cards',
    'urgent cards',
    'needed an action',
    'repeats',
    'never acted on',
    'outside working time',
  ],
  r.people.map((p) => [
    p.personId,
    p.name,
    p.role,
    p.reports,
    sp(p.cardsPerWeek),
    sp(p.textsPerWeek),
    sp(p.nonUrgentCardsPerWeek),
    p.urgentCards,
    p.neededAction,
    p.repeats,
    p.neverActedOn,
    p.outsideWorkingTime,
  ]),
)}
<h2>Every request and flag</h2>
${table(
  ['raised', 'kind', 'what', 'person', 'urgent', 'first reached', 'minutes to reach', 'acknowledged by', 'minutes to acknowledge'],
  r.requests.map((q) => [
    q.raisedAt,
    q.kind,
    q.what,
    q.personId,
    q.urgent ? 'yes' : 'no',
    q.firstReached ?? 'nobody',
    q.minutesToReach ?? '',
    q.acknowledgedBy ?? 'never',
    q.minutesToAcknowledge ?? '',
  ]),
)}
<h2>Ways back (issue 14)</h2>
<p>${e(
    `Breaks: ${r.waysBack.breaks.raised} raised, ${r.waysBack.breaks.ended} ended with viewing restored, ${r.waysBack.breaks.stillOff} still off viewing at the end. ` +
      `Requests told first to the welfare lead: ${r.waysBack.toldWelfareLeadFirst.requests}, ${r.waysBack.toldWelfareLeadFirst.reachedWelfareLeadFirst} reached the welfare lead first, ${r.waysBack.toldWelfareLeadFirst.welfareLeadInTime} acknowledged by the welfare lead in time. ` +
      `Concerns about a colleague: ${r.waysBack.concerns.raised} raised, ${r.waysBack.concerns.acknowledged} acknowledged, ${r.waysBack.concerns.handled} handled. ` +
      `TRiM follow-ups: ${
        Object.entries(r.waysBack.trimFollowUps)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ') || 'none'
      }.`,
  )}</p>
${table(
  ['break', 'person', 'since', 'review on', 'ready', 'returned', 'by', 'days'],
  r.waysBack.breaks.items.map((b) => [
    b.kind,
    b.personId,
    b.since,
    b.reviewOn ?? '',
    b.readyAt ?? '',
    b.returnedAt ?? 'not yet',
    b.returnedBy ?? '',
    b.days ?? '',
  ]),
)}
${table(
  ['told the welfare lead first', 'person', 'first reached', 'acknowledged by', 'minutes to acknowledge', 'welfare lead in time'],
  r.waysBack.toldWelfareLeadFirst.items.map((x) => [
    x.raisedAt,
    x.personId,
    x.firstReached ?? 'nobody',
    x.acknowledgedBy ?? 'never',
    x.minutesToAcknowledge ?? '',
    x.welfareLeadInTime ? 'yes' : 'no',
  ]),
)}
${table(
  ['concern raised', 'about', 'category', 'first told', 'acknowledged by', 'hours to acknowledge', 'outcome', 'days to handle'],
  r.waysBack.concerns.items.map((c) => [
    c.openedAt,
    c.personId,
    c.category,
    c.firstTold ?? '',
    c.acknowledgedBy ?? 'never',
    c.hoursToAcknowledge ?? '',
    c.outcome ?? 'open',
    c.daysToHandle ?? '',
  ]),
)}
${r.waysBack.eventProblems.length ? `<p class="bad">${e(`Not carried out: ${r.waysBack.eventProblems.join('; ')}`)}</p>` : ''}
<h2>Never acted on</h2>
${table(
  ['person', 'purpose', 'arrived', 'buttons'],
  r.neverActedOn.map((x) => [x.personId, x.purpose ?? '', x.arrivedAt, x.verbs.join(', ')]),
)}
<h2>Sent outside the recipient's working time</h2>
${table(
  ['person', 'purpose', 'at', 'urgent'],
  r.outsideWorkingTime.map((x) => [x.personId, x.purpose, x.at, x.urgent ? 'yes' : 'no']),
)}
<h2>Never delivered (other than to someone who blocked the app)</h2>
${table(
  ['person', 'purpose', 'status'],
  r.lost.map((x) => [x.personId, x.purpose, x.status]),
)}
<h2>Pre-deployment journeys at the end</h2>
${table(
  ['candidate', 'state'],
  r.journeys.map((j) => [j.candidateId, j.state]),
)}
</body></html>
`;
}
