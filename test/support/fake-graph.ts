// The fake Microsoft Graph the tests use lives in src/graph/fake-graph-server.ts, so `npm run graph:fake`
// starts the same server without importing test code. See that file for its endpoints and faults.
export {
  startFakeGraph,
  type AddAnswer,
  type FakeGraph,
  type FakeGraphOptions,
  type FakeGroup,
  type FakeTenant,
  type FakeUser,
  type FaultSpec,
  type GraphRequest,
} from '../../src/graph/fake-graph-server.ts';
