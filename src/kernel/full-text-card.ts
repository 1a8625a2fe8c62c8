// "Show all": the whole of one long answer or note that a card shortened (kernel/text shownText).
// Each feature's handler re-checks who is clicking through its own policy and audits the read like
// the card it came from; this only lays the text out, as text for anyone but its author.
import { asText } from './text.ts';
import { noticeCard } from './notice-card.ts';
import type { Card } from './cards.ts';

export function fullTextCard(data: { title: string; label: string; text: string; forOthers: boolean }): Card {
  const text = data.forOthers ? asText(data.text) : data.text;
  return noticeCard({ title: data.title, lines: [{ text: data.label }, { text: text || '(empty)' }], showFooter: true });
}
