import { targetKey, type ConversationRef, type ConversationTarget } from './types.ts';
import { VersionConflict } from './ports.ts';
import type { KernelDeps } from './context.ts';

/**
 * Keeps the latest reference for a person's 1:1 chat or a channel. Called on install and on every
 * inbound activity, so a reference that moved (new serviceUrl) heals itself.
 */
export async function recordConversation(
  deps: Pick<KernelDeps, 'conversations'>,
  ref: ConversationRef,
  options: { fresh?: boolean } = {},
): Promise<'created' | 'updated' | 'unchanged'> {
  const seen = seenBy(deps.conversations);
  const key = targetKey(ref.target);
  const last = seen.get(key);
  // Issue 15: a click need not read the reference again when this process stored or read this very one
  // lately. Installs (`fresh`) always read: another instance may have removed it on an uninstall.
  if (!options.fresh && last && sameRef(last.ref, ref) && performance.now() - last.at < SEEN_FOR_MS) return 'unchanged';
  for (let attempt = 0; attempt < 2; attempt++) {
    const current = await deps.conversations.get(ref.target);
    if (current && sameRef(current.value, ref)) {
      seen.set(key, { ref, at: performance.now() });
      return 'unchanged';
    }
    try {
      await deps.conversations.put(ref, current?.version);
      seen.set(key, { ref, at: performance.now() });
      return current ? 'updated' : 'created';
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt === 1) throw error;
    }
  }
  return 'unchanged';
}

type Where = Pick<ConversationRef, 'conversationId' | 'serviceUrl' | 'tenantId'>;

function sameRef(a: Where, b: Where): boolean {
  return a.conversationId === b.conversationId && a.serviceUrl === b.serviceUrl && a.tenantId === b.tenantId;
}

/** Long enough to spare a conversation of clicks its reads; short enough that a reference removed elsewhere heals soon. */
const SEEN_FOR_MS = 10 * 60_000;
/** What each repository (so each Haven instance, never shared between two) last stored or read, by target. */
const seenByRepository = new WeakMap<object, Map<string, { ref: Where; at: number }>>();

function seenBy(conversations: object): Map<string, { ref: Where; at: number }> {
  let seen = seenByRepository.get(conversations);
  if (!seen) {
    seen = new Map();
    seenByRepository.set(conversations, seen);
  }
  return seen;
}

export async function forgetConversation(
  deps: Pick<KernelDeps, 'conversations' | 'audit' | 'clock'>,
  target: ConversationTarget,
  actor: string,
): Promise<void> {
  // An uninstall from somewhere Haven never had a reference for removes nothing, so records nothing.
  seenBy(deps.conversations).delete(targetKey(target));
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
