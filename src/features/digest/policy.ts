// Who may see and act on a digest. Pure.

/** A digest is its recipient's own: nobody else may see it, open it or dismiss its lines. */
export function maySeeDigest(viewerId: string, recipientId: string): boolean {
  return viewerId === recipientId;
}

/** Only lines that ask for no record may be dismissed ("Got it"): a summary or a notice. Care due is recorded, not dismissed. */
export function mayDismissLine(viewerId: string, item: { recipientId: string; actions: readonly { verb: string }[] }): boolean {
  return maySeeDigest(viewerId, item.recipientId) && item.actions.some((a) => a.verb === 'digest.dismiss');
}
