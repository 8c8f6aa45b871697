import { defaultProjectId, findProject, type Project } from "../db/projectStore.ts";
import { findSession } from "../db/sessionStore.ts";
import { hasFault } from "../faults.ts";
import { ToolError, type ToolScope } from "./McpTool.ts";

/**
 * The project a project tool acts in. Session era: the MCP session's current project (an Assay
 * session row, so `GET /v1/sessions/:id` shows it too) — never a silent fall back to the default
 * project, unless the `mcp_session_default_project` fault is on for the caller. Stateless era:
 * the project inside `project_handle` when it was minted for this very user, else the default one.
 * @example const projectId = await currentProjectId(scope, args);
 */
export async function currentProjectId(
  scope: ToolScope,
  args: Record<string, unknown>,
  purpose: "act" | "report" = "act",
): Promise<string> {
  const { pool } = scope.services;
  const userId = scope.user.id;
  if (scope.era === "session") {
    const session = scope.session === null ? null : await findSession(pool, userId, scope.session.id);
    if (session === null)
      throw new ToolError("This session's project was deleted. Call switch_project to pick another one.");
    // The fault's shape is the real bug's: work lands in the default project while the session
    // still reports (current_project) the project it was switched to.
    if (purpose === "act" && hasFault(userId, "mcp_session_default_project"))
      return defaultProjectId(pool, userId);
    return session.project_id;
  }
  const handle = args.project_handle;
  if (typeof handle !== "string") return defaultProjectId(pool, userId);
  const projectId = scope.services.mcp.handles.open(userId, handle);
  if (projectId === null)
    throw new ToolError(
      "project_handle is not a handle of yours. Use one that create_project, switch_project or current_project returned to you.",
    );
  if ((await findProject(pool, userId, projectId)) === null)
    throw new ToolError(
      "The project of this project_handle was deleted. Call list_projects and switch_project.",
    );
  return projectId;
}

/**
 * The current project itself, as {@link currentProjectId} reports it.
 * @example const project = await currentProject(scope, args);
 */
export async function currentProject(scope: ToolScope, args: Record<string, unknown>): Promise<Project> {
  const projectId = await currentProjectId(scope, args, "report");
  const project = await findProject(scope.services.pool, scope.user.id, projectId);
  if (project === null) throw new ToolError("The current project no longer exists. Call switch_project.");
  return project;
}
