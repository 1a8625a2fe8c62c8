// Small builders for storage contract tests. Ids are random per call so tests never collide.
import { randomUUID } from 'node:crypto';
import type { Declaration } from '../../../src/features/declarations/rules.ts';
import type { Absence, Person, Unit } from '../../../src/kernel/types.ts';
import type { OutboxMessage } from '../../../src/kernel/ports.ts';

export const uid = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export function aPerson(overrides: Partial<Person> = {}): Person {
  const id = overrides.id ?? uid('person');
  return {
    id,
    name: `Name of ${id}`,
    teamsUserId: `29:${randomUUID()}`,
    aadObjectId: randomUUID(),
    roles: ['officer'],
    unitId: 'unit-1',
    supervisorId: 'sam.okafor',
    workingPattern: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 540, endMinute: 1020 },
    viewingStatus: 'notViewing',
    ...overrides,
  };
}

export function aUnit(overrides: Partial<Unit> = {}): Unit {
  const id = overrides.id ?? uid('unit');
  return { id, name: `Unit ${id}`, supervisorChannelId: '19:abc@thread.tacv2', departmentHeadId: 'head-1', ...overrides };
}

export function anAbsence(overrides: Partial<Absence> = {}): Absence {
  return { id: uid('absence'), personId: uid('supervisor'), from: '2026-11-23', to: '2026-11-27', coverId: 'cover-1', ...overrides };
}

export function aMessage(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: uid('msg'),
    lane: 'bulk',
    target: { kind: 'person', personId: 'alex.moreno' },
    operation: 'send',
    activity: { text: 'Haven has an update for you' },
    purpose: 'welcome',
    createdAt: '2026-11-23T09:00:00.000Z',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2026-11-23T09:00:00.000Z',
    ...overrides,
  };
}

export function aDeclaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    id: uid('declaration'),
    personId: 'alex.moreno',
    unitId: 'unit-1',
    kind: 'talk',
    raisedAt: '2026-11-23T09:00:00.000Z',
    noteShare: 'supervisor',
    status: 'open',
    level: 0,
    loop: 0,
    notified: [],
    accessRemoval: 'notNeeded',
    timeline: [{ at: '2026-11-23T09:00:00.000Z', event: 'raised', personId: 'alex.moreno' }],
    ...overrides,
  };
}
