import { can, type Permission, type Role } from "../../api/contracts/roles.ts";

/** Who is signed in; what they may do comes from the one role table the API enforces. */
export const session = {
  token: sessionStorage.getItem("workspace.token"),
  agent: JSON.parse(sessionStorage.getItem("workspace.agent") ?? "null") as { id: string; name: string; role: Role; merchant: string } | null,
};

export const may = (permission: Permission) => (session.agent ? can(session.agent.role, permission) : false);
