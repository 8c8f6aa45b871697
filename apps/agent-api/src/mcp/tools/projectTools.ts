import {
  deleteProject,
  findProject,
  insertProject,
  listProjects,
  type Project,
  renameProject,
} from "../../db/projectStore.ts";
import { switchSocketSession } from "../../db/sessionStore.ts";
import { currentProject } from "../currentProject.ts";
import { type McpTool, ToolError, type ToolScope } from "../McpTool.ts";
import { idArg, PROJECT, PROJECT_WITH_HANDLE, strictObject, textArg } from "../schemas.ts";

const NAME = textArg("The project's name.", 1, 200);
const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

function withHandle(scope: ToolScope, project: Project) {
  return { project, project_handle: scope.services.mcp.handles.mint(scope.user.id, project.id) };
}

async function ownedProject(scope: ToolScope, projectId: string): Promise<Project> {
  const project = await findProject(scope.services.pool, scope.user.id, projectId.toLowerCase());
  if (project === null) throw new ToolError(`No project with id ${projectId}. Call list_projects.`);
  return project;
}

/** Projects: create, list, rename, delete, switch, current. */
export const projectTools: McpTool[] = [
  {
    name: "create_project",
    title: "Create a project",
    description:
      "Creates a project. Returns it and its project_handle (stateless clients pass the handle on).",
    inProject: false,
    properties: { name: NAME },
    required: ["name"],
    output: PROJECT_WITH_HANDLE,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async (args, scope) =>
      withHandle(scope, await insertProject(scope.services.pool, scope.user.id, String(args.name))),
  },
  {
    name: "list_projects",
    title: "List projects",
    description: "Your projects, the default one first, then oldest first.",
    inProject: false,
    properties: {},
    required: [],
    output: strictObject({
      items: { type: "array", items: PROJECT },
      count: { type: "integer", minimum: 0 },
    }),
    annotations: readOnly,
    run: async (_args, scope) => {
      const items = await listProjects(scope.services.pool, scope.user.id);
      return { items, count: items.length };
    },
  },
  {
    name: "rename_project",
    title: "Rename a project",
    description: "Renames one of your projects.",
    inProject: false,
    properties: { project_id: idArg("project"), name: NAME },
    required: ["project_id", "name"],
    output: strictObject({ project: PROJECT }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (args, scope) => {
      const id = String(args.project_id).toLowerCase();
      const project = await renameProject(scope.services.pool, scope.user.id, id, String(args.name));
      if (project === null) throw new ToolError(`No project with id ${id}. Call list_projects.`);
      return { project };
    },
  },
  {
    name: "delete_project",
    title: "Delete a project",
    description:
      "Deletes a project with its conversations and contexts. The default project cannot be deleted.",
    inProject: false,
    properties: { project_id: idArg("project") },
    required: ["project_id"],
    output: strictObject({ deleted: { const: true }, project_id: { type: "string", format: "uuid" } }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    run: async (args, scope) => {
      const id = String(args.project_id).toLowerCase();
      const outcome = await deleteProject(scope.services.pool, scope.user.id, id);
      if (outcome === "default") throw new ToolError("The default project cannot be deleted.");
      if (outcome === "missing") throw new ToolError(`No project with id ${id}. Call list_projects.`);
      return { deleted: true, project_id: id };
    },
  },
  {
    name: "switch_project",
    title: "Switch project",
    description:
      "Makes a project the current one: of this MCP session (session clients), or returns its project_handle to pass to project tools (stateless clients).",
    inProject: false,
    properties: { project_id: idArg("project") },
    required: ["project_id"],
    output: PROJECT_WITH_HANDLE,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (args, scope) => {
      const project = await ownedProject(scope, String(args.project_id));
      if (scope.session !== null) {
        // Recreates the session row (same id) when deleting its project took it away.
        const switched = await switchSocketSession(
          scope.services.pool,
          scope.user.id,
          scope.session.id,
          project.id,
        );
        if (switched === null) throw new ToolError(`No project with id ${project.id}. Call list_projects.`);
      }
      return withHandle(scope, project);
    },
  },
  {
    name: "current_project",
    title: "Current project",
    description: "The project that project tools act in now, and its project_handle.",
    inProject: true,
    properties: {},
    required: [],
    output: PROJECT_WITH_HANDLE,
    annotations: readOnly,
    run: async (args, scope) => withHandle(scope, await currentProject(scope, args)),
  },
];
