// Every Entra request shape against the built hub, once per store, and once on PostgreSQL with the read model
// fed from Kafka (HUB_BUS=kafka).
import { describeEntraProvisioning } from './support/entra-provisioning.suite';
import { forEachStore } from './support/e2e-stores';

forEachStore(describeEntraProvisioning, { kafka: true });
