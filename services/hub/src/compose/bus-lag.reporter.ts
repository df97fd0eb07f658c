// Read-model lag when the read model is fed from Kafka: the log projector measures after each full batch,
// but Kafka batches have any size, so the backlog is measured at most once a second, always once more after
// the last batch (so the gauge does not stay at an old value when the consumer goes idle).
import type { EventStore, Position } from '@scim-hub/event-store';
import type { ProjectorLag } from '@scim-hub/read-model';

const PROBE_LIMIT = 1000;

/** Returns the function to call with each projected batch's last position. */
export function busLagReporter(store: EventStore, onLag: (lag: ProjectorLag) => void, intervalMs = 1000): (position: Position) => void {
  let latest: Position | undefined;
  let timer: NodeJS.Timeout | undefined;
  const measure = async () => {
    timer = undefined;
    const ahead = await store.readAll({ ...(latest ? { after: latest } : {}), maxCount: PROBE_LIMIT });
    const oldest = ahead[0] ? Date.parse(ahead[0].recordedAt) : Number.NaN;
    onLag({
      eventsBehind: ahead.length,
      eventsBehindCapped: ahead.length >= PROBE_LIMIT,
      secondsBehind: Number.isNaN(oldest) ? 0 : Math.max(0, (Date.now() - oldest) / 1000),
    });
  };
  return (position) => {
    latest = position;
    timer ??= setTimeout(() => void measure().catch(() => undefined), intervalMs);
    timer.unref();
  };
}
