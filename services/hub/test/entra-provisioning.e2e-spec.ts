// Every Entra request shape (ENTRA.md) against the built hub, once per store.
import { describeEntraProvisioning } from './support/entra-provisioning.suite';
import { forEachStore } from './support/e2e-stores';

forEachStore(describeEntraProvisioning);
