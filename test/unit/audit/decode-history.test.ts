/** The audit decodes claim-checked payloads of a recorded history before reading it, local-activity markers too. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Payload } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { decodeHistory } from '../../../src/audit/decode-history';
import { historyFacts } from '../../../src/audit';
import { ClaimCheckCodec, FileBlobStore } from '../../../src/claim-check';
import { fixtureHistory } from '../../helpers/fixture-histories';

describe('decodeHistory', () => {
  let dir: string;
  let codec: ClaimCheckCodec;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-decode-'));
    // A threshold so low that every payload goes to the store: each one the audit reads must come back.
    codec = new ClaimCheckCodec(new FileBlobStore(dir), 16);
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function encodeAll(history: History): Promise<History> {
    const encode = async (payloads: Payload[] | null | undefined) => ({ payloads: await codec.encode(payloads ?? []) });
    const events = await Promise.all(
      (history.events ?? []).map(async (e) => {
        const marker = e.markerRecordedEventAttributes;
        const completed = e.activityTaskCompletedEventAttributes;
        if (marker?.details) {
          const details: Record<string, { payloads: Payload[] }> = {};
          for (const [key, value] of Object.entries(marker.details)) details[key] = await encode(value.payloads);
          return { ...e, markerRecordedEventAttributes: { ...marker, details } };
        }
        if (completed?.result) {
          return {
            ...e,
            activityTaskCompletedEventAttributes: { ...completed, result: await encode(completed.result.payloads) },
          };
        }
        return e;
      }),
    );
    return { ...history, events };
  }

  it("reads local activities' results and activity results through the codec as recorded without it", async () => {
    const { history } = fixtureHistory('move-partial-throttled');
    const encoded = await encodeAll(history);
    expect(() => historyFacts(encoded)).toThrow(/Unknown encoding/);
    expect(historyFacts(await decodeHistory(encoded, [codec]))).toEqual(historyFacts(history));
  });
});
