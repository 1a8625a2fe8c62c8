// The card fixtures of every feature (Feature.cardFixtures) and of the kernel's own templates, for the
// card tests and the gallery: a new feature's fixtures are picked up through FEATURES.
import type { CardFixture, Feature } from './feature.ts';
import { noticeCard } from './notice-card.ts';
import { fullTextCard } from './full-text-card.ts';

/** Support lines as a feature's fixtures show them. */
export const SAMPLE_SUPPORT = [
  { name: 'Samaritans', detail: 'Free, day or night: 116 123.' },
  { name: 'Oscar Kilo', detail: 'oscarkilo.org.uk' },
];

/**
 * Text at a field's byte budget in a 3-byte-per-character script, with markdown a reader must not see
 * rendered: the worst case a card has to carry (card fixtures "at the limit" and the card-size test).
 */
export function worstText(maxBytes: number): string {
  const head = '**[见](x)** ';
  return head + '中'.repeat(Math.floor((maxBytes - new TextEncoder().encode(head).length) / 3));
}

/** What Teams lets a person type into an input of `maxLength` characters, in a 3-byte script: a refused form comes back holding it. */
export function typedAtMaxLength(maxLength: number): string {
  return '中'.repeat(maxLength);
}

const KERNEL_FIXTURES: CardFixture[] = [
  {
    template: 'notice',
    state: 'with footer',
    card: () => noticeCard({ title: 'That button is not recognised', lines: [{ text: 'Nothing was changed.' }], showFooter: true }),
  },
  {
    template: 'notice',
    state: 'show all: a note at its limit, as text',
    card: () => fullTextCard({ title: 'Pre-deployment: Gus Novak', label: 'Note from Tom Reed', text: worstText(4000), forOthers: true }),
  },
  {
    template: 'notice',
    state: 'channel notice, no footer',
    card: () => noticeCard({ title: 'Haven is here', lines: [{ text: 'Neutral notices only.' }], showFooter: false }),
  },
];

export async function collectCardFixtures<D>(features: readonly Feature<D>[]): Promise<CardFixture[]> {
  const perFeature = await Promise.all(features.map(async (f) => (await f.cardFixtures?.()) ?? []));
  return [...KERNEL_FIXTURES, ...perFeature.flat()];
}
