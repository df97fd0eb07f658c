import type { Position } from '../event-store.port';
import { positionFromString, positionToString } from '../position';
import { BACKWARDS, END, type EventStoreDBClient, jsonEvent, StreamNotFoundError } from './esdb-client';

const EVENT_TYPE = 'CheckpointStored';

/**
 * Checkpoints as one stream per subscriber (`<prefix><id>`), newest event wins. The stream's $maxCount is set
 * to 1 when it is created so that scavenging keeps it at one event.
 */
export class EsdbCheckpoints {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly prefix: string,
  ) {}

  async load(subscriberId: string): Promise<Position | undefined> {
    try {
      const read = this.client.readStream(this.prefix + subscriberId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      for await (const resolved of read) {
        const data = resolved.event?.data as { position?: unknown } | undefined;
        if (typeof data?.position === 'string') return positionFromString(data.position);
      }
      return undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  async store(subscriberId: string, position: Position): Promise<void> {
    const stream = this.prefix + subscriberId;
    const result = await this.client.appendToStream(
      stream,
      jsonEvent({ type: EVENT_TYPE, data: { position: positionToString(position) } }),
    );
    if (result.nextExpectedRevision === 0n) await this.client.setStreamMetadata(stream, { maxCount: 1 });
  }
}
