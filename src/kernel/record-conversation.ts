import type { ConversationRef, ConversationTarget } from './types.ts';
import { VersionConflict } from './ports.ts';
import type { KernelDeps } from './context.ts';

/**
 * Keeps the latest reference for a person's 1:1 chat or a channel. Called on install and on every
 * inbound activity, so a reference that moved (new serviceUrl) heals itself.
 */
export async function recordConversation(
  deps: Pick<KernelDeps, 'conversations'>,
  ref: ConversationRef,
): Promise<'created' | 'updated' | 'unchanged'> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const current = await deps.conversations.get(ref.target);
    const same =
      current &&
      current.value.conversationId === ref.conversationId &&
      current.value.serviceUrl === ref.serviceUrl &&
      current.value.tenantId === ref.tenantId;
    if (same) return 'unchanged';
    try {
      await deps.conversations.put(ref, current?.version);
      return current ? 'updated' : 'created';
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt === 1) throw error;
    }
  }
  return 'unchanged';
}

export async function forgetConversation(
  deps: Pick<KernelDeps, 'conversations' | 'audit' | 'clock'>,
  target: ConversationTarget,
  actor: string,
): Promise<void> {
  // An uninstall from somewhere Haven never had a reference for removes nothing, so records nothing.
  if (!(await deps.conversations.get(target))) return;
  await deps.conversations.remove(target);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor,
    action: 'conversation.removed',
    subject: target.kind === 'person' ? `person:${target.personId}` : `channel:${target.channelId}`,
    reason: 'Haven was uninstalled',
    outcome: 'ok',
  });
}
