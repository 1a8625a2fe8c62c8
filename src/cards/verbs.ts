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
  journeyNew: 'journey.new',
  journeyOpen: 'journey.open',
  journeyShow: 'journey.show',
  journeyList: 'journey.list',
  journeyAgree: 'journey.agree',
  exposureSchedule: 'exposure.schedule',
  exposureRecord: 'exposure.record',
  questionnaireOpen: 'questionnaire.open',
  questionnaireSave: 'questionnaire.save',
  questionnaireSubmit: 'questionnaire.submit',
  journeyReview: 'journey.review',
  journeyHeadReview: 'journey.headReview',
  journeyWithdraw: 'journey.withdraw',
  journeyCancel: 'journey.cancel',
  attachmentOffer: 'attachment.offer',
  attachmentRespond: 'attachment.respond',
  journeyReady: 'journey.ready',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export const ALL_VERBS: readonly Verb[] = Object.values(VERBS);

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (ALL_VERBS as readonly string[]).includes(value);
}
