import { capturedLogger } from '../testing';
import { PinoNestLogger } from './pino-nest.logger';

describe('PinoNestLogger', () => {
  it('maps Nest levels and context to pino', () => {
    const { logger, lines } = capturedLogger('debug');
    const nest = new PinoNestLogger(logger);
    nest.log('Mapped {/healthz, GET} route', 'RouterExplorer');
    nest.log('listening', 'Other');
    nest.warn('careful');
    nest.debug('details', 'Ctx');
    nest.error('failed', 'Error: failed\n    at x', 'ExceptionHandler');
    expect(lines.map((l) => [l['level'], l['msg'], l['context']])).toEqual([
      [20, 'Mapped {/healthz, GET} route', 'RouterExplorer'],
      [30, 'listening', 'Other'],
      [40, 'careful', undefined],
      [20, 'details', 'Ctx'],
      [50, 'failed', 'ExceptionHandler'],
    ]);
    expect(lines[4]['stack']).toContain('at x');
  });

  it('redacts tokens', () => {
    const { logger, lines } = capturedLogger();
    logger.info({ reqId: 'r-1', authorization: 'Bearer scimhub_secret', token: 'scimhub_secret' }, 'inside');
    expect(lines[0]).toMatchObject({ reqId: 'r-1', msg: 'inside', authorization: '[redacted]', token: '[redacted]' });
    expect(JSON.stringify(lines)).not.toContain('scimhub_secret');
  });
});
