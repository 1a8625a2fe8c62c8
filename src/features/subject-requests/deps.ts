import type { KernelDeps } from '../../kernel/context.ts';
import type { OutboxRepository } from '../../kernel/ports.ts';

/**
 * What a subject access or erasure request needs of its own: the kernel's tables. What each feature
 * holds comes from the features' subjectData, handed in with the deps they need (cli/subject.ts).
 */
export type SubjectKernelDeps = Pick<
  KernelDeps,
  'people' | 'units' | 'absences' | 'conversations' | 'audit' | 'clock' | 'fallbackResponders'
> & {
  /** The outbox as a repository (the notifier port only enqueues). */
  outbox: OutboxRepository;
};
