// Every card verb, declared once. Handlers in src/teams/routes.ts are keyed by these exact names.
export const VERBS = {
  declarationOpen: 'declaration.open',
  declarationRaise: 'declaration.raise',
  declarationStatus: 'declaration.status',
  declarationWithdraw: 'declaration.withdraw',
  statusShow: 'status.show',
  alertView: 'alert.view',
  alertAcknowledge: 'alert.acknowledge',
  alertAssess: 'alert.assess',
  alertConfirmAccess: 'alert.confirmAccess',
  alertReassign: 'alert.reassign',
  alertEscalate: 'alert.escalate',
  redeploymentBook: 'redeployment.book',
  redeploymentRecord: 'redeployment.record',
  checkInOpen: 'checkIn.open',
  checkInSubmit: 'checkIn.submit',
  flagAcknowledge: 'flag.acknowledge',
  flagResolve: 'flag.resolve',
  unitOverview: 'unit.overview',
  reviewShow: 'review.show',
  reviewJourney: 'review.journey',
  stageShow: 'stage.show',
  stageView: 'stage.view',
  stageReady: 'stage.ready',
  stageConfirm: 'stage.confirm',
  stagePause: 'stage.pause',
  stageResume: 'stage.resume',
  stageStepBack: 'stage.stepBack',
  stageReflect: 'stage.reflect',
  teamShow: 'team.show',
  careDone: 'care.done',
  absenceOpen: 'absence.open',
  absenceRecord: 'absence.record',
  absenceEnd: 'absence.end',
  suitabilityOpen: 'suitability.open',
  suitabilitySave: 'suitability.save',
  suitabilitySubmit: 'suitability.submit',
  suitabilityView: 'suitability.view',
  suitabilityReview: 'suitability.review',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export const ALL_VERBS: readonly Verb[] = Object.values(VERBS);

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (ALL_VERBS as readonly string[]).includes(value);
}
