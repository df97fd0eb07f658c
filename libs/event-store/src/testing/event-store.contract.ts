import type { EventStore } from '../event-store.port';
import { appendMultiContract } from './append-multi.contract';
import { appendContract } from './append.contract';
import type { ContractContext } from './contract-fixtures';
import { lifecycleContract } from './lifecycle.contract';
import { readContract } from './read.contract';
import { subscribeContract } from './subscribe.contract';

/**
 * The event-store contract, written once and run against every adapter. `open` returns a store (a new handle
 * to the same database is fine: tests isolate themselves with unique stream prefixes, so one EventStoreDB
 * server can host many runs); `close` cleans up after the suite (drop the schema, delete the file).
 */
export function eventStoreContract(name: string, open: () => Promise<EventStore>, close?: () => Promise<void>): void {
  describe(`EventStore contract: ${name}`, () => {
    let shared: EventStore | undefined;
    const ctx: ContractContext = {
      store: () => {
        if (!shared) throw new Error('contract store is not open');
        return shared;
      },
      open,
    };

    beforeAll(async () => {
      shared = await open();
    });
    afterAll(async () => {
      await shared?.close();
      await close?.();
    });

    describe('append', () => appendContract(ctx));
    describe('appendMulti', () => appendMultiContract(ctx));
    describe('read', () => readContract(ctx));
    describe('subscribe', () => subscribeContract(ctx));
    describe('checkpoints, payload, close', () => lifecycleContract(ctx));
  });
}
