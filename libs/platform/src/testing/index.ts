/** Test helper: a logger capturing its lines in memory. */
export { capturedLogger } from './captured-logger';
