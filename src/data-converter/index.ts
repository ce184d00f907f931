/** The one data converter of every bulkflow process: encryption, then the claim check, and encoded failures. */
export {
  buildDataConverter,
  codecServerCodecs,
  FAILURE_CONVERTER_PATH,
  keepsLargePayloads,
  payloadCodecsFor,
  readingCodecsFor,
  withoutClaimCheck,
} from './data-converter';
export type { PayloadProtection } from './data-converter';
