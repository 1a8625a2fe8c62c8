// The proxy's measures of issue 15, on the request shapes @azure/data-tables really sends: a query goes
// to `/{table}()` (an empty pair of parentheses), a point read names its keys inside them.
import assert from 'node:assert/strict';
import { isTableScan, sequentialRounds, type ProxiedRequest } from '../../support/storage-fault-proxy.ts';

const get = (path: string, query = ''): ProxiedRequest => ({
  method: 'GET',
  path,
  table: /^\/[^/]+\/([A-Za-z][A-Za-z0-9]*)/.exec(path)?.[1],
  write: false,
  query,
  startedAt: 0,
});

describe('storage proxy measures', () => {
  it('a query not pinned to one partition is a table scan; a point read or a partition query is not', () => {
    assert.equal(isTableScan(get('/devstoreaccount1/havenPeople()')), true, 'no filter at all');
    assert.equal(isTableScan(get('/devstoreaccount1/havenFlags()', "$filter=RowKey eq 'f1'")), true, 'RowKey without PartitionKey');
    assert.equal(isTableScan(get('/devstoreaccount1/havenOutbox()', "$filter=PartitionKey eq 'alert' and RowKey ge 'a'")), false);
    assert.equal(isTableScan(get("/devstoreaccount1/havenPeople(PartitionKey='a',RowKey='person')")), false);
    assert.equal(isTableScan(get('/devstoreaccount1/havenPeople(PartitionKey=%27a%27,RowKey=%27person%27)')), false);
    assert.equal(isTableScan(get('/devstoreaccount1/Tables')), false, 'listing tables is not a data scan');
    assert.equal(isTableScan({ ...get('/devstoreaccount1/havenPeople()'), method: 'POST', write: true }), false);
  });

  it('calls sent together count as one round; a call started after another ended is the next', () => {
    assert.equal(sequentialRounds([]), 0);
    assert.equal(
      sequentialRounds([
        { startedAt: 0, endedAt: 5 },
        { startedAt: 1, endedAt: 6 },
      ]),
      1,
    );
    assert.equal(
      sequentialRounds([
        { startedAt: 0, endedAt: 5 },
        { startedAt: 6, endedAt: 9 },
        { startedAt: 6, endedAt: 8 },
        { startedAt: 10, endedAt: 12 },
      ]),
      3,
    );
  });
});
