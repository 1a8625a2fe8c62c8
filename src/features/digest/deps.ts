import type { KernelDeps } from '../../kernel/context.ts';
import type { CareDeps } from '../care/index.ts';
import type { DigestRepository } from './repository.ts';

/** What the digest needs: the kernel (the tray among it), its own records, and the weekly day of the "my team" summary. */
export interface DigestDeps extends KernelDeps, Pick<CareDeps, 'careSettings'> {
  digests: DigestRepository;
}
