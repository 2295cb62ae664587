/**
 * One entry of the log (../shared/DESIGN.md "The log is the system of record"). Every entry is an
 * object with a stable `id` chosen by whoever creates it (appending it twice stores it once), a
 * `type` and the time `at` it was recorded. Workflow entries are the event-log lines of
 * ../shared/INTERFACES.md ("Event log export") plus their id; see the per-type schemas below.
 *
 * The envelope is what every backend relies on (it stores `id`, `type` and the JSON); the body
 * schemas are what the core and the renderer validate when an entry enters or leaves the log.
 */
import { z } from 'zod';

export const LogEntryEnvelopeSchema = z
  .object({
    id: z.string().min(1).max(300),
    type: z.string().min(1).max(40),
    at: z.iso.datetime({ offset: true }),
  })
  .passthrough();

export type LogEntry = z.infer<typeof LogEntryEnvelopeSchema>;
