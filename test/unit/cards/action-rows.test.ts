// No row of buttons shows more than three: the one thing to do now leads, "I'm not okay" stays in
// sight, the rest opens on demand ("More actions"). Checked over every card in every state.
import assert from 'node:assert/strict';
import { CARD_FIXTURES } from '../../fixtures/cards.ts';
import { MAX_ACTIONS_SHOWN, withAtMostThreeActions, type Card } from '../../../src/kernel/cards.ts';
import { alertCard } from '../../../src/features/declarations/cards.ts';
import { VERBS } from '../../../src/kernel/verbs.ts';
import { actionsOf } from '../../support/sent-cards.ts';
import { cardProblems } from '../../support/card-checks.ts';

type Row = { where: string; titles: string[] };

/** Every row of buttons shown without opening anything: the card's actions and each ActionSet, outside any "More actions". */
function rowsShown(card: unknown): Row[] {
  const rows: Row[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
    else if (node && typeof node === 'object') {
      const n = node as Record<string, any>;
      if (n.type === 'Action.ShowCard') return; // what it opens is on demand
      if (Array.isArray(n.actions) && (n.type === 'AdaptiveCard' || n.type === 'ActionSet'))
        rows.push({ where, titles: n.actions.map((a: { title?: string }) => String(a.title)) });
      for (const [k, v] of Object.entries(n)) if (k !== 'fallback') walk(v, `${where}.${k}`);
    }
  };
  walk(card, 'card');
  return rows;
}

function execute(title: string, verb: string): Record<string, unknown> {
  return { type: 'Action.Execute', title, verb, data: { verb } };
}

describe('rows of buttons', () => {
  for (const f of CARD_FIXTURES) {
    it(`${f.template} (${f.state}) shows at most ${MAX_ACTIONS_SHOWN} buttons in a row`, () => {
      const crowded = rowsShown(f.card()).filter((r) => r.titles.length > MAX_ACTIONS_SHOWN);
      assert.deepEqual(crowded, []);
    });
  }

  it('the check sees a crowded row (in the card actions and in an ActionSet)', () => {
    const four = ['a', 'b', 'c', 'd'].map((t) => execute(t, VERBS.statusShow));
    const card = { type: 'AdaptiveCard', body: [{ type: 'ActionSet', actions: four }], actions: four };
    assert.equal(rowsShown(card).filter((r) => r.titles.length > MAX_ACTIONS_SHOWN).length, 2);
  });

  it('folding keeps the first action and "I\'m not okay" in sight and opens the rest, in order, under "More actions"', () => {
    const card: Card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'Haven has an update for you' }],
      actions: [
        execute('Send', VERBS.questionnaireSubmit),
        execute('Save draft', VERBS.questionnaireSave),
        execute("I don't want to continue", VERBS.journeyWithdraw),
        execute("I'm not okay", VERBS.declarationOpen),
      ],
    };
    const folded = withAtMostThreeActions(structuredClone(card)) as any;
    assert.deepEqual(
      folded.actions.map((a: any) => a.title),
      ['Send', "I'm not okay", 'More actions'],
    );
    assert.equal(folded.actions[2].type, 'Action.ShowCard');
    assert.deepEqual(
      folded.actions[2].card.actions.map((a: any) => a.title),
      ['Save draft', "I don't want to continue"],
    );
    // Nothing is lost: every button is still on the card.
    assert.deepEqual(
      actionsOf(folded)
        .map((a) => a.title)
        .sort(),
      actionsOf(card)
        .map((a) => a.title)
        .sort(),
    );
    assert.deepEqual(cardProblems(folded), []);
    // Three or fewer are left as they are.
    const three = { type: 'AdaptiveCard', actions: (card.actions as unknown[]).slice(0, 3) };
    assert.deepEqual(withAtMostThreeActions(structuredClone(three)), three);
  });
});

