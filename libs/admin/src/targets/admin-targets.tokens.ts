import { Inject } from '@nestjs/common';

/** Injection token of the TargetRegistry the admin API manages. */
export const TARGET_REGISTRY = Symbol('TARGET_REGISTRY');
/** Injection token of the OutboundControl the control endpoints call. */
export const OUTBOUND_CONTROL = Symbol('OUTBOUND_CONTROL');

/** Parameter decorator injecting the TargetRegistry. */
export const InjectTargetRegistry = (): ParameterDecorator => Inject(TARGET_REGISTRY);
/** Parameter decorator injecting the OutboundControl. */
export const InjectOutboundControl = (): ParameterDecorator => Inject(OUTBOUND_CONTROL);
