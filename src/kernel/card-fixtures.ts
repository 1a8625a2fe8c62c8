// The card fixtures of every feature (Feature.cardFixtures) and of the kernel's own templates, for the
// card tests and the gallery: a new feature's fixtures are picked up through FEATURES.
import type { CardFixture, Feature } from './feature.ts';
import { noticeCard } from './notice-card.ts';

/** Support lines as a feature's fixtures show them. */
export const SAMPLE_SUPPORT = [{ name: 'Samaritans', detail: 'Free, day or night: 116 123.' }, { name: 'Oscar Kilo', detail: 'oscarkilo.org.uk' }];

const KERNEL_FIXTURES: CardFixture[] = [
  { template: 'notice', state: 'with footer', card: () => noticeCard({ title: 'That button is not recognised', lines: [{ text: 'Nothing was changed.' }], showFooter: true }) },
  { template: 'notice', state: 'channel notice, no footer', card: () => noticeCard({ title: 'Haven is here', lines: [{ text: 'Neutral notices only.' }], showFooter: false }) },
];

export async function collectCardFixtures<D>(features: readonly Feature<D>[]): Promise<CardFixture[]> {
  const perFeature = await Promise.all(features.map(async (f) => (await f.cardFixtures?.()) ?? []));
  return [...KERNEL_FIXTURES, ...perFeature.flat()];
}
