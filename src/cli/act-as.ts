// The Agents Playground acts as one person only (its `currentUser`), and its UI cannot switch. To be
// Sam, Dana, Tom, Priya or Gus, `npm run demo -- as <name>` runs a second Playground whose config is
// the first one's with that person as the current user and a personal chat of their own.
import { z } from 'zod';

const user = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  userPrincipleName: z.string(),
  aadObjectId: z.string(),
  givenName: z.string().min(1),
  surname: z.string(),
  email: z.string(),
});
type PlaygroundUser = z.infer<typeof user>;

/** What the Playground answers on GET /_internal/v1/config (its yml, as it loaded it). */
const loaded = z.object({
  config: z.object({
    tenantId: z.string().min(1),
    bot: z.object({ id: z.string().min(1), name: z.string().min(1) }),
    currentUser: user,
    users: z.array(user),
    personalChat: z.object({ id: z.string().min(1) }),
    groupChats: z.array(z.object({ id: z.string().min(1), name: z.string() })).min(1),
    teams: z
      .array(
        z.object({
          id: z.string().min(1),
          name: z.string(),
          aadGroupId: z.string(),
          channels: z.array(z.object({ id: z.string().min(1), name: z.string() })),
        }),
      )
      .min(1),
  }),
});

export type LoadedPlaygroundConfig = z.infer<typeof loaded>['config'];

export function parseLoadedConfig(json: unknown): LoadedPlaygroundConfig {
  return loaded.parse(json).config;
}

/** Everyone the Playground knows, the person it acts as first. */
export function playgroundPeople(config: LoadedPlaygroundConfig): PlaygroundUser[] {
  return [config.currentUser, ...config.users];
}

export function findPerson(config: LoadedPlaygroundConfig, name: string): PlaygroundUser | undefined {
  const wanted = name.trim().toLowerCase();
  return playgroundPeople(config).find((u) => u.givenName.toLowerCase() === wanted || u.name.toLowerCase() === wanted);
}

function plain(u: PlaygroundUser): PlaygroundUser {
  const { id, name, userPrincipleName, aadObjectId, givenName, surname, email } = u;
  return { id, name, userPrincipleName, aadObjectId, givenName, surname, email };
}

/**
 * The Playground config (schema 0.1.1) with `person` as the current user. JSON is YAML, so the result
 * can be written out as the yml file as it is. The team's implicit General channel (its id is the
 * team id) is not listed, as in the yml.
 */
export function configActingAs(config: LoadedPlaygroundConfig, person: PlaygroundUser): Record<string, unknown> {
  const everyone = playgroundPeople(config);
  const team = config.teams[0]!;
  const group = config.groupChats[0]!;
  return {
    version: '0.1.1',
    tenantId: config.tenantId,
    bot: { id: config.bot.id, name: config.bot.name },
    currentUser: plain(person),
    users: everyone.filter((u) => u.id !== person.id).map(plain),
    // Teams gives every person their own chat with the bot; so does this Playground.
    personalChat: { id: `${config.personalChat.id}-${person.givenName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` },
    groupChat: { id: group.id, name: group.name },
    team: {
      id: team.id,
      name: team.name,
      aadGroupId: team.aadGroupId,
      channels: team.channels.filter((c) => c.id !== team.id).map((c) => ({ id: c.id, name: c.name })),
    },
  };
}

/** Each person gets their own port next to the first Playground's, so several can run at once. */
export function portFor(config: LoadedPlaygroundConfig, person: PlaygroundUser, firstPort: number): number {
  return firstPort + 1 + config.users.findIndex((u) => u.id === person.id);
}
