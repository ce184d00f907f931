/** Asks the OS for a free TCP port on 127.0.0.1 (the metrics exporter of the worker needs it too). */
export { freePort } from '../metrics/free-port';
