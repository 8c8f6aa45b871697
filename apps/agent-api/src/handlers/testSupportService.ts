import { FAULT_NAMES, listFaults, setFault } from "../faults.ts";
import { HttpError } from "../http/HttpError.ts";
import type { Handler } from "../http/Route.ts";
import { isUuid, readFields } from "../http/readFields.ts";
import { requireTestUser } from "./caller.ts";

// The service describing itself to the suites: its route table, and the faults it is told to commit.

function invalid(message: string): HttpError {
  return new HttpError(400, "validation_failed", message);
}

/** `GET /v1/test-support/routes` → 200 `{items: [{method, pattern, auth}]}`, the route table itself. */
export const getRouteTable: Handler = async (ctx) => {
  const items = ctx.routes.map(({ method, pattern, auth }) => ({ method, pattern, auth }));
  return { status: 200, body: { items } };
};

/** `PUT /v1/test-support/faults` `{user_id, fault, enabled}` → 200 `{faults}` (all of them). */
export const putFault: Handler = async (ctx) => {
  const fields = readFields(ctx.body, {
    user_id: { required: true, min: 1, max: 100 },
    fault: { required: true, min: 1, max: 100 },
    enabled: { required: true, flag: true },
  });
  const userId = fields.user_id ?? "";
  if (!isUuid(userId)) throw invalid('Field "user_id" must be a UUID.');
  const fault = FAULT_NAMES.find((name) => name === fields.fault);
  if (fault === undefined) throw invalid(`Field "fault" must be one of ${FAULT_NAMES.join(", ")}.`);
  // Switching a fault on misbehaves for that user: test users only. Switching off is always safe.
  if (fields.enabled === true) await requireTestUser(ctx, userId);
  setFault(userId.toLowerCase(), fault, fields.enabled === true);
  return { status: 200, body: { faults: listFaults() } };
};

/** `GET /v1/test-support/faults` → 200 `{faults}`. */
export const getFaults: Handler = async () => ({ status: 200, body: { faults: listFaults() } });
