/**
 * The audit decodes claim-checked and encrypted payloads of a recorded history before reading it, local-activity
 * markers and failures too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Payload } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { decodeHistory } from '../../../src/audit/decode-history';
import { historyFacts } from '../../../src/audit';
import { ClaimCheckCodec, FileBlobStore } from '../../../src/claim-check';
import { buildDataConverter } from '../../../src/data-converter';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import type { ProtoFailure } from '@temporalio/common';
import { fixtureHistory } from '../../helpers/fixture-histories';
import { masterKeys } from '../codec/keys';

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

  it('reads failures whose message is an encrypted payload, as recorded in plain text', async () => {
    const { history } = fixtureHistory('move-partial-throttled');
    const loaded = loadDataConverter(
      buildDataConverter({
        encryption: { masterKeys: masterKeys('k1'), tenantKeyDir: join(dir, 'keys'), fileMode: 'private' },
      }),
    );
    // As bulkflow's failure converter records them now: "Encoded failure", the message in an encrypted payload.
    const encodeFailure = async (failure: ProtoFailure): Promise<ProtoFailure> => {
      const attributes = loaded.payloadConverter.toPayload({ message: failure.message, stack_trace: '' });
      const [encrypted] = (await loaded.payloadCodecs[0]?.encode([attributes])) ?? [];
      return { ...failure, message: 'Encoded failure', encodedAttributes: encrypted ?? null };
    };
    const events = await Promise.all(
      (history.events ?? []).map(async (e) => {
        const started = e.activityTaskStartedEventAttributes;
        if (!started?.lastFailure) return e;
        return {
          ...e,
          activityTaskStartedEventAttributes: { ...started, lastFailure: await encodeFailure(started.lastFailure) },
        };
      }),
    );
    const encoded: History = { ...history, events };
    const retried = (facts: ReturnType<typeof historyFacts>) =>
      facts.flatMap((f) => (f.kind === 'activityStarted' && f.lastFailure ? [f.lastFailure.message] : []));

    expect(retried(historyFacts(history)).length).toBeGreaterThan(0);
    expect(new Set(retried(historyFacts(encoded)))).toEqual(new Set(['Encoded failure']));
    expect(historyFacts(await decodeHistory(encoded, loaded.payloadCodecs))).toEqual(historyFacts(history));
  });
});
