// `npm run demo -- as <name>`: the second Playground's config is the first one's with that person as
// the current user, the rest (the first current user included) as its five users, and a chat of its own.
import assert from 'node:assert/strict';
import { configActingAs, findPerson, parseLoadedConfig, portFor } from '../../../src/cli/act-as.ts';

function person(given: string, surname: string, n: string) {
  const slug = given.toLowerCase();
  return {
    id: `29:haven-demo-${slug}`,
    name: `${given} ${surname}`,
    userPrincipleName: `${slug}@example.test`,
    aadObjectId: `00000000-0000-4000-8000-0000000000${n}`,
    givenName: given,
    surname,
    email: `${slug}@example.test`,
  };
}

/** The shape GET /_internal/v1/config answers (Agents Playground 0.2.28), with extra keys it adds. */
const LOADED = {
  config: {
    tenantId: 'tenant-1',
    bot: { id: '28:bot', name: 'Haven' },
    currentUser: person('Alex', 'Moreno', '05'),
    users: [
      person('Sam', 'Okafor', '02'),
      person('Priya', 'Shah', '03'),
      person('Dana', 'Hughes', '01'),
      person('Tom', 'Reed', '04'),
      person('Gus', 'Novak', '11'),
    ],
    personalChat: { id: 'a:haven-demo-personal-chat', name: 'Personal Chat' },
    groupChats: [{ id: '19:group@thread.v2', name: 'Team 2 group chat', members: ['29:haven-demo-sam'] }],
    teams: [
      {
        id: '19:team@thread.tacv2',
        name: 'Team 2',
        aadGroupId: 'group-1',
        channels: [
          { id: '19:team@thread.tacv2', name: 'General', channelType: 'standard' },
          { id: '19:supervisors@thread.tacv2', name: 'Supervisors', channelType: 'standard' },
        ],
        members: [],
      },
    ],
  },
  internalConfig: { locale: 'en-US' },
};

describe('npm run demo -- as <name>', () => {
  const loaded = parseLoadedConfig(LOADED);

  it('finds a person by first or full name, in any case; an unknown name finds nobody', () => {
    assert.equal(findPerson(loaded, 'sam')?.id, '29:haven-demo-sam');
    assert.equal(findPerson(loaded, 'DANA')?.id, '29:haven-demo-dana');
    assert.equal(findPerson(loaded, 'Tom Reed')?.id, '29:haven-demo-tom');
    assert.equal(findPerson(loaded, 'alex')?.id, '29:haven-demo-alex');
    assert.equal(findPerson(loaded, 'bea'), undefined);
  });

  it('makes the person the current user, keeps six people, gives them their own chat and drops the implicit General channel', () => {
    const sam = findPerson(loaded, 'sam')!;
    const c = configActingAs(loaded, sam) as any;
    assert.equal(c.version, '0.1.1');
    assert.deepEqual(c.currentUser, LOADED.config.users[0]);
    assert.equal(c.users.length, 5, 'the Playground wants exactly five users');
    assert.ok(!c.users.some((u: { id: string }) => u.id === sam.id));
    assert.ok(
      c.users.some((u: { id: string }) => u.id === '29:haven-demo-alex'),
      'Alex becomes one of the users',
    );
    assert.deepEqual(c.personalChat, { id: 'a:haven-demo-personal-chat-sam' });
    assert.deepEqual(c.groupChat, { id: '19:group@thread.v2', name: 'Team 2 group chat' });
    assert.deepEqual(c.team, {
      id: '19:team@thread.tacv2',
      name: 'Team 2',
      aadGroupId: 'group-1',
      channels: [{ id: '19:supervisors@thread.tacv2', name: 'Supervisors' }],
    });
    // Only the schema's keys (the Playground refuses any other).
    assert.deepEqual(Object.keys(c).sort(), ['bot', 'currentUser', 'groupChat', 'personalChat', 'team', 'tenantId', 'users', 'version']);
    for (const u of [c.currentUser, ...c.users])
      assert.deepEqual(Object.keys(u).sort(), ['aadObjectId', 'email', 'givenName', 'id', 'name', 'surname', 'userPrincipleName']);
  });

  it('gives each person a port of their own next to the first Playground', () => {
    assert.equal(portFor(loaded, findPerson(loaded, 'sam')!, 56150), 56151);
    assert.equal(portFor(loaded, findPerson(loaded, 'gus')!, 56150), 56155);
  });

  it('refuses an answer that is not a Playground config', () => {
    assert.throws(() => parseLoadedConfig({ config: { tenantId: 'x' } }));
  });
});
