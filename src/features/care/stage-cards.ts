import { bindTemplate, type Card } from '../../kernel/cards.ts';

export interface StageCardData {
  title: string;
  intro: string;
  notice: string;
  facts: { label: string; value: string }[];
  canReady: boolean;
  canPause: boolean;
  canResume: boolean;
  canStepBack: boolean;
  canReflect: boolean;
  reflectionPrompt: string;
  /** What the officer typed, when the card comes back refused (nothing typed is ever lost). */
  note: string;
  reflection: string;
  /** 'true' or 'false', the share toggle as it was. */
  reflectionShared: string;
}

/** The officer's own view of their staged exposure. */
export function stageCard(data: StageCardData): Card {
  return bindTemplate('stage', data);
}

export interface StageReviewCardData {
  personId: string;
  title: string;
  notice: string;
  facts: { label: string; value: string }[];
  /** Only reflections the officer chose to share. */
  /** `at` identifies the reflection; `more`: it was shortened, offer "Show all". */
  sharedReflections: { text: string; at: string; more: boolean }[];
  /** Shared reflections older than those shown. */
  earlierReflections: number;
  canConfirm: boolean;
  confirmTitle: string;
}

/** What a supervisor, cover or trainer sees: the stage, never private notes. */
export function stageReviewCard(data: StageReviewCardData): Card {
  return bindTemplate('stage-review', data);
}
