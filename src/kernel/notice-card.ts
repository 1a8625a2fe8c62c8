import { bindTemplate, type Card } from './cards.ts';

export interface NoticeCardData {
  title: string;
  lines: { text: string }[];
  /** The "I'm not okay" footer: on every card sent to a person, off for HR and channel notices. */
  showFooter: boolean;
}

export function noticeCard(data: NoticeCardData): Card {
  return bindTemplate('notice', data);
}
