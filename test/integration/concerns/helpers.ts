// Driving concerns about a colleague through a whole Haven: the people the demo unit adds for them
// (the welfare lead, someone from another unit) and raising a concern as a person would, through the form.
import assert from 'node:assert/strict';
import type { DemoUser } from '../../support/activities.ts';
import type { TestHaven } from '../../support/harness.ts';
import { act } from '../../support/haven-steps.ts';
import { inputsOf, text } from '../../support/sent-cards.ts';

/** The demo unit's welfare lead (data/demo-roster.csv, data/contacts/unit-2.json). */
export const WES: DemoUser = { id: '29:haven-demo-wes', aadObjectId: '00000000-0000-4000-8000-000000000013', name: 'Wes Lyle' };
/** Someone in another unit, added by `addOtherUnit`. */
export const OLGA: DemoUser = { id: '29:haven-test-olga', aadObjectId: '00000000-0000-4000-8000-0000000000e1', name: 'Olga Other' };
export const STRANGER: DemoUser = {
  id: '29:haven-test-stranger',
  aadObjectId: '00000000-0000-4000-8000-0000000000f1',
  name: 'Sid Stranger',
};

export async function addOtherUnit(t: TestHaven): Promise<void> {
  const d = t.haven.deps;
  await d.units.create({ id: 'unit-9', name: 'Another Unit' });
  await d.people.create({
    id: 'olga.other',
    name: OLGA.name,
    teamsUserId: OLGA.id,
    aadObjectId: OLGA.aadObjectId,
    roles: ['officer'],
    unitId: 'unit-9',
    workingPattern: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 480, endMinute: 960 },
    viewingStatus: 'viewing',
  });
}

/** Raises a concern through the form: opens it, checks the person is offered by name, and submits. Answers the confirmation card. */
export async function raiseConcern(
  t: TestHaven,
  user: DemoUser,
  about: string,
  fields: { category: string; note?: string; route?: string },
  verb: 'concern.raise' | 'concern.notice' = 'concern.raise',
): Promise<any> {
  const form = await act(t, user, verb === 'concern.raise' ? 'concern.open' : 'concern.noticeOpen');
  assert.ok(inputsOf(form).has('personId'), `a form: ${text(form).slice(0, 300)}`);
  assert.ok(text(form).includes(`"value":"${about}"`), `${about} is offered on ${user.name}'s form`);
  return act(t, user, verb, { personId: about, ...fields });
}

export async function concernsAbout(t: TestHaven, personId: string) {
  return (await t.haven.deps.concerns.listAbout(personId)).map((c) => c.value);
}
