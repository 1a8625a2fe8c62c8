// Issue 16: a small fictional tenant and its mapping files, shared by the roster sync's unit tests (over
// MemoryDirectory) and integration tests (over the fake Graph server). Two units: "response" (head Dana,
// above Ari) and "command" (head Ari). Object ids are fixed so tests can name them.
import type { FakeTenant } from '../../src/graph/fake-graph-server.ts';
import type { EntraMapping } from '../../src/features/roster-sync/index.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const ENTRA = {
  ari: id(1),
  dana: id(2),
  sam: id(3),
  olly: id(4),
  pat: id(5),
  cara: id(6),
  tom: id(7),
  responseMembers: id(101),
  responseNested: id(102),
  candidates: id(103),
  trainers: id(104),
  commandMembers: id(105),
  outsider: id(9),
} as const;

export function entraTenant(): FakeTenant {
  return {
    users: [
      { id: ENTRA.ari, userPrincipalName: 'Ari.Above@force.example', displayName: 'Ari Above' },
      { id: ENTRA.dana, userPrincipalName: 'dana.head@force.example', displayName: 'Dana Head', managerId: ENTRA.ari },
      { id: ENTRA.sam, userPrincipalName: 'sam.sup@force.example', displayName: 'Sam Sup', managerId: ENTRA.dana },
      { id: ENTRA.olly, userPrincipalName: 'olly.officer@force.example', displayName: 'Olly Officer', managerId: ENTRA.sam },
      { id: ENTRA.pat, userPrincipalName: 'pat.officer@force.example', displayName: 'Pat Officer', managerId: ENTRA.sam },
      { id: ENTRA.cara, userPrincipalName: 'cara.candidate@force.example', displayName: 'Cara Candidate', managerId: ENTRA.sam },
      { id: ENTRA.tom, userPrincipalName: 'tom.trainer@force.example', displayName: 'Tom Trainer', managerId: ENTRA.dana },
      { id: ENTRA.outsider, userPrincipalName: 'oscar.outside@force.example', displayName: 'Oscar Outside' },
    ],
    groups: [
      { id: ENTRA.responseMembers, displayName: 'Response unit', members: [ENTRA.dana, ENTRA.sam, ENTRA.olly, ENTRA.responseNested] },
      { id: ENTRA.responseNested, displayName: 'Response nested', members: [ENTRA.pat, ENTRA.cara, ENTRA.tom] },
      { id: ENTRA.candidates, displayName: 'Candidates', members: [ENTRA.cara] },
      { id: ENTRA.trainers, displayName: 'Trainers', members: [ENTRA.tom] },
      { id: ENTRA.commandMembers, displayName: 'Command', members: [ENTRA.ari] },
    ],
  };
}

export function entraMappings(): EntraMapping[] {
  return [
    {
      unit: { id: 'response', name: 'Response', channelId: '19:response@thread.tacv2', head: ENTRA.dana, above: ENTRA.ari },
      membersGroup: ENTRA.responseMembers,
      roleGroups: { candidate: ENTRA.candidates, trainer: ENTRA.trainers },
    },
    {
      unit: { id: 'command', name: 'Command', channelId: '19:command@thread.tacv2', head: ENTRA.ari },
      membersGroup: ENTRA.commandMembers,
      roleGroups: {},
    },
  ];
}
