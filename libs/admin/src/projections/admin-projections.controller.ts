import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards, UsePipes, ValidationPipe } from '@nestjs/common';
import {
  ProjectionConflict,
  type ProjectionRunner,
  type ProjectionStatus,
  type StartedRebuild,
  UnknownProjection,
  parseReplayFrom,
} from '@scim-hub/event-store/projections';
import { ScimError, invalidValue, notFound } from '@scim-hub/scim';
import { AdminTokenGuard } from '../admin-token.guard';
import { ReplayProjectionDto } from './replay-projection.dto';

/** Injection token of the projection runner the hub composed. */
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');

/**
 * `/admin/projections`: status of every projection, rebuild (shadow copy, swapped in when caught up) and replay
 * — the same operations as `scim-hub projections`. Rebuild and replay answer 202 at once; their progress shows
 * in the status (`state: rebuilding`, `rebuild.applied`).
 */
@Controller('admin/projections')
@UseGuards(AdminTokenGuard)
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))
export class AdminProjectionsController {
  constructor(@Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner) {}

  @Get()
  async list(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.runner.statusAll() };
  }

  @Get(':name')
  status(@Param('name') name: string): Promise<ProjectionStatus> {
    return translated(() => this.runner.status(name));
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  rebuild(@Param('name') name: string): Promise<ProjectionStatus> {
    return translated(async () => this.started(name, this.runner.rebuild(name)));
  }

  @Post(':name/replay')
  @HttpCode(202)
  replay(@Param('name') name: string, @Body() body: ReplayProjectionDto): Promise<ProjectionStatus> {
    const from = parseReplayFrom(body.from.trim());
    if (!from) throw invalidValue('from must be 0, a log position <commit>:<prepare> or an ISO-8601 time');
    return translated(async () => this.started(name, await this.runner.replay(name, from)));
  }

  // The outcome is in the status and the log: a failed rebuild leaves the live copy serving.
  private started(name: string, started: StartedRebuild): Promise<ProjectionStatus> {
    started.finished.catch(() => undefined);
    return this.runner.status(name);
  }
}

async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnknownProjection) throw notFound(error.message);
    if (error instanceof ProjectionConflict) throw new ScimError(409, undefined, error.message);
    throw error;
  }
}
