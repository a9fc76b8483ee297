import type { CallRecorder } from './call-recorder.js';

/** Runs a gateway call; what it throws is recorded as the call's outcome, then thrown on. */
export async function withFailureRecorded<T>(
  recorder: CallRecorder,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    recorder.fail(error as Error);
    throw error;
  }
}
