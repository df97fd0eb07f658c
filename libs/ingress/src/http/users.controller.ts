import { Controller, UseGuards } from '@nestjs/common';
import { ScimBearerGuard } from '@scim-hub/access/nest';
import { ResourceController } from './resource.controller';

/** /scim/v2/Users (RFC 7644 §3; docs/entra-compatibility.md, endpoints). */
@Controller('scim/v2/Users')
@UseGuards(ScimBearerGuard)
export class UsersController extends ResourceController {
  protected readonly type = 'User' as const;
}
