/** Minimal workflows for experiments that settle how the SDK and server behave. */
import { proxyActivities } from '@temporalio/workflow';

export interface ProbeActivities {
  probe(failUntilAttempt: number, delayMs: number): Promise<{ attempt: number; carried: number }>;
}

const { probe } = proxyActivities<ProbeActivities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '30s', maximumAttempts: 50 },
});

export async function probeWorkflow(
  failUntilAttempt: number,
  delayMs: number,
): Promise<{ attempt: number; carried: number }> {
  return probe(failUntilAttempt, delayMs);
}
