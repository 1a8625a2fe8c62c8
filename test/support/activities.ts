// Real-shaped Teams activities, as the Teams service (and the Agents Playground) send them.
import { randomUUID } from 'node:crypto';

export const DEMO_TENANT = '00000000-0000-4000-8000-0000000000a0';
export const DEMO_BOT = '28:00000000-0000-4000-8000-0000000000b0';

export interface DemoUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const DEMO: Record<string, DemoUser> = {
  dana: { id: '29:haven-demo-dana', aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Dana Hughes' },
  sam: { id: '29:haven-demo-sam', aadObjectId: '00000000-0000-4000-8000-000000000002', name: 'Sam Okafor' },
  priya: { id: '29:haven-demo-priya', aadObjectId: '00000000-0000-4000-8000-000000000003', name: 'Priya Shah' },
  tom: { id: '29:haven-demo-tom', aadObjectId: '00000000-0000-4000-8000-000000000004', name: 'Tom Reed' },
  alex: { id: '29:haven-demo-alex', aadObjectId: '00000000-0000-4000-8000-000000000005', name: 'Alex Moreno' },
  bea: { id: '29:haven-demo-bea', aadObjectId: '00000000-0000-4000-8000-000000000006', name: 'Bea Clarke' },
  chris: { id: '29:haven-demo-chris', aadObjectId: '00000000-0000-4000-8000-000000000007', name: 'Chris Lowe' },
  dev: { id: '29:haven-demo-dev', aadObjectId: '00000000-0000-4000-8000-000000000008', name: 'Dev Patel' },
  erin: { id: '29:haven-demo-erin', aadObjectId: '00000000-0000-4000-8000-000000000009', name: 'Erin Walsh' },
  femi: { id: '29:haven-demo-femi', aadObjectId: '00000000-0000-4000-8000-000000000010', name: 'Femi Adeyemi' },
  gus: { id: '29:haven-demo-gus', aadObjectId: '00000000-0000-4000-8000-000000000011', name: 'Gus Novak' },
  hana: { id: '29:haven-demo-hana', aadObjectId: '00000000-0000-4000-8000-000000000012', name: 'Hana Ito' },
  // Issue 14 part 2: the demo unit's welfare lead and TRiM practitioner (data/demo-roster.csv).
  wes: { id: '29:haven-demo-wes', aadObjectId: '00000000-0000-4000-8000-000000000013', name: 'Wes Lyle' },
  ira: { id: '29:haven-demo-ira', aadObjectId: '00000000-0000-4000-8000-000000000014', name: 'Ira Nolan' },
};

export const SUPERVISOR_CHANNEL = '19:haven-demo-supervisors@thread.tacv2';
export const TEAM_ID = '19:haven-demo-team-2@thread.tacv2';

export function personalChatId(user: DemoUser): string {
  return `a:personal-${user.id.slice(3)}`;
}

function base(serviceUrl: string, user: DemoUser) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: DEMO_BOT, name: 'Haven' },
    conversation: { id: personalChatId(user), conversationType: 'personal', tenantId: DEMO_TENANT },
    channelData: { tenant: { id: DEMO_TENANT } },
    locale: 'en-GB',
  };
}

export function installPersonal(serviceUrl: string, user: DemoUser, action: 'add' | 'remove' = 'add') {
  return { ...base(serviceUrl, user), type: 'installationUpdate', action };
}

export function message(serviceUrl: string, user: DemoUser, text: string) {
  return { ...base(serviceUrl, user), type: 'message', text, textFormat: 'plain' };
}

export function actionExecute(serviceUrl: string, user: DemoUser, verb: string, data: Record<string, unknown> = {}, replyToId = 'card-1') {
  return {
    ...base(serviceUrl, user),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
  };
}

export function inChannel<T extends ReturnType<typeof base>>(activity: T, channelId = SUPERVISOR_CHANNEL): T {
  return {
    ...activity,
    conversation: { id: `${channelId};messageid=${Date.now()}`, conversationType: 'channel', isGroup: true, tenantId: DEMO_TENANT },
    channelData: { tenant: { id: DEMO_TENANT }, team: { id: TEAM_ID }, channel: { id: channelId } },
  };
}

export function botAddedToTeam(serviceUrl: string, by: DemoUser) {
  return inChannel(
    {
      ...base(serviceUrl, by),
      type: 'conversationUpdate',
      membersAdded: [{ id: DEMO_BOT }],
      channelData: { tenant: { id: DEMO_TENANT }, team: { id: TEAM_ID }, eventType: 'teamMemberAdded' },
    } as ReturnType<typeof base>,
    TEAM_ID,
  );
}
