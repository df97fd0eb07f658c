import { IsString, MaxLength } from 'class-validator';

/** Body of POST /admin/projections/{name}/replay. */
export class ReplayProjectionDto {
  /** `0`, a log position `<commit>:<prepare>`, or an ISO-8601 time: replay the events after it. */
  @IsString({ message: 'from must be a string: 0, a log position <commit>:<prepare> or an ISO-8601 time' })
  @MaxLength(64, { message: 'from must be at most 64 characters' })
  from!: string;
}
