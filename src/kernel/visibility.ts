// SPEC.md's "who may see what", in the words a person reads on the welcome card. One source: the
// welcome card and the README both come from this table.
export const VISIBILITY_IN_PLAIN_WORDS: { who: string; sees: string }[] = [
  { who: 'You', sees: 'your own journey, check-ins, requests, stage and schedule. Nobody else\'s.' },
  { who: 'Your supervisor (or their cover while they are away)', sees: 'that you asked for help, and prompts to talk with you. Your check-in answers only if you choose to share them.' },
  { who: 'The image-grading trainer', sees: 'the pre-deployment questionnaires of the candidates they exposed. Never check-ins or requests for help.' },
  { who: 'The department head', sees: 'escalations, secondary reviews, redeployment cases, and team figures for groups of five or more.' },
  { who: 'HR and resource planning', sees: 'only that a move was cancelled and when a replacement is needed. Never a reason or an answer.' },
  { who: 'Administrators', sees: 'the roster and settings. Never an answer, a request or anything you write.' },
];