describe("the responder's alert card", () => {
  const base = {
    declarationId: 'd-1',
    title: "Alex Rivera says they're not okay",
    facts: [],
    note: '',
    noteMore: false,
    history: [],
    notice: '',
    showAccessStep: false,
    accessStepText: '',
    canAcknowledge: true,
    canAssess: true,
    canConfirmAccess: true,
    canReassign: true,
    canEscalate: true,
    canBook: false,
    canRecordRedeployment: false,
    adjustmentChoices: [{ title: 'Time away from viewing', value: 'timeAway' }],
    assessmentAdjustments: '',
    assessmentNotes: '',
    reassignChoices: [{ title: 'Dana Clarke', value: 'dana' }],
  };
  const shown = (card: any) => {
    const row = card.body.find((b: any) => b.type === 'ActionSet' && b.actions.some((a: any) => a.title === 'More actions'));
    return row.actions.map((a: any) => a.title);
  };
  const onDemand = (card: any) => {
    const row = card.body.find((b: any) => b.type === 'ActionSet' && b.actions.some((a: any) => a.title === 'More actions'));
    return actionsOf(row.actions.find((a: any) => a.title === 'More actions').card).map((a: any) => a.title);
  };

  it('leads with Acknowledge; risk assessment, access removed, reassign and escalate open on demand', () => {
    const card = alertCard(base) as any;
    assert.deepEqual(shown(card), ['Acknowledge', 'More actions']);
    assert.deepEqual(onDemand(card), ['Access removed', 'Record risk assessment', 'Reassign', 'Escalate now']);
    // The assessment form and the reassign choice open with their buttons, not above them.
    const topIds = (card.body as any[]).filter((b) => typeof b.id === 'string').map((b) => b.id);
    assert.deepEqual(topIds, []);
    assert.deepEqual(cardProblems(card), []);
  });

  it('once acknowledged, leads with the next step the policy allows', () => {
    const card = alertCard({ ...base, canAcknowledge: false, canConfirmAccess: false }) as any;
    assert.deepEqual(shown(card), ['Record risk assessment', 'More actions']);
    assert.deepEqual(onDemand(card), ['Reassign', 'Escalate now']);
  });

  it('a risk assessment that came back refused leads, with what was typed', () => {
    const card = alertCard({ ...base, assessmentNotes: 'We talked.' }) as any;
    assert.deepEqual(shown(card), ['Record risk assessment', 'More actions']);
    assert.ok(JSON.stringify(card.body.slice(0, -2)).includes('We talked.'));
  });

  it('offers only what the policy allowed: nothing allowed, no buttons and no "More actions"', () => {
    const none = {
      ...base,
      canAcknowledge: false,
      canAssess: false,
      canConfirmAccess: false,
      canReassign: false,
      canEscalate: false,
    };
    const card = alertCard(none) as any;
    const titles = actionsOf(card).map((a: any) => a.title);
    assert.deepEqual(titles, ["I'm not okay"]);
    assert.deepEqual(cardProblems(card), []);
  });
});

describe('cards that had more than three buttons', () => {
  const fixture = (template: string, state: string) => {
    const f = CARD_FIXTURES.find((x) => x.template === template && x.state === state);
    assert.ok(f, `${template} (${state})`);
    return f.card() as any;
  };
  const row = (actions: any[]) =>
    actions.map((a) => (a.type === 'Action.ShowCard' ? `${a.title}: ${a.card.actions.map((x: any) => x.title).join(', ')}` : a.title));

  it('stage: "I feel ready" and "I\'m not okay" in sight; pausing and stepping back open together, never one without the other', () => {
    assert.deepEqual(row(fixture('stage', 'at the limit: refused, holding the note and the reflection').actions), [
      'I feel ready',
      'Pause or step back: Pause, Step back',
      "I'm not okay",
    ]);
    assert.deepEqual(row(fixture('stage', 'paused').actions), ['Resume', 'Step back', "I'm not okay"]);
  });

  it('journey: a candidate\'s "I don\'t want to continue" stays in sight; Refresh sits by the facts; accept and decline sit together', () => {
    assert.deepEqual(row(fixture('journey', 'candidate, questionnaire waiting').actions), [
      'Open the questionnaire',
      "I don't want to continue",
      "I'm not okay",
    ]);
    const offered = fixture('journey', 'candidate, attachment offered');
    const respond = offered.body.find(
      (b: any) => b.type === 'ActionSet' && b.actions.some((a: any) => a.title === 'Accept the attachment'),
    );
    assert.deepEqual(row(respond.actions), ['Accept the attachment', 'Decline the attachment']);
    assert.ok(actionsOf(offered).some((a) => a.title === 'Refresh'));
  });
});
