import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { parseEnv } from "../env.ts";
import { createProjectHandles } from "./projectHandle.ts";

const config = parseEnv({ ASSAY_JWT_SECRET: "s".repeat(40) });

test("a handle opens for the user it was minted for, and for nobody else", () => {
  const handles = createProjectHandles(config);
  const [alice, bob, project] = [randomUUID(), randomUUID(), randomUUID()];
  const handle = handles.mint(alice, project);
  assert.equal(handles.open(alice, handle), project);
  assert.equal(handles.open(alice.toUpperCase(), handle), project, "user ids compare case-insensitively");
  assert.equal(handles.open(bob, handle), null);
  assert.notEqual(handles.mint(alice, project), handle, "a fresh IV every time");
  assert.equal(handle.includes(project.replaceAll("-", "")), false);
});

test("a changed byte, garbage, or another service's secret opens nothing", () => {
  const handles = createProjectHandles(config);
  const other = createProjectHandles(parseEnv({ ASSAY_JWT_SECRET: "t".repeat(40) }));
  const user = randomUUID();
  const handle = handles.mint(user, randomUUID());
  const body = handle.slice(4);
  for (let i = 0; i < body.length; i += 7) {
    const flipped = `ph1_${body.slice(0, i)}${body[i] === "A" ? "B" : "A"}${body.slice(i + 1)}`;
    assert.equal(handles.open(user, flipped), null, `byte ${i}`);
  }
  for (const garbage of ["", "ph1_", "ph1_AAAA", `ph2_${body}`, "x".repeat(1000)])
    assert.equal(handles.open(user, garbage), null, garbage.slice(0, 20));
  assert.equal(other.open(user, handle), null);
  const shared = createProjectHandles(config);
  assert.notEqual(shared.open(user, handle), null, "instances sharing the secret share handles");
});
