import { tokenStoreContract } from '../testing';
import { MemoryTokenStore } from './memory-token-store';

tokenStoreContract('memory', async () => new MemoryTokenStore());
