import { eventStoreContract } from '../testing';
import { createInMemoryEventStore } from './in-memory-event-store';

eventStoreContract('in-memory', async () => createInMemoryEventStore());
