// What follows a check-in's answer or miss (its flag, its shared answers) is stored with it and done
// through the kernel's pending effects: a crash between storing the answer and raising the flag no
// longer loses the flag, because the check-in job finishes it (kernel/pending-effects.ts).
import type { Logger } from 'pino';
import type { CheckIn, CheckInEffect } from './check-in.ts';
import type { FlagReason } from './flag.ts';
import type { Roster } from '../../kernel/types.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { finishInterrupted, flushPendingEffects, type PendingEffect } from '../../kernel/pending-effects.ts';
import type { Versioned } from '../../kernel/ports.ts';
import { flagIdFor, raiseFlag, sendSharedCheckIn, sharedMessageId } from './raise-check-in-flag.ts';
import type { CheckInDeps } from './deps.ts';

/** The effects of an outcome: its flag when it raises one, else its shared answers when shared. */
export function checkInEffects(checkIn: CheckIn, reasons: readonly FlagReason[]): PendingEffect<CheckInEffect>[] {
  const [first] = reasons;
  if (first) return [{ id: flagIdFor(checkIn, first), effect: { kind: 'raiseFlag', reasons: [...reasons] } }];
  if (checkIn.status === 'answered' && checkIn.shared) return [{ id: sharedMessageId(checkIn), effect: { kind: 'shareAnswers' } }];
  return [];
}

/** Raises the check-in's flag and sends its shared answers, once, then clears them. Safe to call again. */
export async function flushCheckInEffects(deps: CheckInDeps, stored: Versioned<CheckIn>, roster?: Roster): Promise<Versioned<CheckIn>> {
  return flushPendingEffects<CheckInEffect, CheckIn>(stored, {
    store: deps.checkIns,
    idOf: (c) => c.id,
    async apply(checkIn, pending) {
      const r = roster ?? (await loadRoster(deps));
      let done = checkIn;
      for (const item of pending) {
        if (item.effect.kind === 'raiseFlag') {
          const flag = await raiseFlag(deps, checkIn, item.effect.reasons, r);
          if (flag) done = { ...done, flagId: flag.id };
        } else {
          await sendSharedCheckIn(deps, checkIn, r);
        }
      }
      return done;
    },
  });
}

/** The check-in job's half: raises the flags (and sends the shares) that a crash left undone. */
export async function finishInterruptedCheckIns(deps: CheckInDeps, roster: Roster, log: Logger): Promise<number> {
  return finishInterrupted(
    await deps.checkIns.listWithPendingEffects(),
    (stored) => flushCheckInEffects(deps, stored, roster),
    (stored, error) => {
      log.error(
        { checkInId: stored.value.id.split(':').slice(2).join(':'), err: { message: error.message } },
        "finishing a check-in's flag failed; it will be retried",
      );
    },
  );
}
