import { bindTemplate, type Card } from '../../kernel/cards.ts';

export interface AdminCardData {
  /** What the last button did, or ''. */
  banner: string;
  hasBanner: boolean;
  checkedText: string;
  backlog: { label: string; value: string }[];
  deadLetterTitle: string;
  /** `messageId` is carried by the Retry button only; the card shows the purpose, age and why. */
  deadLetters: { messageId: string; title: string; detail: string }[];
  hasDeadLetters: boolean;
  moreDeadLetters: string;
  unreachableTitle: string;
  unreachable: { label: string; value: string }[];
  hasUnreachable: boolean;
  moreUnreachable: string;
  jobs: { label: string; value: string }[];
  sync: { label: string; value: string }[];
  syncNote: string;
  syncConfigured: boolean;
  privacyNote: string;
}

export function adminCard(data: AdminCardData): Card {
  return bindTemplate('admin', data);
}
